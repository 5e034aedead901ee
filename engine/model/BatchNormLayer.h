#pragma once
// BatchNorm2d with PyTorch's parameters, buffers and state_dict keys (weight, bias, running_mean,
// running_var, num_batches_tracked; eps 1e-5, momentum 0.1), plus two modes LibTorch's own module
// cannot offer (its BatchNorm2dImpl cannot be subclassed against Debian's LibTorch 1.13):
//   - skipped: after BatchNorm folding has merged it into the preceding convolution, it is not run;
//   - synchronised: in distributed training its batch statistics are those of every rank's batch
//     together (the reference's SyncBatchNorm), through a BatchStatsReducer.
#include <torch/torch.h>

#include <memory>

namespace ms {

// Sums a tensor over every process of a distributed run, differentiably (the backward pass sums
// the gradients the same way). Implemented by the distributed engine; the model only calls it.
class BatchStatsReducer {
public:
    virtual ~BatchStatsReducer() = default;
    virtual torch::Tensor sumOverRanks(const torch::Tensor& local) = 0;
};

class BatchNormLayerImpl : public torch::nn::Module {
public:
    explicit BatchNormLayerImpl(int64_t channels);

    torch::Tensor forward(const torch::Tensor& x);
    void reset_parameters();
    void pretty_print(std::ostream& stream) const override;

    int64_t channels() const { return m_channels; }
    double eps() const { return kEps; }

    void setSkipped(bool skipped) { m_skipped = skipped; }
    bool skipped() const { return m_skipped; }
    // nullptr (default): statistics of this process's batch only.
    void setReducer(std::shared_ptr<BatchStatsReducer> reducer) { m_reducer = std::move(reducer); }

    torch::Tensor weight, bias, running_mean, running_var, num_batches_tracked;

private:
    static constexpr double kEps = 1e-5, kMomentum = 0.1;
    torch::Tensor synchronisedForward(const torch::Tensor& x);

    int64_t m_channels;
    bool m_skipped = false;
    std::shared_ptr<BatchStatsReducer> m_reducer;
};
TORCH_MODULE(BatchNormLayer);

// Applies `f` to every BatchNormLayer of `model` (itself included).
template <typename F>
void forEachBatchNorm(torch::nn::Module& model, F&& f)
{
    for (const auto& module : model.modules(/*include_self=*/true))
        if (auto* bn = module->as<BatchNormLayerImpl>())
            f(*bn);
}

}  // namespace ms
