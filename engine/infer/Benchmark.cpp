#include "infer/Benchmark.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "core/Device.h"
#include "core/Error.h"
#include "core/Stopwatch.h"
#include "infer/ImagePairs.h"
#include "infer/ImagePipeline.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"
#include "io/ImageIO.h"
#include "model/BatchNormFolding.h"
#include "model/MattingModel.h"
#include "model/MemoryFormat.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <numeric>

namespace ms {
namespace {

// numpy's default (linear) percentile of sorted values, p in [0, 1].
double percentile(const std::vector<double>& sorted, double p)
{
    if (sorted.empty())
        return 0;
    const double pos = p * static_cast<double>(sorted.size() - 1);
    const size_t lo = static_cast<size_t>(pos), hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

void synchronize(const torch::Device& device)
{
    // Kernels are asynchronous on CUDA; without this a run would time only the launches.
    if (device.is_cuda())
        torch::cuda::synchronize(device.index());
}

std::string describe(const ModelSpec& spec, const torch::Device& device, bool half)
{
    std::string text = toString(spec.type) + " / " + toString(spec.backbone);
    if (spec.type == ModelType::MattingRefine) {
        text += ", scale " + std::to_string(spec.backboneScale).substr(0, 5) + ", " + toString(spec.refineMode);
        if (spec.refineMode == RefineMode::Sampling)
            text += " " + std::to_string(spec.refineSamplePixels) + " px";
        else if (spec.refineMode == RefineMode::Thresholding)
            text += " > " + std::to_string(spec.refineThreshold).substr(0, 4);
    }
    return text + ", " + device.str() + (half ? " float16" : " float32");
}

std::shared_ptr<MattingBase> buildModel(const ModelBenchmarkOptions& options, const ModelSpec& spec)
{
    auto model = createModel(spec);
    if (!options.checkpoint.empty()) {
        if (isTorchScriptFile(options.checkpoint))
            throw Error(options.checkpoint + " is a TorchScript export; bench measures the engine's own models, "
                                             "give a .pth or .safetensors state dict (or none for random weights)");
        try {
            loadStateDict(*model, readCheckpointFile(options.checkpoint).tensors);
        } catch (const Error& e) {
            throw Error(options.checkpoint + ": " + e.what());
        }
    }
    return model;
}

}  // namespace

TimingStats summarize(std::vector<double> seconds)
{
    TimingStats stats;
    stats.seconds = seconds;
    if (seconds.empty())
        return stats;
    std::sort(seconds.begin(), seconds.end());
    stats.median = percentile(seconds, 0.5);
    stats.p10 = percentile(seconds, 0.1);
    stats.p90 = percentile(seconds, 0.9);
    stats.min = seconds.front();
    stats.max = seconds.back();
    stats.mean = std::accumulate(seconds.begin(), seconds.end(), 0.0) / static_cast<double>(seconds.size());
    return stats;
}

int64_t peakResidentBytes()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stoll(line.substr(6)) * 1024;  // "VmHWM:   123456 kB"
    return 0;
}

ModelBenchmarkResult runModelBenchmark(const ModelBenchmarkOptions& options, const ProgressCallback& progress,
                                       const CancelToken* cancel)
{
    if (options.runs < 1 || options.warmup < 0 || options.batchSize < 1)
        throw Error("bench needs at least one run, a non-negative warm-up and a batch size of at least 1");
    if (options.imageSrc.empty() != options.imageBgr.empty())
        throw Error("give both --image-src and --image-bgr, or neither");
    ModelSpec spec = options.spec;
    spec.refinePreventOversampling = false;  // reference speed test: always exactly n patches
    validate(spec);

    const torch::Device device = parseDevice(options.device);
    if (options.half && !device.is_cuda())
        throw Error("float16 inference needs a CUDA device");
    const torch::ScalarType dtype = options.half ? torch::kFloat16 : torch::kFloat32;

    torch::Tensor src, bgr;
    if (options.imageSrc.empty()) {
        if (options.width < 1 || options.height < 1)
            throw Error("--resolution needs a positive width and height");
        src = torch::rand({options.batchSize, 3, options.height, options.width});
        bgr = torch::rand({options.batchSize, 3, options.height, options.width});
    } else {
        src = readImageRgb(options.imageSrc);
        bgr = readImageRgb(options.imageBgr);
        if (src.sizes() != bgr.sizes())
            throw Error("--image-src and --image-bgr differ in size");
        src = src.repeat({options.batchSize, 1, 1, 1});
        bgr = bgr.repeat({options.batchSize, 1, 1, 1});
    }
    src = src.to(device, dtype);
    bgr = bgr.to(device, dtype);

    auto model = buildModel(options, spec);
    model->eval();
    model->to(device, dtype);
    if (options.channelsLast) {
        useChannelsLast(*model);
        src = channelsLast(src);
        bgr = channelsLast(bgr);
    }

    ModelBenchmarkResult result;
    if (options.foldBatchNorm)
        result.foldedPairs = foldBatchNorms(*model).folded;
    result.description = describe(spec, device, options.half) + (options.channelsLast ? ", channels-last" : ", NCHW");
    result.threads = at::get_num_threads();
    result.width = static_cast<int>(src.size(3));
    result.height = static_cast<int>(src.size(2));
    result.batchSize = options.batchSize;

    torch::NoGradGuard noGrad;
    const int total = options.warmup + options.runs;
    std::vector<double> seconds;
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->isCancelled())
            throw Error("benchmark interrupted");
        const auto start = Clock::now();
        model->forward(src, bgr);
        synchronize(device);
        if (i >= options.warmup)
            seconds.push_back(secondsSince(start));
        if (progress)
            progress(i + 1, total, i < options.warmup ? "warm-up" : "run");
    }
    result.timing = summarize(seconds);
    result.framesPerSecond = result.timing.median > 0 ? options.batchSize / result.timing.median : 0;
    result.peakRssBytes = peakResidentBytes();
    return result;
}

PipelineBenchmarkResult runPipelineBenchmark(const PipelineBenchmarkOptions& options, const ProgressCallback& progress,
                                             const CancelToken* cancel)
{
    const auto pairs = pairImages(collectImages(options.imagesSrc), collectImages(options.imagesBgr));

    SessionOptions sessionOptions;
    sessionOptions.checkpoint = options.checkpoint;
    sessionOptions.spec = options.spec;
    sessionOptions.typeGiven = options.typeGiven;
    sessionOptions.backboneGiven = options.backboneGiven;
    sessionOptions.device = options.device;
    sessionOptions.foldBatchNorm = options.foldBatchNorm;
    sessionOptions.channelsLast = options.channelsLast;

    PipelineBenchmarkResult result;
    const auto loadStart = Clock::now();
    MattingSession session(sessionOptions);
    result.loadSeconds = secondsSince(loadStart);
    result.description = session.describe();
    result.threads = at::get_num_threads();

    OutputOptions outputOptions;  // matte's defaults: com (PNG), pha and fgr (JPEG)
    outputOptions.outputDir = options.outputDir;
    const OutputWriter writer(outputOptions);
    ImagePipeline pipeline(session, writer);

    const auto runStart = Clock::now();
    const PipelineResult run = pipeline.run(pairs, cancel, progress);
    result.runSeconds = secondsSince(runStart);
    if (run.cancelled)
        throw Error("benchmark interrupted");
    result.images = run.succeeded;
    result.failed = static_cast<int>(run.failures.size());
    result.imagesPerSecond = result.runSeconds > 0 ? run.succeeded / result.runSeconds : 0;
    result.peakRssBytes = peakResidentBytes();
    return result;
}

}  // namespace ms
