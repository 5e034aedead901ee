#pragma once
#include "model/BatchNormLayer.h"
#include "model/Encoder.h"
#include "model/Layers.h"

namespace ms {

// torchvision's Bottleneck (v1.5: the stride sits on the 3x3 conv).
class BottleneckImpl : public torch::nn::Module {
public:
    static constexpr int64_t kExpansion = 4;
    BottleneckImpl(int64_t inChannels, int64_t width, int64_t stride, int64_t dilation, bool downsample);
    torch::Tensor forward(torch::Tensor x);

private:
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
    BatchNormLayer bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
    Chain downsample{nullptr};
};
TORCH_MODULE(Bottleneck);

// ResNet-50/101 with a 6-channel first conv, layer4 dilated instead of strided, no avgpool/fc.
class ResNetEncoder : public Encoder {
public:
    ResNetEncoder(int64_t inChannels, std::array<int64_t, 4> blocksPerLayer);
    static std::shared_ptr<ResNetEncoder> resnet50(int64_t inChannels);
    static std::shared_ptr<ResNetEncoder> resnet101(int64_t inChannels);

    EncoderFeatures forward(const torch::Tensor& x) override;
    int64_t outChannels() const override { return 2048; }
    std::array<int64_t, 4> shortcutChannels() const override { return {512, 256, 64, 6}; }

private:
    Chain makeLayer(int64_t width, int64_t blocks, int64_t stride, bool dilate);

    int64_t m_inChannels = 64;
    int64_t m_dilation = 1;
    torch::nn::Conv2d conv1{nullptr};
    BatchNormLayer bn1{nullptr};
    torch::nn::MaxPool2d maxpool{nullptr};
    Chain layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
};

}  // namespace ms
