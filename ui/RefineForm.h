#pragma once
// The refinement settings of a MattingRefine network (refine mode, sample pixels, threshold,
// backbone scale) as the Matting and Live panels show them: four rows added to the caller's grid,
// so they line up with its other fields, read into and out of a MattingSetup and the project file.
#include "worker/MattingWorker.h"

#include <QJsonObject>
#include <QObject>

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QSpinBox;

namespace ms {
namespace ui {

class RefineForm : public QObject {
    Q_OBJECT
public:
    // Widgets are children of `parent`; object names start with `namePrefix` ("matting" gives
    // mattingRefineMode, mattingSamplePixels, mattingThreshold, mattingBackboneScale).
    RefineForm(QWidget* parent, const QString& namePrefix);

    void addTo(QGridLayout* grid, int firstRow);  // four rows, fields across columns 1-2
    void readInto(MattingSetup& setup) const;
    void load(const QJsonObject& state);  // the project's keys, defaults where missing
    void store(QJsonObject& state) const;
    void retranslate();

Q_SIGNALS:
    void changed();

private:
    void updateEnabled();

    QLabel* m_modeLabel;
    QComboBox* m_mode;
    QLabel* m_samplePixelsLabel;
    QSpinBox* m_samplePixels;
    QLabel* m_thresholdLabel;
    QDoubleSpinBox* m_threshold;
    QLabel* m_scaleLabel;
    QDoubleSpinBox* m_scale;
};

}  // namespace ui
}  // namespace ms
