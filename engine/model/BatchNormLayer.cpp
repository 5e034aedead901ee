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

// Statistics over every rank's batch, in two passes as a single process computes them: the global
// mean from the per-channel sums and element counts of all ranks, then the global variance from
// every rank's squared deviations from that mean (the one-pass E[x^2] - E[x]^2 loses digits when a
// channel's mean is large against its spread). Both sums are differentiable all-reduces, so the
// backward pass sees the whole batch too. The running variance takes the unbiased estimate, as
// PyTorch's BatchNorm and SyncBatchNorm do; no host sync anywhere.
torch::Tensor BatchNormLayerImpl::synchronisedForward(const torch::Tensor& x)
{
    const auto calc = x.scalar_type() == torch::kFloat64 ? torch::kFloat64 : torch::kFloat32;
    const auto shape = std::vector<int64_t>{1, m_channels, 1, 1};
    const torch::Tensor xc = x.to(calc);
    const double localCount = double(x.size(0) * x.size(2) * x.size(3));
    const torch::Tensor sums =
        m_reducer->sumOverRanks(torch::cat({xc.sum({0, 2, 3}), torch::full({1}, localCount, xc.options())}));
    const torch::Tensor count = sums.narrow(0, m_channels, 1);
    const torch::Tensor mean = sums.narrow(0, 0, m_channels) / count;
    const torch::Tensor centred = xc - mean.view(shape);
    const torch::Tensor var = m_reducer->sumOverRanks(centred.square().sum({0, 2, 3})) / count;
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor unbiased = var * (count / (count - 1).clamp_min(1));
        running_mean.mul_(1 - kMomentum).add_(mean.to(running_mean.scalar_type()), kMomentum);
        running_var.mul_(1 - kMomentum).add_(unbiased.to(running_var.scalar_type()), kMomentum);
    }
    const torch::Tensor scale = weight.to(calc) * torch::rsqrt(var + kEps);
    return (centred * scale.view(shape) + bias.to(calc).view(shape)).to(x.scalar_type());
}

}  // namespace ms
