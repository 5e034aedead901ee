#pragma once
// Runs body(i) for i in [0, count) on `threads` threads that take the next index as they become
// free. The calling thread waits and reports progress; a cancel stops handing out new indices.
// The first exception thrown by a body stops the loop and is rethrown here once every thread has
// ended. For work that waits on the disk (probing, writing images), where LibTorch's intra-op pool
// (sized to the cores, busy with tensors) is the wrong tool.
#include "core/CancelToken.h"

#include <cstddef>
#include <functional>

namespace ms {

struct ParallelForOptions {
    int threads = 0;  // 0: one per core
    const CancelToken* cancel = nullptr;
    // Called on the calling thread with the number of finished bodies, at most every 100 ms and
    // once at the end.
    std::function<void(size_t done)> progress;
};

// Returns the number of bodies that ran to the end (count, unless cancelled).
size_t parallelFor(size_t count, const std::function<void(size_t index)>& body, const ParallelForOptions& options = {});

}  // namespace ms
