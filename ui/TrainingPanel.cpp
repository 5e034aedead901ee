#include "ui/TrainingPanel.h"

#include "ui/AppLog.h"
#include "ui/AppSettings.h"
#include "ui/BackgroundJob.h"
#include "ui/CurvePlot.h"
#include "ui/ErrorReporter.h"
#include "ui/ImageView.h"
#include "ui/Project.h"
#include "ui/TextDialog.h"
#include "worker/TrainingHistory.h"
#include "worker/TrainingWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace ms {
namespace ui {
namespace {

QSpinBox* spin(QWidget* parent, int min, int max, int step = 1)
{
    auto* s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setSingleStep(step);
    s->setGroupSeparatorShown(true);
    return s;
}

// A line edit with a browse button that picks a file or a folder.
QWidget* pathRow(QWidget* parent, QLineEdit* edit, bool folder, const QString& filter = {})
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QToolButton(row);
    browse->setIcon(parent->style()->standardIcon(folder ? QStyle::SP_DirOpenIcon : QStyle::SP_DialogOpenButton));
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    edit->setClearButtonEnabled(true);
    QObject::connect(browse, &QToolButton::clicked, edit, [edit, folder, filter] {
        const QString path = folder ? QFileDialog::getExistingDirectory(edit, QString(), edit->text())
                                    : QFileDialog::getOpenFileName(edit, QString(), edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(QDir::toNativeSeparators(path));
    });
    return row;
}

QString duration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return QStringLiteral("–");
    const qint64 s = qRound64(seconds);
    return s >= 3600
               ? QString("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'))
               : QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent)
    , m_worker(new TrainingWorker)
{
    setObjectName("trainingPanel");
    buildLayout();
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName("training-worker");
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::started, this, [this](const QString& name, qlonglong first, qlonglong total) {
        m_totalSteps = total;
        m_progress->setRange(0, int(std::min<qlonglong>(total, INT_MAX)));
        m_progress->setValue(int(first));
        AppLog::info(tr("Training %1: steps %2 to %3").arg(name).arg(first).arg(total));
        m_runWarning->hide();
        m_runWarning->clear();
        Q_EMIT runStarted(name);
    });
    connect(m_worker, &TrainingWorker::progress, this,
            [this](qlonglong step, qlonglong total, int epoch, double loss, double ips, double left) {
                m_totalSteps = total;
                m_progress->setMaximum(int(std::min<qlonglong>(total, INT_MAX)));
                m_progress->setValue(int(step + 1));
                if (m_status != Status::Stopping)
                    m_status = Status::Running;
                m_step = step;
                m_epoch = epoch;
                m_imagesPerSecond = ips;
                m_secondsLeft = left;
                updateStatusLabels();
                m_lossPlot->addPoint("loss", double(step), loss);
                Q_EMIT stepDone(step, total);
            });
    connect(m_worker, &TrainingWorker::validated, this,
            [this](qlonglong step, double loss, const QVariantMap& metrics) {
                m_lossPlot->addPoint("valid", double(step), loss);
                for (auto it = metrics.cbegin(); it != metrics.cend(); ++it)
                    if (m_metricsPlot->hasSeries(it.key()))
                        m_metricsPlot->addPoint(it.key(), double(step), it.value().toDouble());
                Q_EMIT validated(step, loss);
            });
    connect(m_worker, &TrainingWorker::checkpointSaved, this, [this](const QString& path, qlonglong step) {
        m_lastCheckpoint = path;
        AppLog::info(tr("Checkpoint saved at step %1: %2").arg(step).arg(QDir::toNativeSeparators(path)));
        updateState();
        Q_EMIT checkpointSaved(path);
    });
    connect(m_worker, &TrainingWorker::samplePreview, this, [this](qlonglong step, const QImage& image) {
        m_samples->setImage(image, tr("Step %1 — rows: predicted alpha, composite, ground truth").arg(step));
        Q_EMIT samplePreviewShown(step);
    });
    connect(m_worker, &TrainingWorker::info, this, [](const QString& text) { AppLog::info(text); });
    connect(m_worker, &TrainingWorker::warning, this, [this](const QString& text) {
        AppLog::warning(text);
        // The run's own warnings (an empty matte, slow data) stay in view above the curves.
        m_runWarning->setText(text);
        m_runWarning->show();
    });
    connect(m_worker, &TrainingWorker::pausedChanged, this, [this](bool paused) {
        m_paused = paused;
        updateState();
    });
    connect(m_worker, &TrainingWorker::finished, this, &TrainingPanel::onFinished);
    m_thread.start();
    retranslateUi();
    applyStageDefaults(ModelType::MattingBase);
}

TrainingPanel::~TrainingPanel()
{
    // Stop a run cleanly (it saves a checkpoint) before the thread goes away.
    m_worker->resume();
    m_worker->stop();
    m_thread.quit();
    m_thread.wait();
}

QLabel* TrainingPanel::label(const QString& id)
{
    QLabel*& l = m_labels[id];
    if (!l)
        l = new QLabel(this);
    return l;
}

void TrainingPanel::buildLayout()
{
    auto* form = new QWidget(this);
    auto* formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 6, 0);

    // Stage
    m_stage = new QComboBox(this);
    m_stage->setObjectName("trainStage");
    m_stage->addItem(QString(), int(ModelType::MattingBase));
    m_stage->addItem(QString(), int(ModelType::MattingRefine));
    m_defaults = new QPushButton(this);
    auto* stageRow = new QHBoxLayout;
    stageRow->addWidget(label("stage"));
    stageRow->addWidget(m_stage, 1);
    stageRow->addWidget(m_defaults);
    formLayout->addLayout(stageRow);

    // Model
    m_modelBox = new QGroupBox(this);
    auto* model = new QFormLayout(m_modelBox);
    m_modelName = new QLineEdit(this);
    m_modelName->setObjectName("trainModelName");
    m_backbone = new QComboBox(this);
    for (const char* b : {"resnet50", "resnet101", "mobilenetv2"})
        m_backbone->addItem(b, QString(b));
    m_scale = new QDoubleSpinBox(this);
    m_scale->setRange(0.01, 0.5);
    m_scale->setDecimals(3);
    m_scale->setSingleStep(0.125);
    m_refineMode = new QComboBox(this);
    for (const char* m : {"full", "sampling", "thresholding"})
        m_refineMode->addItem(m, QString(m));
    m_samplePixels = spin(this, 1, 100000000, 10000);
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setRange(0, 1);
    m_threshold->setSingleStep(0.05);
    m_kernel = new QComboBox(this);
    m_kernel->addItem("3", 3);
    m_kernel->addItem("1", 1);
    m_initCheckpoint = new QLineEdit(this);
    m_pretrain = new QLineEdit(this);
    model->addRow(label("name"), m_modelName);
    model->addRow(label("backbone"), m_backbone);
    model->addRow(label("scale"), m_scale);
    model->addRow(label("refineMode"), m_refineMode);
    model->addRow(label("samplePixels"), m_samplePixels);
    model->addRow(label("threshold"), m_threshold);
    model->addRow(label("kernel"), m_kernel);
    model->addRow(label("init"), pathRow(this, m_initCheckpoint, false, "*.pth *.safetensors"));
    model->addRow(label("pretrain"), pathRow(this, m_pretrain, false, "*.pth *.safetensors"));
    formLayout->addWidget(m_modelBox);

    // Data
    m_dataBox = new QGroupBox(this);
    auto* data = new QFormLayout(m_dataBox);
    m_dataset = new QLineEdit(this);
    m_dataset->setObjectName("trainDataset");
    m_checkDataset = new QPushButton(this);
    m_checkDataset->setObjectName("trainCheckDataset");
    m_trainSize = spin(this, 32, 8192, 32);
    m_trainSize->setObjectName("trainSize");
    m_batch = spin(this, 1, 1024);
    m_batch->setObjectName("trainBatch");
    m_workers = spin(this, 0, 256);
    m_validSamples = spin(this, 1, 100000);
    auto* datasetRow = new QWidget(this);
    auto* datasetLayout = new QHBoxLayout(datasetRow);
    datasetLayout->setContentsMargins(0, 0, 0, 0);
    datasetLayout->addWidget(pathRow(this, m_dataset, true), 1);
    datasetLayout->addWidget(m_checkDataset);
    data->addRow(label("dataset"), datasetRow);
    data->addRow(label("trainSize"), m_trainSize);
    data->addRow(label("batch"), m_batch);
    data->addRow(label("workers"), m_workers);
    data->addRow(label("validSamples"), m_validSamples);
    formLayout->addWidget(m_dataBox);

    m_augmentBox = new QGroupBox(this);
    auto* augment = new QGridLayout(m_augmentBox);
    const auto augmentations = augmentFields();
    for (size_t i = 0; i < augmentations.size(); ++i) {
        auto* box = new QCheckBox(this);
        m_augment.insert(QString::fromStdString(augmentations[i]->key), box);
        augment->addWidget(box, int(i / 2), int(i % 2));
    }
    formLayout->addWidget(m_augmentBox);

    // Schedule
    m_scheduleBox = new QGroupBox(this);
    auto* schedule = new QFormLayout(m_scheduleBox);
    m_epochStart = spin(this, 0, 100000);
    m_epochEnd = spin(this, 1, 100000);
    m_maxSteps = spin(this, 0, 2000000000, 100);
    m_maxSteps->setObjectName("trainMaxSteps");
    m_seed = spin(this, 0, INT_MAX);
    m_learningRate = new QDoubleSpinBox(this);
    m_learningRate->setObjectName("trainLearningRateScale");
    m_learningRate->setRange(0.01, 100);
    m_learningRate->setDecimals(2);
    m_learningRate->setSingleStep(0.5);
    m_learningRate->setSuffix(QStringLiteral(" ×"));
    m_amp = new QCheckBox(this);
    m_alphaThrough = new QCheckBox(this);
    m_cosine = new QCheckBox(this);
    m_cosine->setObjectName("trainLearningRateCosine");
    m_alphaThrough->setObjectName("trainAlphaGradientThrough");
    schedule->addRow(label("epochStart"), m_epochStart);
    schedule->addRow(label("epochEnd"), m_epochEnd);
    schedule->addRow(label("maxSteps"), m_maxSteps);
    schedule->addRow(label("seed"), m_seed);
    schedule->addRow(label("learningRate"), m_learningRate);
    schedule->addRow(QString(), m_cosine);
    schedule->addRow(QString(), m_alphaThrough);
    schedule->addRow(QString(), m_amp);
    formLayout->addWidget(m_scheduleBox);

    // Logging and checkpoints
    m_loggingBox = new QGroupBox(this);
    auto* logging = new QFormLayout(m_loggingBox);
    m_logLoss = spin(this, 1, 1000000);
    m_logImages = spin(this, 1, 1000000);
    m_logValid = spin(this, 1, 1000000);
    m_logValid->setObjectName("trainValidInterval");
    m_checkpointInterval = spin(this, 1, 1000000);
    m_checkpointInterval->setObjectName("trainCheckpointInterval");
    m_keepLast = spin(this, 0, 100000);
    m_keepBest = new QCheckBox(this);
    m_logPerEpoch = new QCheckBox(this);
    m_logPerEpoch->setObjectName("trainLogPerEpoch");
    logging->addRow(label("logLoss"), m_logLoss);
    logging->addRow(label("logImages"), m_logImages);
    logging->addRow(label("logValid"), m_logValid);
    logging->addRow(QString(), m_logPerEpoch);
    logging->addRow(label("checkpointInterval"), m_checkpointInterval);
    logging->addRow(label("keepLast"), m_keepLast);
    logging->addRow(QString(), m_keepBest);
    formLayout->addWidget(m_loggingBox);
    formLayout->addStretch();

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(360);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setObjectName("trainingForm");

    m_problem = new QLabel(this);
    m_problem->setObjectName("trainProblem");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet("color: #b3261e;");
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addWidget(m_problem);

    // Run controls
    m_start = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_start->setObjectName("trainStart");
    m_pause = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), QString(), this);
    m_pause->setObjectName("trainPause");
    m_stop = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), QString(), this);
    m_stop->setObjectName("trainStop");
    m_continue = new QPushButton(style()->standardIcon(QStyle::SP_MediaSeekForward), QString(), this);
    m_continue->setObjectName("trainContinue");
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("trainProgress");
    m_progress->setValue(0);
    m_stepLabel = new QLabel(this);
    m_epochLabel = new QLabel(this);
    m_speedLabel = new QLabel(this);
    m_etaLabel = new QLabel(this);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_start, m_pause, m_stop, m_continue})
        buttons->addWidget(b);
    buttons->addStretch();
    auto* stats = new QHBoxLayout;
    for (QLabel* l : {m_stepLabel, m_epochLabel, m_speedLabel, m_etaLabel})
        stats->addWidget(l);
    stats->addStretch();

    m_lossPlot = new CurvePlot(this);
    m_lossPlot->setObjectName("lossPlot");
    m_lossPlot->addSeries("loss", QColor(120, 170, 230));
    m_lossPlot->addSeries("smoothed", QColor(20, 80, 170));
    m_lossPlot->setSmoothed("smoothed", "loss", 0.9);
    m_lossPlot->addSeries("valid", QColor(220, 90, 30), true);
    m_metricsPlot = new CurvePlot(this);
    m_metricsPlot->setObjectName("metricsPlot");
    m_metricsPlot->addSeries("sad", QColor(200, 60, 60), true);
    m_metricsPlot->addSeries("mse", QColor(60, 140, 60), true);
    m_metricsPlot->addSeries("grad", QColor(60, 60, 200), true);
    m_metricsPlot->addSeries("conn", QColor(150, 80, 160), true);
    m_metricsPlot->setLogScale(true);
    m_samples = new ImageView(this);
    m_samples->setObjectName("trainSamples");
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_lossPlot, QString());
    m_tabs->addTab(m_metricsPlot, QString());
    m_tabs->addTab(m_samples, QString());

    m_runWarning = new QLabel(this);
    m_runWarning->setObjectName("trainRunWarning");
    m_runWarning->setWordWrap(true);
    m_runWarning->setStyleSheet("background: #fff4ce; color: #5c4400; border: 1px solid #e0c060; padding: 4px;");
    m_runWarning->hide();

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 0, 0, 0);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_progress);
    rightLayout->addLayout(stats);
    rightLayout->addWidget(m_runWarning);
    rightLayout->addWidget(m_tabs, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({400, 900});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    // Any edit re-checks the configuration.
    for (QSpinBox* s : findChildren<QSpinBox*>())
        connect(s, &QSpinBox::valueChanged, this, &TrainingPanel::updateState);
    for (QDoubleSpinBox* s : findChildren<QDoubleSpinBox*>())
        connect(s, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::updateState);
    for (QLineEdit* e : {m_modelName, m_dataset, m_initCheckpoint, m_pretrain})
        connect(e, &QLineEdit::textChanged, this, &TrainingPanel::updateState);
    for (QComboBox* c : {m_backbone, m_refineMode, m_kernel})
        connect(c, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateState);
    connect(m_stage, &QComboBox::activated, this,
            [this] { applyStageDefaults(static_cast<ModelType>(m_stage->currentData().toInt())); });
    connect(m_defaults, &QPushButton::clicked, this,
            [this] { applyStageDefaults(static_cast<ModelType>(m_stage->currentData().toInt())); });
    connect(m_modelName, &QLineEdit::editingFinished, this, &TrainingPanel::loadHistory);
    connect(m_checkDataset, &QPushButton::clicked, this, &TrainingPanel::checkDataset);
    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(m_pause, &QPushButton::clicked, this, [this] { m_paused ? resumeRun() : pause(); });
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(m_continue, &QPushButton::clicked, this, [this] { resumeFrom(m_lastCheckpoint); });
}

void TrainingPanel::setProject(Project* project)
{
    m_project = project;
    m_lastCheckpoint.clear();
    if (!m_running) {
        m_status = Status::Idle;
        m_step = -1;
        updateStatusLabels();
    }
    m_lossPlot->clearData();
    m_metricsPlot->clearData();
    m_samples->setImage({});
    if (!project) {
        updateState();
        return;
    }
    TrainConfig c = defaultTrainConfig(ModelType::MattingBase);
    try {
        if (!project->training().isEmpty())
            c = trainConfigFromJson(QJsonDocument(project->training()).toJson().toStdString());
    } catch (const Error& e) {
        ErrorReporter::warning(this, tr("Training settings reset"),
                               tr("The project's training settings could not be read; the defaults are shown."),
                               QString::fromStdString(e.what()));
    }
    if (c.dataset.empty() && !project->datasetPath().isEmpty())
        c.dataset = project->datasetPath().toStdString();
    if (project->training().value("model_name").toString().isEmpty())
        c.modelName = project->name().toStdString();
    setConfig(c);
    loadHistory();
}

void TrainingPanel::storeState()
{
    if (!m_project)
        return;
    const TrainConfig c = config();
    m_project->setTraining(QJsonDocument::fromJson(QByteArray::fromStdString(toJson(c))).object());
    if (!c.dataset.empty())
        m_project->setDatasetPath(QString::fromStdString(c.dataset));
}

TrainConfig TrainingPanel::config() const
{
    TrainConfig c = defaultTrainConfig(static_cast<ModelType>(m_stage->currentData().toInt()));
    c.model.backbone = *parseBackbone(m_backbone->currentData().toString().toStdString());
    c.model.backboneScale = m_scale->value();
    c.model.refineMode = *parseRefineMode(m_refineMode->currentData().toString().toStdString());
    c.model.refineSamplePixels = m_samplePixels->value();
    c.model.refineThreshold = m_threshold->value();
    c.model.refineKernelSize = m_kernel->currentData().toInt();
    c.modelName = m_modelName->text().trimmed().toStdString();
    c.lastCheckpoint = QDir::fromNativeSeparators(m_initCheckpoint->text().trimmed()).toStdString();
    c.pretrainInitialization = QDir::fromNativeSeparators(m_pretrain->text().trimmed()).toStdString();
    c.dataset = QDir::fromNativeSeparators(m_dataset->text().trimmed()).toStdString();
    c.outputRoot = m_project ? m_project->outputRoot().toStdString() : std::string(".");
    c.device = AppSettings::device().toStdString();
    c.threads = AppSettings::threads();
    c.trainSize = m_trainSize->value();
    c.batchSize = m_batch->value();
    c.numWorkers = m_workers->value();
    c.validSamples = m_validSamples->value();
    c.epochStart = m_epochStart->value();
    c.epochEnd = m_epochEnd->value();
    c.maxSteps = m_maxSteps->value();
    c.seed = static_cast<uint64_t>(m_seed->value());
    c.amp = m_amp->isChecked();
    c.learningRateScale = m_learningRate->value();
    c.alphaGradientThroughClamp = m_alphaThrough->isChecked();
    c.learningRateCosine = m_cosine->isChecked();
    c.logIntervalsPerEpoch = m_logPerEpoch->isChecked();
    c.logTrainLossInterval = m_logLoss->value();
    c.logTrainImagesInterval = m_logImages->value();
    c.logValidInterval = m_logValid->value();
    c.checkpointInterval = m_checkpointInterval->value();
    c.keepLast = m_keepLast->value();
    c.keepBest = m_keepBest->isChecked();
    for (const TrainField* f : augmentFields())
        f->set(c, m_augment[QString::fromStdString(f->key)]->isChecked());
    return c;
}

void TrainingPanel::setConfig(const TrainConfig& c)
{
    m_loadingForm = true;
    m_stage->setCurrentIndex(m_stage->findData(int(c.model.type)));
    m_backbone->setCurrentIndex(m_backbone->findData(QString::fromStdString(toString(c.model.backbone))));
    m_scale->setValue(c.model.backboneScale);
    m_refineMode->setCurrentIndex(m_refineMode->findData(QString::fromStdString(toString(c.model.refineMode))));
    m_samplePixels->setValue(c.model.refineSamplePixels);
    m_threshold->setValue(c.model.refineThreshold);
    m_kernel->setCurrentIndex(m_kernel->findData(c.model.refineKernelSize));
    m_modelName->setText(QString::fromStdString(c.modelName));
    m_initCheckpoint->setText(QDir::toNativeSeparators(QString::fromStdString(c.lastCheckpoint)));
    m_pretrain->setText(QDir::toNativeSeparators(QString::fromStdString(c.pretrainInitialization)));
    m_dataset->setText(QDir::toNativeSeparators(QString::fromStdString(c.dataset)));
    m_trainSize->setValue(c.trainSize);
    m_batch->setValue(c.batchSize);
    m_workers->setValue(c.numWorkers);
    m_validSamples->setValue(c.validSamples);
    m_epochStart->setValue(c.epochStart);
    m_epochEnd->setValue(c.epochEnd);
    m_maxSteps->setValue(int(std::min<int64_t>(c.maxSteps, INT_MAX)));
    m_seed->setValue(int(std::min<uint64_t>(c.seed, INT_MAX)));
    m_amp->setChecked(c.amp);
    m_learningRate->setValue(c.learningRateScale);
    m_alphaThrough->setChecked(c.alphaGradientThroughClamp);
    m_cosine->setChecked(c.learningRateCosine);
    m_logPerEpoch->setChecked(c.logIntervalsPerEpoch);
    m_logLoss->setValue(c.logTrainLossInterval);
    m_logImages->setValue(c.logTrainImagesInterval);
    m_logValid->setValue(c.logValidInterval);
    m_checkpointInterval->setValue(c.checkpointInterval);
    m_keepLast->setValue(c.keepLast);
    m_keepBest->setChecked(c.keepBest);
    for (const TrainField* f : augmentFields())
        m_augment[QString::fromStdString(f->key)]->setChecked(std::get<bool>(f->get(c)));
    m_loadingForm = false;
    updateState();
}

void TrainingPanel::applyStageDefaults(ModelType type)
{
    // The stage's reference defaults; what names the run (model, data, backbone) stays.
    TrainConfig c = defaultTrainConfig(type);
    const TrainConfig current = config();
    c.modelName = current.modelName;
    c.dataset = current.dataset;
    c.lastCheckpoint = current.lastCheckpoint;
    c.pretrainInitialization = current.pretrainInitialization;
    c.model.backbone = current.model.backbone;
    c.seed = current.seed;
    setConfig(c);
}

QString TrainingPanel::problem() const
{
    QStringList problems;
    const TrainConfig c = config();
    try {
        validate(c);
    } catch (const Error& e) {
        problems << QString::fromStdString(e.what());
    }
    const QString dataset = QString::fromStdString(c.dataset);
    if (!dataset.isEmpty()) {
        const QFileInfo info(dataset);
        if (!info.exists())
            problems << tr("The dataset %1 does not exist.").arg(QDir::toNativeSeparators(dataset));
        else if (info.isDir() && !QFileInfo::exists(QDir(dataset).filePath("dataset.json")))
            problems << tr("The dataset folder has no dataset.json.");
    }
    for (const auto& [path, what] : {std::pair{c.lastCheckpoint, tr("initial checkpoint")},
                                     std::pair{c.pretrainInitialization, tr("pretrained weights")}})
        if (!path.empty() && !QFileInfo(QString::fromStdString(path)).isFile())
            problems
                << tr("The %1 %2 does not exist.").arg(what, QDir::toNativeSeparators(QString::fromStdString(path)));
    if (!m_project)
        problems << tr("Open a project first: it holds the checkpoints and logs.");
    return problems.join('\n');
}

void TrainingPanel::updateState()
{
    if (m_loadingForm)
        return;
    const bool refine = m_stage->currentData().toInt() == int(ModelType::MattingRefine);
    for (QWidget* w : std::initializer_list<QWidget*>{m_scale, m_refineMode, m_samplePixels, m_threshold, m_kernel})
        w->setEnabled(refine && !m_running);
    m_samplePixels->setEnabled(refine && !m_running && m_refineMode->currentData() == "sampling");
    m_threshold->setEnabled(refine && !m_running && m_refineMode->currentData() == "thresholding");
    const QString p = m_running ? QString() : problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
    m_start->setEnabled(!m_running && p.isEmpty());
    m_pause->setEnabled(m_running);
    m_pause->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(m_paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_stop->setEnabled(m_running);
    m_continue->setEnabled(!m_running && !m_lastCheckpoint.isEmpty() && p.isEmpty());
    for (QWidget* w : std::initializer_list<QWidget*>{m_stage, m_defaults, m_modelName, m_backbone, m_initCheckpoint,
                                                      m_pretrain, m_dataBox, m_augmentBox, m_scheduleBox, m_loggingBox})
        w->setEnabled(!m_running);
}

void TrainingPanel::setRunning(bool running)
{
    m_running = running;
    if (!running)
        m_paused = false;
    updateState();
    Q_EMIT runningChanged(running);
}

void TrainingPanel::start() { startWith({}); }

void TrainingPanel::resumeFrom(const QString& checkpoint)
{
    if (checkpoint.isEmpty())
        return;
    startWith(checkpoint);
}

void TrainingPanel::startWith(const QString& resumeFrom)
{
    if (m_running)
        return;
    const QString p = problem();
    if (!p.isEmpty()) {
        ErrorReporter::warning(this, tr("Cannot start training"), tr("The training settings need attention."), p);
        return;
    }
    storeState();
    const TrainConfig c = config();
    if (resumeFrom.isEmpty()) {
        // A fresh run of the same model continues its curves only when resumed; else start clean.
        m_lossPlot->clearData();
        m_metricsPlot->clearData();
    }
    m_samples->setImage({});
    m_status = Status::Starting;
    m_step = -1;
    updateStatusLabels();
    setRunning(true);
    AppLog::info(resumeFrom.isEmpty() ? tr("Starting training of %1").arg(QString::fromStdString(c.modelName))
                                      : tr("Resuming training from %1").arg(QDir::toNativeSeparators(resumeFrom)));
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, c, resumeFrom] { w->start(c, resumeFrom); }, Qt::QueuedConnection);
}

void TrainingPanel::pause()
{
    if (m_running)
        m_worker->pause();
}

void TrainingPanel::resumeRun()
{
    if (m_running)
        m_worker->resume();
}

void TrainingPanel::stop()
{
    if (!m_running)
        return;
    m_worker->resume();  // a paused run has to wake up to stop
    m_worker->stop();
    m_stop->setEnabled(false);
    m_status = Status::Stopping;
    updateStatusLabels();
}

bool TrainingPanel::waitUntilStopped(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_running && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return !m_running;
}

void TrainingPanel::onFinished(TrainingWorker::RunEnd end, const QString& summary, const QString& error)
{
    setRunning(false);
    if (!summary.isEmpty())
        AppLog::info(summary);
    m_status = end == TrainingWorker::RunEnd::Completed ? Status::Finished : Status::Stopped;
    updateStatusLabels();
    if (end == TrainingWorker::RunEnd::Failed)
        ErrorReporter::error(this, tr("Training stopped"), tr("The training run ended with an error."), error);
    Q_EMIT runFinished(end, error);
}

void TrainingPanel::checkDataset()
{
    const QString dataset = QDir::fromNativeSeparators(m_dataset->text().trimmed());
    if (dataset.isEmpty()) {
        ErrorReporter::warning(this, tr("No dataset"), tr("Choose a dataset folder (with dataset.json) first."));
        return;
    }
    m_checkDataset->setEnabled(false);
    m_checkDataset->setText(tr("Checking…"));
    using Check = std::pair<bool, QString>;  // ok, report
    runInBackground<Check>(
        this,
        [dataset, batch = m_batch->value()] {
            bool ok = false;
            const QString report = datasetCheckReport(dataset, batch, ok);
            return Check{ok, report};
        },
        [this, dataset](const Check& check, const QString& error) {
            m_checkDataset->setEnabled(true);
            retranslateUi();
            const auto& [ok, report] = check;
            if (!error.isEmpty()) {
                m_datasetReport = error;
                ErrorReporter::error(this, tr("Dataset check failed"),
                                     tr("%1 could not be read as a dataset.").arg(QDir::toNativeSeparators(dataset)),
                                     error);
                Q_EMIT datasetChecked(false, error);
                return;
            }
            m_datasetReport = report;
            auto* dialog = new TextDialog(
                ok ? tr("Dataset check: ready for training") : tr("Dataset check: problems found"), report, this);
            dialog->setObjectName("datasetCheckDialog");
            dialog->show();
            (ok ? AppLog::info(tr("Dataset check of %1: ready").arg(dataset))
                : AppLog::warning(tr("Dataset check of %1 found problems").arg(dataset)));
            Q_EMIT datasetChecked(ok, report);
        });
}

void TrainingPanel::loadHistory()
{
    if (!m_project || m_running)
        return;
    const QString folder = QDir(m_project->logFolder()).filePath(m_modelName->text().trimmed());
    const int request = ++m_historyRequest;  // only the newest request's answer is shown
    runInBackground<TrainingHistory>(
        this, [folder] { return readTrainingHistory(folder); },
        [this, request](const TrainingHistory& h, const QString& readError) {
            if (m_running || request != m_historyRequest)
                return;
            if (!readError.isEmpty())
                AppLog::warning(tr("The earlier training log could not be read: %1").arg(readError));
            m_lossPlot->clearData();
            m_metricsPlot->clearData();
            m_lossPlot->setPoints("loss", h.trainLoss);
            m_lossPlot->setPoints("valid", h.validLoss);
            for (auto it = h.metrics.cbegin(); it != h.metrics.cend(); ++it)
                if (m_metricsPlot->hasSeries(it.key()))
                    m_metricsPlot->setPoints(it.key(), it.value());
            Q_EMIT historyLoaded(int(h.trainLoss.size()));
        });
}

void TrainingPanel::updateStatusLabels()
{
    QString status;
    switch (m_status) {
    case Status::Idle: status = tr("Idle"); break;
    case Status::Starting: status = tr("Starting…"); break;
    case Status::Stopping: status = tr("Stopping after this step…"); break;
    case Status::Finished: status = tr("Finished"); break;
    case Status::Stopped: status = tr("Stopped"); break;
    case Status::Running: break;
    }
    const bool progress = m_step >= 0;
    m_stepLabel->setText(m_status == Status::Running ? tr("Step %1 / %2").arg(m_step + 1).arg(m_totalSteps)
                         : progress ? status + " · " + tr("Step %1 / %2").arg(m_step + 1).arg(m_totalSteps)
                                    : status);
    m_epochLabel->setText(progress ? tr("Epoch %1").arg(m_epoch) : QString());
    m_speedLabel->setText(progress ? tr("%1 images/s").arg(m_imagesPerSecond, 0, 'f', 2) : QString());
    m_etaLabel->setText(progress && m_status == Status::Running ? tr("%1 left").arg(duration(m_secondsLeft))
                                                                : QString());
}

void TrainingPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TrainingPanel::retranslateUi()
{
    label("stage")->setText(tr("Stage:"));
    m_stage->setItemText(0, tr("Base (MattingBase, coarse network)"));
    m_stage->setItemText(1, tr("Refine (MattingRefine, full resolution)"));
    m_defaults->setText(tr("Stage defaults"));
    m_defaults->setToolTip(tr("Reset sizes, intervals and refinement to the reference's defaults for this stage"));
    m_modelBox->setTitle(tr("Model"));
    label("name")->setText(tr("Model name:"));
    m_modelName->setToolTip(tr("Checkpoints go to checkpoint/<name>/, logs to log/<name>/"));
    label("backbone")->setText(tr("Backbone:"));
    label("scale")->setText(tr("Backbone scale:"));
    label("refineMode")->setText(tr("Refine mode:"));
    label("samplePixels")->setText(tr("Sample pixels:"));
    label("threshold")->setText(tr("Threshold:"));
    label("kernel")->setText(tr("Refiner kernel:"));
    label("init")->setText(tr("Initial weights:"));
    m_initCheckpoint->setPlaceholderText(tr("optional: warm start from a checkpoint"));
    label("pretrain")->setText(tr("Pretrained backbone:"));
    m_pretrain->setPlaceholderText(tr("optional: DeepLabV3 / torchvision weights"));
    m_dataBox->setTitle(tr("Data"));
    label("dataset")->setText(tr("Dataset:"));
    m_dataset->setPlaceholderText(tr("folder with dataset.json"));
    if (m_checkDataset->isEnabled())
        m_checkDataset->setText(tr("Check"));
    m_checkDataset->setToolTip(tr("Look through the dataset's files and report what the engine finds"));
    label("trainSize")->setText(tr("Training size (px):"));
    m_trainSize->setToolTip(tr("Random crops between half and this size"));
    label("batch")->setText(tr("Batch size:"));
    label("workers")->setText(tr("Loader threads:"));
    label("validSamples")->setText(tr("Validation samples:"));
    m_augmentBox->setTitle(tr("Augmentation"));
    for (const TrainField* f : augmentFields())  // labels from the settings table, translated here
        m_augment[QString::fromStdString(f->key)]->setText(
            QCoreApplication::translate("ms::ui::TrainingPanel", f->label.c_str()));
    m_scheduleBox->setTitle(tr("Schedule"));
    label("epochStart")->setText(tr("First epoch:"));
    label("epochEnd")->setText(tr("End epoch (exclusive):"));
    label("maxSteps")->setText(tr("Max steps:"));
    m_maxSteps->setSpecialValueText(tr("no limit"));
    label("seed")->setText(tr("Seed:"));
    label("learningRate")->setText(tr("Learning rate:"));
    m_learningRate->setToolTip(tr("A multiple of the reference's per-module learning rates (1: the reference's)"));
    m_cosine->setText(tr("Cosine decay of the learning rate to the last step"));
    m_alphaThrough->setText(tr("Alpha gradient through the clamp"));
    m_alphaThrough->setToolTip(tr("The alpha losses keep their gradient where the [0, 1] clamp cuts the output off, "
                                  "so a run cannot get stuck predicting an empty matte. Off: the reference's clamp"));
    m_amp->setText(tr("Mixed precision (CUDA)"));
    m_loggingBox->setTitle(tr("Logging and checkpoints"));
    label("logLoss")->setText(tr("Log loss every (steps):"));
    label("logImages")->setText(tr("Sample images every:"));
    label("logValid")->setText(tr("Validate every:"));
    m_logPerEpoch->setText(tr("Count intervals per epoch (as the reference)"));
    m_logPerEpoch->setToolTip(tr("Intervals count batches within each epoch, restarting every epoch, instead of steps "
                                 "since the start: an interval longer than an epoch then never comes"));
    label("checkpointInterval")->setText(tr("Checkpoint every:"));
    label("keepLast")->setText(tr("Keep newest:"));
    m_keepLast->setSpecialValueText(tr("all"));
    m_keepBest->setText(tr("Also keep the best checkpoint (best.pth)"));
    m_start->setText(tr("Start"));
    m_start->setToolTip(tr("Start a new training run with these settings"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Finish the current step, save a checkpoint and stop"));
    m_continue->setText(tr("Continue"));
    m_continue->setToolTip(tr("Resume exactly from the last checkpoint of this run"));
    updateStatusLabels();
    m_tabs->setTabText(0, tr("Loss"));
    m_tabs->setTabText(1, tr("Validation metrics"));
    m_tabs->setTabText(2, tr("Samples"));
    m_lossPlot->setSeriesLabel("loss", tr("training loss"));
    m_lossPlot->setSeriesLabel("smoothed", tr("smoothed"));
    m_lossPlot->setSeriesLabel("valid", tr("validation loss"));
    m_lossPlot->setAxisLabels(tr("step"), tr("loss"));
    m_metricsPlot->setSeriesLabel("sad", tr("SAD"));
    m_metricsPlot->setSeriesLabel("mse", tr("MSE"));
    m_metricsPlot->setSeriesLabel("grad", tr("Gradient"));
    m_metricsPlot->setSeriesLabel("conn", tr("Connectivity"));
    m_metricsPlot->setAxisLabels(tr("step"), tr("metric (validation)"));
    m_samples->setPlaceholder(tr("Sample predictions appear here during training."));
    updateState();
    // Without a horizontal scroll bar the form must never be narrower than its texts need (they
    // change with the language).
    if (auto* scroll = findChild<QScrollArea*>("trainingForm"))
        scroll->setMinimumWidth(scroll->widget()->minimumSizeHint().width() +
                                scroll->verticalScrollBar()->sizeHint().width() + 4);
}

}  // namespace ui
}  // namespace ms
