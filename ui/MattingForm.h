#pragma once
// What the Matting panel mattes, with what and where to: the network (checkpoint, a second one to
// compare with, refinement, background alignment), the sources paired with their captured
// backgrounds, and the outputs to save. Folders are listed and paired on a thread of their own
// after every change of sources or backgrounds; problem() says what still stops a preview or a save.
#include "worker/MattingWorker.h"

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QTreeWidget;

namespace ms {
namespace ui {

class RefineForm;

class MattingForm : public QWidget {
    Q_OBJECT
public:
    explicit MattingForm(QWidget* parent = nullptr);

    // The project's matting state ({} for none); the output folder defaults to `defaultOutputDir`.
    void load(const QJsonObject& state, const QString& defaultOutputDir);
    QJsonObject state() const;

    void setCheckpoint(const QString& path);
    QString checkpoint() const;
    void setCompareCheckpoint(const QString& path);  // empty: no comparison
    QString compareCheckpoint() const;
    void addSources(const QStringList& filesOrFolders);
    void clearSources();
    void setBackgrounds(const QString& fileOrFolder);
    // The sources paired with their backgrounds: empty while isScanning(); pairsChanged() follows.
    QList<MattePair> pairs() const { return m_pairs; }
    bool isScanning() const { return m_scanning; }
    void selectPair(int index);
    int currentPair() const;
    void setOutputDir(const QString& folder);
    void setOutputTypes(const QStringList& types);
    QStringList outputTypes() const;
    MattingSetup setup() const;  // with the application's device
    MatteSaveOptions saveOptions() const;
    // Empty when a preview (or, forSaving, a save) can run; else what is missing.
    QString problem(bool forSaving) const;

    // What the network panel says about the loaded network ("Not loaded." when empty).
    void setNetworkInfo(const QString& text);
    void setEditable(bool editable);  // off while matting

Q_SIGNALS:
    void changed();       // any setting that changes what a preview or save would do
    void pairsChanged();  // a scan ended (or there was nothing to scan)
    void currentPairChanged();
    void pairChosen();     // the user moved to another pair in the list
    void pairActivated();  // double-click or Enter on a pair

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildLayout();
    void connectBrowsing();
    void retranslateUi();
    void repair();
    void refreshPairList();

    QStringList m_sources;
    QString m_backgrounds;
    QList<MattePair> m_pairs;
    QString m_pairProblem;
    bool m_scanning = false;
    int m_scanGeneration = 0;  // the newest scan; results of older ones are dropped
    QString m_reselect;        // the source of the pair chosen before the scan
    QString m_networkText;     // about the loaded network; empty: none loaded

    // Network
    QGroupBox* m_networkBox;
    QLabel* m_checkpointLabel;
    QLineEdit* m_checkpoint;
    QToolButton* m_browseCheckpoint;
    QLabel* m_compareLabel;
    QLineEdit* m_compare;
    QToolButton* m_browseCompare;
    QLabel* m_networkInfo;
    RefineForm* m_refine;
    QCheckBox* m_align;
    // Images
    QGroupBox* m_imagesBox;
    QTreeWidget* m_pairList;
    QPushButton* m_addImages;
    QPushButton* m_addFolder;
    QPushButton* m_clear;
    QLabel* m_backgroundsLabel;
    QLineEdit* m_backgroundsEdit;
    QToolButton* m_browseBackgroundFile;
    QToolButton* m_browseBackgroundFolder;
    // Output
    QGroupBox* m_outputBox;
    QLabel* m_outputLabel;
    QLineEdit* m_output;
    QToolButton* m_browseOutput;
    QLabel* m_typesLabel;
    QList<QCheckBox*> m_types;  // com pha fgr err ref
    QLabel* m_formatLabel;
    QComboBox* m_format;
    QComboBox* m_depth;
    QLabel* m_targetLabel;
    QLineEdit* m_target;
};

}  // namespace ui
}  // namespace ms
