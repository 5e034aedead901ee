#pragma once
// How the training loader's batches get to the device. For CUDA the loader fills page-locked
// (pinned) host buffers (LoaderOptions::pinMemory) and each copy is queued asynchronously
// (non_blocking), overlapping the host's work. The loader recycles a host buffer as soon as
// nothing outside its pool references it, so it could refill a buffer the device is still
// reading; the copier therefore keeps the source of every copy in flight referenced until a fence
// recorded after that copy (a CUDA event) has signalled. Synchronous copies (CPU, pageable
// memory) need no fence. The fence and the copy are behind interfaces so that the guard is
// tested on the CPU with fake ones.
#include <torch/torch.h>

#include <deque>
#include <memory>

namespace ms {

// Completion of the work queued on a device up to some point.
class CopyFence {
public:
    virtual ~CopyFence() = default;
    virtual bool done() const = 0;  // without blocking
    virtual void wait() = 0;        // blocks until done
};

// One way of getting host tensors to a device.
class BatchTransfer {
public:
    virtual ~BatchTransfer() = default;
    struct Started {
        torch::Tensor onDevice;
        std::unique_ptr<CopyFence> fence;  // null: the copy is complete (or there was none)
    };
    // Queues the copy of `host`; the fence while it may still be reading `host`.
    virtual Started start(const torch::Tensor& host) = 0;
};

// To `device`: asynchronous from pinned memory to CUDA, fenced by a CUDA event on the device's
// current stream; otherwise a plain, synchronous Tensor::to (a no-op to the CPU).
std::unique_ptr<BatchTransfer> makeBatchTransfer(const torch::Device& device);

// Whether batches for `device` should be made in pinned memory: a CUDA device, with CUDA
// available at run time (pinning needs the CUDA runtime).
bool wantsPinnedBatches(const torch::Device& device);

class DeviceBatchCopier {
public:
    explicit DeviceBatchCopier(const torch::Device& device);
    explicit DeviceBatchCopier(std::unique_ptr<BatchTransfer> transfer);
    ~DeviceBatchCopier();  // waits for the copies in flight before it lets their sources go
    DeviceBatchCopier(const DeviceBatchCopier&) = delete;
    DeviceBatchCopier& operator=(const DeviceBatchCopier&) = delete;

    // `host` on the device; `host` stays referenced until its copy has completed. Lets go of
    // the sources of completed copies first.
    torch::Tensor to(const torch::Tensor& host);
    void releaseCompleted();
    void waitAll();  // waits for every copy in flight, then lets go of their sources
    size_t inFlight() const { return m_inFlight.size(); }

private:
    struct InFlight {
        torch::Tensor source;
        std::unique_ptr<CopyFence> fence;
    };
    std::unique_ptr<BatchTransfer> m_transfer;
    std::deque<InFlight> m_inFlight;
};

}  // namespace ms
