#pragma once
// The Training panel: the settings form (TrainingForm, checked as the user types) beside the run
// (TrainingRunController: Start / Pause / Stop / Continue, progress, live plots and samples). The
// panel joins them to the project: it loads and stores the settings, adds the project's output
// folder and the application's device, says what stops a start, checks the dataset and shows the
// curves of the model's earlier runs.
#include "worker/TrainingWorker.h"

#include <QWidget>

class QLabel;
class QScrollArea;

namespace ms {
namespace ui {

class CurvePlot;
class ImageView;
class Project;
class TrainingForm;
class TrainingRunController;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    void setProject(Project* project);
    void storeState();  // the form into the project (the main window saves it)

    // The form's settings with the project's output folder and the application's device.
    TrainConfig config() const;
    void setConfig(const TrainConfig& config);
    void applyStageDefaults(ModelType type);
    // Empty when a run can start; else every problem, one per line.
    QString problem() const;

    TrainingForm* form() const { return m_form; }
    TrainingRunController* run() const { return m_run; }
    bool isRunning() const;
    bool isPaused() const;
    QString lastCheckpoint() const;
    CurvePlot* lossPlot() const;
    CurvePlot* metricsPlot() const;
    ImageView* sampleView() const;
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
    void updateState();
    void startWith(const QString& resumeFrom);
    void fitFormWidth();

    Project* m_project = nullptr;
    QString m_datasetReport;
    int m_historyRequest = 0;
    TrainingForm* m_form;
    QScrollArea* m_formScroll;
    QLabel* m_problem;
    TrainingRunController* m_run;
};

}  // namespace ui
}  // namespace ms
