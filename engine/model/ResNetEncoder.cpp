#include "model/ResNetEncoder.h"

namespace ms {

BottleneckImpl::BottleneckImpl(int64_t inChannels, int64_t width, int64_t stride, int64_t dilation, bool withDownsample)
{
    const int64_t out = width * kExpansion;
    conv1 = register_module("conv1", makeConv(inChannels, width, 1));
    bn1 = register_module("bn1", makeBatchNorm(width));
    conv2 = register_module("conv2", makeConv(width, width, 3, stride, dilation, dilation));
    bn2 = register_module("bn2", makeBatchNorm(width));
    conv3 = register_module("conv3", makeConv(width, out, 1));
    bn3 = register_module("bn3", makeBatchNorm(out));
    if (withDownsample) {
        downsample = Chain();
        downsample->add(makeConv(inChannels, out, 1, stride));
        downsample->add(makeBatchNorm(out));
        register_module("downsample", downsample);
    }
}

torch::Tensor BottleneckImpl::forward(torch::Tensor x)
{
    torch::Tensor identity = downsample ? downsample->forward(x) : x;
    torch::Tensor y = torch::relu(bn1(conv1(x)));
    y = torch::relu(bn2(conv2(y)));
    y = bn3(conv3(y));
    return torch::relu(y + identity);
}

ResNetEncoder::ResNetEncoder(int64_t inChannels, std::array<int64_t, 4> blocks)
{
    conv1 = register_module("conv1", makeConv(inChannels, 64, 7, 2, 3));
    bn1 = register_module("bn1", makeBatchNorm(64));
    maxpool = register_module("maxpool", torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2).padding(1)));
    layer1 = register_module("layer1", makeLayer(64, blocks[0], 1, false));
    layer2 = register_module("layer2", makeLayer(128, blocks[1], 2, false));
    layer3 = register_module("layer3", makeLayer(256, blocks[2], 2, false));
    // reference: replace_stride_with_dilation=[False, False, True]
    layer4 = register_module("layer4", makeLayer(512, blocks[3], 2, true));
    // The replaced 6-channel conv1 keeps PyTorch's default init, everything else torchvision's.
    initTorchvisionStyle(*this, conv1.get());
}

std::shared_ptr<ResNetEncoder> ResNetEncoder::resnet50(int64_t inChannels)
{
    return std::make_shared<ResNetEncoder>(inChannels, std::array<int64_t, 4>{3, 4, 6, 3});
}

std::shared_ptr<ResNetEncoder> ResNetEncoder::resnet101(int64_t inChannels)
{
    return std::make_shared<ResNetEncoder>(inChannels, std::array<int64_t, 4>{3, 4, 23, 3});
}

Chain ResNetEncoder::makeLayer(int64_t width, int64_t blocks, int64_t stride, bool dilate)
{
    // torchvision's rule: the first block of a dilated stage still uses the previous dilation.
    const int64_t previousDilation = m_dilation;
    if (dilate) {
        m_dilation *= stride;
        stride = 1;
    }
    const int64_t out = width * BottleneckImpl::kExpansion;
    Chain layer;
    layer->add(Bottleneck(m_inChannels, width, stride, previousDilation, stride != 1 || m_inChannels != out));
    m_inChannels = out;
    for (int64_t i = 1; i < blocks; ++i)
        layer->add(Bottleneck(m_inChannels, width, 1, m_dilation, false));
    return layer;
}

EncoderFeatures ResNetEncoder::forward(const torch::Tensor& x)
{
    EncoderFeatures f;
    f.x0 = x;
    f.x1 = torch::relu(bn1(conv1(x)));
    f.x2 = layer1->forward(maxpool(f.x1));
    f.x3 = layer2->forward(f.x2);
    f.x4 = layer4->forward(layer3->forward(f.x3));
    return f;
}

}  // namespace ms
