#pragma once
// The one place where LibTorch version differences are handled (Debian's 1.13 vs official 2.x).
#include <torch/torch.h>
#include <torch/version.h>
#include <ATen/autocast_mode.h>

#define MS_TORCH_VERSION_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace ms::compat {

// Disables TF32 so CUDA results are comparable with float32 CPU references.
inline void disableTf32()
{
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
}

// Mixed precision for the forward pass and the loss on CUDA (LibTorch has autocast but not
// GradScaler in C++; see train/LossScaler.h). 2.4 renamed the switch per device type.
inline void setCudaAutocast(bool enabled)
{
#if MS_TORCH_VERSION_AT_LEAST(2, 4)
    at::autocast::set_autocast_enabled(at::kCUDA, enabled);
#else
    at::autocast::set_enabled(enabled);
#endif
    if (!enabled)
        at::autocast::clear_cache();
}

} // namespace ms::compat
