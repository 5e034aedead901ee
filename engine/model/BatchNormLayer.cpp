#include "model/BatchNormLayer.h"

#include "core/Error.h"

namespace ms {

BatchNormLayerImpl::BatchNormLayerImpl(int64_t channels)
    : m_channels(channels)
{
    weight = register_parameter("weight", torch::ones({channels}));
    bias = register_parameter("bias", torch::zeros({channels}));
    running_mean = register_buffer("running_mean", torch::zeros({channels}));
    running_var = register_buffer("running_var", torch::ones({channels}));
    num_batches_tracked = register_buffer("num_batches_tracked", torch::zeros({}, torch::kInt64));
}

void BatchNormLayerImpl::reset_parameters()
{
    torch::NoGradGuard noGrad;
    weight.fill_(1);
    bias.zero_();
    running_mean.zero_();
    running_var.fill_(1);
    num_batches_tracked.zero_();
}

void BatchNormLayerImpl::pretty_print(std::ostream& stream) const
{
    stream << "BatchNorm2d(" << m_channels << ", eps=" << kEps << ", momentum=" << kMomentum
           << (m_skipped ? ", folded" : "") << (m_reducer ? ", synchronised" : "") << ")";
}

torch::Tensor BatchNormLayerImpl::forward(const torch::Tensor& x)
{
    if (m_skipped)
        return x;  // folded into the convolution before it
    if (x.dim() != 4 || x.size(1) != m_channels)
        throw Error("BatchNorm2d(" + std::to_string(m_channels) + ") got a tensor of shape " + c10::str(x.sizes()));
    if (is_training()) {
        torch::NoGradGuard noGrad;
        num_batches_tracked += 1;
    }
    if (is_training() && m_reducer)
        return synchronisedForward(x);
    return torch::batch_norm(x, weight, bias, running_mean, running_var, is_training(), kMomentum, kEps,
                             at::globalContext().userEnabledCuDNN());
}

// Statistics over every rank's batch: per-channel sums of x and x^2 and the element count are
// summed across ranks (differentiably), then normalise as BatchNorm does. The running variance
// is updated with the unbiased estimate, as PyTorch's BatchNorm and SyncBatchNorm do.
torch::Tensor BatchNormLayerImpl::synchronisedForward(const torch::Tensor& x)
{
    const auto calc = x.scalar_type() == torch::kFloat64 ? torch::kFloat64 : torch::kFloat32;
    const torch::Tensor xc = x.to(calc);
    const double localCount = double(x.size(0) * x.size(2) * x.size(3));
    const torch::Tensor local = torch::cat({xc.sum({0, 2, 3}), (xc * xc).sum({0, 2, 3}),
                                            torch::full({1}, localCount, xc.options())});
    const torch::Tensor total = m_reducer->sumOverRanks(local);
    const torch::Tensor count = total.narrow(0, 2 * m_channels, 1);
    const torch::Tensor mean = total.narrow(0, 0, m_channels) / count;
    const torch::Tensor var = (total.narrow(0, m_channels, m_channels) / count - mean * mean).clamp_min(0);
    {
        torch::NoGradGuard noGrad;
        const double n = count.item<double>();
        running_mean.mul_(1 - kMomentum).add_(mean.detach().to(running_mean.scalar_type()), kMomentum);
        running_var.mul_(1 - kMomentum)
            .add_((var.detach() * (n / std::max(n - 1, 1.0))).to(running_var.scalar_type()), kMomentum);
    }
    const auto shape = std::vector<int64_t>{1, m_channels, 1, 1};
    const torch::Tensor scale = weight.to(calc) * torch::rsqrt(var + kEps);
    const torch::Tensor shift = bias.to(calc) - mean * scale;
    return (xc * scale.view(shape) + shift.view(shape)).to(x.scalar_type());
}

} // namespace ms
