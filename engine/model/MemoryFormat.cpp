#include "model/MemoryFormat.h"

namespace ms {

void useChannelsLast(torch::nn::Module& model)
{
    torch::NoGradGuard noGrad;
    for (auto& p : model.parameters())
        if (p.dim() == 4)
            p.set_data(channelsLast(p.data()));
    for (auto& b : model.buffers())
        if (b.dim() == 4)
            b.set_data(channelsLast(b.data()));
}

}  // namespace ms
