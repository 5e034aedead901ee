#pragma once
// Which c10d backend carries a distributed run's collectives, and whether this build has it.
// Torch-free (the training config and the GUI use it).
//   gloo: CPU tensors, and CUDA tensors staged through host memory; needs a LibTorch with c10d
//         Gloo and its headers (Debian: libtorch-dev + libgloo-dev).
//   nccl: CUDA tensors reduced on the GPUs; needs a CUDA LibTorch with c10d NCCL and <nccl.h>.
//   auto: NCCL for a CUDA device where this build has it, Gloo otherwise.
#include <optional>
#include <string>

namespace ms {

enum class DistBackend { Auto, Nccl, Gloo };

std::optional<DistBackend> parseDistBackend(const std::string& text);  // "auto", "nccl", "gloo"
std::string toString(DistBackend backend);

// What a build can use (compiled in; NCCL also needs a CUDA device at run time).
struct DistBackendSupport {
    bool gloo = false;
    bool nccl = false;
};

// This build's backends (see cmake/Distributed.cmake: MATTESTUDIO_HAVE_GLOO, MATTESTUDIO_HAVE_NCCL).
DistBackendSupport compiledDistBackends();

// The backend a rank on a CUDA (or CPU) device uses for `requested`: never Auto. Throws ms::Error
// saying what is missing and how to get it: nccl asked for on a CPU device or in a build without
// NCCL, gloo in a build without Gloo, and distributedUnavailableMessage() when there is neither.
DistBackend resolveDistBackend(DistBackend requested, bool cudaDevice, const DistBackendSupport& support);

// Why a build without Gloo and NCCL cannot train distributed, and what to install instead.
std::string distributedUnavailableMessage();

}  // namespace ms
