#include "model/Layers.h"

namespace F = torch::nn::functional;

namespace ms {

torch::nn::Conv2d makeConv(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, int64_t dilation,
                           int64_t groups, bool bias)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                 .stride(stride)
                                 .padding(padding)
                                 .dilation(dilation)
                                 .groups(groups)
                                 .bias(bias));
}

BatchNormLayer makeBatchNorm(int64_t channels)
{
    return BatchNormLayer(channels);  // the reference's: PyTorch defaults, eps 1e-5, momentum 0.1
}

torch::Tensor resizeBilinear(const torch::Tensor& x, int64_t height, int64_t width)
{
    return F::interpolate(x, F::InterpolateFuncOptions()
                                 .size(std::vector<int64_t>{height, width})
                                 .mode(torch::kBilinear)
                                 .align_corners(false));
}

torch::Tensor resizeNearest(const torch::Tensor& x, int64_t height, int64_t width)
{
    return F::interpolate(x,
                          F::InterpolateFuncOptions().size(std::vector<int64_t>{height, width}).mode(torch::kNearest));
}

torch::Tensor zeroPad(const torch::Tensor& x, int64_t padding)
{
    if (padding == 0)
        return x;
    return F::pad(x, F::PadFuncOptions({padding, padding, padding, padding}));
}

void initTorchvisionStyle(torch::nn::Module& module, const torch::nn::Module* skip)
{
    torch::NoGradGuard noGrad;
    for (const auto& child : module.modules(/*include_self=*/false)) {
        if (child.get() == skip)
            continue;
        if (auto* conv = child->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
            if (conv->bias.defined())
                conv->bias.zero_();
        } else if (auto* bn = child->as<BatchNormLayerImpl>()) {
            bn->weight.fill_(1.0);
            bn->bias.zero_();
        }
    }
}

}  // namespace ms
