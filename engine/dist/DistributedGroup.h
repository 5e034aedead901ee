#pragma once
// A process group on PyTorch's c10d: rendezvous through a TCPStore (rank 0 serves it), collectives
// through Gloo (CPU tensors; CUDA tensors where LibTorch was built with CUDA, staged through the host). Every failure - a port that is taken, a rank that never arrives or
// dies - becomes an ms::Error that says which and what to do, never a hang past the timeout.
#include "dist/DistributedEnv.h"
#include "model/BatchNormLayer.h"

#include <torch/torch.h>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace c10d {
class Store;
class ProcessGroupGloo;
class Work;
} // namespace c10d

namespace ms {

// Pending collective; wait() rethrows its failure as ms::Error.
class PendingCollective {
public:
    PendingCollective() = default;
    PendingCollective(c10::intrusive_ptr<c10d::Work> work, std::string what);
    ~PendingCollective();
    PendingCollective(PendingCollective&&) noexcept;
    PendingCollective& operator=(PendingCollective&&) noexcept;
    void wait();
    bool valid() const;

private:
    c10::intrusive_ptr<c10d::Work> m_work;
    std::string m_what;
};

class DistributedGroup : public std::enable_shared_from_this<DistributedGroup> {
public:
    // Joins the group `env` describes; blocks until every rank has joined or `timeout` passed.
    // `timeout` also bounds each collective (a rank busy for longer - e.g. rank 0 validating -
    // must stay under it).
    static std::shared_ptr<DistributedGroup> join(const DistributedEnv& env, std::chrono::seconds timeout);
    ~DistributedGroup();

    const DistributedEnv& env() const { return m_env; }
    int rank() const { return m_env.rank; }
    int worldSize() const { return m_env.worldSize; }

    // One contiguous tensor each, reduced in place over all ranks (blocking, or pending).
    void allReduceSum(const torch::Tensor& tensor);
    PendingCollective allReduceSumAsync(const torch::Tensor& tensor);
    void allReduceMax(const torch::Tensor& tensor);
    void broadcast(const torch::Tensor& tensor, int root = 0);
    void barrier();

    // Statistics reducer for synchronised BatchNorm (differentiable sum over ranks).
    std::shared_ptr<BatchStatsReducer> batchStatsReducer();

private:
    DistributedGroup() = default;
    [[noreturn]] void fail(const std::string& what, const std::exception& e) const;
    void run(const std::string& what, const std::function<c10::intrusive_ptr<c10d::Work>()>& start);

    DistributedEnv m_env;
    std::chrono::seconds m_timeout{0};
    c10::intrusive_ptr<c10d::Store> m_store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> m_group;
};

// Copies rank 0's parameters and buffers to every rank (the replicas start identical).
void broadcastModel(DistributedGroup& group, torch::nn::Module& model);

// Throws ms::Error unless every rank holds bit-identical parameters and buffers.
void checkReplicasIdentical(DistributedGroup& group, torch::nn::Module& model);

} // namespace ms
