#include "model/OutputClamp.h"

namespace ms {
namespace {

struct ClampPassingGradient : torch::autograd::Function<ClampPassingGradient> {
    static torch::Tensor forward(torch::autograd::AutogradContext*, const torch::Tensor& x) { return x.clamp(0, 1); }
    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext*, torch::autograd::tensor_list grads)
    {
        return {grads[0]};
    }
};

}  // namespace

torch::Tensor clampUnit(const torch::Tensor& x, bool gradientThrough)
{
    if (gradientThrough && x.requires_grad())
        return ClampPassingGradient::apply(x);
    return x.clamp(0, 1);
}

}  // namespace ms
