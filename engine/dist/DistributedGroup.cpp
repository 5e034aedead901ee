#include "dist/DistributedGroup.h"

#include "core/Error.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <cstdlib>

namespace ms {
namespace {

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

bool isLoopback(const std::string& host)
{
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

// The sum over ranks as an autograd function: the backward pass sums the gradients over ranks too,
// which is what the statistics of synchronised BatchNorm need.
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
    {
    }
    torch::Tensor sumOverRanks(const torch::Tensor& local) override
    {
        return AllReduceSumFunction::apply(local, m_group.get());
    }

private:
    std::shared_ptr<DistributedGroup> m_group;
};

} // namespace

PendingCollective::PendingCollective(c10::intrusive_ptr<c10d::Work> work, std::string what)
    : m_work(std::move(work))
    , m_what(std::move(what))
{
}
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

std::shared_ptr<DistributedGroup> DistributedGroup::join(const DistributedEnv& env, std::chrono::seconds timeout)
{
    std::shared_ptr<DistributedGroup> group(new DistributedGroup());
    group->m_env = env;
    group->m_timeout = timeout;
    const std::string master = env.masterAddr + ":" + std::to_string(env.masterPort);
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(env.masterPort);
    options.isServer = env.isMain();
    options.numWorkers = static_cast<size_t>(env.worldSize);
    options.waitWorkers = true;
    options.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
    try {
        group->m_store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, options);
    } catch (const std::exception& e) {
        const std::string what = e.what();
        if (env.isMain() && (contains(what, "already in use") || contains(what, "EADDRINUSE")))
            throw Error("distributed training: rank 0 cannot listen on " + master +
                        ": the port is taken (another run?). Choose a free one with MASTER_PORT or --master-port");
        if (env.isMain())
            throw Error("distributed training: rank 0 could not gather all " + std::to_string(env.worldSize) +
                        " processes at " + master + " within " + std::to_string(timeout.count()) + " s: " + what);
        throw Error("distributed training: rank " + std::to_string(env.rank) + " could not reach rank 0 at " + master +
                    " within " + std::to_string(timeout.count()) + " s: " + what);
    }
    try {
        auto glooOptions = c10d::ProcessGroupGloo::Options::create(std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
        if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
            glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
        else if (isLoopback(env.masterAddr))
            glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        group->m_group = c10::make_intrusive<c10d::ProcessGroupGloo>(group->m_store, env.rank, env.worldSize, glooOptions);
    } catch (const std::exception& e) {
        throw Error("distributed training: rank " + std::to_string(env.rank) + " could not connect to the other ranks (" +
                    master + "): " + e.what());
    }
    return group;
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

void DistributedGroup::allReduceSum(const torch::Tensor& tensor)
{
    allReduceSumAsync(tensor).wait();
}

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
    run("barrier", [&] { return m_group->barrier(); });
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

} // namespace

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
    // rank has the same value.
    std::vector<double> sums;
    for (const torch::Tensor& t : stateTensors(model)) {
        const torch::Tensor bits = t.detach().contiguous().view({-1});
        const torch::Tensor weights = torch::arange(bits.numel(), torch::kFloat64).remainder(997.0).add(1.0);
        sums.push_back((bits.to(torch::kFloat64) * weights).sum().item<double>());
    }
    const torch::Tensor high = torch::tensor(sums, torch::kFloat64);
    const torch::Tensor both = torch::cat({high, -high});
    group.allReduceMax(both);
    const int64_t n = high.numel();
    const torch::Tensor differs = (both.narrow(0, 0, n) + both.narrow(0, n, n)).abs() > 0;
    if (differs.any().item<bool>())
        throw Error("distributed training: the ranks' model replicas differ in " +
                    std::to_string(differs.sum().item<int64_t>()) + " tensor(s) - they must start from the same weights");
}

} // namespace ms
