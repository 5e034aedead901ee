#pragma once
// Runs a training job on the thread this object lives on (move it to a QThread), reporting through
// signals. Torch-free header: the GUI includes it.
//
// Use: worker->moveToThread(&thread); thread.start(); then
//   QMetaObject::invokeMethod(worker, [=] { worker->start(config); }, Qt::QueuedConnection);
// pause(), resume() and stop() are thread-safe and take effect at the next step: call them
// directly from any thread (the worker's own event loop is busy while training).
#include "worker/ValueTypes.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <memory>

namespace ms {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    // Why a run ended: all its steps done, stopped by the user (a checkpoint of the last step was
    // saved), or an error (the `error` text of finished() says what, and names the last good
    // checkpoint when there is one).
    enum class RunEnd { Completed, Stopped, Failed };
    Q_ENUM(RunEnd)

    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    bool isRunning() const;
    bool isPaused() const;
    // Paused and waiting, the step that was in flight finished (thread-safe).
    bool isHoldingAtPause() const;

public Q_SLOTS:
    // resumeFrom: a checkpoint (.pth) written by a MatteStudio run to continue exactly from (its
    // training state beside it), or empty.
    void start(const ms::TrainConfig& config, const QString& resumeFrom = QString());
    void pause();
    void resume();
    void stop();  // finish the step, save a checkpoint, end

Q_SIGNALS:
    void started(const QString& modelName, qlonglong firstStep, qlonglong totalSteps);
    // Every step: loss of the step, throughput and estimated time left (seconds, -1 unknown).
    void progress(qlonglong step, qlonglong totalSteps, int epoch, double loss, double imagesPerSecond,
                  double secondsLeft);
    // Validation result: mean loss over the fixed subset and metrics ("sad", "mse", "grad", "conn").
    void validated(qlonglong step, double validLoss, const QVariantMap& metrics);
    void checkpointSaved(const QString& path, qlonglong step);
    // Sample grid: rows of predicted alpha, composite, ground-truth alpha (RGB888).
    void samplePreview(qlonglong step, const QImage& image);
    void info(const QString& text);  // what the run is doing (loads, warm starts, pruning)
    void warning(const QString& text);
    void pausedChanged(bool paused);
    // The run ended; `error` is set exactly when `end` is Failed.
    void finished(ms::TrainingWorker::RunEnd end, const QString& summary, const QString& error);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace ms
