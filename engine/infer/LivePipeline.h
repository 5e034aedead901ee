#pragma once
// Live matting, as the reference's webcam script does it: grab a clean plate from the source, then
// matte every frame onto a new background while the source keeps running. Capture and the network
// run on threads of their own with a one-frame mailbox between them: when the network is slower
// than the source, the frames it has no time for are dropped, never queued, so the picture stays
// current and memory stays flat. No Qt: used by the GUI's live view and by `bench --live`.
#include "core/Stopwatch.h"
#include "infer/Compositor.h"
#include "infer/LiveSource.h"
#include "model/ModelSpec.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ms {

class MattingSession;
class VideoFileWriter;

// One picture for the display.
struct LiveFrame {
    cv::Mat image;  // 8-bit BGR: the composite, or the source frame itself while no plate is captured
    bool matted = false;
    int64_t index = 0;           // the source frame's number (from 0)
    Clock::time_point captured;  // when the source delivered it
};

struct LiveStats {
    int64_t captured = 0;  // frames the source delivered
    int64_t shown = 0;     // frames handed to the display (matted or not)
    int64_t matted = 0;
    int64_t dropped = 0;                       // source frames the network had no time for
    double framesPerSecond = 0;                // frames shown per second, over the last two seconds
    double latencyMedian = 0, latencyP90 = 0;  // seconds from capture to display, last 60 frames
    double networkSeconds = 0;                 // the last frame's network time
    double sourceFps = 0;
    bool hasBackground = false;
    bool recording = false;
    int recordedFrames = 0;
};

class LivePipeline {
public:
    // Called on the pipeline's network thread for every frame shown; keep it short (copy or post).
    using FrameHandler = std::function<void(const LiveFrame&, const LiveStats&)>;

    LivePipeline(MattingSession& session, std::unique_ptr<LiveSource> source, FrameHandler onFrame);
    ~LivePipeline();  // stops
    LivePipeline(const LivePipeline&) = delete;
    LivePipeline& operator=(const LivePipeline&) = delete;

    // Called on the network thread when the pipeline ends by itself (the source ended, or `error`
    // is why it failed), not after stop(). Set before start().
    using EndHandler = std::function<void(const std::string& error)>;
    void setEndHandler(EndHandler handler) { m_onEnd = std::move(handler); }

    void start();
    // Stops both threads and finishes a recording (then playable). Idempotent.
    void stop();
    // Blocks until the source ends (a file that does not loop) or stop() is called.
    void waitUntilFinished();
    bool isRunning() const;
    // The reason the pipeline stopped by itself (the network failed, the camera vanished); empty
    // while running or after a stop().
    std::string error() const;

    // The next source frame becomes the clean plate.
    void captureBackground();
    // A plate from elsewhere (a photo of the empty scene); must have the source's size.
    void setBackground(const cv::Mat& bgr);
    bool hasBackground() const;
    cv::Mat background() const;
    void setTarget(CompositeTarget target);
    // Applied before the next frame (MattingSession::setRefineSettings); throws for invalid values.
    void setRefineSettings(const ModelSpec& refine);
    // Records what is shown to an mp4v video at the source's rate: a frame shown after dropped
    // ones is repeated for them, so the recording plays in real time. Throws ms::Error.
    void startRecording(const std::string& path);
    // Finishes the file (moved into place); an empty path when not recording.
    struct Recording {
        std::string path;
        int frames = 0;
    };
    Recording stopRecording();

    LiveStats stats() const;
    const LiveSource& source() const { return *m_source; }
    // Capture-to-display latency of every matted frame so far, in seconds (benchmarks).
    std::vector<double> mattedLatencies() const;

private:
    struct Captured {
        cv::Mat frame;
        int64_t index = 0;
        Clock::time_point at;
    };
    void captureLoop();
    void networkLoop();
    cv::Mat matte(const cv::Mat& frame);
    void record(const LiveFrame& frame);
    void finishWith(const std::string& error);

    MattingSession& m_session;
    std::unique_ptr<LiveSource> m_source;
    FrameHandler m_onFrame;
    EndHandler m_onEnd;
    // Read once: the source's own copies change on its capture thread (a file reopens to loop).
    const double m_sourceFps;
    const cv::Size m_sourceSize;

    mutable std::mutex m_mutex;  // guards everything below but the recorder
    std::condition_variable m_wake;
    std::optional<Captured> m_mailbox;  // the newest frame the network has not taken yet
    bool m_stopping = false, m_stopRequested = false, m_sourceEnded = false, m_running = false;
    bool m_captureRequested = false;
    cv::Mat m_background;
    uint64_t m_plateGeneration = 0;  // counts changes of m_background
    // Network thread only: the plate as the network's input, converted once per plate.
    torch::Tensor m_platePixels;
    uint64_t m_platePixelsGeneration = 0;
    CompositeTarget m_target = greenScreen();
    std::optional<ModelSpec> m_pendingRefine;
    std::mutex m_recordMutex;  // guards the recorder: encoding must not hold up the capture thread
    std::unique_ptr<VideoFileWriter> m_recorder;
    int64_t m_lastRecordedIndex = -1;
    LiveStats m_stats;
    std::vector<Clock::time_point> m_shownTimes;  // last two seconds
    std::vector<double> m_recentLatencies;        // last 60
    std::vector<double> m_allMattedLatencies;
    std::string m_error;

    std::thread m_captureThread, m_networkThread;
};

}  // namespace ms
