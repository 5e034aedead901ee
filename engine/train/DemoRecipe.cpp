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
    // More, smaller images per step learn faster than fewer larger ones for the same arithmetic
    // (measured: docs/training.md, "The demo recipe").
    c.batchSize = 8;
    c.numWorkers = 1;
    c.trainSize = 128;
    c.epochEnd = 1000;
    c.maxSteps = 480;
    // The reference's rates are tuned for days of training; a few hundred steps need larger ones,
    // decaying to 0 at the last step.
    c.learningRateScale = 8;
    c.learningRateCosine = true;
    // Without it most seeds collapse to an empty matte within the first hundred steps (measured:
    // docs/training.md), the reference's clamp included.
    c.alphaGradientThroughClamp = true;
    // Shifted or re-exposed plates and added shadows teach robustness that the demo's exact clean
    // plates do not need (its figures carry their own cast shadows) and a short run cannot afford.
    c.augment.backgroundAffine = false;
    c.augment.backgroundJitter = false;
    c.augment.shadow = false;
    c.logTrainLossInterval = 1;
    c.logTrainImagesInterval = 30;
    c.logValidInterval = 30;  // 16 validation points, live
    c.checkpointInterval = 80;
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
