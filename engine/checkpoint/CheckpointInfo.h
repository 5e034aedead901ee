#pragma once
#include "checkpoint/StateDict.h"
#include "model/ModelSpec.h"

#include <optional>
#include <string>

namespace ms {

// What a state_dict is, told from its keys and shapes alone.
struct Architecture {
    ModelType type;
    Backbone backbone;
    int refineKernelSize = 3;  // meaningful for MattingRefine only
    int64_t tensorCount = 0;
    int64_t parameterElements = 0;  // floating-point elements (parameters and running stats)

    std::string describe() const;  // "MattingRefine, mobilenetv2 backbone, refiner kernel 3"
};

// nullopt when the keys are not those of a BackgroundMattingV2 network.
std::optional<Architecture> detectArchitecture(const StateDict& tensors);

// The spec to build for a checkpoint: `requested` with type/backbone/kernel filled in from the file
// where the user did not set them. Throws ms::Error if the file is not a BMV2 checkpoint.
ModelSpec specForCheckpoint(const StateDict& tensors, ModelSpec requested, bool typeGiven, bool backboneGiven);

}  // namespace ms
