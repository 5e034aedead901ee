#pragma once
// The training settings as a form built from the settings table (ms::trainFields()): the stage and
// its defaults on top, then one group box per group with one editor per field, labelled, ranged and
// explained (tooltip) as the table says. Each editor is named "train.<json key>". The "Run" group
// (output folder, device, threads) is not in the form: the project and the application settings
// give it.
#include "worker/ValueTypes.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;

namespace ms {
namespace ui {

class TrainingForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainingForm(QWidget* parent = nullptr);

    // The stage's defaults with every field of the form as it reads now.
    TrainConfig config() const;
    void setConfig(const TrainConfig& config);
    // The stage's reference defaults; what names the run (name, data, weights, backbone, seed) stays.
    void applyStageDefaults(ModelType type);
    // Off while a run is going: the settings are then the run's.
    void setEditable(bool editable);
    // The dataset row's Check button: off and "Checking…" while a check runs.
    void setDatasetChecking(bool checking);

    // The editor of a field ("train.<key>"), for tests and focus.
    QWidget* editor(const std::string& key) const;

    static QString objectNameOf(const std::string& key) { return "train." + QString::fromStdString(key); }

Q_SIGNALS:
    void changed();  // any edit, stage change included
    void modelNameEdited();
    void checkDatasetClicked();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        const TrainField* field;
        QWidget* editor;
        QLabel* label;    // null for check boxes, which carry their own text
        QWidget* placed;  // what the layout holds: the editor, or its row with browse (and Check) buttons
    };
    QWidget* makeEditor(const TrainField& field);
    QWidget* withExtras(const TrainField& field, QWidget* editor);  // browse and Check buttons
    void retranslateUi();
    void updateEnabled();
    FieldValue valueOf(const Row& row) const;
    QString defaultsOf(const TrainField& field) const;  // the stage defaults, as a tooltip says them
    void show(const Row& row, const FieldValue& value);

    QMap<QString, Row> m_rows;  // by key
    QMap<QString, QGroupBox*> m_groups;
    QComboBox* m_stage = nullptr;
    QLabel* m_stageLabel = nullptr;
    QPushButton* m_defaults = nullptr;
    QPushButton* m_checkDataset = nullptr;
    bool m_editable = true, m_checking = false, m_loading = false;
};

}  // namespace ui
}  // namespace ms
