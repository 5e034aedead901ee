#pragma once
// Warm starts from weights trained elsewhere: a DeepLabV3 checkpoint of VainF/DeepLabV3Plus-Pytorch
// or torchvision ImageNet backbone weights, renamed into this model's key space. The caller loads
// the result by name and shape (the 6-channel first convolution never matches, as in the reference).
#include "checkpoint/StateDict.h"
#include "model/ModelSpec.h"

#include <string>

namespace ms {

enum class PretrainedKind { DeepLabV3, TorchvisionBackbone, MattingModel };

struct PretrainedWeights {
    PretrainedKind kind;
    StateDict tensors;  // renamed
};

// Recognises the kind by its keys and renames: DeepLabV3 `classifier.classifier.0.` -> `aspp.`,
// MobileNetV2 `backbone.low_level_features.i` / `high_level_features.j` -> `backbone.features.(i | j+4)`;
// torchvision `conv1.`, `layer*.`, `features.` -> `backbone.` (its classifier dropped).
PretrainedWeights remapPretrained(const StateDict& tensors, Backbone backbone);

const char* pretrainedKindName(PretrainedKind kind);

}  // namespace ms
