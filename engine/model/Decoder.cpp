#include "model/Decoder.h"

namespace ms {

DecoderImpl::DecoderImpl(std::array<int64_t, 4> skip, int64_t outChannels)
{
    conv1 = register_module("conv1", makeConv(256 + skip[0], 128, 3, 1, 1));
    bn1 = register_module("bn1", makeBatchNorm(128));
    conv2 = register_module("conv2", makeConv(128 + skip[1], 64, 3, 1, 1));
    bn2 = register_module("bn2", makeBatchNorm(64));
    conv3 = register_module("conv3", makeConv(64 + skip[2], 48, 3, 1, 1));
    bn3 = register_module("bn3", makeBatchNorm(48));
    conv4 = register_module("conv4", makeConv(48 + skip[3], outChannels, 3, 1, 1, 1, 1, /*bias=*/true));
}

torch::Tensor DecoderImpl::forward(const torch::Tensor& asppOut, const EncoderFeatures& f)
{
    // reference: the upsampled tensor comes first in each concatenation, the shortcut second.
    torch::Tensor x = torch::cat({resizeBilinearLike(asppOut, f.x3), f.x3}, 1);
    x = torch::relu(bn1(conv1(x)));
    x = torch::cat({resizeBilinearLike(x, f.x2), f.x2}, 1);
    x = torch::relu(bn2(conv2(x)));
    x = torch::cat({resizeBilinearLike(x, f.x1), f.x1}, 1);
    x = torch::relu(bn3(conv3(x)));
    x = torch::cat({resizeBilinearLike(x, f.x0), f.x0}, 1);
    return conv4(x);
}

}  // namespace ms
