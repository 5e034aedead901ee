#include "train/TrainStepBenchmark.h"

#include "core/Device.h"
#include "core/Error.h"
#include "core/Stopwatch.h"
#include "core/TorchCompat.h"
#include "model/MattingModel.h"
#include "train/Losses.h"
#include "train/OptimizerSetup.h"

namespace ms {

TrainStepBenchmarkResult runTrainStepBenchmark(const TrainStepBenchmarkOptions& options,
                                               const ProgressCallback& progress, const CancelToken* cancel)
{
    if (options.runs < 1 || options.warmup < 0 || options.batchSize < 1 || options.width < 8 || options.height < 8)
        throw Error(
            "the training-step bench needs a run, a non-negative warm-up, a batch of at least 1 and at least 8x8 px");
    // Exactly refineSamplePixels refined per image, as the reference's speed test: with random
    // weights the error map's zero share (which the oversampling guard skips) is arbitrary.
    ModelSpec spec = options.spec;
    spec.refinePreventOversampling = false;
    validate(spec);
    const torch::Device device = parseDevice(options.device);
    torch::manual_seed(0);
    auto model = createModel(spec);
    model->to(device);
    model->train();
    const auto adam = makeAdam(*model, options.spec.type);

    const int64_t b = options.batchSize, h = options.height, w = options.width;
    const auto opts = torch::TensorOptions().device(device);
    std::vector<double> seconds, forward, loss, backward, optimizer;
    const auto median = [](std::vector<double> v) { return summarize(std::move(v)).median; };
    const int total = options.warmup + options.runs;
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->isCancelled())
            throw Error("cancelled");
        const torch::Tensor truePha = torch::rand({b, 1, h, w}, opts), trueFgr = torch::rand({b, 3, h, w}, opts),
                            bgr = torch::rand({b, 3, h, w}, opts);
        // Phase times need the device idle at each boundary (a no-op on CPU).
        const auto sync = [&] {
            if (device.is_cuda())
                torch::cuda::synchronize(device.index());
        };
        const auto start = Clock::now();
        const torch::Tensor src = trueFgr * truePha + bgr * (1 - truePha);
        const MattingOutput out = model->forward(src, bgr);
        sync();
        const auto forwardEnd = Clock::now();
        const torch::Tensor lossValue = mattingLoss(options.spec.type, out, truePha, trueFgr).total;
        sync();
        const auto lossEnd = Clock::now();
        lossValue.backward();
        sync();
        const auto backwardEnd = Clock::now();
        adam->step();
        compat::clearGradients(*adam);
        sync();
        if (i >= options.warmup) {
            const auto between = [](Clock::time_point from, Clock::time_point to) {
                return std::chrono::duration<double>(to - from).count();
            };
            seconds.push_back(secondsSince(start));
            forward.push_back(between(start, forwardEnd));
            loss.push_back(between(forwardEnd, lossEnd));
            backward.push_back(between(lossEnd, backwardEnd));
            optimizer.push_back(secondsSince(backwardEnd));
        }
        if (progress)
            progress(i + 1, total, i < options.warmup ? "warm-up" : "step");
    }

    TrainStepBenchmarkResult result;
    result.description = toString(options.spec.type) + " / " + toString(options.spec.backbone) + ", " +
                         std::to_string(w) + "x" + std::to_string(h) + ", batch " + std::to_string(b) + ", " +
                         device.str();
    result.threads = at::get_num_threads();
    result.timing = summarize(std::move(seconds));
    result.forwardSeconds = median(forward);
    result.lossSeconds = median(loss);
    result.backwardSeconds = median(backward);
    result.optimizerSeconds = median(optimizer);
    result.imagesPerSecond = double(b) / std::max(result.timing.median, 1e-9);
    result.peakRssBytes = peakResidentBytes();
    return result;
}

}  // namespace ms
