#pragma once
#include <opencv2/core.hpp>

#include <cstdint>

namespace ms {

// A generated matting sample, painted like the synthetic dataset (SyntheticPainting): a textured
// background (the clean plate), a figure with soft edges, hair and veils and its alpha, and the
// source = fgr * pha + shadowed bgr * (1 - pha), the figure's soft shadow falling on the scene but
// not on the plate. Deterministic for a given seed. Used for the built-in demo's sample images and
// for tests; 8-bit BGR / grey OpenCV images.
struct SyntheticScene {
    cv::Mat background, foreground, alpha, source;
};

SyntheticScene makeSyntheticScene(int width, int height, uint64_t seed);

}  // namespace ms
