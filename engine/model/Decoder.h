#pragma once
#include "model/BatchNormLayer.h"
#include "model/Encoder.h"
#include "model/Layers.h"

namespace ms {

// Upsample, concatenate the encoder shortcut, conv + BN + ReLU; four times, back to full size.
// Channels 256 -> 128 -> 64 -> 48 -> 37 (the last conv has a bias and no activation).
class DecoderImpl : public torch::nn::Module {
public:
    DecoderImpl(std::array<int64_t, 4> shortcutChannels, int64_t outChannels = 37);
    torch::Tensor forward(const torch::Tensor& asppOut, const EncoderFeatures& f);

private:
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr}, conv4{nullptr};
    BatchNormLayer bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
};
TORCH_MODULE(Decoder);

}  // namespace ms
