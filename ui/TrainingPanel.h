#pragma once
// The Training panel: every training option (grouped, checked as the user types, stage defaults
// for base and refine), a dataset check, Start / Pause / Resume / Stop with progress, live loss and
// metric plots (with the curves of earlier runs from their logs) and sample previews.
#include "worker/TrainingWorker.h"

#include <QImage>
#include <QMap>
#include <QThread>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QToolButton;

namespace ms {
class TrainingWorker;
}

namespace ms {
namespace ui {

class CurvePlot;
class ImageView;
class Project;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    void setProject(Project* project);
    void storeState();  // the form into the project (the main window saves it)

    TrainConfig config() const;
    void setConfig(const TrainConfig& config);
    void applyStageDefaults(ModelType type);
    // Empty when a run can start; else every problem, one per line.
    QString problem() const;

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    QString lastCheckpoint() const { return m_lastCheckpoint; }
    CurvePlot* lossPlot() const { return m_lossPlot; }
    CurvePlot* metricsPlot() const { return m_metricsPlot; }
    ImageView* sampleView() const { return m_samples; }
    QString lastDatasetReport() const { return m_datasetReport; }

    void start();
    void pause();
    void resumeRun();  // after pause
    void stop();
    // Continues a MatteStudio run exactly from one of its checkpoints.
    void resumeFrom(const QString& checkpoint);
    void checkDataset();
    // Reads the model's earlier curves from its log folder (done on project open and name change).
    void loadHistory();
    // Waits (event loop running) until a run has ended; for shutdown.
    bool waitUntilStopped(int timeoutMs);

Q_SIGNALS:
    void runStarted(const QString& modelName);
    void runFinished(ms::TrainingWorker::RunEnd end, const QString& error);
    void stepDone(qlonglong step, qlonglong totalSteps);
    void validated(qlonglong step, double validLoss);
    void checkpointSaved(const QString& path);
    void samplePreviewShown(qlonglong step);
    void datasetChecked(bool ok, const QString& report);
    void historyLoaded(int trainPoints);
    void runningChanged(bool running);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildLayout();
    void retranslateUi();
    void updateState();
    void setRunning(bool running);
    void startWith(const QString& resumeFrom);
    void onFinished(ms::TrainingWorker::RunEnd end, const QString& summary, const QString& error);
    QLabel* label(const QString& id);
    void updateStatusLabels();  // from the last progress values, in the current language

    Project* m_project = nullptr;
    QThread m_thread;
    TrainingWorker* m_worker;
    bool m_running = false, m_paused = false, m_loadingForm = false;
    QString m_lastCheckpoint, m_datasetReport;
    qlonglong m_totalSteps = 0;
    int m_historyRequest = 0;
    // The last progress report, kept so that a language switch can redraw the status line.
    enum class Status { Idle, Starting, Running, Stopping, Finished, Stopped } m_status = Status::Idle;
    qlonglong m_step = -1;
    int m_epoch = 0;
    double m_imagesPerSecond = 0, m_secondsLeft = -1;
    QMap<QString, QLabel*> m_labels;

    QComboBox* m_stage;
    QPushButton* m_defaults;
    QGroupBox* m_modelBox;
    QComboBox* m_backbone;
    QDoubleSpinBox* m_scale;
    QComboBox* m_refineMode;
    QSpinBox* m_samplePixels;
    QDoubleSpinBox* m_threshold;
    QComboBox* m_kernel;
    QLineEdit* m_modelName;
    QLineEdit* m_initCheckpoint;
    QLineEdit* m_pretrain;
    QGroupBox* m_dataBox;
    QLineEdit* m_dataset;
    QPushButton* m_checkDataset;
    QSpinBox* m_trainSize;
    QSpinBox* m_batch;
    QSpinBox* m_workers;
    QSpinBox* m_validSamples;
    QGroupBox* m_augmentBox;
    QMap<QString, QCheckBox*> m_augment;
    QGroupBox* m_scheduleBox;
    QSpinBox* m_epochStart;
    QSpinBox* m_epochEnd;
    QSpinBox* m_maxSteps;
    QSpinBox* m_seed;
    QDoubleSpinBox* m_learningRate;
    QCheckBox* m_amp;
    QCheckBox* m_logPerEpoch;
    QCheckBox* m_alphaThrough;
    QCheckBox* m_cosine;
    QLabel* m_runWarning;  // the current run's latest warning
    QGroupBox* m_loggingBox;
    QSpinBox* m_logLoss;
    QSpinBox* m_logImages;
    QSpinBox* m_logValid;
    QSpinBox* m_checkpointInterval;
    QSpinBox* m_keepLast;
    QCheckBox* m_keepBest;
    QLabel* m_problem;

    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_stop;
    QPushButton* m_continue;
    QProgressBar* m_progress;
    QLabel* m_stepLabel;
    QLabel* m_epochLabel;
    QLabel* m_speedLabel;
    QLabel* m_etaLabel;
    QTabWidget* m_tabs;
    CurvePlot* m_lossPlot;
    CurvePlot* m_metricsPlot;
    ImageView* m_samples;
};

}  // namespace ui
}  // namespace ms
