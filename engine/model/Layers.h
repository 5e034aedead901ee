#pragma once
// Small building blocks shared by the encoders, the decoder and the refiner.
#include "model/BatchNormLayer.h"

#include <torch/torch.h>

namespace ms {

// A module whose children are named "0", "1", ... like PyTorch's nn.Sequential, so state_dict keys
// match the reference (e.g. `features.3.conv.1.0.weight`). Unlike torch::nn::Sequential it can be
// nested and indexed by position.
class ChainImpl : public torch::nn::Module {
public:
    template <typename M>
    void add(M module)
    {
        register_module(std::to_string(m_steps.size()), module.ptr());
        m_steps.emplace_back(std::move(module));
    }
    torch::Tensor forward(torch::Tensor x)
    {
        for (auto& step : m_steps)
            x = step.forward(x);
        return x;
    }
    // Runs steps [first, last) only: the encoders tap shortcuts between stages.
    torch::Tensor forwardRange(torch::Tensor x, size_t first, size_t last)
    {
        for (size_t i = first; i < last && i < m_steps.size(); ++i)
            x = m_steps[i].forward(x);
        return x;
    }
    size_t size() const { return m_steps.size(); }

private:
    std::vector<torch::nn::AnyModule> m_steps;
};
TORCH_MODULE(Chain);

// Bias-free unless asked: only the last decoder and refiner convs have one in the reference.
torch::nn::Conv2d makeConv(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = 0,
                           int64_t dilation = 1, int64_t groups = 1, bool bias = false);
BatchNormLayer makeBatchNorm(int64_t channels);

// PyTorch interpolate(mode='bilinear', align_corners=False) to an explicit size.
torch::Tensor resizeBilinear(const torch::Tensor& x, int64_t height, int64_t width);
// PyTorch's legacy 'nearest' (source index = floor(dst * in / out)).
torch::Tensor resizeNearest(const torch::Tensor& x, int64_t height, int64_t width);
inline torch::Tensor resizeBilinearLike(const torch::Tensor& x, const torch::Tensor& like)
{
    return resizeBilinear(x, like.size(2), like.size(3));
}
torch::Tensor zeroPad(const torch::Tensor& x, int64_t padding);

// torchvision's default initialisation for its backbones: kaiming-normal (fan_out, relu) convs,
// BatchNorm weight 1 / bias 0. `skip` keeps PyTorch's default init (the replaced 6-channel conv).
void initTorchvisionStyle(torch::nn::Module& module, const torch::nn::Module* skip);

}  // namespace ms
