#include "ui/TrainingPanel.h"

#include "ui/AppLog.h"
#include "ui/AppSettings.h"
#include "ui/BackgroundJob.h"
#include "ui/ErrorReporter.h"
#include "ui/Project.h"
#include "ui/TextDialog.h"
#include "ui/TrainingForm.h"
#include "ui/TrainingRunController.h"
#include "worker/TrainingHistory.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace ms {
namespace ui {

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent)
    , m_form(new TrainingForm)
    , m_run(new TrainingRunController)
{
    setObjectName("trainingPanel");
    m_formScroll = new QScrollArea(this);
    m_formScroll->setWidget(m_form);
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_formScroll->setObjectName("trainingForm");
    m_problem = new QLabel(this);
    m_problem->setObjectName("trainProblem");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet("color: #b3261e;");
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_formScroll, 1);
    leftLayout->addWidget(m_problem);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_run);
    split->setStretchFactor(1, 1);
    split->setSizes({400, 900});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_form, &TrainingForm::changed, this, &TrainingPanel::updateState);
    connect(m_form, &TrainingForm::modelNameEdited, this, &TrainingPanel::loadHistory);
    connect(m_form, &TrainingForm::checkDatasetClicked, this, &TrainingPanel::checkDataset);
    connect(m_run, &TrainingRunController::startRequested, this, &TrainingPanel::start);
    connect(m_run, &TrainingRunController::continueRequested, this, &TrainingPanel::resumeFrom);
    connect(m_run, &TrainingRunController::runningChanged, this, [this](bool running) {
        m_form->setEditable(!running);
        updateState();
        Q_EMIT runningChanged(running);
    });
    connect(m_run, &TrainingRunController::runStarted, this, &TrainingPanel::runStarted);
    connect(m_run, &TrainingRunController::runFinished, this, &TrainingPanel::runFinished);
    connect(m_run, &TrainingRunController::stepDone, this, &TrainingPanel::stepDone);
    connect(m_run, &TrainingRunController::validated, this, &TrainingPanel::validated);
    connect(m_run, &TrainingRunController::checkpointSaved, this, &TrainingPanel::checkpointSaved);
    connect(m_run, &TrainingRunController::samplePreviewShown, this, &TrainingPanel::samplePreviewShown);
    m_form->applyStageDefaults(ModelType::MattingBase);
    fitFormWidth();
}

TrainingPanel::~TrainingPanel() = default;

bool TrainingPanel::isRunning() const { return m_run->isRunning(); }
bool TrainingPanel::isPaused() const { return m_run->isPaused(); }
QString TrainingPanel::lastCheckpoint() const { return m_run->lastCheckpoint(); }
CurvePlot* TrainingPanel::lossPlot() const { return m_run->lossPlot(); }
CurvePlot* TrainingPanel::metricsPlot() const { return m_run->metricsPlot(); }
ImageView* TrainingPanel::sampleView() const { return m_run->sampleView(); }

void TrainingPanel::setProject(Project* project)
{
    m_project = project;
    m_run->reset();
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
    TrainConfig c = m_form->config();
    c.outputRoot = m_project ? m_project->outputRoot().toStdString() : std::string(".");
    c.device = AppSettings::device().toStdString();
    c.threads = AppSettings::threads();
    return c;
}

void TrainingPanel::setConfig(const TrainConfig& c) { m_form->setConfig(c); }

void TrainingPanel::applyStageDefaults(ModelType type) { m_form->applyStageDefaults(type); }

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
    const QString p = isRunning() ? QString() : problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
    m_run->setCanStart(p.isEmpty());
}

void TrainingPanel::start() { startWith({}); }

void TrainingPanel::resumeFrom(const QString& checkpoint)
{
    if (!checkpoint.isEmpty())
        startWith(checkpoint);
}

void TrainingPanel::startWith(const QString& resumeFrom)
{
    if (isRunning())
        return;
    const QString p = problem();
    if (!p.isEmpty()) {
        ErrorReporter::warning(this, tr("Cannot start training"), tr("The training settings need attention."), p);
        return;
    }
    storeState();
    m_run->start(config(), resumeFrom);
}

void TrainingPanel::pause() { m_run->pause(); }
void TrainingPanel::resumeRun() { m_run->resume(); }
void TrainingPanel::stop() { m_run->stop(); }
bool TrainingPanel::waitUntilStopped(int timeoutMs) { return m_run->waitUntilStopped(timeoutMs); }

void TrainingPanel::checkDataset()
{
    const TrainConfig c = m_form->config();
    const QString dataset = QString::fromStdString(c.dataset);
    if (dataset.isEmpty()) {
        ErrorReporter::warning(this, tr("No dataset"), tr("Choose a dataset folder (with dataset.json) first."));
        return;
    }
    m_form->setDatasetChecking(true);
    using Check = std::pair<bool, QString>;  // ok, report
    runInBackground<Check>(
        this,
        [dataset, batch = c.batchSize] {
            bool ok = false;
            const QString report = datasetCheckReport(dataset, batch, ok);
            return Check{ok, report};
        },
        [this, dataset](const Check& check, const QString& error) {
            m_form->setDatasetChecking(false);
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
    if (!m_project || isRunning())
        return;
    const QString folder = QDir(m_project->logFolder()).filePath(QString::fromStdString(m_form->config().modelName));
    const int request = ++m_historyRequest;  // only the newest request's answer is shown
    runInBackground<TrainingHistory>(
        this, [folder] { return readTrainingHistory(folder); },
        [this, request](const TrainingHistory& h, const QString& readError) {
            if (isRunning() || request != m_historyRequest)
                return;
            if (!readError.isEmpty())
                AppLog::warning(tr("The earlier training log could not be read: %1").arg(readError));
            m_run->showHistory(h);
            Q_EMIT historyLoaded(int(h.trainLoss.size()));
        });
}

void TrainingPanel::fitFormWidth()
{
    // Without a horizontal scroll bar the form must never be narrower than its texts need (they
    // change with the language).
    m_formScroll->setMinimumWidth(
        std::max(360, m_form->minimumSizeHint().width() + m_formScroll->verticalScrollBar()->sizeHint().width() + 4));
}

void TrainingPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The form and the run retranslate themselves; the problems are re-said in the new language.
        updateState();
        QTimer::singleShot(0, this, &TrainingPanel::fitFormWidth);  // once the form has its new texts
    }
    QWidget::changeEvent(event);
}

}  // namespace ui
}  // namespace ms
