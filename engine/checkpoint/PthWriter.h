#pragma once
// Writes a state dict in the ZIP form of Python's torch.save(model.state_dict()), readable by
// torch.load (including weights_only=True) in torch 1.x and 2.x.
#include "checkpoint/StateDict.h"

#include <string>
#include <utility>
#include <vector>

namespace ms {

// Module "versions" for the pickled _metadata attribute, e.g. {"",1},{"backbone",1},{"backbone.bn1",2}.
using ModuleVersions = std::vector<std::pair<std::string, int>>;

// The data.pkl pickle (protocol 2): an OrderedDict of tensors whose storages are "0", "1", ... in
// StateDict order, plus `_metadata` when versions are given.
std::string picklePthStateDict(const StateDict& tensors, const ModuleVersions& versions);

// Atomic (temp file + fsync + rename). Tensors are made CPU and contiguous first.
void writePth(const std::string& path, const StateDict& tensors, const ModuleVersions& versions = {});

}  // namespace ms
