#pragma once
// The one way to get a network out of a checkpoint's tensors, for matting, evaluation, `info` and
// the checkpoint browser alike: the architecture from the keys (unless given), the network built,
// the tensors loaded and reported.
#include "checkpoint/LoadReport.h"
#include "checkpoint/StateDict.h"
#include "model/MattingModel.h"

#include <memory>

namespace ms {

struct LoadedModel {
    ModelSpec spec;
    std::shared_ptr<MattingBase> model;
    LoadReport report;
};

// `requested` supplies the refine settings, and type and backbone where given. Throws ms::Error
// when the tensors are no BackgroundMattingV2 network or (Strict) do not fit it.
LoadedModel loadModel(const StateDict& tensors, const ModelSpec& requested = {}, bool typeGiven = false,
                      bool backboneGiven = false, LoadMode mode = LoadMode::Partial);

}  // namespace ms
