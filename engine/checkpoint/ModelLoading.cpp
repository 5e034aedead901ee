#include "checkpoint/ModelLoading.h"

#include "checkpoint/CheckpointInfo.h"

namespace ms {

LoadedModel loadModel(const StateDict& tensors, const ModelSpec& requested, bool typeGiven, bool backboneGiven,
                      LoadMode mode)
{
    LoadedModel loaded;
    loaded.spec = specForCheckpoint(tensors, requested, typeGiven, backboneGiven);
    loaded.model = createModel(loaded.spec);
    loaded.report = loadStateDict(*loaded.model, tensors, mode);
    return loaded;
}

}  // namespace ms
