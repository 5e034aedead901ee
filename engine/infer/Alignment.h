#pragma once
#include <torch/torch.h>

#include <functional>
#include <string>

namespace ms {

// The reference's --preprocess-alignment: ORB keypoints on the source and the background,
// brute-force Hamming matching, the best 15% of matches by distance, a RANSAC homography from
// background to source, and the background warped by it. Pixels the warped background does not
// cover are taken from the source.
//
// src, bgr: (B,3,H,W) RGB in [0,1] (any device; the work runs on the CPU, the result goes back to
// bgr's device). When a pair has too few matches or no usable homography, that background is
// returned unchanged and `warn` (if set) is told why.
torch::Tensor alignBackground(const torch::Tensor& src, const torch::Tensor& bgr,
                              const std::function<void(const std::string&)>& warn = {});

}  // namespace ms
