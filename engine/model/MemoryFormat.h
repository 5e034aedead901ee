#pragma once
// Channels-last (NHWC) memory layout for inference: oneDNN's CPU convolutions run faster on it
// (HD MattingRefine MobileNetV2: 0.74x the time of NCHW, docs/performance.md), and the layout
// propagates from the weights and inputs through every convolution.
#include <torch/torch.h>

namespace ms {

// Stores every 4-D parameter and buffer of `model` channels-last (values unchanged).
void useChannelsLast(torch::nn::Module& model);

// A 4-D tensor in channels-last layout (a copy unless it already is).
inline torch::Tensor channelsLast(const torch::Tensor& x)
{
    return x.dim() == 4 ? x.contiguous(torch::MemoryFormat::ChannelsLast) : x;
}

}  // namespace ms
