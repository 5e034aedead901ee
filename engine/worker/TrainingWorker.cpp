#include "worker/TrainingWorker.h"

#include "core/Allocator.h"
#include "core/Error.h"
#include "train/Trainer.h"

#include <opencv2/core.hpp>

#include <atomic>

namespace ms {

struct TrainingWorker::State {
    std::shared_ptr<CancelToken> cancel = std::make_shared<CancelToken>();
    PauseGate pause;
    std::atomic<bool> running{false};
};

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
    , m_state(std::make_unique<State>())
{}

TrainingWorker::~TrainingWorker() = default;

bool TrainingWorker::isRunning() const { return m_state->running.load(); }
bool TrainingWorker::isPaused() const { return m_state->pause.isPaused(); }
bool TrainingWorker::isHoldingAtPause() const { return m_state->pause.isHolding(); }

void TrainingWorker::pause()
{
    if (!m_state->pause.isPaused()) {
        m_state->pause.setPaused(true);
        Q_EMIT pausedChanged(true);
    }
}

void TrainingWorker::resume()
{
    if (m_state->pause.isPaused()) {
        m_state->pause.setPaused(false);
        Q_EMIT pausedChanged(false);
    }
}

void TrainingWorker::stop() { m_state->cancel->cancel(); }

void TrainingWorker::start(const TrainConfig& config, const QString& resumeFrom)
{
    if (m_state->running.exchange(true)) {
        Q_EMIT warning(tr("A training run is already in progress."));
        return;
    }
    m_state->cancel = std::make_shared<CancelToken>();
    m_state->pause.setPaused(false);

    TrainerEvents events;
    events.started = [this](const std::string& name, int64_t first, int64_t total) {
        Q_EMIT started(QString::fromStdString(name), first, total);
    };
    events.step = [this](const StepReport& r) {
        Q_EMIT progress(r.step, r.totalSteps, r.epoch, r.loss, r.imagesPerSecond, r.secondsLeft);
    };
    events.validated = [this](const ValidationReport& v) {
        QVariantMap metrics;
        for (const auto& [name, value] : v.metrics)
            metrics.insert(QString::fromStdString(name), value);
        Q_EMIT validated(v.step, v.loss, metrics);
    };
    events.checkpointSaved = [this](const std::string& path, int64_t step) {
        Q_EMIT checkpointSaved(QString::fromStdString(path), step);
    };
    events.preview = [this](int64_t step, const cv::Mat& rgb) {
        // Deep copy: the signal is queued to the GUI thread after the Mat is gone.
        const QImage image(rgb.data, rgb.cols, rgb.rows, static_cast<qsizetype>(rgb.step), QImage::Format_RGB888);
        Q_EMIT samplePreview(step, image.copy());
    };
    events.info = [this](const std::string& text) { Q_EMIT info(QString::fromStdString(text)); };
    events.warning = [this](const std::string& text) { Q_EMIT warning(QString::fromStdString(text)); };

    RunEnd end = RunEnd::Failed;
    QString summary, error;
    try {
        Trainer trainer(config, std::move(events));
        if (!resumeFrom.isEmpty())
            trainer.resumeFrom(resumeFrom.toStdString());
        const TrainResult result = trainer.run(*m_state->cancel, m_state->pause);
        end = result.completed ? RunEnd::Completed : RunEnd::Stopped;
        summary = QString::fromStdString(result.summary);
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
        if (error.isEmpty())
            error = tr("The training run failed without saying why.");
    }
    releaseFreeMemory();  // the run's tensors were kept for reuse while it ran
    m_state->running = false;
    m_state->pause.setPaused(false);
    Q_EMIT finished(end, summary, error);
}

}  // namespace ms
