#pragma once
#include "model/Aspp.h"
#include "model/Decoder.h"
#include "model/Encoder.h"
#include "model/ModelSpec.h"
#include "model/Refiner.h"

#include <memory>

namespace ms {

// What a forward pass returns. MattingBase fills pha, fgr, err, hid; MattingRefine fills pha, fgr
// (full resolution) and phaSm, fgrSm, errSm, refSm (coarse).
struct MattingOutput {
    torch::Tensor pha, fgr, err, hid;
    torch::Tensor phaSm, fgrSm, errSm, refSm;
};

// Encoder + ASPP + decoder on cat(src, bgr); predicts alpha, a foreground residual, an error map and
// 32 hidden channels. Runs at any input size.
class MattingBase : public torch::nn::Module {
public:
    explicit MattingBase(Backbone backbone);
    virtual ~MattingBase() = default;

    // src, bgr: (B,3,H,W) RGB in [0,1].
    virtual MattingOutput forward(const torch::Tensor& src, const torch::Tensor& bgr);

    // Training: the alpha losses' gradient passes the [0, 1] clamp (model/OutputClamp.h); the
    // outputs stay the same. Off: the reference's clamp.
    void setAlphaGradientThroughClamp(bool on) { m_alphaGradientThrough = on; }

protected:
    // The 37 raw decoder channels for a 6-channel input.
    torch::Tensor runBase(const torch::Tensor& x);
    torch::Tensor clampAlpha(const torch::Tensor& x) const;

private:
    bool m_alphaGradientThrough = false;
    std::shared_ptr<Encoder> backbone;
    Aspp aspp{nullptr};
    Decoder decoder{nullptr};
};

// MattingBase at backbone_scale of the input, then the refiner at full resolution.
class MattingRefine : public MattingBase {
public:
    explicit MattingRefine(const ModelSpec& spec);

    // Any H, W: inputs that are not multiples of 4 are padded (edge replicate) and the outputs
    // cropped back, where the reference would reject them.
    MattingOutput forward(const torch::Tensor& src, const torch::Tensor& bgr) override;

    void setBackboneScale(double scale);
    Refiner& refiner() { return m_refiner; }

private:
    MattingOutput forwardAligned(const torch::Tensor& src, const torch::Tensor& bgr);

    double m_backboneScale;
    Refiner m_refiner{nullptr};
};

// Builds the network a spec describes (validated first).
std::shared_ptr<MattingBase> createModel(const ModelSpec& spec);

// The `_metadata` versions PyTorch pickles with a state_dict: 2 for BatchNorm, 1 otherwise.
std::vector<std::pair<std::string, int>> moduleVersions(const torch::nn::Module& model);

}  // namespace ms
