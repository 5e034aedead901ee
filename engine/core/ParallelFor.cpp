#include "core/ParallelFor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ms {

size_t parallelFor(size_t count, const std::function<void(size_t)>& body, const ParallelForOptions& options)
{
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t threads = std::min<size_t>(count, size_t(options.threads > 0 ? options.threads : int(cores)));
    std::atomic<size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable changed;
    std::exception_ptr failure;
    auto work = [&] {
        for (size_t i = next++; i < count && !stop; i = next++) {
            if (options.cancel && options.cancel->isCancelled())
                break;
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
            }
            ++done;
            changed.notify_all();
        }
        changed.notify_all();
    };
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (size_t t = 0; t < threads; ++t)
            pool.emplace_back(work);
        size_t reported = size_t(-1);
        {
            std::unique_lock lock(mutex);
            while (done < count && !stop && !(options.cancel && options.cancel->isCancelled())) {
                changed.wait_for(lock, std::chrono::milliseconds(100));
                if (options.progress && done != reported) {
                    reported = done;
                    lock.unlock();
                    options.progress(reported);
                    lock.lock();
                }
            }
        }
        for (auto& t : pool)
            t.join();
    }
    if (failure)
        std::rethrow_exception(failure);
    if (options.progress)
        options.progress(done);
    return done;
}

}  // namespace ms
