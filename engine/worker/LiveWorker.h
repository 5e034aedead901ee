#pragma once
// The live view's engine side: loads a checkpoint, opens a camera (or a video file standing in for
// one) and runs infer/LivePipeline, posting each shown frame to the GUI. The GUI says when it has
// drawn a frame (frameShown); until then newer frames are not posted, so a slow display never
// queues pictures either. Torch-free header: the GUI includes it.
//
// Use: worker->moveToThread(&thread); thread.start(); call the slots through queued invocations;
// frameShown() is thread-safe.
#include "worker/MattingWorker.h"

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace ms {

struct LiveSetup {
    MattingSetup network;  // checkpoint, device and refinement (changeable while running)
    bool camera = false;   // true: camera `cameraIndex`; false: `file` stands in for a camera
    int cameraIndex = 0;
    QString file;
    int width = 0, height = 0;  // both > 0: frames at this size (cameras are asked for it)
    QString target = "green";   // what the foreground is laid onto: a colour or an image file
    QString background;         // optional clean plate from a file; else "Capture background"
};

struct LiveStatus {
    qint64 captured = 0, shown = 0, matted = 0, dropped = 0;
    double framesPerSecond = 0, latencyMedian = 0, latencyP90 = 0, networkSeconds = 0, sourceFps = 0;
    bool hasBackground = false, recording = false;
    int recordedFrames = 0;
};

class LiveWorker : public QObject {
    Q_OBJECT
public:
    explicit LiveWorker(QObject* parent = nullptr);
    ~LiveWorker() override;

    // The display has drawn the last posted frame; the next one may be posted. Thread-safe.
    void frameShown() { m_framePosted.store(false); }

public Q_SLOTS:
    void start(const ms::LiveSetup& setup);
    void stop();
    void captureBackground();
    // A photo of the empty scene as the plate, the source's size.
    void loadBackground(const QString& path);
    void setRefinement(const ms::MattingSetup& network);
    void setTarget(const QString& target);
    void startRecording(const QString& path);
    void stopRecording();

Q_SIGNALS:
    void started(const QString& description, const QString& source, int width, int height, double fps);
    // image: RGB888; matted false while no background is captured (the camera's own picture).
    void frameReady(const QImage& image, bool matted, const ms::LiveStatus& status);
    void backgroundCaptured();
    void recordingFinished(const QString& path, int frames);
    // error empty: stopped on request. Else why the pipeline ended by itself.
    void stopped(const QString& error);
    // action: "start", "background", "refine", "target", "record".
    void failed(const QString& action, const QString& message);

private:
    bool stopPipeline();  // true when one was running
    struct State;
    std::unique_ptr<State> m_state;
    std::atomic<bool> m_framePosted{false};
};

}  // namespace ms

Q_DECLARE_METATYPE(ms::LiveSetup)
Q_DECLARE_METATYPE(ms::LiveStatus)
