#include "model/OutputClamp.h"

namespace ms {

torch::Tensor clampUnit(const torch::Tensor& x, bool gradientThrough)
{
    if (gradientThrough && x.requires_grad()) {
        // The clamped values, with the identity's gradient: (x - x.detach()) is exactly 0 and has
        // gradient 1, so the sum is the clamp bit for bit and passes the incoming gradient as is.
        return x.clamp(0, 1).detach() + (x - x.detach());
    }
    return x.clamp(0, 1);
}

}  // namespace ms
