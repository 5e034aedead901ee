#pragma once

namespace ms {

// Tunes glibc's malloc for this program: tensors of tens to hundreds of MiB, allocated and freed
// many times per image, often on different threads. By default glibc serves blocks over 32 MiB
// (and, after trimming, freed heap tops) with fresh pages from the kernel on every allocation, and
// the page faults then cost more than the arithmetic: an HD MobileNetV2 forward measured 760-820 ms
// by default, 200 ms with freed memory kept for reuse (peak RSS unchanged, 493 vs 496 MiB). So:
// - one arena: blocks freed by another thread (encoder, loader) are reused by the model thread;
// - no mmap for large blocks and a 1 GiB trim threshold: freed memory stays in the heap.
// The cost is that freed memory is not returned to the system until releaseFreeMemory() (called
// when a job ends). Call configureAllocator first in main(), before any thread starts. Other C
// libraries: no effect.
void configureAllocator();

// Returns the heap's free memory to the system (after a job, so an idle window holds little).
void releaseFreeMemory();

}  // namespace ms
