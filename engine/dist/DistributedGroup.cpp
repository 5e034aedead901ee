#include "dist/DistributedGroup.h"

#include "core/Error.h"
#include "dist/ProcessGroups.h"
#include "dist/Rendezvous.h"

#include <c10/core/impl/DeviceGuardImplInterface.h>
#include <torch/csrc/distributed/c10d/Backend.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/Work.hpp>

namespace ms {
namespace {

// The sum over ranks as an autograd function: the backward pass sums the gradients over ranks too,
// which is what the statistics of synchronised BatchNorm need. The sums are new tensors on the
// input's device (NCCL reduces them there; Gloo stages CUDA tensors through the host).
class AllReduceSumFunction : public torch::autograd::Function<AllReduceSumFunction> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& local,
                                 DistributedGroup* group)
    {
        // A raw pointer in the context: the group outlives every graph built while training.
        ctx->saved_data["group"] = static_cast<int64_t>(reinterpret_cast<intptr_t>(group));
        const torch::Tensor sum = local.detach().contiguous().clone();
        group->allReduceSum(sum);
        return sum;
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads)
    {
        auto* group = reinterpret_cast<DistributedGroup*>(static_cast<intptr_t>(ctx->saved_data["group"].toInt()));
        const torch::Tensor sum = grads[0].contiguous().clone();
        group->allReduceSum(sum);
        return {sum, torch::Tensor()};
    }
};

class GroupStatsReducer : public BatchStatsReducer {
public:
    explicit GroupStatsReducer(std::shared_ptr<DistributedGroup> group)
        : m_group(std::move(group))
    {}
    torch::Tensor sumOverRanks(const torch::Tensor& local) override
    {
        return AllReduceSumFunction::apply(local, m_group.get());
    }

private:
    std::shared_ptr<DistributedGroup> m_group;
};

}  // namespace

PendingCollective::PendingCollective() = default;
PendingCollective::PendingCollective(c10::intrusive_ptr<c10d::Work> work, std::string what)
    : m_work(std::move(work))
    , m_what(std::move(what))
{}
PendingCollective::~PendingCollective() = default;
PendingCollective::PendingCollective(PendingCollective&&) noexcept = default;
PendingCollective& PendingCollective::operator=(PendingCollective&&) noexcept = default;

bool PendingCollective::valid() const { return static_cast<bool>(m_work); }

void PendingCollective::wait()
{
    if (!m_work)
        return;
    auto work = std::move(m_work);
    try {
        work->wait();
    } catch (const std::exception& e) {
        throw Error("distributed training: " + m_what + " failed: " + e.what() +
                    " - another process of the run has probably stopped; see its output");
    }
}

torch::Device rankDevice(const torch::Device& requested, const DistributedEnv& env)
{
    if (requested.is_cuda() && !requested.has_index())
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(env.localRank));
    return requested;
}

void useRankDevice(const torch::Device& device)
{
    if (!device.is_cuda())
        return;
    try {
        c10::impl::getDeviceGuardImpl(c10::DeviceType::CUDA)->setDevice(device);
    } catch (const std::exception& e) {
        throw Error("cannot use " + device.str() + " for this rank: " + e.what());
    }
}

std::shared_ptr<DistributedGroup> DistributedGroup::join(const DistributedEnv& env, std::chrono::seconds timeout,
                                                         DistBackend backend, const torch::Device& device)
{
    std::shared_ptr<DistributedGroup> group(new DistributedGroup());
    group->m_env = env;
    group->m_timeout = timeout;
    group->m_device = rankDevice(device, env);
    // Before anything connects: every rank of a run fails the same way, none waits for the others.
    group->m_backend = resolveDistBackend(backend, group->m_device.is_cuda(), compiledDistBackends());
    useRankDevice(group->m_device);
    group->m_store = connectStore(env, timeout);
    const auto collectiveTimeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
    try {
        if (group->m_backend == DistBackend::Nccl)
            group->m_group = dist::createNcclGroup(group->m_store, env, group->m_device, collectiveTimeout);
        else
            group->m_group = dist::createGlooGroup(group->m_store, env, collectiveTimeout);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error("distributed training: rank " + std::to_string(env.rank) +
                    " could not connect to the other ranks (" + group->describeBackend() + ", master " +
                    env.masterAddr + ":" + std::to_string(env.masterPort) + "): " + e.what());
    }
    return group;
}

std::string DistributedGroup::describeBackend() const
{
    if (m_backend == DistBackend::Nccl)
        return "NCCL on " + m_device.str();
    return m_device.is_cuda() ? "Gloo, CUDA tensors through the host" : "Gloo";
}

DistributedGroup::~DistributedGroup() = default;

void DistributedGroup::fail(const std::string& what, const std::exception& e) const
{
    throw Error("distributed training: rank " + std::to_string(rank()) + ": " + what + " failed: " + e.what() +
                " - another process of the run has probably stopped; see its output");
}

// c10d takes a vector of tensors, one per local device, and reduces them together: always one here.
PendingCollective DistributedGroup::allReduceSumAsync(const torch::Tensor& tensor)
{
    std::vector<torch::Tensor> one{tensor};
    try {
        c10d::AllreduceOptions options;
        options.reduceOp = c10d::ReduceOp::SUM;
        return PendingCollective(m_group->allreduce(one, options), "rank " + std::to_string(rank()) + ": all-reduce");
    } catch (const std::exception& e) {
        fail("all-reduce", e);
    }
}

void DistributedGroup::allReduceSum(const torch::Tensor& tensor) { allReduceSumAsync(tensor).wait(); }

void DistributedGroup::run(const std::string& what, const std::function<c10::intrusive_ptr<c10d::Work>()>& start)
{
    PendingCollective pending;
    try {
        pending = PendingCollective(start(), "rank " + std::to_string(rank()) + ": " + what);
    } catch (const std::exception& e) {
        fail(what, e);
    }
    pending.wait();
}

void DistributedGroup::allReduceMax(const torch::Tensor& tensor)
{
    std::vector<torch::Tensor> one{tensor};
    run("all-reduce", [&] {
        c10d::AllreduceOptions options;
        options.reduceOp = c10d::ReduceOp::MAX;
        return m_group->allreduce(one, options);
    });
}

void DistributedGroup::broadcast(const torch::Tensor& tensor, int root)
{
    std::vector<torch::Tensor> one{tensor};
    run("broadcast", [&] {
        c10d::BroadcastOptions options;
        options.rootRank = root;
        return m_group->broadcast(one, options);
    });
}

void DistributedGroup::barrier()
{
    run("barrier", [&] {
        c10d::BarrierOptions options;
        if (m_backend == DistBackend::Nccl)  // else NCCL guesses the GPU from the rank
            options.device_ids = {m_device.index()};
        return m_group->barrier(options);
    });
}

std::shared_ptr<BatchStatsReducer> DistributedGroup::batchStatsReducer()
{
    return std::make_shared<GroupStatsReducer>(shared_from_this());
}

namespace {

std::vector<torch::Tensor> stateTensors(torch::nn::Module& model)
{
    std::vector<torch::Tensor> tensors;
    for (const auto& p : model.parameters())
        tensors.push_back(p);
    for (const auto& b : model.buffers())
        tensors.push_back(b);
    return tensors;
}

}  // namespace

void broadcastModel(DistributedGroup& group, torch::nn::Module& model)
{
    torch::NoGradGuard noGrad;
    for (torch::Tensor& t : stateTensors(model)) {
        const torch::Tensor buffer = t.is_contiguous() ? t : t.contiguous();
        group.broadcast(buffer, 0);
        if (!buffer.is_same(t))
            t.copy_(buffer);
    }
}

void checkReplicasIdentical(DistributedGroup& group, torch::nn::Module& model)
{
    // Per tensor a position-weighted checksum, and its negation: max(x) == -max(-x) only when every
    // rank has the same value. Computed where the tensors are (no copy of the model to the host);
    // the checksums go to the device of the first tensor, which NCCL reduces in place.
    torch::NoGradGuard noGrad;
    const std::vector<torch::Tensor> tensors = stateTensors(model);
    if (tensors.empty())
        return;
    const torch::Device device = tensors.front().device();
    std::vector<torch::Tensor> sums;
    for (const torch::Tensor& t : tensors) {
        const torch::Tensor bits = t.detach().contiguous().view({-1}).to(torch::kFloat64);
        const torch::Tensor weights = torch::arange(bits.numel(), bits.options()).remainder(997.0).add(1.0);
        sums.push_back((bits * weights).sum().to(device));
    }
    const torch::Tensor high = torch::stack(sums);
    const torch::Tensor both = torch::cat({high, -high});
    group.allReduceMax(both);
    const int64_t n = high.numel();
    const torch::Tensor differs = (both.narrow(0, 0, n) + both.narrow(0, n, n)).abs() > 0;
    if (differs.any().item<bool>())
        throw Error("distributed training: the ranks' model replicas differ in " +
                    std::to_string(differs.sum().item<int64_t>()) +
                    " tensor(s) - they must start from the same weights");
}

}  // namespace ms
