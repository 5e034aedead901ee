// The NCCL backend: CUDA tensors reduced on the GPUs, on NCCL's own streams ordered after the
// calling thread's current stream (no host staging; wait() makes the current stream wait). Compiled
// only where LibTorch is a CUDA build with c10d NCCL and <nccl.h> is found.
#include "dist/ProcessGroups.h"

#include "core/Error.h"

#if MS_DIST_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

namespace ms::dist {

#if MS_DIST_NCCL

BackendPtr createNcclGroup(const c10::intrusive_ptr<c10d::Store>& store, const DistributedEnv& env,
                           const torch::Device& device, std::chrono::milliseconds timeout)
{
    if (!device.is_cuda() || !device.has_index())
        throw Error("distributed training: NCCL needs one CUDA device per rank, not " + device.str());
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->timeout = timeout;
    auto group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, env.rank, env.worldSize, options);
    compat::bindNcclDevice(*group, device);
    return group;
}

#else

BackendPtr createNcclGroup(const c10::intrusive_ptr<c10d::Store>&, const DistributedEnv&, const torch::Device&,
                           std::chrono::milliseconds)
{
    throw Error("distributed training: this build of MatteStudio has no NCCL backend (it needs a CUDA LibTorch "
                "with NCCL; configured with MATTESTUDIO_WITH_NCCL=OFF or <nccl.h> not found)");
}

#endif

}  // namespace ms::dist
