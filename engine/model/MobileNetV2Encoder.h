#pragma once
#include "model/Encoder.h"
#include "model/Layers.h"

namespace ms {

// torchvision's InvertedResidual: optional 1x1 expansion, depthwise 3x3, linear 1x1 projection.
class InvertedResidualImpl : public torch::nn::Module {
public:
    InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expandRatio, int64_t dilation);
    torch::Tensor forward(torch::Tensor x);

private:
    bool m_residual = false;
    Chain conv{nullptr};
};
TORCH_MODULE(InvertedResidual);

// MobileNetV2 (width 1.0) with a 6-channel first conv, features[18] and the classifier removed,
// block 14 made stride 1 and blocks 15-17 dilated by 2 (output stride 16).
class MobileNetV2Encoder : public Encoder {
public:
    explicit MobileNetV2Encoder(int64_t inChannels);

    EncoderFeatures forward(const torch::Tensor& x) override;
    int64_t outChannels() const override { return 320; }
    std::array<int64_t, 4> shortcutChannels() const override { return {32, 24, 16, 6}; }

private:
    Chain features{nullptr};
};

}  // namespace ms
