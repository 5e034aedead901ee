#pragma once
// The Live panel: a camera (or a video file standing in for one) matted in real time, as the
// reference's webcam script does: capture the empty scene as the background, step in, and see the
// composite onto a colour or an image at the network's real rate. Refinement and the target change
// while it runs; the output can be recorded to a video file.
#include "worker/LiveWorker.h"

#include <QThread>
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace ms {
namespace ui {

class FrameView;
class Project;
class RefineForm;

class LivePanel : public QWidget {
    Q_OBJECT
public:
    explicit LivePanel(QWidget* parent = nullptr);
    ~LivePanel() override;

    void setProject(Project* project);
    void storeState();  // into the project (the main window saves it)

    void setCheckpoint(const QString& path);
    QString checkpoint() const;
    void useCamera(int index);
    void useVideoFile(const QString& path);  // stands in for a camera
    void setTarget(const QString& target);   // a colour (green, #RRGGBB) or an image path
    QString target() const { return m_targetValue; }
    void setRecordFolder(const QString& folder);
    LiveSetup setup() const;
    QString problem() const;  // empty when Start can run

    void start();
    void stop();
    void captureBackground();
    void loadBackground(const QString& imagePath);  // a photo of the empty scene instead
    void startRecording();
    void stopRecording();
    bool isRunning() const { return m_state != State::Stopped; }
    bool hasBackground() const { return m_hasBackground; }
    const LiveStatus& lastStatus() const { return m_status; }
    FrameView* frameView() const { return m_view; }

Q_SIGNALS:
    void started();
    void frameDisplayed(bool matted, const ms::LiveStatus& status);
    void backgroundCaptured();
    void recordingSaved(const QString& path, int frames);
    void stopped(const QString& error);

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class State { Stopped, Starting, Running };
    void buildLayout();
    void retranslateUi();
    void updateState();
    void updateStatusText();
    void chooseTarget(int index);
    void sendRefinement();
    void onFrame(const QImage& image, bool matted, const LiveStatus& status);
    void onStopped(const QString& error);
    void onFailed(const QString& action, const QString& message);

    Project* m_project = nullptr;
    State m_state = State::Stopped;
    bool m_hasBackground = false;
    LiveStatus m_status;
    QString m_sourceText, m_networkText;
    QString m_targetValue = "green";
    QString m_recordPath;

    QThread m_thread;
    LiveWorker* m_worker;

    QGroupBox* m_sourceBox;
    QComboBox* m_sourceKind;
    QLabel* m_cameraLabel;
    QSpinBox* m_camera;
    QLabel* m_fileLabel;
    QLineEdit* m_file;
    QToolButton* m_browseFile;
    QLabel* m_sizeLabel;
    QComboBox* m_size;
    QGroupBox* m_networkBox;
    QLabel* m_checkpointLabel;
    QLineEdit* m_checkpoint;
    QToolButton* m_browseCheckpoint;
    RefineForm* m_refine;
    QGroupBox* m_outputBox;
    QLabel* m_targetLabel;
    QComboBox* m_target;
    QLabel* m_recordLabel;
    QLineEdit* m_recordFolder;
    QToolButton* m_browseRecord;
    QLabel* m_problem;
    QPushButton* m_start;
    QPushButton* m_capture;
    QToolButton* m_loadBackground;
    QPushButton* m_record;
    QLabel* m_statusLine;
    FrameView* m_view;
};

}  // namespace ui
}  // namespace ms
