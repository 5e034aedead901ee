#include "ui/TrainingRunController.h"

#include "ui/AppLog.h"
#include "ui/CurvePlot.h"
#include "ui/ErrorReporter.h"
#include "ui/ImageView.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace ms {
namespace ui {
namespace {

QString duration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return QStringLiteral("–");
    const qint64 s = qRound64(seconds);
    return s >= 3600
               ? QString("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'))
               : QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

int progressValue(qlonglong v) { return int(std::min<qlonglong>(v, INT_MAX)); }

}  // namespace

TrainingRunController::TrainingRunController(QWidget* parent)
    : QWidget(parent)
    , m_worker(new TrainingWorker)
{
    setObjectName("trainingRun");
    buildLayout();
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName("training-worker");
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connectWorker();
    m_thread.start();
    retranslateUi();
}

TrainingRunController::~TrainingRunController()
{
    m_worker->resume();
    m_worker->stop();
    m_thread.quit();
    m_thread.wait();
}

void TrainingRunController::buildLayout()
{
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

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addLayout(stats);
    layout->addWidget(m_runWarning);
    layout->addWidget(m_tabs, 1);

    connect(m_start, &QPushButton::clicked, this, &TrainingRunController::startRequested);
    connect(m_pause, &QPushButton::clicked, this, [this] { m_paused ? resume() : pause(); });
    connect(m_stop, &QPushButton::clicked, this, &TrainingRunController::stop);
    connect(m_continue, &QPushButton::clicked, this, [this] { Q_EMIT continueRequested(m_lastCheckpoint); });
}

void TrainingRunController::connectWorker()
{
    connect(m_worker, &TrainingWorker::started, this, [this](const QString& name, qlonglong first, qlonglong total) {
        m_totalSteps = total;
        m_progress->setRange(0, progressValue(total));
        m_progress->setValue(progressValue(first));
        AppLog::info(tr("Training %1: steps %2 to %3").arg(name).arg(first).arg(total));
        m_runWarning->hide();
        m_runWarning->clear();
        // A stop asked for before the worker began this run went to the previous run's token.
        if (m_status == Status::Stopping)
            m_worker->stop();
        Q_EMIT runStarted(name);
    });
    connect(m_worker, &TrainingWorker::progress, this,
            [this](qlonglong step, qlonglong total, int epoch, double loss, double ips, double left) {
                m_totalSteps = total;
                m_progress->setMaximum(progressValue(total));
                m_progress->setValue(progressValue(step + 1));
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
        updateButtons();
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
        updateButtons();
    });
    connect(m_worker, &TrainingWorker::finished, this, &TrainingRunController::onFinished);
}

void TrainingRunController::start(const TrainConfig& config, const QString& resumeFrom)
{
    if (m_running)
        return;
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
    AppLog::info(resumeFrom.isEmpty() ? tr("Starting training of %1").arg(QString::fromStdString(config.modelName))
                                      : tr("Resuming training from %1").arg(QDir::toNativeSeparators(resumeFrom)));
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, config, resumeFrom] { w->start(config, resumeFrom); }, Qt::QueuedConnection);
}

void TrainingRunController::pause()
{
    if (m_running)
        m_worker->pause();
}

void TrainingRunController::resume()
{
    if (m_running)
        m_worker->resume();
}

void TrainingRunController::stop()
{
    if (!m_running)
        return;
    m_worker->resume();  // a paused run has to wake up to stop
    m_worker->stop();
    m_stop->setEnabled(false);
    m_status = Status::Stopping;
    updateStatusLabels();
}

bool TrainingRunController::waitUntilStopped(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_running && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return !m_running;
}

void TrainingRunController::setCanStart(bool canStart)
{
    m_canStart = canStart;
    updateButtons();
}

void TrainingRunController::reset()
{
    m_lastCheckpoint.clear();
    if (!m_running) {
        m_status = Status::Idle;
        m_step = -1;
        updateStatusLabels();
    }
    m_lossPlot->clearData();
    m_metricsPlot->clearData();
    m_samples->setImage({});
    updateButtons();
}

void TrainingRunController::showHistory(const TrainingHistory& h)
{
    m_lossPlot->clearData();
    m_metricsPlot->clearData();
    m_lossPlot->setPoints("loss", h.trainLoss);
    m_lossPlot->setPoints("valid", h.validLoss);
    for (auto it = h.metrics.cbegin(); it != h.metrics.cend(); ++it)
        if (m_metricsPlot->hasSeries(it.key()))
            m_metricsPlot->setPoints(it.key(), it.value());
}

void TrainingRunController::updateButtons()
{
    m_start->setEnabled(!m_running && m_canStart);
    m_pause->setEnabled(m_running);
    m_pause->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(m_paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_stop->setEnabled(m_running && m_status != Status::Stopping);
    m_continue->setEnabled(!m_running && !m_lastCheckpoint.isEmpty() && m_canStart);
}

void TrainingRunController::setRunning(bool running)
{
    m_running = running;
    if (!running)
        m_paused = false;
    updateButtons();
    Q_EMIT runningChanged(running);
}

void TrainingRunController::onFinished(TrainingWorker::RunEnd end, const QString& summary, const QString& error)
{
    m_status = end == TrainingWorker::RunEnd::Completed ? Status::Finished : Status::Stopped;
    setRunning(false);
    if (!summary.isEmpty())
        AppLog::info(summary);
    updateStatusLabels();
    if (end == TrainingWorker::RunEnd::Failed)
        ErrorReporter::error(this, tr("Training stopped"), tr("The training run ended with an error."), error);
    Q_EMIT runFinished(end, error);
}

void TrainingRunController::updateStatusLabels()
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
    const QString steps = tr("Step %1 / %2").arg(m_step + 1).arg(m_totalSteps);
    m_stepLabel->setText(m_status == Status::Running ? steps : progress ? status + " · " + steps : status);
    m_epochLabel->setText(progress ? tr("Epoch %1").arg(m_epoch) : QString());
    m_speedLabel->setText(progress ? tr("%1 images/s").arg(m_imagesPerSecond, 0, 'f', 2) : QString());
    m_etaLabel->setText(progress && m_status == Status::Running ? tr("%1 left").arg(duration(m_secondsLeft))
                                                                : QString());
}

void TrainingRunController::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TrainingRunController::retranslateUi()
{
    m_start->setText(tr("Start"));
    m_start->setToolTip(tr("Start a new training run with these settings"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Finish the current step, save a checkpoint and stop"));
    m_continue->setText(tr("Continue"));
    m_continue->setToolTip(tr("Resume exactly from the last checkpoint of this run"));
    updateStatusLabels();
    updateButtons();
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
}

}  // namespace ui
}  // namespace ms
