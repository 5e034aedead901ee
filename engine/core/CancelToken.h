#pragma once
#include <atomic>
#include <memory>

namespace ms {

// Shared flag a long job polls between units of work (frames, images, steps); set from another
// thread (GUI Stop button, Ctrl-C handler).
class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

using CancelTokenPtr = std::shared_ptr<CancelToken>;

}  // namespace ms
