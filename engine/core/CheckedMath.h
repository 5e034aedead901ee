#pragma once
// Overflow-checked 64-bit arithmetic for sizes read from untrusted files, and pi: portable to
// MSVC, which has neither __int128 nor __builtin_*_overflow nor M_PI.
#include <cstdint>
#include <limits>

namespace ms {

constexpr double Pi = 3.14159265358979323846;

// out = a * b; false (out untouched) when the product does not fit.
inline bool checkedMultiply(uint64_t a, uint64_t b, uint64_t& out)
{
    if (a != 0 && b > std::numeric_limits<uint64_t>::max() / a)
        return false;
    out = a * b;
    return true;
}

// out = a + b; false (out untouched) when the sum does not fit.
inline bool checkedAdd(uint64_t a, uint64_t b, uint64_t& out)
{
    if (b > std::numeric_limits<uint64_t>::max() - a)
        return false;
    out = a + b;
    return true;
}

}  // namespace ms
