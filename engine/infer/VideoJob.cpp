#include "infer/VideoJob.h"

#include "core/BoundedQueue.h"
#include "core/Error.h"
#include "core/Stopwatch.h"
#include "infer/Alignment.h"
#include "infer/MattingSession.h"
#include "io/ImageIO.h"
#include "platform/Paths.h"

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <regex>
#include <thread>

namespace ms {

namespace fs = std::filesystem;

struct VideoJob::Decoded {
    int index = 0;
    torch::Tensor src, bgr, target;  // target: this frame of a target video, else undefined
};

// One matted frame on the CPU, shared by the encoders.
struct VideoJob::Matted {
    int index = 0;
    MattingOutput out;
    torch::Tensor target;
};

// Named, not anonymous: VideoJob's nested classes hold one (GCC warns otherwise in unity builds).
namespace video_job_detail {

// The first error of any stage; the others stop when they see it.
class Failure {
public:
    void set(std::exception_ptr e)
    {
        std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = std::move(e);
        m_failed.store(true);
    }
    bool failed() const { return m_failed.load(); }
    void rethrow()
    {
        if (m_error)
            std::rethrow_exception(m_error);
    }

private:
    std::mutex m_mutex;
    std::exception_ptr m_error;
    std::atomic<bool> m_failed{false};
};

}  // namespace video_job_detail

namespace {

std::string frameName(int index, const std::string& ext)
{
    char name[32];
    std::snprintf(name, sizeof name, "%05d.%s", index, ext.c_str());
    return name;
}

torch::Tensor toCpu(const torch::Tensor& t) { return t.defined() ? t.detach().to(torch::kCPU, torch::kFloat32) : t; }

}  // namespace

// Converts and writes one output type on its own thread.
class VideoJob::Encoder {
public:
    Encoder(OutputType type, const VideoJob& job, video_job_detail::Failure& failure)
        : m_type(type)
        , m_job(job)
        , m_failure(failure)
        , m_queue(static_cast<size_t>(std::max(1, job.m_options.queueCapacity)))
    {
        if (job.m_options.format == VideoOutputFormat::Video)
            m_video =
                std::make_unique<VideoFileWriter>(job.pathFor(type), job.m_fps, cv::Size(job.m_width, job.m_height));
        m_thread = std::thread([this] { loop(); });
    }
    ~Encoder() { stop(); }

    bool push(std::shared_ptr<const Matted> frame) { return m_queue.push(std::move(frame)); }
    void stop()
    {
        m_queue.close();
        if (m_thread.joinable())
            m_thread.join();
    }
    void finish()
    {
        if (m_video)
            m_video->finish();
    }
    int framesWritten() const { return m_written.load(); }

private:
    void loop()
    {
        while (auto frame = m_queue.pop()) {
            if (m_failure.failed())
                continue;  // drain so the producer never blocks
            try {
                write(**frame);
            } catch (...) {
                m_failure.set(std::current_exception());
                m_queue.close();
            }
        }
    }

    void write(const Matted& frame)
    {
        const bool video = m_video != nullptr;
        torch::Tensor image;
        if (m_type == OutputType::Com) {
            CompositeTarget target = m_job.m_target;
            if (frame.target.defined()) {
                target.kind = CompositeTarget::Kind::Image;
                target.image = frame.target;
            }
            image = composite(frame.out.fgr, frame.out.pha, target);
        } else {
            image = outputImage(m_type, frame.out);
        }
        const cv::Mat mat = toCvImage(image);
        if (video) {
            m_video->write(mat);
        } else {
            const std::string ext = m_type == OutputType::Com ? "png" : m_job.m_options.imageFormat;
            writeImage(m_job.pathFor(m_type) + "/" + frameName(frame.index, ext), mat);
        }
        m_written.fetch_add(1);
    }

    OutputType m_type;
    const VideoJob& m_job;
    video_job_detail::Failure& m_failure;
    BoundedQueue<std::shared_ptr<const Matted>> m_queue;
    std::unique_ptr<VideoFileWriter> m_video;
    std::atomic<int> m_written{0};
    std::thread m_thread;
};

VideoJob::VideoJob(MattingSession& session, VideoJobOptions options)
    : m_session(session)
    , m_options(std::move(options))
{
    if (m_options.types.empty())
        throw Error("no output type given: choose from com, pha, fgr, err, ref");
    if (m_options.outputDir.empty())
        throw Error("no output folder given");
    if (m_options.imageFormat != "jpg" && m_options.imageFormat != "png")
        throw Error("unknown image format '" + m_options.imageFormat + "': use png or jpg");
    if ((m_options.resizeWidth > 0) != (m_options.resizeHeight > 0) || m_options.resizeWidth < 0 ||
        m_options.resizeHeight < 0)
        throw Error("resize needs a positive width and height");

    VideoReader source(m_options.source);
    m_info = source.info();
    const bool resize = m_options.resizeWidth > 0;
    m_width = resize ? m_options.resizeWidth : m_info.width;
    m_height = resize ? m_options.resizeHeight : m_info.height;
    m_fps = m_info.fps > 0 ? m_info.fps : 25.0;

    std::error_code ec;
    if (!fs::is_regular_file(platform::fsPath(m_options.background), ec))
        throw Error("background image not found: " + m_options.background);
    const cv::Mat background = readImageFile(m_options.background, cv::IMREAD_COLOR);
    if (background.empty())
        throw Error("cannot read background image " + m_options.background + ": not an image OpenCV can decode");
    if (!resize && (background.cols != m_width || background.rows != m_height))
        throw Error("background " + m_options.background + " is " + std::to_string(background.cols) + "x" +
                    std::to_string(background.rows) + " but the video " + m_options.source + " is " +
                    std::to_string(m_width) + "x" + std::to_string(m_height) +
                    "; use an image of the video's size, or resize both (--video-resize W H)");
    m_background = frameToTensor(resizeFrame(background, m_width, m_height));

    const bool sequences = m_options.format == VideoOutputFormat::ImageSequences;
    if (m_options.target.empty()) {
        m_target = sequences ? CompositeTarget{} : greenScreen();  // the reference's defaults
    } else if (hasVideoExtension(m_options.target)) {
        VideoReader target(m_options.target);
        cv::Mat first;
        if (!target.read(first))
            throw Error("target background video " + m_options.target + " has no readable frame");
        m_targetVideo = m_options.target;
        m_target.kind = CompositeTarget::Kind::Image;
    } else {
        m_target = parseCompositeTarget(m_options.target);
    }
    const bool wantsCom =
        std::find(m_options.types.begin(), m_options.types.end(), OutputType::Com) != m_options.types.end();
    if (!sequences && wantsCom && m_target.kind == CompositeTarget::Kind::Transparent)
        throw Error("com.mp4 cannot hold transparency: give a colour, image or video as the target background, "
                    "or write image sequences (com as RGBA PNG)");
}

VideoJob::~VideoJob() = default;

int VideoJob::expectedFrames() const
{
    if (m_options.maxFrames > 0)
        return m_info.frameCount > 0 ? std::min(m_options.maxFrames, m_info.frameCount) : m_options.maxFrames;
    return m_info.frameCount;
}

std::string VideoJob::pathFor(OutputType type) const
{
    const std::string base = platform::utf8Path(platform::fsPath(m_options.outputDir) / toString(type));
    return m_options.format == VideoOutputFormat::Video ? base + ".mp4" : base;
}

std::vector<std::string> VideoJob::outputPaths() const
{
    std::vector<std::string> paths;
    for (OutputType type : m_options.types)
        paths.push_back(pathFor(type));
    return paths;
}

std::vector<std::string> VideoJob::existingOutputs() const
{
    static const std::regex numbered(R"(\d{5}\.(png|jpg))");
    std::vector<std::string> existing;
    for (const std::string& path : outputPaths()) {
        if (m_options.format == VideoOutputFormat::Video) {
            if (fs::exists(platform::fsPath(path)))
                existing.push_back(path);
            continue;
        }
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(platform::fsPath(path), ec))
            if (std::regex_match(platform::utf8Path(entry.path().filename()), numbered))
                existing.push_back(platform::utf8Path(entry.path()));
    }
    std::sort(existing.begin(), existing.end());
    return existing;
}

void VideoJob::warn(const std::string& message) const
{
    if (m_warn)
        m_warn(message);
}

VideoJobResult VideoJob::run(const CancelToken* cancel, const ProgressCallback& progress)
{
    if (!m_options.overwrite) {
        const auto existing = existingOutputs();
        if (!existing.empty())
            throw Error(std::to_string(existing.size()) + " output file(s) exist already (first: " + existing.front() +
                        "); allow overwriting to replace them");
    }
    if (m_info.fps <= 0)
        warn("the frame rate of " + m_options.source + " is unknown; writing 25 frames/s");

    const auto start = Clock::now();
    const auto cancelled = [cancel] { return cancel && cancel->isCancelled(); };
    video_job_detail::Failure failure;
    std::atomic<bool> stoppedEarly{false};  // cancelled before the last frame
    std::vector<std::unique_ptr<Encoder>> encoders;
    for (OutputType type : m_options.types)
        encoders.push_back(std::make_unique<Encoder>(type, *this, failure));

    // Decode stage: frames (and target frames) read, resized, aligned, as tensors.
    BoundedQueue<Decoded> decoded(static_cast<size_t>(std::max(1, m_options.queueCapacity)));
    std::thread decoder([&] {
        try {
            VideoReader source(m_options.source);
            std::unique_ptr<VideoReader> target;
            if (m_targetVideo)
                target = std::make_unique<VideoReader>(*m_targetVideo);
            std::atomic<int> alignWarnings{0};
            cv::Mat frame, targetFrame;
            for (int index = 0; !failure.failed(); ++index) {
                if (m_options.maxFrames > 0 && index >= m_options.maxFrames)
                    break;
                if (cancelled()) {
                    stoppedEarly = true;
                    break;
                }
                if (!source.read(frame))
                    break;
                Decoded item;
                item.index = index;
                // uint8 in the queue (a quarter of the memory) unless alignment needs floats here.
                const cv::Mat sized = resizeFrame(frame, m_width, m_height);
                item.src = m_options.alignBackground ? frameToTensor(sized) : frameToPixels(sized);
                item.bgr = m_background;
                if (m_options.alignBackground) {
                    item.bgr = alignBackground(item.src, m_background, [&](const std::string& w) {
                        // Once per job is enough: a background that cannot be aligned stays so.
                        if (alignWarnings.fetch_add(1) == 0)
                            warn(w + " (frame " + std::to_string(index) +
                                 "; further alignment warnings are not shown)");
                    });
                }
                if (target) {
                    if (!target->read(targetFrame)) {  // shorter target video: loop
                        target->rewind();
                        if (!target->read(targetFrame))
                            throw Error("cannot read the target background video " + *m_targetVideo + " again");
                    }
                    item.target = frameToTensor(resizeFrame(targetFrame, m_width, m_height));
                }
                if (!decoded.push(std::move(item)))
                    break;
            }
        } catch (...) {
            failure.set(std::current_exception());
        }
        decoded.close();
    });

    // Inference stage, on the calling thread (the session's device and threads are used here).
    int matted = 0;
    const int total = expectedFrames();
    try {
        while (auto item = decoded.pop()) {
            if (cancelled() || failure.failed()) {
                stoppedEarly = stoppedEarly || cancelled();
                break;
            }
            MattingOutput out = m_session.run(item->src, item->bgr);
            auto frame = std::make_shared<Matted>();
            frame->index = item->index;
            frame->out.pha = toCpu(out.pha);
            frame->out.fgr = toCpu(out.fgr);
            frame->out.err = toCpu(out.err);
            frame->out.errSm = toCpu(out.errSm);
            frame->out.refSm = toCpu(out.refSm);
            frame->target = item->target;
            for (auto& encoder : encoders)
                encoder->push(frame);
            ++matted;
            if (progress)
                progress(matted, std::max(total, matted), "frame " + std::to_string(item->index));
        }
    } catch (...) {
        failure.set(std::current_exception());
    }
    decoded.close();  // unblocks the decoder if it waits to push
    decoder.join();
    for (auto& encoder : encoders)
        encoder->stop();  // drains: every matted frame is written
    failure.rethrow();    // the encoders' destructors remove unfinished videos

    VideoJobResult result;
    result.cancelled = stoppedEarly;
    result.framesWritten = matted;
    for (auto& encoder : encoders) {
        encoder->finish();
        result.framesWritten = std::min(result.framesWritten, encoder->framesWritten());
    }
    result.outputs = outputPaths();
    result.seconds = secondsSince(start);
    return result;
}

}  // namespace ms
