#include "infer/LivePipeline.h"

#include "core/Error.h"
#include "infer/MattingSession.h"
#include "io/ImageIO.h"
#include "io/VideoIO.h"

#include <algorithm>
#include <cmath>

namespace ms {
namespace {

constexpr int LatencyWindow = 60;  // frames
constexpr double FpsWindow = 2.0;  // seconds

double quantile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<size_t>(std::lround(q * double(values.size() - 1)))];
}

}  // namespace

LivePipeline::LivePipeline(MattingSession& session, std::unique_ptr<LiveSource> source, FrameHandler onFrame)
    : m_session(session)
    , m_source(std::move(source))
    , m_onFrame(std::move(onFrame))
    , m_sourceFps(m_source->fps())
    , m_sourceSize(m_source->size())
{
    m_stats.sourceFps = m_sourceFps;
}

LivePipeline::~LivePipeline()
{
    try {
        stop();
    } catch (...) {
        // A recording that cannot be finished is removed by its writer; nothing to report here.
    }
}

void LivePipeline::start()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_running || m_captureThread.joinable())
        return;
    m_running = true;
    m_captureThread = std::thread([this] { captureLoop(); });
    m_networkThread = std::thread([this] { networkLoop(); });
}

void LivePipeline::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_stopRequested = true;
    }
    m_wake.notify_all();
    if (m_captureThread.joinable())
        m_captureThread.join();
    if (m_networkThread.joinable())
        m_networkThread.join();
    stopRecording();
}

void LivePipeline::waitUntilFinished()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [this] { return !m_running; });
}

bool LivePipeline::isRunning() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_running;
}

std::string LivePipeline::error() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_error;
}

void LivePipeline::captureBackground()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_captureRequested = true;
    m_stats.hasBackground = false;  // until the new plate is in (the old one stays in use)
}

void LivePipeline::setBackground(const cv::Mat& bgr)
{
    if (bgr.size() != m_sourceSize || bgr.type() != CV_8UC3)
        throw Error("the background is " + std::to_string(bgr.cols) + "x" + std::to_string(bgr.rows) + " but " +
                    m_source->describe() + " delivers " + std::to_string(m_sourceSize.width) + "x" +
                    std::to_string(m_sourceSize.height) + ": they must be the same size");
    std::lock_guard<std::mutex> lock(m_mutex);
    m_background = bgr.clone();
    ++m_plateGeneration;
    m_stats.hasBackground = true;
}

bool LivePipeline::hasBackground() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_background.empty();
}

cv::Mat LivePipeline::background() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_background;
}

void LivePipeline::setTarget(CompositeTarget target)
{
    if (target.kind == CompositeTarget::Kind::Transparent)
        target = greenScreen();  // a live picture has no transparency to show
    std::lock_guard<std::mutex> lock(m_mutex);
    m_target = std::move(target);
}

void LivePipeline::setRefineSettings(const ModelSpec& refine)
{
    ModelSpec check = m_session.spec();
    check.backboneScale = refine.backboneScale;
    check.refineMode = refine.refineMode;
    check.refineSamplePixels = refine.refineSamplePixels;
    check.refineThreshold = refine.refineThreshold;
    validate(check);  // here, so that the caller hears about bad values
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pendingRefine = refine;
}

void LivePipeline::startRecording(const std::string& path)
{
    auto writer = std::make_unique<VideoFileWriter>(path, m_sourceFps, m_sourceSize);
    {
        std::lock_guard<std::mutex> lock(m_recordMutex);
        m_recorder = std::move(writer);  // a recording already running is dropped (its writer removes it)
        m_lastRecordedIndex = -1;
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stats.recording = true;
    m_stats.recordedFrames = 0;
}

LivePipeline::Recording LivePipeline::stopRecording()
{
    std::unique_ptr<VideoFileWriter> writer;
    {
        std::lock_guard<std::mutex> lock(m_recordMutex);
        writer = std::move(m_recorder);
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stats.recording = false;
    }
    if (!writer)
        return {};
    writer->finish();
    return {writer->path(), writer->framesWritten()};
}

LiveStats LivePipeline::stats() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}

std::vector<double> LivePipeline::mattedLatencies() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_allMattedLatencies;
}

void LivePipeline::finishWith(const std::string& error)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_error.empty())
            m_error = error;
        m_stopping = true;
    }
    m_wake.notify_all();
}

void LivePipeline::captureLoop()
{
    for (int64_t index = 0;; ++index) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_stopping)
                return;
        }
        cv::Mat frame;
        bool ok = false;
        try {
            ok = m_source->read(frame);
        } catch (const std::exception& e) {
            return finishWith(m_source->describe() + ": " + e.what());
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!ok) {
            m_sourceEnded = true;
            m_wake.notify_all();
            return;
        }
        ++m_stats.captured;
        if (m_captureRequested) {
            m_background = frame.clone();
            ++m_plateGeneration;
            m_captureRequested = false;
            m_stats.hasBackground = true;
        }
        if (m_mailbox)
            ++m_stats.dropped;  // the network is still busy with an older frame: this one replaces it
        m_mailbox = Captured{frame, index, Clock::now()};
        m_wake.notify_all();
    }
}

cv::Mat LivePipeline::matte(const cv::Mat& frame)
{
    CompositeTarget target;
    std::optional<ModelSpec> refine;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_platePixelsGeneration != m_plateGeneration) {
            m_platePixels = frameToPixels(m_background);
            m_platePixelsGeneration = m_plateGeneration;
        }
        target = m_target;
        refine.swap(m_pendingRefine);
    }
    if (refine)
        m_session.setRefineSettings(*refine);
    torch::NoGradGuard noGrad;
    const Clock::time_point start = Clock::now();
    const MattingOutput out = m_session.run(frameToPixels(frame), m_platePixels);
    cv::Mat image = toCvImage(composite(out.fgr, out.pha, target));
    const double seconds = secondsSince(start);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stats.networkSeconds = seconds;
    return image;
}

void LivePipeline::networkLoop()
{
    for (;;) {
        Captured item;
        bool plate = false;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || m_mailbox || m_sourceEnded; });
            if (m_stopping || !m_mailbox)
                break;
            item = std::move(*m_mailbox);
            m_mailbox.reset();
            plate = !m_background.empty();
        }
        LiveFrame shown;
        shown.index = item.index;
        shown.captured = item.at;
        try {
            shown.image = plate ? matte(item.frame) : item.frame;
            shown.matted = plate;
        } catch (const std::exception& e) {
            finishWith(std::string("matting failed: ") + e.what());
            break;
        }
        LiveStats snapshot;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            const Clock::time_point now = Clock::now();
            const double latency = std::chrono::duration<double>(now - item.at).count();
            ++m_stats.shown;
            if (shown.matted) {
                ++m_stats.matted;
                m_allMattedLatencies.push_back(latency);
            }
            m_recentLatencies.push_back(latency);
            if (m_recentLatencies.size() > LatencyWindow)
                m_recentLatencies.erase(m_recentLatencies.begin());
            m_shownTimes.push_back(now);
            while (std::chrono::duration<double>(now - m_shownTimes.front()).count() > FpsWindow)
                m_shownTimes.erase(m_shownTimes.begin());
            const double span = std::chrono::duration<double>(m_shownTimes.back() - m_shownTimes.front()).count();
            m_stats.framesPerSecond = span > 0 ? double(m_shownTimes.size() - 1) / span : 0;
            m_stats.latencyMedian = quantile(m_recentLatencies, 0.5);
            m_stats.latencyP90 = quantile(m_recentLatencies, 0.9);
            snapshot = m_stats;
        }
        if (m_onFrame)
            m_onFrame(shown, snapshot);
        try {
            record(shown);
        } catch (const std::exception& e) {
            finishWith(std::string("recording failed: ") + e.what());
            break;
        }
    }
    bool byItself = false;
    std::string error;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_running = false;
        byItself = !m_stopRequested;
        error = m_error;
    }
    m_wake.notify_all();
    if (byItself && m_onEnd)
        m_onEnd(error);
}

void LivePipeline::record(const LiveFrame& frame)
{
    std::lock_guard<std::mutex> recordLock(m_recordMutex);
    if (!m_recorder)
        return;
    // Repeat the frame for the source frames dropped before it, so the file keeps real time.
    const int64_t most = std::max<int64_t>(1, std::lround(2 * m_sourceFps));
    const int64_t copies =
        m_lastRecordedIndex < 0 ? 1 : std::clamp<int64_t>(frame.index - m_lastRecordedIndex, 1, most);
    for (int64_t i = 0; i < copies; ++i)
        m_recorder->write(frame.image);
    m_lastRecordedIndex = frame.index;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stats.recordedFrames = m_recorder->framesWritten();
}

}  // namespace ms
