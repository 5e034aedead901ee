#include "train/DeviceBatchCopier.h"

#include <c10/core/Event.h>
#include <c10/core/Stream.h>
#include <c10/core/impl/VirtualGuardImpl.h>

#include <algorithm>

namespace ms {
namespace {

// A CUDA event recorded on `stream` (through c10's device-generic interface, so that this file
// needs no CUDA headers and builds against CPU-only LibTorch).
class CudaEventFence final : public CopyFence {
public:
    explicit CudaEventFence(const c10::Stream& stream)
        : m_event(c10::DeviceType::CUDA)
        , m_stream(stream)
    {
        m_event.record(stream);
    }
    bool done() const override { return m_event.query(); }
    // c10::Event::synchronize() is 2.x only; the stream's synchronize() (both versions) waits for
    // the event and whatever the stream queued after it.
    void wait() override
    {
        if (!m_event.query())
            m_stream.synchronize();
    }

private:
    c10::Event m_event;
    c10::Stream m_stream;
};

class SyncTransfer final : public BatchTransfer {
public:
    explicit SyncTransfer(const torch::Device& device)
        : m_device(device)
    {}
    Started start(const torch::Tensor& host) override { return {host.to(m_device), nullptr}; }

private:
    torch::Device m_device;
};

class CudaTransfer final : public BatchTransfer {
public:
    explicit CudaTransfer(const torch::Device& device)
        : m_device(device)
    {}
    Started start(const torch::Tensor& host) override
    {
        if (!host.is_cpu() || !host.is_pinned())  // pageable: the copy is synchronous anyway
            return {host.to(m_device), nullptr};
        torch::Tensor onDevice = host.to(torch::TensorOptions().device(m_device), /*non_blocking=*/true);
        // The copy went to the current stream of the device; the event follows it there.
        const c10::Stream stream = c10::impl::VirtualGuardImpl(c10::DeviceType::CUDA).getStream(m_device);
        return {std::move(onDevice), std::make_unique<CudaEventFence>(stream)};
    }

private:
    torch::Device m_device;
};

}  // namespace

std::unique_ptr<BatchTransfer> makeBatchTransfer(const torch::Device& device)
{
    if (device.is_cuda())
        return std::make_unique<CudaTransfer>(device);
    return std::make_unique<SyncTransfer>(device);
}

bool wantsPinnedBatches(const torch::Device& device) { return device.is_cuda() && torch::cuda::is_available(); }

DeviceBatchCopier::DeviceBatchCopier(const torch::Device& device)
    : m_transfer(makeBatchTransfer(device))
{}

DeviceBatchCopier::DeviceBatchCopier(std::unique_ptr<BatchTransfer> transfer)
    : m_transfer(std::move(transfer))
{}

DeviceBatchCopier::~DeviceBatchCopier()
{
    try {
        waitAll();
    } catch (const std::exception&) {
        // A failed device: nothing more is coming from it.
    }
}

torch::Tensor DeviceBatchCopier::to(const torch::Tensor& host)
{
    releaseCompleted();
    BatchTransfer::Started started = m_transfer->start(host);
    if (started.fence)
        m_inFlight.push_back({host, std::move(started.fence)});
    return std::move(started.onDevice);
}

void DeviceBatchCopier::releaseCompleted()
{
    m_inFlight.erase(
        std::remove_if(m_inFlight.begin(), m_inFlight.end(), [](const InFlight& copy) { return copy.fence->done(); }),
        m_inFlight.end());
}

void DeviceBatchCopier::waitAll()
{
    for (InFlight& copy : m_inFlight)
        copy.fence->wait();
    m_inFlight.clear();
}

}  // namespace ms
