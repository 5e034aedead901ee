#pragma once
#include "model/BatchNormLayer.h"
#include "model/Layers.h"
#include "model/ModelSpec.h"
#include "model/PatchSampler.h"

#include <functional>

namespace ms {

struct RefinerOutput {
    torch::Tensor pha;          // (B,1,H,W), unclamped
    torch::Tensor fgrResidual;  // (B,3,H,W), to be added to src
    torch::Tensor ref;          // (B,1,H/4,W/4), 1 where a 4x4 patch was refined
};

// Refines the coarse result at full resolution, either everywhere (full) or only on the 4x4 patches
// where the predicted error is largest (sampling) or above a threshold (thresholding).
class RefinerImpl : public torch::nn::Module {
public:
    RefinerImpl(RefineMode mode, int samplePixels, double threshold, int kernelSize, bool preventOversampling);

    // src, bgr: (B,3,H,W) with H, W divisible by 4; the coarse maps at any smaller size.
    RefinerOutput forward(const torch::Tensor& src, const torch::Tensor& bgr, const torch::Tensor& phaSm,
                          const torch::Tensor& fgrResidualSm, const torch::Tensor& errSm, const torch::Tensor& hidSm);

    void setMode(RefineMode mode) { m_mode = mode; }
    void setSamplePixels(int pixels) { m_samplePixels = pixels; }
    void setThreshold(double threshold) { m_threshold = threshold; }
    void setPreventOversampling(bool prevent) { m_preventOversampling = prevent; }
    // Called (once per model) when refine_sample_pixels exceeds what the image holds.
    void setWarningHandler(std::function<void(const std::string&)> handler) { m_warn = std::move(handler); }

private:
    // The refiner's inputs: full-resolution images and the base's maps at its coarse size.
    struct CoarseMaps {
        torch::Tensor src, bgr, hid, pha, fgrResidual;
        torch::Tensor coarse() const { return torch::cat({hid, pha, fgrResidual}, 1); }
    };
    RefinerOutput refineFull(const CoarseMaps& maps);
    RefinerOutput refinePatches(const CoarseMaps& maps, const torch::Tensor& ref);
    // Training path of samplePatches: concatenate, resize, crop (differentiable).
    static torch::Tensor cropResized(const std::vector<torch::Tensor>& sources, const PatchGrid& grid);
    torch::Tensor selectRegions(const torch::Tensor& errQuarter);

    RefineMode m_mode;
    int m_samplePixels;
    double m_threshold;
    int m_kernelSize;
    bool m_preventOversampling;
    bool m_warnedSampleClamp = false;
    std::function<void(const std::string&)> m_warn;

    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr}, conv4{nullptr};
    BatchNormLayer bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
};
TORCH_MODULE(Refiner);

// Crops, for each row (b, y, x) of `index`, the (size + 2*padding)^2 window whose top-left corner
// in the zero-padded image is (size*y, size*x). Returns (P, C, win, win), channels-last in memory.
torch::Tensor cropPatches(const torch::Tensor& x, const torch::Tensor& index, int64_t size, int64_t padding);
// dst[p, c, 2y + i, 2x + j] = x[p, c, y, x] for i, j in {0, 1}: legacy nearest 2x, written in place.
void upsampleNearest2xInto(const torch::Tensor& x, torch::Tensor dst);
// Writes (P, C, s, s) patches into the s x s blocks of x named by `index`, in place (x must be
// contiguous); returns x.
torch::Tensor replacePatches(torch::Tensor& x, const torch::Tensor& patches, const torch::Tensor& index);

}  // namespace ms
