#pragma once
#include "core/CancelToken.h"

#include <condition_variable>
#include <mutex>

namespace ms {

// Lets another thread hold a long job between units of work. A cancelled token releases a
// paused job, so Stop always works.
class PauseGate {
public:
    void setPaused(bool paused)
    {
        {
            std::lock_guard lock(m_mutex);
            m_paused = paused;
        }
        m_changed.notify_all();
    }
    bool isPaused() const
    {
        std::lock_guard lock(m_mutex);
        return m_paused;
    }
    // Blocks while paused; returns early (polling every 100 ms) once `cancel` is set.
    void waitWhilePaused(const CancelToken& cancel)
    {
        std::unique_lock lock(m_mutex);
        while (m_paused && !cancel.isCancelled()) {
            m_holding = true;
            m_changed.wait_for(lock, std::chrono::milliseconds(100));
        }
        m_holding = false;
    }
    // True while the job waits at the gate: paused, with no unit of work in flight.
    bool isHolding() const
    {
        std::lock_guard lock(m_mutex);
        return m_holding;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_paused = false;
    bool m_holding = false;
};

}  // namespace ms
