#pragma once
// The two loaders of a training run, configured from its TrainConfig (shared by the trainer and
// `--batch evaluate`, so evaluation sees what validation saw).
#include "data/TrainingLoader.h"
#include "train/TrainConfig.h"

namespace ms {

LoaderOptions trainingLoaderOptions(const TrainConfig& config);
// Fixed subset of validSamples, validation augmentation fixed per sample.
LoaderOptions validationLoaderOptions(const TrainConfig& config);

}  // namespace ms
