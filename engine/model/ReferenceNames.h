#pragma once
// The Python reference's names for what the model is and returns: its constructor's keyword
// arguments (MattingBase(backbone), MattingRefine(backbone, backbone_scale, refine_mode, ...)) and
// its output tuple's names (pha, fgr, err, hid; pha_sm, fgr_sm, err_sm, ref_sm), as the parity
// fixtures' manifests spell them.
#include "model/MattingModel.h"
#include "model/ModelSpec.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace ms {

// `model` is "MattingBase" or "MattingRefine"; keyword arguments left out keep the reference's
// defaults. Throws ms::Error on an unknown model, backbone or refine mode.
ModelSpec modelSpecFromReference(const std::string& model, const nlohmann::json& kwargs);

// The output of that name; an undefined tensor for a name the reference does not return.
torch::Tensor referenceOutput(const MattingOutput& out, const std::string& name);

}  // namespace ms
