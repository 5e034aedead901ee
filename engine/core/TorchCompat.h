#pragma once
// The one place where LibTorch version differences are handled (Debian's 1.13 vs official 2.x).
#include <torch/torch.h>
#include <torch/version.h>

#define MS_TORCH_VERSION_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace ms::compat {

// Disables TF32 so CUDA results are comparable with float32 CPU references.
inline void disableTf32()
{
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
}

} // namespace ms::compat
