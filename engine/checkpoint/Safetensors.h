#pragma once
// The safetensors format: 8-byte little-endian header length, a JSON header mapping each name to
// dtype, shape and data_offsets, an optional "__metadata__" string map, then the raw tensor bytes.
#include "checkpoint/StateDict.h"

#include <map>
#include <string>

namespace ms {

struct SafetensorsContents {
    StateDict tensors;                            // in data-offset order, i.e. the writer's order
    std::map<std::string, std::string> metadata;  // "__metadata__"
};

SafetensorsContents readSafetensors(const std::string& path);
// Atomic; tensors are written in StateDict order (CPU, contiguous, little-endian).
void writeSafetensors(const std::string& path, const StateDict& tensors,
                      const std::map<std::string, std::string>& metadata = {});

// Cheap content sniffing: a plausible header length followed by '{'.
bool hasSafetensorsMagic(const char* head, size_t size, uint64_t fileSize);

}  // namespace ms
