// The distributed backends: which one a rank uses (auto/nccl/gloo, and a clear error for one this
// build lacks), the TCPStore rendezvous without libuv, and the collectives of a two-rank group run
// in one process (two threads on loopback), on CPU and, where there is a GPU, on CUDA tensors.
#include "CliSupport.h"
#include "TestSupport.h"

#include "core/TorchCompat.h"
#include "dist/DistBackend.h"
#include "dist/DistributedGroup.h"
#include "dist/Rendezvous.h"
#include "train/TrainConfig.h"

#include <QElapsedTimer>

#include <chrono>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>

namespace {

using ms::DistBackend;
using ms::DistBackendSupport;

ms::DistributedEnv rankEnv(int rank, int worldSize, int port)
{
    ms::DistributedEnv env;
    env.rank = rank;
    env.worldSize = worldSize;
    env.localRank = rank;
    env.masterAddr = "127.0.0.1";
    env.masterPort = port;
    env.launcher = "test";
    return env;
}

using mstest::errorOf;  // the message of the ms::Error `f` throws ("" when it throws none)

bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

QString name(DistBackend b) { return QString::fromStdString(ms::toString(b)); }

// A check on a rank's thread (QTest's macros belong to the test's own thread): throws.
void expect(bool ok, const std::string& what)
{
    if (!ok)
        throw std::runtime_error(what);
}

// Runs `perRank(rank)` for ranks 0 and 1 concurrently (each joins the same group); the failures of
// both, "" when there is none.
template <typename F>
std::string onTwoRanks(F perRank)
{
    auto r0 = std::async(std::launch::async, perRank, 0);
    auto r1 = std::async(std::launch::async, perRank, 1);
    std::string failures;
    for (auto* r : {&r0, &r1})
        try {
            r->get();
        } catch (const std::exception& e) {
            failures += std::string(failures.empty() ? "" : "; ") + "rank " + (r == &r0 ? "0" : "1") + ": " + e.what();
        }
    return failures;
}

std::shared_ptr<ms::DistributedGroup> joinLocal(int rank, int port, DistBackend backend, const torch::Device& device)
{
    return ms::DistributedGroup::join(rankEnv(rank, 2, port), std::chrono::seconds(60), backend, device);
}

}  // namespace

class TestDistBackend : public QObject {
    Q_OBJECT

    // Two ranks, one process: all-reduce, broadcast, the differentiable sum of synchronised
    // BatchNorm and the replica check, on `device` (each rank's tensors there).
    void collectivesOn(DistBackend backend, const std::function<torch::Device(int)>& deviceOf)
    {
        const int port = ms::findFreeLocalPort();
        const std::string failures = onTwoRanks([&](int rank) {
            const torch::Device device = deviceOf(rank);
            const auto group = joinLocal(rank, port, backend, device);
            expect(group->backend() == backend, "backend " + ms::toString(group->backend()));
            expect(group->device() == device, "group device " + group->device().str());
            const auto on = torch::TensorOptions().dtype(torch::kFloat32).device(device);

            const torch::Tensor sum = torch::full({4}, float(rank + 1), on);
            group->allReduceSum(sum);
            expect(sum.device() == device && torch::equal(sum.cpu(), torch::full({4}, 3.0f)), "all-reduce sum");

            const torch::Tensor top = torch::full({3}, float(rank * 10 - 5), on);
            group->allReduceMax(top);
            expect(torch::equal(top.cpu(), torch::full({3}, 5.0f)), "all-reduce max");

            const torch::Tensor root = torch::arange(5, on) * float(rank + 1);
            group->broadcast(root, 1);
            expect(torch::equal(root.cpu(), torch::arange(5, torch::kFloat32) * 2), "broadcast from rank 1");
            group->barrier();

            // Forward sums over the ranks, and so does backward: d(sum over ranks)/d(local) is the
            // world size.
            const torch::Tensor local = torch::full({3}, float(rank + 1), on).requires_grad_(true);
            const torch::Tensor total = group->batchStatsReducer()->sumOverRanks(local);
            expect(total.device() == device && torch::equal(total.detach().cpu(), torch::full({3}, 3.0f)),
                   "differentiable sum, forward");
            total.sum().backward();
            expect(torch::equal(local.grad().cpu(), torch::full({3}, 2.0f)), "differentiable sum, backward");

            // Replicas: identical after broadcastModel, a changed element is found on every rank.
            torch::nn::Linear model(torch::nn::LinearOptions(3, 2));
            model->to(device);
            ms::broadcastModel(*group, *model);
            ms::checkReplicasIdentical(*group, *model);
            {
                torch::NoGradGuard noGrad;
                if (rank == 1)
                    model->weight.view({-1})[4].add_(1e-3);
            }
            const std::string error = errorOf([&] { ms::checkReplicasIdentical(*group, *model); });
            expect(has(error, "replicas differ in 1 tensor(s)"), "replica check: '" + error + "'");
        });
        QVERIFY2(failures.empty(), failures.c_str());
    }

private Q_SLOTS:
    void namesOfBackends()
    {
        for (const DistBackend b : {DistBackend::Auto, DistBackend::Nccl, DistBackend::Gloo})
            QVERIFY(ms::parseDistBackend(ms::toString(b)) == std::optional<DistBackend>(b));
        QVERIFY(!ms::parseDistBackend("mpi"));
        QVERIFY(!ms::parseDistBackend("NCCL"));
        QVERIFY(!ms::parseDistBackend(""));
    }

    // The choice as a pure function of (requested, device, what the build has).
    void backendChoice()
    {
        const DistBackendSupport both{true, true}, glooOnly{true, false}, ncclOnly{false, true};
        const auto pick = [](DistBackend r, bool cuda, DistBackendSupport s) {
            return ms::resolveDistBackend(r, cuda, s);
        };
        QCOMPARE(name(pick(DistBackend::Auto, false, both)), name(DistBackend::Gloo));
        QCOMPARE(name(pick(DistBackend::Auto, true, both)), name(DistBackend::Nccl));
        QCOMPARE(name(pick(DistBackend::Auto, false, glooOnly)), name(DistBackend::Gloo));
        QCOMPARE(name(pick(DistBackend::Auto, true, glooOnly)),
                 name(DistBackend::Gloo));  // CUDA tensors through the host
        QCOMPARE(name(pick(DistBackend::Auto, true, ncclOnly)), name(DistBackend::Nccl));
        QCOMPARE(name(pick(DistBackend::Gloo, false, both)), name(DistBackend::Gloo));
        QCOMPARE(name(pick(DistBackend::Gloo, true, both)), name(DistBackend::Gloo));
        QCOMPARE(name(pick(DistBackend::Nccl, true, both)), name(DistBackend::Nccl));
        QCOMPARE(name(pick(DistBackend::Nccl, true, ncclOnly)), name(DistBackend::Nccl));

        std::string e = errorOf([&] { pick(DistBackend::Nccl, false, both); });
        QVERIFY2(has(e, "nccl") && has(e, "CUDA devices only"), e.c_str());
        e = errorOf([&] { pick(DistBackend::Nccl, true, glooOnly); });
        QVERIFY2(has(e, "nccl") && has(e, "not available in this build") && has(e, "CUDA LibTorch with NCCL"),
                 e.c_str());
        e = errorOf([&] { pick(DistBackend::Nccl, false, glooOnly); });
        QVERIFY2(has(e, "not available in this build"), e.c_str());
        e = errorOf([&] { pick(DistBackend::Gloo, true, ncclOnly); });
        QVERIFY2(has(e, "gloo") && has(e, "not available in this build") && has(e, "libgloo-dev") &&
                     has(e, "--dist-backend nccl or auto"),
                 e.c_str());
        e = errorOf([&] { pick(DistBackend::Auto, false, ncclOnly); });
        QVERIFY2(has(e, "on CPU needs the Gloo backend") && has(e, "libgloo-dev"), e.c_str());
        for (const DistBackend r : {DistBackend::Auto, DistBackend::Nccl, DistBackend::Gloo})
            for (const bool cuda : {false, true})
                QCOMPARE(errorOf([&] { pick(r, cuda, DistBackendSupport{}); }), ms::distributedUnavailableMessage());
    }

    // The message of a build with neither backend: what is missing, how to get it, and that one
    // process still trains.
    void noBackendMessage()
    {
        const std::string m = ms::distributedUnavailableMessage();
        QVERIFY2(has(m, "distributed training is unavailable in this build"), m.c_str());
        QVERIFY2(has(m, "Gloo") && has(m, "NCCL") && has(m, "gloo/ headers"), m.c_str());
        QVERIFY2(has(m, "libtorch-dev with libgloo-dev") && has(m, "CUDA LibTorch with NCCL"), m.c_str());
        QVERIFY2(has(m, "Training in one process works"), m.c_str());
    }

    // join() refuses a backend this build cannot give before it connects anything: a world of 2
    // with nobody else would otherwise wait the whole 60 s timeout.
    void joinFailsBeforeConnecting()
    {
        const DistBackendSupport built = ms::compiledDistBackends();
        qInfo("this build: Gloo %d, NCCL %d", int(built.gloo), int(built.nccl));
        QElapsedTimer clock;
        clock.start();
        const int port = ms::findFreeLocalPort();
        std::string e = errorOf([&] { joinLocal(1, port, DistBackend::Nccl, torch::kCPU); });
        QVERIFY2(!built.gloo && !built.nccl ? e == ms::distributedUnavailableMessage() : has(e, "nccl"), e.c_str());
        if (!built.nccl) {  // NCCL asked for in a build without it (a CUDA device or not)
            e = errorOf([&] { joinLocal(1, port, DistBackend::Nccl, torch::Device(torch::kCUDA, 0)); });
            QVERIFY2(has(e, built.gloo ? "not available in this build" : "unavailable in this build"), e.c_str());
        }
        if (!built.gloo) {  // a CPU rank without Gloo
            e = errorOf([&] { joinLocal(1, port, DistBackend::Auto, torch::kCPU); });
            QVERIFY2(has(e, built.nccl ? "needs the Gloo backend" : "unavailable in this build"), e.c_str());
        }
        QVERIFY2(clock.elapsed() < 20000, "join waited for other ranks instead of failing at once");
    }

    // What a user of a build without any backend sees: `train --nproc 2` stops at once with the one
    // message, before a process is started; a single-process run of the same command trains.
    void commandLineWithoutBackend()
    {
        if (ms::compiledDistBackends().gloo || ms::compiledDistBackends().nccl)
            QSKIP("this build has a distributed backend (the no-Gloo build, ./dev test-no-gloo, runs this)");
        const std::string root = mstest::scratchDir("distbackend-cli");
        QVERIFY(mstest::makeDataset(root + "/data", 8, 2, 3).exitCode == 0);
        const QStringList args{"train",
                               "--dataset",
                               QString::fromStdString(root + "/data"),
                               "--model-backbone",
                               "mobilenetv2",
                               "--output-root",
                               QString::fromStdString(root),
                               "--train-size",
                               "64",
                               "--batch-size",
                               "2",
                               "--max-steps",
                               "1",
                               "--threads",
                               "1",
                               "--num-workers",
                               "1",
                               "--valid-samples",
                               "2"};
        const mstest::AppRun ranks = mstest::runApp(args + QStringList{"--nproc", "2"}, 120000);
        QVERIFY(ranks.exitCode != 0);
        QVERIFY2(ranks.err.contains(QString::fromStdString(ms::distributedUnavailableMessage())),
                 qPrintable(ranks.err));
        QVERIFY2(ranks.err.count("distributed training is unavailable") == 1, qPrintable(ranks.err));
        QVERIFY2(!ranks.out.contains("launching"), qPrintable(ranks.out));
        const mstest::AppRun one = mstest::runApp(args, 300000);
        QVERIFY2(one.exitCode == 0, qPrintable(one.err + one.out));
    }

    void configKeepsBackend()
    {
        ms::TrainConfig c = ms::defaultTrainConfig(ms::ModelType::MattingBase);
        QCOMPARE(name(c.distBackend), QString("auto"));
        c.distBackend = DistBackend::Gloo;
        const std::string json = ms::toJson(c);
        QVERIFY2(has(json, "\"dist_backend\": \"gloo\""), json.c_str());
        QCOMPARE(name(ms::trainConfigFromJson(json).distBackend), QString("gloo"));
        QCOMPARE(name(ms::trainConfigFromJson("{\"dist_backend\": \"nccl\"}").distBackend), QString("nccl"));
        QCOMPARE(name(ms::trainConfigFromJson("{}").distBackend), QString("auto"));  // configs written before the key
        const std::string e = errorOf([] { ms::trainConfigFromJson("{\"dist_backend\": \"mpi\"}"); });
        QVERIFY2(has(e, "'dist_backend' has an unknown value 'mpi'"), e.c_str());
    }

    // The rendezvous store of a run, as rank 0 serves it and rank 1 joins it: the options, then a
    // server and a client in this process exchanging keys (on 2.4+ this fails if libuv is left on
    // in a LibTorch built without it).
    void tcpStoreWithoutLibuv()
    {
        const int port = ms::findFreeLocalPort();
        const c10d::TCPStoreOptions server = ms::tcpStoreOptions(rankEnv(0, 2, port), std::chrono::milliseconds(30000));
        QVERIFY(server.isServer);
        QCOMPARE(int(server.port), port);
        QVERIFY(server.numWorkers.has_value());
        QCOMPARE(int(*server.numWorkers), 2);
        QVERIFY(server.waitWorkers);
        QCOMPARE(qint64(server.timeout.count()), qint64(30000));
        const c10d::TCPStoreOptions client = ms::tcpStoreOptions(rankEnv(1, 2, port), std::chrono::milliseconds(30000));
        QVERIFY(!client.isServer);
        QCOMPARE(int(client.port), port);
#if MS_TORCH_VERSION_AT_LEAST(2, 4)
        QVERIFY(ms::compat::kTcpStoreHasLibuvOption);
        QVERIFY(!server.useLibUV);
        QVERIFY(!client.useLibUV);
#else
        QVERIFY(!ms::compat::kTcpStoreHasLibuvOption);
#endif

        // Rank 0's store waits for both ranks, so it is made on its own thread.
        auto served = std::async(std::launch::async,
                                 [&] { return ms::connectStore(rankEnv(0, 2, port), std::chrono::seconds(30)); });
        const c10::intrusive_ptr<c10d::Store> joined = ms::connectStore(rankEnv(1, 2, port), std::chrono::seconds(30));
        const c10::intrusive_ptr<c10d::Store> master = served.get();
        const std::string value = "rank 1 was here";
        joined->set("greeting", std::vector<uint8_t>(value.begin(), value.end()));
        const std::vector<uint8_t> read = master->get("greeting");  // get() waits for the key
        QCOMPARE(std::string(read.begin(), read.end()), value);
        master->set("reply", std::vector<uint8_t>{1, 2, 3});
        QVERIFY(joined->get("reply") == (std::vector<uint8_t>{1, 2, 3}));
        QCOMPARE(qint64(master->add("counter", 2)), qint64(2));
        QCOMPARE(qint64(joined->add("counter", 3)), qint64(5));
    }

    // A taken port is named as such (a second server on the same port).
    void tcpStorePortTaken()
    {
        const int port = ms::findFreeLocalPort();
        ms::DistributedEnv alone = rankEnv(0, 2, port);
        alone.worldSize = 1;  // serves without waiting for anyone
        const c10::intrusive_ptr<c10d::Store> holder = ms::connectStore(alone, std::chrono::seconds(30));
        const std::string e = errorOf([&] { ms::connectStore(alone, std::chrono::seconds(5)); });
        QVERIFY2(has(e, "port is taken") && has(e, std::to_string(port).c_str()), e.c_str());
    }

    void glooOnCpu()
    {
        if (!ms::compiledDistBackends().gloo)
            QSKIP("this build has no Gloo");
        collectivesOn(DistBackend::Gloo, [](int) { return torch::Device(torch::kCPU); });
        // auto on CPU is Gloo as well
        const int port = ms::findFreeLocalPort();
        const std::string failures = onTwoRanks([&](int rank) {
            const auto group = joinLocal(rank, port, DistBackend::Auto, torch::kCPU);
            expect(group->backend() == DistBackend::Gloo && group->describeBackend() == "Gloo",
                   "auto on CPU: " + group->describeBackend());
        });
        QVERIFY2(failures.empty(), failures.c_str());
    }

    // Gloo reduces CUDA tensors through the host (both ranks may share one GPU).
    void glooOnCuda()
    {
        if (!ms::compiledDistBackends().gloo || !torch::cuda::is_available())
            QSKIP("needs Gloo and a CUDA device");
        collectivesOn(DistBackend::Gloo, [](int) { return torch::Device(torch::kCUDA, 0); });
    }

    // NCCL needs one GPU per rank.
    void ncclOnCuda()
    {
        if (!ms::compiledDistBackends().nccl || torch::cuda::device_count() < 2)
            QSKIP("needs NCCL and two CUDA devices");
        collectivesOn(DistBackend::Nccl,
                      [](int rank) { return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(rank)); });
        const int port = ms::findFreeLocalPort();
        const std::string failures = onTwoRanks([&](int rank) {
            // "cuda" without an index is the rank's own GPU, and auto picks NCCL for it
            const auto group = joinLocal(rank, port, DistBackend::Auto, torch::Device(torch::kCUDA));
            expect(group->backend() == DistBackend::Nccl, "auto on CUDA: " + group->describeBackend());
            expect(group->device() == torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(rank)),
                   "rank device " + group->device().str());
        });
        QVERIFY2(failures.empty(), failures.c_str());
    }

    void rankDevices()
    {
        const ms::DistributedEnv env = rankEnv(1, 2, 29500);
        QCOMPARE(ms::rankDevice(torch::Device(torch::kCUDA), env).str(), std::string("cuda:1"));
        QCOMPARE(ms::rankDevice(torch::Device(torch::kCUDA, 0), env).str(), std::string("cuda:0"));
        QCOMPARE(ms::rankDevice(torch::kCPU, env).str(), std::string("cpu"));
        ms::useRankDevice(torch::kCPU);  // a no-op, also without CUDA
        if (!torch::cuda::is_available()) {
            const std::string e = errorOf([] { ms::useRankDevice(torch::Device(torch::kCUDA, 0)); });
            QVERIFY2(has(e, "cannot use cuda:0"), e.c_str());
        }
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestDistBackend)
#include "tst_distbackend.moc"
