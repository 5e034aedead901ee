#pragma once
// A process group on PyTorch's c10d: rendezvous through a TCPStore (rank 0 serves it, see
// dist/Rendezvous.h), collectives through one backend (dist/DistBackend.h): NCCL for CUDA ranks
// where LibTorch has it, Gloo otherwise (CPU tensors; CUDA tensors staged through the host). Every
// failure - a port that is taken, a rank that never arrives or dies, a backend this build lacks -
// becomes an ms::Error that says which and what to do, never a hang past the timeout.
#include "core/TorchCompat.h"
#include "dist/DistBackend.h"
#include "dist/DistributedEnv.h"
#include "model/BatchNormLayer.h"

#include <torch/torch.h>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace c10d {
class Store;
class Work;
}  // namespace c10d

namespace ms {

// Pending collective; wait() rethrows its failure as ms::Error.
class PendingCollective {
public:
    // Out of line, like every member touching the Work pointer: c10d::Work is incomplete here
    // (2.x's intrusive_ptr needs the complete type even in its default constructor).
    PendingCollective();
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
    // must stay under it). `device` is what the rank trains on (rankDevice() picks the GPU of
    // "cuda"); `backend` is resolved for it (resolveDistBackend: a backend this build lacks throws
    // before anything connects). For a CUDA device join makes it the calling thread's current one.
    static std::shared_ptr<DistributedGroup> join(const DistributedEnv& env, std::chrono::seconds timeout,
                                                  DistBackend backend = DistBackend::Auto,
                                                  const torch::Device& device = torch::kCPU);
    ~DistributedGroup();

    const DistributedEnv& env() const { return m_env; }
    int rank() const { return m_env.rank; }
    int worldSize() const { return m_env.worldSize; }
    DistBackend backend() const { return m_backend; }         // Nccl or Gloo, never Auto
    const torch::Device& device() const { return m_device; }  // the rank's device (cuda:N for NCCL)
    std::string describeBackend() const;  // "NCCL on cuda:1", "Gloo", "Gloo, CUDA tensors through the host"

    // One contiguous tensor each, reduced in place over all ranks (blocking, or pending). NCCL
    // takes tensors on device(); Gloo CPU tensors, and CUDA tensors where LibTorch has CUDA.
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
    DistBackend m_backend = DistBackend::Gloo;
    torch::Device m_device = torch::kCPU;
    c10::intrusive_ptr<c10d::Store> m_store;
    c10::intrusive_ptr<compat::C10dBackend> m_group;
};

// The device a rank trains on: "cuda" without an index becomes cuda:<LOCAL_RANK> (one GPU per rank
// of a machine); anything else stays as it is.
torch::Device rankDevice(const torch::Device& requested, const DistributedEnv& env);

// Makes `device` the current CUDA device of the calling thread (CUDA's current device is per
// thread: call it on the thread that trains, before it allocates). No-op for a CPU device; needs
// no CUDA headers (through c10's device guard registry). Throws ms::Error where CUDA is missing.
void useRankDevice(const torch::Device& device);

// Copies rank 0's parameters and buffers to every rank (the replicas start identical).
void broadcastModel(DistributedGroup& group, torch::nn::Module& model);

// Throws ms::Error unless every rank holds bit-identical parameters and buffers.
void checkReplicasIdentical(DistributedGroup& group, torch::nn::Module& model);

}  // namespace ms
