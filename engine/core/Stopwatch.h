#pragma once
// Wall-clock intervals for progress, time-left estimates and benchmarks.
#include <chrono>

namespace ms {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace ms
