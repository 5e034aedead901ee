#pragma once
// Throughput measurements: the model's forward pass alone (like the reference's
// inference_speed_test.py) and the end-to-end folder pipeline of `matte`.
#include "core/CancelToken.h"
#include "core/Progress.h"
#include "model/ModelSpec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ms {

struct ModelBenchmarkOptions {
    ModelSpec spec;                   // refinePreventOversampling is forced off, like the reference's test
    std::string checkpoint;           // optional; random (initialised) weights without one
    int width = 1920, height = 1080;  // random inputs of this size ...
    std::string imageSrc, imageBgr;   // ... or these two images (then width/height are theirs)
    int batchSize = 1;
    bool half = false;  // float16 (CUDA only, as in MattingSession)
    std::string device = "cpu";
    int warmup = 3;
    int runs = 20;
    bool foldBatchNorm = false;
    bool channelsLast = true;  // as MattingSession (SessionOptions::channelsLast)
};

struct PipelineBenchmarkOptions {
    std::string checkpoint;  // required: a native or TorchScript checkpoint
    ModelSpec spec;          // refine settings, as `matte` takes them
    bool typeGiven = false, backboneGiven = false;
    std::vector<std::string> imagesSrc, imagesBgr;
    std::string outputDir;  // scratch folder; created, and its `com/pha/fgr` filled
    std::string device = "cpu";
    bool foldBatchNorm = false;
    bool channelsLast = true;
};

// Timing statistics over the measured runs, in seconds.
struct TimingStats {
    std::vector<double> seconds;  // one per run, in order
    double median = 0, p10 = 0, p90 = 0, mean = 0, min = 0, max = 0;
};
TimingStats summarize(std::vector<double> seconds);

struct ModelBenchmarkResult {
    std::string description;  // model, backbone, refine settings, device, dtype
    int threads = 1;          // LibTorch intra-op threads in effect
    int width = 0, height = 0, batchSize = 1;
    int foldedPairs = 0;  // (conv, BN) pairs folded; 0 when folding was off
    TimingStats timing;
    double framesPerSecond = 0;  // batchSize / median
    int64_t peakRssBytes = 0;    // process peak (VmHWM) after the runs
};

struct PipelineBenchmarkResult {
    std::string description;
    int threads = 1;
    int images = 0, failed = 0;
    double loadSeconds = 0;  // checkpoint read + model build (not in imagesPerSecond)
    double runSeconds = 0;   // decode + infer + encode of every pair
    double imagesPerSecond = 0;
    int64_t peakRssBytes = 0;
};

// Forward passes only, under no-grad, inputs already on the device; CUDA is synchronised after
// each run so a run's time is its own. Throws ms::Error for bad options or a TorchScript file.
ModelBenchmarkResult runModelBenchmark(const ModelBenchmarkOptions& options, const ProgressCallback& progress = {},
                                       const CancelToken* cancel = nullptr);

// The same session + ImagePipeline + OutputWriter that `matte` runs (com, pha, fgr as jpg/png).
PipelineBenchmarkResult runPipelineBenchmark(const PipelineBenchmarkOptions& options,
                                             const ProgressCallback& progress = {},
                                             const CancelToken* cancel = nullptr);

// The process's peak resident set (VmHWM of /proc/self/status); 0 where unavailable.
int64_t peakResidentBytes();

}  // namespace ms
