#include "train/DemoRecipe.h"

namespace ms {

SyntheticDatasetOptions demoDatasetOptions()
{
    SyntheticDatasetOptions o;
    o.trainCount = 64;
    o.validCount = 16;
    o.width = o.height = 256;
    o.seed = 7;
    return o;
}

TrainConfig demoTrainConfig(const std::string& dataset, const std::string& outputRoot)
{
    TrainConfig c = defaultTrainConfig(ModelType::MattingBase);
    c.model.backbone = Backbone::MobileNetV2;
    c.modelName = "demo";
    c.dataset = dataset;
    c.outputRoot = outputRoot;
    c.batchSize = 4;
    c.numWorkers = 1;
    c.trainSize = 192;
    c.epochEnd = 1000;
    c.maxSteps = 300;
    // The reference's rates are tuned for days of training; a few hundred steps need larger ones.
    c.learningRateScale = 8;
    c.learningRateCosine = true;
    // Without it most seeds collapse to an empty matte within the first hundred steps (measured:
    // docs/training.md), the reference's clamp included.
    c.alphaGradientThroughClamp = true;
    c.logTrainLossInterval = 1;
    c.logTrainImagesInterval = 25;
    c.logValidInterval = 25;  // 12 validation points, live
    c.checkpointInterval = 50;
    c.validSamples = 16;
    c.keepLast = 3;
    c.keepBest = true;
    return c;
}

SyntheticScene demoSample(int index)
{
    // Far from the dataset's seeds (the dataset derives its own from seed 7).
    return makeSyntheticScene(512, 384, 1000 + uint64_t(index));
}

} // namespace ms
