#include "model/Aspp.h"

#include "model/ShardedDropout.h"

namespace ms {
namespace {

Chain convBnRelu(int64_t in, int64_t out, int64_t kernel, int64_t dilation)
{
    Chain chain;
    chain->add(makeConv(in, out, kernel, 1, kernel == 3 ? dilation : 0, dilation));
    chain->add(makeBatchNorm(out));
    chain->add(torch::nn::ReLU());
    return chain;
}

}  // namespace

AsppImpl::AsppImpl(int64_t in, int64_t out)
{
    convs = torch::nn::ModuleList();
    m_branches.push_back(convBnRelu(in, out, 1, 1));
    for (int64_t rate : {3, 6, 9})
        m_branches.push_back(convBnRelu(in, out, 3, rate));
    for (auto& branch : m_branches)
        convs->push_back(branch);

    m_pooling = Chain();
    m_pooling->add(torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions(1)));
    m_pooling->add(makeConv(in, out, 1));
    m_pooling->add(makeBatchNorm(out));
    m_pooling->add(torch::nn::ReLU());
    convs->push_back(m_pooling);
    register_module("convs", convs);

    project = Chain();
    project->add(makeConv(5 * out, out, 1));
    project->add(makeBatchNorm(out));
    project->add(torch::nn::ReLU());
    project->add(ShardedDropout(0.5));
    register_module("project", project);
}

torch::Tensor AsppImpl::forward(const torch::Tensor& x)
{
    std::vector<torch::Tensor> outputs;
    outputs.reserve(5);
    for (auto& branch : m_branches)
        outputs.push_back(branch->forward(x));
    outputs.push_back(resizeBilinearLike(m_pooling->forward(x), x));
    return project->forward(torch::cat(outputs, 1));
}

}  // namespace ms
