#include "model/MobileNetV2Encoder.h"

namespace ms {
namespace {

// torchvision's ConvBNReLU / Conv2dNormActivation: children 0 (conv), 1 (BN), 2 (ReLU6).
Chain convBnRelu6(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t groups = 1, int64_t dilation = 1)
{
    Chain chain;
    chain->add(makeConv(in, out, kernel, stride, (kernel - 1) / 2 * dilation, dilation, groups));
    chain->add(makeBatchNorm(out));
    chain->add(torch::nn::ReLU6());
    return chain;
}

struct StageSetting {
    int64_t expandRatio, channels, repeats, stride;
};
// torchvision's inverted residual settings (t, c, n, s) for width multiplier 1.0.
constexpr StageSetting kStages[] = {
    {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
};

}  // namespace

InvertedResidualImpl::InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expandRatio,
                                           int64_t dilation)
    : m_residual(stride == 1 && in == out)
{
    const int64_t hidden = in * expandRatio;
    conv = Chain();
    if (expandRatio != 1)
        conv->add(convBnRelu6(in, hidden, 1));
    conv->add(convBnRelu6(hidden, hidden, 3, stride, hidden, dilation));
    conv->add(makeConv(hidden, out, 1));
    conv->add(makeBatchNorm(out));
    register_module("conv", conv);
}

torch::Tensor InvertedResidualImpl::forward(torch::Tensor x)
{
    return m_residual ? x + conv->forward(x) : conv->forward(x);
}

MobileNetV2Encoder::MobileNetV2Encoder(int64_t inChannels)
{
    features = Chain();
    auto firstConv = convBnRelu6(inChannels, 32, 3, 2);
    features->add(firstConv);
    int64_t channels = 32;
    for (const auto& stage : kStages) {
        for (int64_t i = 0; i < stage.repeats; ++i) {
            const int64_t block = static_cast<int64_t>(features->size());
            int64_t stride = i == 0 ? stage.stride : 1;
            int64_t dilation = 1;
            // reference: output stride 16 — block 14 loses its stride, blocks 15-17 dilate by 2.
            if (block == 14)
                stride = 1;
            if (block >= 15)
                dilation = 2;
            features->add(InvertedResidual(channels, stage.channels, stride, stage.expandRatio, dilation));
            channels = stage.channels;
        }
    }
    register_module("features", features);
    // The replaced 6-channel first conv keeps PyTorch's default init.
    initTorchvisionStyle(*this, firstConv->modules(false).front().get());
}

EncoderFeatures MobileNetV2Encoder::forward(const torch::Tensor& x)
{
    EncoderFeatures f;
    f.x0 = x;
    f.x1 = features->forwardRange(x, 0, 2);
    f.x2 = features->forwardRange(f.x1, 2, 4);
    f.x3 = features->forwardRange(f.x2, 4, 7);
    f.x4 = features->forwardRange(f.x3, 7, 18);
    return f;
}

}  // namespace ms
