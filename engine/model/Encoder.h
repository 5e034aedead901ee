#pragma once
#include <array>
#include <torch/torch.h>

namespace ms {

// Shortcuts returned by an encoder, deepest first as in the reference: x4 (1/16), x3 (1/8),
// x2 (1/4), x1 (1/2) and x0, the input itself.
struct EncoderFeatures {
    torch::Tensor x4, x3, x2, x1, x0;
};

// Common interface of the backbones. Subclasses register their layers directly on themselves so
// that the keys read `backbone.layer1.0.conv1.weight` / `backbone.features.3.conv.0.0.weight`.
class Encoder : public torch::nn::Module {
public:
    virtual EncoderFeatures forward(const torch::Tensor& x) = 0;
    // Channels of x4 (the ASPP input).
    virtual int64_t outChannels() const = 0;
    // Channels of x3, x2, x1, x0 (the decoder's skip inputs).
    virtual std::array<int64_t, 4> shortcutChannels() const = 0;
};

}  // namespace ms
