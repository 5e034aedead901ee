// dist: two ranks on one device, each its own process with a DistributedGroup of engine/dist
// (TCPStore on 127.0.0.1, Gloo: NCCL cannot put two ranks on one GPU), checking
//   - an all-reduce (sum) of known values, exactly;
//   - one synchronised BatchNorm step (engine/model/BatchNormLayer with the group's statistics
//     reducer), each rank holding half of a batch, against one BatchNorm over the whole batch:
//     outputs, running statistics, and the gradients of input, weight and bias after backward,
//     |a - b| <= 1e-6 + 1e-3 * max |b| per tensor.
// Without Gloo in this build the check is skipped, with the reason.
// Options: --device, --work DIR, --timeout seconds (120).
#include "Check.h"

#include "core/Error.h"
#include "dist/DistBackend.h"
#include "dist/DistributedEnv.h"
#include "dist/DistributedGroup.h"
#include "model/BatchNormLayer.h"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace gpucheck {
namespace {

constexpr int kWorld = 2;
constexpr int64_t kBatch = 8, kChannels = 16, kHeight = 10, kWidth = 12;

// |a - b| <= 1e-6 + 1e-3 * max |b| for the whole tensor; records the numbers.
void closeTo(Item& item, const std::string& what, const torch::Tensor& a, const torch::Tensor& b)
{
    const Diff d = difference(a, b);
    const double bound = 1e-6 + 1e-3 * maxAbs(b);
    item.numbers[what] = {{"max_abs", d.maxAbs}, {"bound", bound}};
    if (!(d.maxAbs <= bound))
        item.fail(what + ": max |d| " + std::to_string(d.maxAbs) + " > " + std::to_string(bound));
}

ms::BatchNormLayer makeBatchNorm(const torch::Device& device)
{
    torch::manual_seed(5);
    ms::BatchNormLayer bn(kChannels);
    {
        torch::NoGradGuard noGrad;
        bn->weight.copy_(torch::rand({kChannels}) + 0.5);
        bn->bias.copy_(torch::randn({kChannels}) * 0.1);
        bn->running_mean.copy_(torch::randn({kChannels}) * 0.1);
        bn->running_var.copy_(torch::rand({kChannels}) + 0.5);
    }
    bn->to(device);
    bn->train();
    return bn;
}

Result rankChecks(int rank, int port, const torch::Device& device, int timeoutSeconds)
{
    Result result("dist-rank");
    ms::DistributedEnv env;
    env.rank = rank;
    env.worldSize = kWorld;
    env.localRank = 0;  // both ranks on the one device
    env.masterAddr = "127.0.0.1";
    env.masterPort = port;
    env.launcher = "mattestudio_gpucheck";
    const auto group =
        ms::DistributedGroup::join(env, std::chrono::seconds(timeoutSeconds), ms::DistBackend::Gloo, device);
    const std::string who = "rank " + std::to_string(rank) + ": ";
    result.numbers()["backend"] = group->describeBackend();

    {
        Item& item = result.add(who + "all-reduce sum on " + device.str());
        const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(device);
        const torch::Tensor t = torch::arange(4096, opts) * double(rank + 1) + double(rank);
        group->allReduceSum(t);
        const torch::Tensor want = torch::arange(4096, opts) * 3.0 + 1.0;  // (x + 0) + (2x + 1)
        const double d = difference(t, want).maxAbs;
        item.numbers["elements"] = 4096;
        item.numbers["max_abs"] = d;
        if (d != 0)
            item.fail("the sum over both ranks is not exact (max |d| " + std::to_string(d) + ")");
    }

    {
        Item& item = result.add(who + "synchronised BatchNorm vs one BatchNorm of the whole batch");
        torch::manual_seed(11);
        const torch::Tensor x = torch::randn({kBatch, kChannels, kHeight, kWidth}) * 2 + 0.5;
        const torch::Tensor g = torch::randn({kBatch, kChannels, kHeight, kWidth});
        const int64_t rows = kBatch / kWorld, offset = rows * rank;

        ms::BatchNormLayer synced = makeBatchNorm(device);
        synced->setReducer(group->batchStatsReducer());
        const torch::Tensor local = x.narrow(0, offset, rows).to(device).requires_grad_(true);
        const torch::Tensor out = synced->forward(local);
        (out * g.narrow(0, offset, rows).to(device)).sum().backward();

        ms::BatchNormLayer whole = makeBatchNorm(device);
        const torch::Tensor all = x.to(device).requires_grad_(true);
        const torch::Tensor outAll = whole->forward(all);
        (outAll * g.to(device)).sum().backward();

        closeTo(item, "output", out, outAll.narrow(0, offset, rows));
        closeTo(item, "running_mean", synced->running_mean, whole->running_mean);
        closeTo(item, "running_var", synced->running_var, whole->running_var);
        closeTo(item, "input_grad", local.grad(), all.grad().narrow(0, offset, rows));
        // Each rank holds its share of the parameter gradients; their sum (what gradient averaging
        // across ranks starts from) is the single process's.
        const torch::Tensor wg = synced->weight.grad().clone(), bg = synced->bias.grad().clone();
        group->allReduceSum(wg);
        group->allReduceSum(bg);
        closeTo(item, "weight_grad_sum", wg, whole->weight.grad());
        closeTo(item, "bias_grad_sum", bg, whole->bias.grad());
    }
    group->barrier();
    return result;
}

}  // namespace

int runDistributedRank(const Options& options)
{
    const std::string out = options.require("out");
    const int rank = options.getInt("rank", -1);
    Result result("dist-rank");
    try {
        const torch::Device device = parseDevice(options.get("device", "cpu"));
        result = rankChecks(rank, options.getInt("port", 0), device, options.getInt("timeout", 120));
    } catch (const std::exception& e) {
        result.fail("rank " + std::to_string(rank) + ": " + e.what());
    }
    result.write(out);
    return result.toJson()["status"] == "fail" ? 1 : 0;
}

void runDistributed(const Options& options, Result& result)
{
    const torch::Device device = parseDevice(options.get("device", "cpu"));
    const std::string work = options.require("work");
    const int timeout = options.getInt("timeout", 120);
    std::filesystem::create_directories(work);
    const ms::DistBackendSupport support = ms::compiledDistBackends();
    result.numbers()["gloo_compiled"] = support.gloo;
    result.numbers()["nccl_compiled"] = support.nccl;
    if (!support.gloo) {
        result.skip(std::string("this build has no Gloo backend, and NCCL cannot put two ranks on one GPU: ") +
                    ms::distributedUnavailableMessage());
        return;
    }
    const int port = ms::findFreeLocalPort();
    result.numbers()["port"] = port;
    result.numbers()["device"] = device.str();

    std::vector<pid_t> pids;
    std::vector<std::string> outs;
    for (int rank = 0; rank < kWorld; ++rank) {
        outs.push_back(work + "/rank-" + std::to_string(rank) + ".json");
        std::filesystem::remove(outs.back());
        std::vector<std::string> args = {"mattestudio_gpucheck",
                                         "dist-rank",
                                         "--rank",
                                         std::to_string(rank),
                                         "--port",
                                         std::to_string(port),
                                         "--device",
                                         device.str(),
                                         "--timeout",
                                         std::to_string(timeout),
                                         "--out",
                                         outs.back()};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), environ) != 0)
            throw ms::Error("cannot start rank " + std::to_string(rank) + " (/proc/self/exe)");
        pids.push_back(pid);
    }

    // Both ranks must finish within the timeout (plus start-up); a hung one is killed.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout + 60);
    std::vector<int> statuses(pids.size(), -1);
    size_t running = pids.size();
    while (running > 0) {
        for (size_t i = 0; i < pids.size(); ++i) {
            if (statuses[i] != -1)
                continue;
            int status = 0;
            if (waitpid(pids[i], &status, WNOHANG) == pids[i]) {
                statuses[i] = status;
                --running;
            }
        }
        if (running > 0 && std::chrono::steady_clock::now() > deadline) {
            for (size_t i = 0; i < pids.size(); ++i)
                if (statuses[i] == -1) {
                    kill(pids[i], SIGKILL);
                    waitpid(pids[i], &statuses[i], 0);
                    result.fail("rank " + std::to_string(i) + " did not finish within " + std::to_string(timeout + 60) +
                                " s and was stopped");
                }
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }

    for (size_t i = 0; i < outs.size(); ++i) {
        std::ifstream in(outs[i]);
        if (!in) {
            const int s = statuses[i];
            result.fail("rank " + std::to_string(i) + " wrote no result (" +
                        (WIFSIGNALED(s) ? "killed by signal " + std::to_string(WTERMSIG(s))
                                        : "exit code " + std::to_string(WEXITSTATUS(s))) +
                        ")");
            continue;
        }
        const json rank = json::parse(in);
        if (rank.contains("numbers") && rank["numbers"].contains("backend"))
            result.numbers()["backend"] = rank["numbers"]["backend"];
        if (rank.value("status", "") == "fail" && rank.value("items", json::array()).empty())
            result.fail(rank.value("reason", "rank " + std::to_string(i) + " failed"));
        for (const auto& it : rank.value("items", json::array())) {
            Item& item = result.add(it.value("name", ""));
            item.status = it.value("status", "fail");
            item.reason = it.value("reason", "");
            item.numbers = it.value("numbers", json::object());
        }
    }
}

}  // namespace gpucheck
