#pragma once
#include "checkpoint/StateDict.h"

#include <string>
#include <vector>

namespace ms {

// What happened when a state_dict was copied into a model: the reference's strict=False semantics
// (load what matches by name and shape), with every difference listed.
struct LoadReport {
    struct ShapeMismatch {
        std::string key;
        std::vector<int64_t> modelShape, fileShape;
    };
    std::vector<std::string> matched;
    std::vector<std::string> missing;     // in the model, not in the file
    std::vector<std::string> unexpected;  // in the file, not in the model
    std::vector<ShapeMismatch> mismatched;

    bool isExact() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
    // One line: "362/362 matched, 0 missing, 0 unexpected, 0 shape mismatches".
    std::string summary() const;
    // Summary plus the keys of every difference, for `--batch info` and the GUI.
    std::string details(size_t maxKeysPerList = 20) const;
};

enum class LoadMode { Partial, Strict };

// Copies matching tensors into the model's parameters and buffers (converting dtype/device).
// Missing `num_batches_tracked` entries are tolerated like PyTorch does for files without them.
// Throws ms::Error when less than half of the model would be filled (nothing matches, another
// backbone), and in Strict mode when anything differs. A refused load leaves the model untouched.
LoadReport loadStateDict(torch::nn::Module& model, const StateDict& tensors, LoadMode mode = LoadMode::Partial);

// The model's parameters and buffers in registration order, ready to be written.
StateDict stateDictOf(const torch::nn::Module& model);

}  // namespace ms
