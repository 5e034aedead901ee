#include "train/LoaderSetup.h"

namespace ms {

LoaderOptions trainingLoaderOptions(const TrainConfig& config)
{
    LoaderOptions o;
    o.batchSize = config.batchSize;
    o.workers = config.numWorkers;
    o.shuffle = true;
    o.dropLast = true;
    o.seed = config.seed;
    o.augment = SampleAugment::training(config.model.type, config.trainSize);
    o.augment.affine = config.augment.affine;
    o.augment.flip = config.augment.flip;
    o.augment.blur = config.augment.blur;
    o.augment.sharpen = config.augment.sharpen;
    o.augment.colorJitter = config.augment.colorJitter;
    return o;
}

LoaderOptions validationLoaderOptions(const TrainConfig& config)
{
    LoaderOptions o;
    o.batchSize = config.batchSize;
    o.workers = config.numWorkers;
    o.shuffle = false;
    o.dropLast = false;
    o.seed = config.seed ^ 0x76616c6964ULL;  // its own stream, independent of the training order
    o.augment = SampleAugment::validation(config.trainSize);
    o.subsetSize = config.validSamples;
    o.fixedAugmentation = true;
    return o;
}

}  // namespace ms
