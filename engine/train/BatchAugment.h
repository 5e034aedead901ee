#pragma once
// The reference's batch-level training steps (spec 4.3), run on the training device each step:
// random crop, shadow, composite, noise, background colour jitter and background affine.
// Deterministic for (seed, step), so a resumed run sees exactly the batches an unbroken one saw.
#include "model/ModelSpec.h"
#include "train/TrainConfig.h"

#include <torch/torch.h>

#include <random>

namespace ms {

struct AugmentedBatch {
    torch::Tensor src, bgr;          // what the model sees
    torch::Tensor truePha, trueFgr;  // the targets, cropped like src
};

// Which rows of the step's global batch this process holds (distributed training): every random
// parameter is drawn for the global batch, in the same order on every rank, so rank r's rows are
// augmented exactly as one process training the whole batch would augment them. `local` is taken
// from the tensors; global <= 0 means the tensors are the whole batch.
struct BatchRows {
    int64_t offset = 0, global = 0, local = 0;
};

// fgr, bgr: (B,3,S,S), pha: (B,1,S,S) in [0,1] on the training device.
AugmentedBatch augmentBatch(const torch::Tensor& fgr, const torch::Tensor& pha, const torch::Tensor& bgr,
                            ModelType type, const AugmentSwitches& switches, uint64_t seed, int64_t step,
                            BatchRows rows = {});

// Validation input: the plain composite, no augmentation (as the reference).
AugmentedBatch compositeBatch(const torch::Tensor& fgr, const torch::Tensor& pha, const torch::Tensor& bgr);

// Building blocks, exposed for tests.
namespace augment {

struct AffineParams {
    double angleDeg = 0, translateX = 0, translateY = 0, scale = 1, shearXDeg = 0;
};
// Warps every image of x by one parameter set about the image centre (nearest, fill 0), as
// torchvision's tensor RandomAffine does.
torch::Tensor affine(const torch::Tensor& x, const AffineParams& p);
// kornia's box_blur with reflect borders; even sizes pad k/2-1 before and k/2 after.
torch::Tensor boxBlur(const torch::Tensor& x, int64_t k);
// Crop of (h, w) from the centre; a half-pixel offset averages the two neighbours (kornia 0.4.1).
torch::Tensor centerCrop(const torch::Tensor& x, int64_t h, int64_t w);
// RGB <-> HSV with hue in radians [0, 2*pi) (kornia's convention).
torch::Tensor rgbToHsv(const torch::Tensor& rgb);
torch::Tensor hsvToRgb(const torch::Tensor& hsv);
// kornia 0.4.1 ColorJitter semantics with per-sample factors (B) and the given order of the four.
torch::Tensor colorJitter(const torch::Tensor& rgb, const torch::Tensor& brightness, const torch::Tensor& contrast,
                          const torch::Tensor& saturation, const torch::Tensor& hue, const std::vector<int>& order);

}  // namespace augment
}  // namespace ms
