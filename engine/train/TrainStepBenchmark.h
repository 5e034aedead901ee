#pragma once
// The training step alone, timed: composite, forward, loss, backward and Adam on random tensors of
// a fixed size, with the reference's optimizer groups - what bench/reference/
// measure_reference_training.py --fixed-size times for the reference. No data loading and no
// batch augmentation (the trainer reports its data wait separately).
#include "core/CancelToken.h"
#include "core/Progress.h"
#include "infer/Benchmark.h"
#include "model/ModelSpec.h"

#include <string>

namespace ms {

struct TrainStepBenchmarkOptions {
    ModelSpec spec;
    int width = 512, height = 512;
    int batchSize = 2;
    std::string device = "cpu";
    int warmup = 2;
    int runs = 10;
};

struct TrainStepBenchmarkResult {
    std::string description;
    int threads = 1;
    TimingStats timing;  // seconds per step
    // Median seconds of each phase: forward (with the composite), loss, backward, optimizer step.
    double forwardSeconds = 0, lossSeconds = 0, backwardSeconds = 0, optimizerSeconds = 0;
    double imagesPerSecond = 0;  // batchSize / median
    int64_t peakRssBytes = 0;
};

// Throws ms::Error for impossible options.
TrainStepBenchmarkResult runTrainStepBenchmark(const TrainStepBenchmarkOptions& options,
                                               const ProgressCallback& progress = {},
                                               const CancelToken* cancel = nullptr);

}  // namespace ms
