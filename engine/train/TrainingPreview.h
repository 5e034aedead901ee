#pragma once
// Images a training run shows: grids for TensorBoard and the GUI's sample preview.
#include <opencv2/core.hpp>
#include <torch/torch.h>

namespace ms {

// (B,C,H,W) in [0,1], C = 1 or 3, laid out `perRow` images per row (torchvision's make_grid
// with 2 px padding); RGB or grey 8-bit.
cv::Mat imageGrid(const torch::Tensor& images, int perRow = 5);

// One column per sample (at most maxSamples): predicted alpha, predicted foreground composited
// over a checkerboard, true alpha. RGB 8-bit.
cv::Mat previewGrid(const torch::Tensor& predPha, const torch::Tensor& predFgr, const torch::Tensor& truePha,
                    int maxSamples = 4);

}  // namespace ms
