#pragma once
// Validation as the reference does it: eval mode, no gradients, the plain composite as input, the
// training loss averaged over samples, plus the standard matting metrics on alpha.
#include "model/MattingModel.h"
#include "train/Trainer.h"

namespace ms {

class TrainingLoader;

// Runs one pass over `loader` (epoch 0, so a fixed-augmentation loader gives the same samples
// every time) and restores the model's training mode afterwards.
ValidationReport validateModel(MattingBase& model, ModelType type, TrainingLoader& loader, torch::Device device,
                               int64_t step, const CancelToken* cancel = nullptr);

}  // namespace ms
