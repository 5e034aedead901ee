// env: what this build of LibTorch sees (the script adds the GPU name and driver from Python and
// nvidia-smi).
#include "Check.h"

#include "dist/DistBackend.h"

#include <torch/version.h>

namespace gpucheck {

void runEnvironment(const Options&, Result& result)
{
    Item& item = result.add("libtorch");
    json& n = item.numbers;
    n["libtorch_version"] = TORCH_VERSION;
    n["cxx11_abi"] = _GLIBCXX_USE_CXX11_ABI;
    n["cuda_available"] = torch::cuda::is_available();
    n["cuda_device_count"] = static_cast<int>(torch::cuda::device_count());
    n["cudnn_available"] = torch::cuda::cudnn_is_available();
    n["intra_op_threads"] = at::get_num_threads();
    const ms::DistBackendSupport support = ms::compiledDistBackends();
    n["dist_gloo"] = support.gloo;
    n["dist_nccl"] = support.nccl;
}

}  // namespace gpucheck
