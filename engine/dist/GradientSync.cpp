#include "dist/GradientSync.h"

#include "core/Error.h"

namespace ms {

GradientSync::GradientSync(std::shared_ptr<DistributedGroup> group, std::vector<torch::Tensor> parameters,
                           int64_t bucketBytes)
    : m_group(std::move(group))
{
    for (auto& p : parameters)
        if (p.requires_grad())
            m_params.push_back(p);
    m_bucketOf.assign(m_params.size(), 0);
    m_offsetOf.assign(m_params.size(), 0);
    m_seen.assign(m_params.size(), false);
    // Reverse registration order: the last layers' gradients come first in backward.
    for (size_t k = m_params.size(); k-- > 0;) {
        const torch::Tensor& p = m_params[k];
        if (p.scalar_type() != torch::kFloat32 || p.device() != m_params.front().device())
            throw Error("distributed training averages float32 gradients on one device per rank; this parameter is " +
                        std::string(c10::toString(p.scalar_type())) + " on " + p.device().str());
        if (m_buckets.empty() || m_buckets.back().elements * 4 >= bucketBytes)
            m_buckets.emplace_back();
        Bucket& bucket = m_buckets.back();
        bucket.params.push_back(k);
        m_offsetOf[k] = bucket.elements;
        bucket.elements += p.numel();
        m_bucketOf[k] = m_buckets.size() - 1;
    }
    for (Bucket& bucket : m_buckets)
        bucket.flat = torch::zeros({bucket.elements}, m_params.front().options().requires_grad(false));
    for (size_t k = 0; k < m_params.size(); ++k)
        m_hooks.push_back(m_params[k].register_hook([this, k](const torch::Tensor& grad) {
            onGradient(k, grad);
            return torch::Tensor();  // the gradient itself is left as it is
        }));
}

GradientSync::~GradientSync()
{
    for (size_t k = 0; k < m_params.size() && k < m_hooks.size(); ++k)
        m_params[k].remove_hook(m_hooks[k]);
    // Never leave a collective running on buffers that go away.
    for (Bucket& bucket : m_buckets)
        try {
            bucket.pending.wait();
        } catch (const std::exception&) {
        }
}

void GradientSync::onGradient(size_t param, const torch::Tensor& grad)
{
    std::lock_guard lock(m_mutex);
    if (m_seen[param])
        return;
    m_seen[param] = true;
    Bucket& bucket = m_buckets[m_bucketOf[param]];
    bucket.flat.narrow(0, m_offsetOf[param], grad.numel()).copy_(grad.detach().reshape({-1}));
    ++bucket.ready;
    launchReadyBuckets();
}

void GradientSync::launchReadyBuckets()
{
    while (m_nextLaunch < m_buckets.size() && m_buckets[m_nextLaunch].ready == m_buckets[m_nextLaunch].params.size()) {
        Bucket& bucket = m_buckets[m_nextLaunch++];
        bucket.pending = m_group->allReduceSumAsync(bucket.flat);
    }
}

void GradientSync::finish()
{
    {
        // Parameters without a gradient this step (unused by the forward pass) add zeros, and keep
        // having none, as in a single process.
        std::lock_guard lock(m_mutex);
        m_used = m_seen;
        for (size_t k = 0; k < m_params.size(); ++k)
            if (!m_seen[k]) {
                m_seen[k] = true;
                m_buckets[m_bucketOf[k]].flat.narrow(0, m_offsetOf[k], m_params[k].numel()).zero_();
                ++m_buckets[m_bucketOf[k]].ready;
            }
        launchReadyBuckets();
    }
    const double scale = 1.0 / m_group->worldSize();
    torch::NoGradGuard noGrad;
    for (Bucket& bucket : m_buckets) {
        bucket.pending.wait();
        bucket.flat.mul_(scale);
        for (const size_t k : bucket.params) {
            if (!m_used[k])
                continue;
            torch::Tensor& p = m_params[k];
            const torch::Tensor average = bucket.flat.narrow(0, m_offsetOf[k], p.numel()).view(p.sizes());
            if (p.grad().defined())
                p.mutable_grad().copy_(average);
            else
                p.mutable_grad() = average.clone();
        }
        bucket.ready = 0;
    }
    m_seen.assign(m_params.size(), false);
    m_nextLaunch = 0;
}

}  // namespace ms
