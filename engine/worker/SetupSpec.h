#pragma once
// The refinement a GUI MattingSetup asks for, as the engine's ModelSpec (validated). Shared by the
// matting and live workers; not for the GUI (torch-free, but engine-side).
#include "core/Error.h"
#include "model/ModelSpec.h"
#include "worker/MattingWorker.h"

namespace ms {

inline ModelSpec refineSpecOf(const MattingSetup& s)
{
    ModelSpec spec;
    const auto mode = parseRefineMode(s.refineMode.toStdString());
    if (!mode)
        throw Error("unknown refine mode '" + s.refineMode.toStdString() + "'");
    spec.refineMode = *mode;
    spec.refineSamplePixels = s.refineSamplePixels;
    spec.refineThreshold = s.refineThreshold;
    spec.backboneScale = s.backboneScale;
    validate(spec);
    return spec;
}

}  // namespace ms
