#pragma once
// The standard alpha matting errors of Rhemann et al. (alphamatting.com) as computed by the Deep
// Image Matting evaluation code and its many Python ports, over whole images (no trimap):
//
//   SAD   sum |a - a*| / 1000
//   MSE   mean (a - a*)^2 over the pixels, plain (papers often print it x1e3; we do not scale)
//   Grad  sum (|G a| - |G a*|)^2 / 1000, G = Gaussian first-derivative filters, sigma 1.4: the 2-D
//         kernels hx(i,j) = g(i) dg(j), hy = hx^T for offsets -r..r, g(x) = exp(-x^2/(2s^2)) / (s sqrt(2 pi)),
//         dg(x) = -x g(x) / s^2, r = ceil(s sqrt(-2 ln(sqrt(2 pi) s 0.01))) = 4 (9x9), each kernel
//         divided by its L2 norm, replicated borders. Being separable, it runs as two 1-D passes.
//   Conn  for thresholds t_i = i * 0.1, i = 1..10: Omega_i = largest 4-connected component of
//         {a >= t_i and a* >= t_i} (ties: the one whose first pixel comes first in row-major order);
//         a pixel's level l is t_{i-1} for the first i whose Omega_i lacks it, else 1;
//         d = alpha - l, phi = 1 - d [d >= 0.15]; Conn = sum |phi(a) - phi(a*)| / 1000.
//
// Alphas are clamped to [0, 1] and computed in double precision on the CPU (OpenCV filters and
// connected components). tests/scripts/matting_metrics.py is an independent numpy version.
#include <torch/torch.h>

#include <cstdint>

namespace ms {

// Sums over images (so batches and validation subsets can be added up), or means after mean().
struct MattingMetrics {
    double sad = 0, mse = 0, grad = 0, conn = 0;
    int64_t images = 0;

    void add(const MattingMetrics& other);
    // Per-image averages; `images` keeps the count averaged over. All zero when images == 0.
    MattingMetrics mean() const;
};

// predPha, truePha: (B,1,H,W) floating point alphas, any device. Returns the sums over the batch,
// images = B. ms::Error on mismatched or wrongly shaped inputs. Images run in parallel.
MattingMetrics computeMattingMetrics(const torch::Tensor& predPha, const torch::Tensor& truePha);

}  // namespace ms
