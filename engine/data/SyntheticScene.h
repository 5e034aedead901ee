#pragma once
#include <opencv2/core.hpp>

#include <cstdint>

namespace ms {

// A generated matting sample: a textured background, a soft-edged foreground figure and its alpha,
// and the source = fgr * pha + bgr * (1 - pha). Deterministic for a given seed. Used for the
// built-in demo and for tests; 8-bit BGR / grey OpenCV images.
struct SyntheticScene {
    cv::Mat background, foreground, alpha, source;
};

SyntheticScene makeSyntheticScene(int width, int height, uint64_t seed);

} // namespace ms
