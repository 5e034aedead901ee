#pragma once
// Deterministic random numbers for the data pipeline. The std:: distributions are not specified
// bit for bit (libstdc++, libc++ and MSVC differ), while std::mt19937_64's output is; so every draw
// goes through these helpers, and the same seed gives the same dataset, order and augmentation on
// every platform.
#include <cstdint>
#include <initializer_list>
#include <random>

namespace ms {

// splitmix64's finaliser: spreads any 64-bit value over all bits.
inline uint64_t mixBits(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// A seed derived from several values, e.g. {seed, epoch, position}; order matters.
inline uint64_t deriveSeed(std::initializer_list<uint64_t> parts)
{
    uint64_t h = 0x6A09E667F3BCC909ull;
    for (uint64_t p : parts)
        h = mixBits(h ^ mixBits(p));
    return h;
}

// Uniform in [0, 1) with 53 random bits.
inline double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0); }

inline double uniform(std::mt19937_64& rng, double lo, double hi) { return lo + (hi - lo) * uniform01(rng); }

// Uniform integer in [lo, hi] (both included).
inline int uniformInt(std::mt19937_64& rng, int lo, int hi)
{
    const int v = lo + static_cast<int>(uniform01(rng) * (static_cast<double>(hi) - lo + 1));
    return v > hi ? hi : v;
}

inline bool chance(std::mt19937_64& rng, double probability) { return uniform01(rng) < probability; }

}  // namespace ms
