#pragma once
#include "model/Layers.h"

namespace ms {

// torchvision deeplabv3 ASPP with rates 3, 6, 9 and 256 output channels.
class AsppImpl : public torch::nn::Module {
public:
    explicit AsppImpl(int64_t inChannels, int64_t outChannels = 256);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::ModuleList convs{nullptr};
    std::vector<Chain> m_branches;  // convs 0-3: 1x1 and three dilated 3x3
    Chain m_pooling{nullptr};       // convs 4: global average pooling branch
    Chain project{nullptr};
};
TORCH_MODULE(Aspp);

}  // namespace ms
