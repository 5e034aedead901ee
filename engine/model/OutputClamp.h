#pragma once
// The [0, 1] clamp on the network's alpha, as the reference applies it, optionally with its
// gradient passed through. clamp's gradient is zero outside the range, so a network whose alpha
// went below 0 everywhere (an empty matte) gets no gradient back from the alpha losses: training
// can collapse there and stay, the demo's and the reference's runs included. With the gradient
// passed through, the forward value is the same clamp, bit for bit, while the gradient flows as
// if nothing were clamped, so foreground pixels still pull the output up.
#include <torch/torch.h>

namespace ms {

torch::Tensor clampUnit(const torch::Tensor& x, bool gradientThrough);

}  // namespace ms
