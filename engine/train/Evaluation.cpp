#include "train/Evaluation.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/ModelLoading.h"
#include "core/Device.h"
#include "core/Error.h"
#include "core/Stopwatch.h"
#include "data/DatasetConfig.h"
#include "data/DatasetIndex.h"
#include "train/DeviceBatchCopier.h"
#include "train/LoaderSetup.h"
#include "train/Validation.h"

#include <chrono>

namespace ms {

EvaluationResult evaluateCheckpoint(const EvaluationOptions& o, const CancelToken* cancel)
{
    const auto start = Clock::now();
    const CheckpointFile file = readCheckpointFile(o.checkpoint);
    LoadedModel loaded = loadModel(file.tensors, o.spec, o.typeGiven, o.backboneGiven);
    const ModelSpec spec = loaded.spec;
    auto model = loaded.model;
    EvaluationResult result;
    result.loadSummary = loaded.report.summary();
    const torch::Device device = parseDevice(o.device);
    model->to(device);

    const DatasetConfig dataset = loadDatasetConfig(o.dataset);
    DatasetCheckOptions checkOptions;
    checkOptions.minTrainSamples = o.trainSplit ? 1 : 0;
    checkOptions.minValidSamples = o.trainSplit ? 0 : 1;
    const DatasetCheck check = checkDataset(dataset, checkOptions);
    if (!check.ok())
        throw Error("the dataset " + dataset.file + " cannot be used:\n" + check.report());

    TrainConfig config = defaultTrainConfig(spec.type);
    config.batchSize = o.batchSize;
    config.numWorkers = o.workers;
    config.seed = o.seed;
    config.trainSize = o.size;
    config.validSamples = o.samples;
    LoaderOptions loaderOptions = validationLoaderOptions(config);
    if (o.samples <= 0)
        loaderOptions.subsetSize = 0;
    loaderOptions.pinMemory = wantsPinnedBatches(device);
    TrainingLoader loader(o.trainSplit ? check.train : check.valid, loaderOptions);
    result.report = validateModel(*model, spec.type, loader, device, 0, cancel);
    result.modelDescription = toString(spec.type) + " (" + toString(spec.backbone) + ")";
    result.seconds = secondsSince(start);
    return result;
}

}  // namespace ms
