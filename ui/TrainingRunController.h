#pragma once
// A training run as the user drives and watches it: Start / Pause / Stop / Continue, progress with
// speed and time left, the run's latest warning, and live loss and metric plots with sample
// previews (and the curves of earlier runs). It owns the training worker and its thread; what to
// run comes from outside (start), and whether the settings allow a start (setCanStart).
#include "worker/TrainingHistory.h"
#include "worker/TrainingWorker.h"

#include <QThread>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace ms {
namespace ui {

class CurvePlot;
class ImageView;

class TrainingRunController : public QWidget {
    Q_OBJECT
public:
    explicit TrainingRunController(QWidget* parent = nullptr);
    ~TrainingRunController() override;  // stops a run cleanly (it saves a checkpoint)

    // Runs `config`, or continues the MatteStudio run of `resumeFrom` exactly (empty: a new run,
    // whose curves start clean). The caller has checked the settings.
    void start(const TrainConfig& config, const QString& resumeFrom);
    void pause();
    void resume();  // after pause
    void stop();
    // Waits (event loop running) until a run has ended; for shutdown.
    bool waitUntilStopped(int timeoutMs);

    // Whether the settings allow Start and Continue (they are off while running anyway).
    void setCanStart(bool canStart);
    // A new project: no run, no curves, no last checkpoint.
    void reset();
    // The curves of earlier runs of the model (replacing what the plots show).
    void showHistory(const TrainingHistory& history);

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    QString lastCheckpoint() const { return m_lastCheckpoint; }
    CurvePlot* lossPlot() const { return m_lossPlot; }
    CurvePlot* metricsPlot() const { return m_metricsPlot; }
    ImageView* sampleView() const { return m_samples; }

Q_SIGNALS:
    void startRequested();                              // the Start button
    void continueRequested(const QString& checkpoint);  // the Continue button
    void runStarted(const QString& modelName);
    void runFinished(ms::TrainingWorker::RunEnd end, const QString& error);
    void stepDone(qlonglong step, qlonglong totalSteps);
    void validated(qlonglong step, double validLoss);
    void checkpointSaved(const QString& path);
    void samplePreviewShown(qlonglong step);
    void runningChanged(bool running);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildLayout();
    void connectWorker();
    void retranslateUi();
    void updateButtons();
    void setRunning(bool running);
    void onFinished(ms::TrainingWorker::RunEnd end, const QString& summary, const QString& error);
    void updateStatusLabels();  // from the last progress values, in the current language

    QThread m_thread;
    TrainingWorker* m_worker;
    bool m_running = false, m_paused = false, m_canStart = false;
    QString m_lastCheckpoint;
    // The last progress report, kept so that a language switch can redraw the status line.
    enum class Status { Idle, Starting, Running, Stopping, Finished, Stopped } m_status = Status::Idle;
    qlonglong m_step = -1, m_totalSteps = 0;
    int m_epoch = 0;
    double m_imagesPerSecond = 0, m_secondsLeft = -1;

    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_stop;
    QPushButton* m_continue;
    QProgressBar* m_progress;
    QLabel* m_stepLabel;
    QLabel* m_epochLabel;
    QLabel* m_speedLabel;
    QLabel* m_etaLabel;
    QLabel* m_runWarning;  // the current run's latest warning
    QTabWidget* m_tabs;
    CurvePlot* m_lossPlot;
    CurvePlot* m_metricsPlot;
    ImageView* m_samples;
};

}  // namespace ui
}  // namespace ms
