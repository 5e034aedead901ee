#pragma once
// Inside engine/dist: the factories of the c10d backends, one source file each (GlooGroup.cpp,
// NcclGroup.cpp); a backend this build lacks (dist/BackendConfig.h) throws ms::Error.
#include "core/TorchCompat.h"
#include "dist/BackendConfig.h"
#include "dist/DistributedEnv.h"

#include <torch/torch.h>

#include <chrono>

namespace c10d {
class Store;
}  // namespace c10d

namespace ms::dist {

using BackendPtr = c10::intrusive_ptr<compat::C10dBackend>;

// Gloo over TCP: GLOO_SOCKET_IFNAME's interface, else loopback for a loopback master, else the
// host's default. Throws ms::Error where this build has no Gloo.
BackendPtr createGlooGroup(const c10::intrusive_ptr<c10d::Store>& store, const DistributedEnv& env,
                           std::chrono::milliseconds timeout);

// NCCL on `device` (cuda:N, the rank's own GPU; the current CUDA device must already be it).
// Throws ms::Error where this build has no NCCL.
BackendPtr createNcclGroup(const c10::intrusive_ptr<c10d::Store>& store, const DistributedEnv& env,
                           const torch::Device& device, std::chrono::milliseconds timeout);

}  // namespace ms::dist
