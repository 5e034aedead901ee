#include "ui/RefineForm.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>

namespace ms {
namespace ui {

RefineForm::RefineForm(QWidget* parent, const QString& namePrefix)
    : QObject(parent)
{
    m_modeLabel = new QLabel(parent);
    m_mode = new QComboBox(parent);
    m_mode->setObjectName(namePrefix + "RefineMode");
    for (const char* mode : {"full", "sampling", "thresholding"})
        m_mode->addItem(QString(), QString(mode));
    m_mode->setCurrentIndex(1);
    m_samplePixelsLabel = new QLabel(parent);
    m_samplePixels = new QSpinBox(parent);
    m_samplePixels->setObjectName(namePrefix + "SamplePixels");
    m_samplePixels->setRange(1, 100000000);
    m_samplePixels->setSingleStep(10000);
    m_samplePixels->setValue(80000);
    m_samplePixels->setGroupSeparatorShown(true);
    m_thresholdLabel = new QLabel(parent);
    m_threshold = new QDoubleSpinBox(parent);
    m_threshold->setObjectName(namePrefix + "Threshold");
    m_threshold->setRange(0, 1);
    m_threshold->setSingleStep(0.05);
    m_threshold->setValue(0.1);
    m_scaleLabel = new QLabel(parent);
    m_scale = new QDoubleSpinBox(parent);
    m_scale->setObjectName(namePrefix + "BackboneScale");
    m_scale->setRange(0.05, 0.5);
    m_scale->setDecimals(3);
    m_scale->setSingleStep(0.125);
    m_scale->setValue(0.25);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_samplePixels, &QSpinBox::valueChanged, this, &RefineForm::changed);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &RefineForm::changed);
    connect(m_scale, &QDoubleSpinBox::valueChanged, this, &RefineForm::changed);
    updateEnabled();
}

void RefineForm::addTo(QGridLayout* grid, int row)
{
    grid->addWidget(m_modeLabel, row, 0);
    grid->addWidget(m_mode, row, 1, 1, 2);
    grid->addWidget(m_samplePixelsLabel, row + 1, 0);
    grid->addWidget(m_samplePixels, row + 1, 1, 1, 2);
    grid->addWidget(m_thresholdLabel, row + 2, 0);
    grid->addWidget(m_threshold, row + 2, 1, 1, 2);
    grid->addWidget(m_scaleLabel, row + 3, 0);
    grid->addWidget(m_scale, row + 3, 1, 1, 2);
}

void RefineForm::readInto(MattingSetup& setup) const
{
    setup.refineMode = m_mode->currentData().toString();
    setup.refineSamplePixels = m_samplePixels->value();
    setup.refineThreshold = m_threshold->value();
    setup.backboneScale = m_scale->value();
}

void RefineForm::load(const QJsonObject& s)
{
    const int mode = m_mode->findData(s.value("refine_mode").toString("sampling"));
    m_mode->setCurrentIndex(mode < 0 ? 1 : mode);
    m_samplePixels->setValue(s.value("refine_sample_pixels").toInt(80000));
    m_threshold->setValue(s.value("refine_threshold").toDouble(0.1));
    m_scale->setValue(s.value("backbone_scale").toDouble(0.25));
}

void RefineForm::store(QJsonObject& s) const
{
    s["refine_mode"] = m_mode->currentData().toString();
    s["refine_sample_pixels"] = m_samplePixels->value();
    s["refine_threshold"] = m_threshold->value();
    s["backbone_scale"] = m_scale->value();
}

void RefineForm::updateEnabled()
{
    m_samplePixels->setEnabled(m_mode->currentData() == "sampling");
    m_threshold->setEnabled(m_mode->currentData() == "thresholding");
}

void RefineForm::retranslate()
{
    m_modeLabel->setText(tr("Refine mode:"));
    m_mode->setItemText(0, tr("full (every pixel)"));
    m_mode->setItemText(1, tr("sampling (fixed pixel count)"));
    m_mode->setItemText(2, tr("thresholding (error above threshold)"));
    m_mode->setToolTip(tr("How the refiner picks the pixels it refines at full resolution (MattingRefine; a "
                          "MattingBase checkpoint ignores these settings)"));
    m_samplePixelsLabel->setText(tr("Sample pixels:"));
    m_thresholdLabel->setText(tr("Threshold:"));
    m_scaleLabel->setText(tr("Backbone scale:"));
    m_scale->setToolTip(tr("Resolution of the coarse pass relative to the image (MattingRefine)"));
}

}  // namespace ui
}  // namespace ms
