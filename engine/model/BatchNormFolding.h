#pragma once
// Inference-time BatchNorm folding: each eval-mode BatchNorm that follows a Conv2d is merged into
// that convolution (w' = w * g / sqrt(var + eps), b' = beta - mean * g / sqrt(var + eps)) and is
// then skipped.
#include <torch/torch.h>

namespace ms {

struct FoldReport {
    int folded = 0;  // (conv, BN) pairs folded; each such BN is skipped
};

// Folds every (Conv2d, BatchNorm2d) pair of `model`: siblings named "convN"/"bnN" (ResNet
// Bottleneck, decoder, refiner) and consecutive Sequential-style children "k"/"k+1" (MobileNetV2
// chains, downsample, ASPP). Call it last, after loading weights and moving the model to its
// device and dtype, with the model in eval mode.
//
// The registered parameters and buffers are never modified: the folded weights replace only the
// convolutions' working tensors (Conv2d::weight/bias). So state_dict() of a
// folded model still returns the original checkpoint values — saving a folded model writes the
// unfolded weights, never folded ones. Side effects to know about:
//   - load_state_dict / loadStateDict after folding updates the registered tensors only: call
//     unfoldBatchNorms() first, then fold again;
//   - to(device/dtype) after folding does not convert the folded tensors (the next forward fails
//     with a device/dtype mismatch): unfold, move, fold;
//   - a folded model must not train: unfold first.
// Throws ms::Error if the model is in training mode. Folding twice is a no-op (it always starts
// from the registered, unfolded values).
FoldReport foldBatchNorms(torch::nn::Module& model);

// Restores the working tensors to the registered (checkpoint) ones; a no-op on an unfolded model.
void unfoldBatchNorms(torch::nn::Module& model);

// True if any convolution of `model` currently runs on folded weights.
bool isBatchNormFolded(const torch::nn::Module& model);

}  // namespace ms
