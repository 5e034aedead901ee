#pragma once
// Reads what Python's torch.save writes - the ZIP form (torch >= 1.6) and the legacy stream form -
// into unpickled values with tensors already loaded (CPU, sharing storages as in the file).
#include "checkpoint/Unpickler.h"

#include <string>

namespace ms {

class ZipArchive;

// The object `torch.save` stored. Throws ms::Error naming the file on any problem.
PickleRef readPthZip(const ZipArchive& zip);
PickleRef readPthLegacy(const std::string& path);

// TorchScript archives are ZIPs too; they hold code/ and constants.pkl beside the data.
bool isTorchScriptArchive(const ZipArchive& zip);
// True when `head` starts with the legacy format's magic-number pickle.
bool hasLegacyPthMagic(const char* head, size_t size);

}  // namespace ms
