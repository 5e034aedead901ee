#pragma once
// Data-parallel gradient averaging, as DistributedDataParallel does it: parameters are grouped into
// buckets of about 25 MiB in reverse order (roughly the order backward produces their gradients);
// a gradient hook copies each gradient into its bucket as soon as it exists, and a full bucket is
// all-reduced in the background while backward goes on. Buckets are launched strictly in order, so
// every rank issues the same sequence of collectives. finish() waits and writes the averages back.
#include "dist/DistributedGroup.h"

#include <torch/torch.h>

#include <memory>
#include <mutex>
#include <vector>

namespace ms {

class GradientSync {
public:
    GradientSync(std::shared_ptr<DistributedGroup> group, std::vector<torch::Tensor> parameters,
                 int64_t bucketBytes = int64_t(25) << 20);
    ~GradientSync();
    GradientSync(const GradientSync&) = delete;
    GradientSync& operator=(const GradientSync&) = delete;

    // After loss.backward(): launches what is left, waits, and sets every parameter's gradient to
    // the average over the ranks. Throws ms::Error when a rank has failed.
    void finish();

    size_t bucketCount() const { return m_buckets.size(); }

private:
    struct Bucket {
        std::vector<size_t> params;  // indices into m_params
        int64_t elements = 0;
        torch::Tensor flat;
        size_t ready = 0;
        PendingCollective pending;
    };

    void onGradient(size_t param, const torch::Tensor& grad);
    void launchReadyBuckets();  // under m_mutex

    std::shared_ptr<DistributedGroup> m_group;
    std::vector<torch::Tensor> m_params;
    std::vector<size_t> m_bucketOf;
    std::vector<int64_t> m_offsetOf;  // each parameter's place in its bucket's flat buffer
    std::vector<bool> m_seen;         // gradient arrived (or counted as zero) this step
    std::vector<bool> m_used;         // gradient arrived from backward this step
    std::vector<Bucket> m_buckets;
    size_t m_nextLaunch = 0;
    std::mutex m_mutex;
    std::vector<unsigned> m_hooks;
};

}  // namespace ms
