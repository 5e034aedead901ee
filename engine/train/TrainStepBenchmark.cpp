#include "train/TrainStepBenchmark.h"

#include "core/Error.h"
#include "core/Stopwatch.h"
#include "infer/MattingSession.h"
#include "model/MattingModel.h"
#include "train/Losses.h"
#include "train/OptimizerSetup.h"

namespace ms {

TrainStepBenchmarkResult runTrainStepBenchmark(const TrainStepBenchmarkOptions& options, const ProgressCallback& progress,
                                               const CancelToken* cancel)
{
    if (options.runs < 1 || options.warmup < 0 || options.batchSize < 1 || options.width < 8 || options.height < 8)
        throw Error("the training-step bench needs a run, a non-negative warm-up, a batch of at least 1 and at least 8x8 px");
    validate(options.spec);
    const torch::Device device = parseDevice(options.device);
    torch::manual_seed(0);
    auto model = createModel(options.spec);
    model->to(device);
    model->train();
    const auto optimizer = makeAdam(*model, options.spec.type);

    const int64_t b = options.batchSize, h = options.height, w = options.width;
    const auto opts = torch::TensorOptions().device(device);
    std::vector<double> seconds;
    const int total = options.warmup + options.runs;
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->isCancelled())
            throw Error("cancelled");
        const torch::Tensor truePha = torch::rand({b, 1, h, w}, opts), trueFgr = torch::rand({b, 3, h, w}, opts),
                            bgr = torch::rand({b, 3, h, w}, opts);
        const auto start = Clock::now();
        const torch::Tensor src = trueFgr * truePha + bgr * (1 - truePha);
        const MattingOutput out = model->forward(src, bgr);
        mattingLoss(options.spec.type, out, truePha, trueFgr).total.backward();
        optimizer->step();
        optimizer->zero_grad();
        if (device.is_cuda())
            torch::cuda::synchronize(device.index());
        if (i >= options.warmup)
            seconds.push_back(secondsSince(start));
        if (progress)
            progress(i + 1, total, i < options.warmup ? "warm-up" : "step");
    }

    TrainStepBenchmarkResult result;
    result.description = toString(options.spec.type) + " / " + toString(options.spec.backbone) + ", " +
                         std::to_string(w) + "x" + std::to_string(h) + ", batch " + std::to_string(b) + ", " +
                         device.str();
    result.threads = at::get_num_threads();
    result.timing = summarize(std::move(seconds));
    result.imagesPerSecond = double(b) / std::max(result.timing.median, 1e-9);
    result.peakRssBytes = peakResidentBytes();
    return result;
}

} // namespace ms
