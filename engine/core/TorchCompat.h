#pragma once
// The one place where LibTorch version differences are handled (Debian's 1.13 vs official 2.x).
#include <ATen/autocast_mode.h>
#include <torch/torch.h>
#include <torch/version.h>

#define MS_TORCH_VERSION_AT_LEAST(major, minor)                                                                        \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace c10d {
class ProcessGroup;
class Backend;
}  // namespace c10d

namespace ms::compat {

// Disables TF32 so CUDA results are comparable with float32 CPU references.
inline void disableTf32()
{
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
}

// Mixed precision for the forward pass and the loss on CUDA (LibTorch has autocast but not
// GradScaler in C++; see train/LossScaler.h). 2.4 renamed the switch per device type (the old
// CUDA-only names still exist there, deprecated). The flag is thread-local; setting it is allowed
// on CPU-only builds too (it then has no effect on any tensor).
inline bool isCudaAutocastEnabled()
{
#if MS_TORCH_VERSION_AT_LEAST(2, 4)
    return at::autocast::is_autocast_enabled(at::kCUDA);
#else
    return at::autocast::is_enabled();
#endif
}

// Switches CUDA autocast on or off for a scope, as Python's `with torch.autocast("cuda", enabled=...)`:
// the previous state comes back when the guard goes, by return or by exception, and leaving the
// outermost autocast scope clears the cache of casted weights (it would otherwise keep float16
// copies of weights the optimizer has since changed). restore() ends the scope early.
class CudaAutocastGuard {
public:
    explicit CudaAutocastGuard(bool enabled)
        : m_previous(isCudaAutocastEnabled())
    {
        set(enabled);
        at::autocast::increment_nesting();
    }
    ~CudaAutocastGuard() { restore(); }
    CudaAutocastGuard(const CudaAutocastGuard&) = delete;
    CudaAutocastGuard& operator=(const CudaAutocastGuard&) = delete;

    void restore() noexcept
    {
        if (m_restored)
            return;
        m_restored = true;
        if (at::autocast::decrement_nesting() == 0)
            at::autocast::clear_cache();
        set(m_previous);
    }

private:
    static void set(bool enabled)
    {
#if MS_TORCH_VERSION_AT_LEAST(2, 4)
        at::autocast::set_autocast_enabled(at::kCUDA, enabled);
#else
        at::autocast::set_enabled(enabled);
#endif
    }

    bool m_previous;
    bool m_restored = false;
};

// optimizer.zero_grad() zeroes gradients in place on 1.13 and drops them (set_to_none) on 2.x;
// this does the same on both: it drops them, as 2.x and the Python reference on torch 2 do. A
// parameter the next step gives no gradient then has none, so Adam leaves it alone (with zeroed
// gradients it would still move by its momentum), and no memset runs per parameter. GradientSync
// (dist/) works with either: its hooks see the gradient backward produces, not the accumulated
// .grad, and finish() writes the average into a defined .grad or creates it; a parameter this
// rank did not use keeps no gradient, as in a single process.
inline void clearGradients(torch::optim::Optimizer& optimizer)
{
    for (auto& group : optimizer.param_groups())
        for (auto& p : group.params())
            if (p.grad().defined())
                p.mutable_grad().reset();
}

// c10d (distributed). The collectives of one backend (Gloo, NCCL): 2.0 split the process group
// into a ProcessGroup front and one Backend per device type, and ProcessGroupGloo/-NCCL became
// Backends; in 1.13 they are ProcessGroups. Both have allreduce/broadcast/barrier.
#if MS_TORCH_VERSION_AT_LEAST(2, 0)
using C10dBackend = c10d::Backend;
#else
using C10dBackend = c10d::ProcessGroup;
#endif

// TCPStore on plain sockets. 2.4 made the libuv server the default (useLibUV = true), and a
// LibTorch built without libuv then throws "use_libuv was requested but PyTorch was build without
// libuv support"; libuv brings nothing a few dozen ranks need. (2.1-2.3 have the field, false.)
// A template so that this header needs no c10d include: instantiated where TCPStore.hpp is.
template <typename TCPStoreOptions>
inline void disableTcpStoreLibuv(TCPStoreOptions& options)
{
#if MS_TORCH_VERSION_AT_LEAST(2, 4)
    options.useLibUV = false;
#else
    (void)options;
#endif
}

// Whether disableTcpStoreLibuv has anything to switch off in this LibTorch (for the tests).
constexpr bool kTcpStoreHasLibuvOption = MS_TORCH_VERSION_AT_LEAST(2, 4);

// Binds an NCCL process group to this rank's one CUDA device and forms its communicator now (a
// rank that cannot connect fails in join, not in the first collective). 2.3+ (setBoundDeviceId,
// eagerConnectSingleDevice); older versions create the communicator lazily on the device of the
// first collective's tensors, which is the same device here.
template <typename NcclGroup>
inline void bindNcclDevice(NcclGroup& group, const c10::Device& device)
{
#if MS_TORCH_VERSION_AT_LEAST(2, 3)
    group.setBoundDeviceId(device);
    group.eagerConnectSingleDevice(device);
#else
    (void)group;
    (void)device;
#endif
}

// Whether at::_amp_foreach_non_finite_check_and_unscale_ (GradScaler's fused unscale-and-check,
// train/LossScaler.h) runs on `device`: it has a CUDA kernel in every version (1.6 on) and a CPU
// one in 2.x (pytorch#109281; relied on from 2.6, where its CPU dispatch is checked; 1.13 has none).
inline bool hasFusedUnscale(const c10::Device& device)
{
#if MS_TORCH_VERSION_AT_LEAST(2, 6)
    return device.is_cuda() || device.is_cpu();
#else
    return device.is_cuda();
#endif
}

}  // namespace ms::compat
