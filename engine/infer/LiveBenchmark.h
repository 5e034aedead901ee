#pragma once
// `bench --live`: a video played through the live pipeline at its own frame rate, as a camera would
// deliver it, with a captured plate from an image; measures what a live view shows.
#include "core/CancelToken.h"
#include "core/Progress.h"
#include "infer/MattingSession.h"

#include <string>

namespace ms {

struct LiveBenchmarkOptions {
    SessionOptions session;
    std::string video;             // plays once, paced at its frame rate (or `fps`)
    std::string background;        // the clean plate, the video's size
    double fps = 0;                // 0: the video's rate
    std::string target = "green";  // what the foreground is laid onto (parseCompositeTarget)
};

struct LiveBenchmarkResult {
    std::string description;  // the session's
    int width = 0, height = 0;
    double sourceFps = 0;
    int64_t captured = 0, matted = 0, dropped = 0;
    double seconds = 0;                        // from the first captured frame to the last shown one
    double framesPerSecond = 0;                // matted frames shown per second
    double latencyMedian = 0, latencyP90 = 0;  // capture to display, seconds, over every matted frame
    double loadSeconds = 0;
};

LiveBenchmarkResult runLiveBenchmark(const LiveBenchmarkOptions& options, const ProgressCallback& progress = {},
                                     const CancelToken* cancel = nullptr);

}  // namespace ms
