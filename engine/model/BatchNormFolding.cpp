#include "model/BatchNormFolding.h"

#include "core/Error.h"
#include "model/BatchNormLayer.h"

#include <cctype>

namespace ms {
namespace {

using Child = std::pair<std::string, std::shared_ptr<torch::nn::Module>>;

torch::Tensor registered(const torch::nn::Module& module, const std::string& name)
{
    if (const torch::Tensor* p = module.named_parameters(/*recurse=*/false).find(name))
        return *p;
    if (const torch::Tensor* b = module.named_buffers(/*recurse=*/false).find(name))
        return *b;
    return {};
}

bool isNumber(const std::string& s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The (conv, BN) pairs among one module's children: "convN" + "bnN", or Sequential-style "k" + "k+1".
std::vector<std::pair<torch::nn::Conv2dImpl*, BatchNormLayerImpl*>> pairsOf(const torch::nn::Module& module)
{
    std::vector<std::pair<torch::nn::Conv2dImpl*, BatchNormLayerImpl*>> pairs;
    const auto children = module.named_children();
    for (const auto& item : children) {
        auto* conv = item.value()->as<torch::nn::Conv2d>();
        if (!conv)
            continue;
        const std::string& name = item.key();
        std::string bnName;
        if (name.rfind("conv", 0) == 0)
            bnName = "bn" + name.substr(4);
        else if (isNumber(name))
            bnName = std::to_string(std::stoll(name) + 1);
        else
            continue;
        const auto* bnModule = children.find(bnName);
        if (!bnModule)
            continue;
        auto* bn = (*bnModule)->as<BatchNormLayerImpl>();
        if (bn && bn->channels() == conv->options.out_channels())
            pairs.emplace_back(conv, bn);
    }
    return pairs;
}

template <typename F>
void forEachPair(torch::nn::Module& model, F&& f)
{
    for (const auto& module : model.modules(/*include_self=*/true))
        for (const auto& [conv, bn] : pairsOf(*module))
            f(*conv, *bn);
}

void restore(torch::nn::Conv2dImpl& conv, BatchNormLayerImpl& bn)
{
    conv.weight = registered(conv, "weight");
    conv.bias = registered(conv, "bias");
    bn.setSkipped(false);
}

}  // namespace

FoldReport foldBatchNorms(torch::nn::Module& model)
{
    FoldReport report;
    torch::NoGradGuard noGrad;
    forEachPair(model, [&](torch::nn::Conv2dImpl& conv, BatchNormLayerImpl& bn) {
        if (bn.is_training())
            throw Error("BatchNorm folding needs a model in eval mode (running statistics); call eval() first");
        restore(conv, bn);  // always fold from the registered values: folding twice is a no-op

        // In float64 so that float16 weights lose nothing beyond their own rounding.
        const auto dbl = conv.weight.options().dtype(torch::kFloat64).requires_grad(false);  // its device too
        const torch::Tensor scale =
            bn.weight.to(torch::kFloat64) / (bn.running_var.to(torch::kFloat64) + bn.eps()).sqrt();
        const torch::Tensor bias =
            conv.bias.defined() ? conv.bias.to(torch::kFloat64) : torch::zeros({conv.options.out_channels()}, dbl);
        const auto like = conv.weight.options().requires_grad(false);
        conv.weight = (conv.weight.to(torch::kFloat64) * scale.view({-1, 1, 1, 1}))
                          .to(like)
                          .contiguous(conv.weight.suggest_memory_format());  // channels-last stays channels-last
        conv.bias = ((bias - bn.running_mean.to(torch::kFloat64)) * scale + bn.bias.to(torch::kFloat64)).to(like);

        bn.setSkipped(true);  // its scale and shift are in the convolution now
        ++report.folded;
    });
    return report;
}

void unfoldBatchNorms(torch::nn::Module& model)
{
    forEachPair(model, [](torch::nn::Conv2dImpl& conv, BatchNormLayerImpl& bn) { restore(conv, bn); });
}

bool isBatchNormFolded(const torch::nn::Module& model)
{
    for (const auto& module : model.modules(/*include_self=*/true))
        if (auto* conv = module->as<torch::nn::Conv2d>())
            if (!conv->weight.is_same(registered(*conv, "weight")))
                return true;
    return false;
}

}  // namespace ms
