#pragma once
// Runs a training job on the thread this object lives on (move it to a QThread), reporting through
// signals. Torch-free header: the GUI includes it.
//
// Use: worker->moveToThread(&thread); thread.start(); then
//   QMetaObject::invokeMethod(worker, "start", Qt::QueuedConnection, Q_ARG(QString, json));
// pause(), resume() and stop() are thread-safe and take effect at the next step: call them
// directly from any thread (the worker's own event loop is busy while training).
#include <QImage>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <memory>

namespace ms {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    bool isRunning() const;
    bool isPaused() const;
    // Paused and waiting, the step that was in flight finished (thread-safe).
    bool isHoldingAtPause() const;

public Q_SLOTS:
    // configJson: ms::TrainConfig as JSON (toJson). resumeFrom: a checkpoint (.pth) written by a
    // MatteStudio run to continue exactly from (its training state beside it), or empty.
    void start(const QString& configJson, const QString& resumeFrom = QString());
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
    void info(const QString& text);     // what the run is doing (loads, warm starts, pruning)
    void warning(const QString& text);
    void pausedChanged(bool paused);
    // The run ended: completed (all steps), or stopped by the user / an error (then error is set;
    // the last good checkpoint is named in it when there is one).
    void finished(bool completed, const QString& summary, const QString& error);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace ms
