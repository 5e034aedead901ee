#include "infer/LiveBenchmark.h"

#include "core/Error.h"
#include "core/Stopwatch.h"
#include "infer/Benchmark.h"
#include "infer/LivePipeline.h"
#include "io/ImageIO.h"
#include "io/VideoIO.h"

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <cmath>
#include <thread>

namespace ms {

LiveBenchmarkResult runLiveBenchmark(const LiveBenchmarkOptions& options, const ProgressCallback& progress,
                                     const CancelToken* cancel)
{
    LiveBenchmarkResult result;
    const Clock::time_point loadStart = Clock::now();
    MattingSession session(options.session);
    result.loadSeconds = secondsSince(loadStart);
    result.description = session.describe();

    LiveSourceOptions sourceOptions;
    sourceOptions.kind = LiveSourceOptions::Kind::File;
    sourceOptions.file = options.video;
    sourceOptions.loop = false;
    sourceOptions.fps = options.fps;
    auto source = std::make_unique<LiveSource>(sourceOptions);
    const int expected = VideoReader(options.video).info().frameCount;
    const cv::Mat plate = readImageFile(options.background, cv::IMREAD_COLOR);
    if (plate.empty())
        throw Error("cannot read the background image " + options.background);

    std::atomic<int64_t> shown{0};
    Clock::time_point firstShown, lastShown;
    LivePipeline pipeline(session, std::move(source), [&](const LiveFrame& frame, const LiveStats&) {
        if (shown.fetch_add(1) == 0)
            firstShown = frame.captured;
        lastShown = Clock::now();
    });
    pipeline.setBackground(plate);
    pipeline.setTarget(parseCompositeTarget(options.target));
    result.width = pipeline.source().size().width;
    result.height = pipeline.source().size().height;
    result.sourceFps = pipeline.source().fps();
    pipeline.start();
    while (pipeline.isRunning()) {
        if (cancel && cancel->isCancelled())
            break;
        if (progress) {
            const LiveStats s = pipeline.stats();
            progress(int(s.captured), std::max<int>(expected, int(s.captured)), std::to_string(s.dropped) + " dropped");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    pipeline.stop();
    if (!pipeline.error().empty())
        throw Error(pipeline.error());

    const LiveStats stats = pipeline.stats();
    result.captured = stats.captured;
    result.matted = stats.matted;
    result.dropped = stats.dropped;
    if (stats.matted > 0) {
        result.seconds = std::chrono::duration<double>(lastShown - firstShown).count();
        result.framesPerSecond = result.seconds > 0 ? double(stats.matted) / result.seconds : 0;
        const TimingStats latency = summarize(pipeline.mattedLatencies());
        result.latencyMedian = latency.median;
        result.latencyP90 = latency.p90;
    }
    return result;
}

}  // namespace ms
