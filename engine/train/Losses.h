#pragma once
// The reference's training losses (spec 4.4), term by term so the trainer can log each one.
#include "model/MattingModel.h"

#include <string>
#include <utility>
#include <vector>

namespace ms {

struct LossTerms {
    torch::Tensor total;                                       // scalar, differentiable
    std::vector<std::pair<std::string, torch::Tensor>> terms;  // named parts, in summation order
};

// Normalised Sobel gradient magnitude per channel: replicate padding, kernels /8, and
// sqrt(gx^2 + gy^2 + 1e-6), so a flat region gives 1e-3 rather than 0 (as kornia's sobel).
torch::Tensor sobelMagnitude(const torch::Tensor& x);

// MattingBase: L1 alpha + L1 of alpha gradients + L1 foreground where the true alpha is non-zero
// + MSE of the error map against |pha - pha*| (pha detached, as the reference).
LossTerms baseLoss(const MattingOutput& pred, const torch::Tensor& truePha, const torch::Tensor& trueFgr);

// MattingRefine: the same terms at full and at coarse resolution (targets resized bilinearly), and
// the error map upsampled against |up(pha_sm) - pha*| without detaching (as the reference).
LossTerms refineLoss(const MattingOutput& pred, const torch::Tensor& truePha, const torch::Tensor& trueFgr);

LossTerms mattingLoss(ModelType type, const MattingOutput& pred, const torch::Tensor& truePha,
                      const torch::Tensor& trueFgr);

}  // namespace ms
