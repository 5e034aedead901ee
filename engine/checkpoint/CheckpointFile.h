#pragma once
// The one entry point for reading and writing weight files: PyTorch .pth (ZIP or legacy) and
// safetensors, recognised by content. TorchScript archives are detected and refused here.
#include "checkpoint/PthWriter.h"
#include "checkpoint/StateDict.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ms {

enum class CheckpointFormat { PthZip, PthLegacy, Safetensors, TorchScript };

struct CheckpointFile {
    StateDict tensors;  // parameters+buffers in file order, `module.` prefix stripped, CPU tensors
    CheckpointFormat format = CheckpointFormat::PthZip;
    std::string
        containerKey;  // "" or the key of the nested dict the state_dict came from ("model", "state_dict", "model_state", ...)
    bool strippedModulePrefix = false;
    std::map<std::string, std::string> metadata;  // safetensors __metadata__ (string->string); empty for pth
    ModuleVersions moduleVersions;                // pth: the pickled `_metadata` versions (prefix stripped), if any
};

// Reads .pth (zip or legacy) or .safetensors, chosen by the file's content (magic bytes), not its extension.
// TorchScript archives throw ms::Error saying it is a TorchScript model (isTorchScriptFile tells beforehand).
CheckpointFile readCheckpointFile(const std::string& path);
// Never throws: false for anything that is not a readable TorchScript archive.
bool isTorchScriptFile(const std::string& path);

// Writes by extension: ".safetensors" -> safetensors (metadata stored in __metadata__), anything else -> PyTorch zip .pth.
// Atomic: temp file in the same folder + fsync + rename; on any failure (e.g. full disk) the target is untouched and the temp removed.
void writeCheckpointFile(const std::string& path, const StateDict& tensors, const ModuleVersions& versions = {},
                         const std::map<std::string, std::string>& metadata = {});

const char* checkpointFormatName(CheckpointFormat format);

}  // namespace ms
