#pragma once
// Procedural training images for the synthetic dataset: textured backgrounds and foreground
// figures whose alpha has both soft edges and hair-thin strands of partial opacity, the two things
// a matting network has to learn. Deterministic: the same generator state paints the same pixels.
#include <opencv2/core.hpp>

#include <random>

namespace ms {

struct PaintedForeground {
    cv::Mat fgr;  // 8-bit BGR, textured over the whole frame (colour under partial alpha included)
    cv::Mat pha;  // 8-bit grey
};

PaintedForeground paintForeground(cv::Size size, std::mt19937_64& rng);

// 8-bit BGR: gradients, smooth noise, stripes and shapes, sometimes out of focus.
cv::Mat paintBackground(cv::Size size, std::mt19937_64& rng);

}  // namespace ms
