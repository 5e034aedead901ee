// Synchronised BatchNorm is the single process's BatchNorm: 2 ranks x B/2 (CPU, Gloo, launched by
// --nproc) against 1 process x B from the same initial weights, with the default augmentation on,
// compared tensor by tensor - never by the share of values that differ.
//   - after one step every BatchNorm running statistic agrees within 1e-6 + 1e-3 * max|single|;
//   - after several steps every tensor stays within the float noise of the single process, measured
//     per tensor as the distance between the same single-process run with 1 and with 2 threads.
// For MobileNetV2 and ResNet-50, MattingBase and MattingRefine.
#include "CliSupport.h"
#include "TestSupport.h"

#include "checkpoint/CheckpointFile.h"
#include "train/CheckpointStore.h"

#include <QStringList>

#include <filesystem>
#include <functional>

namespace {

struct TensorGap {
    std::string key;
    double gap = 0, scale = 0;  // max |a - b|, max |b|
};

// Per tensor max |a - b| and max |b| over the selected tensors of two checkpoints; QFAIL-worthy
// mismatches of keys or shapes come back as a message.
std::vector<TensorGap> gaps(const std::string& a, const std::string& b, bool (*selected)(const std::string&),
                            std::string& problem)
{
    const ms::StateDict x = ms::readCheckpointFile(a).tensors, y = ms::readCheckpointFile(b).tensors;
    std::vector<TensorGap> out;
    if (x.size() != y.size())
        problem = "different tensor counts: " + std::to_string(x.size()) + " vs " + std::to_string(y.size());
    for (const auto& item : x) {
        const torch::Tensor* other = y.find(item.key());
        if (!other || !other->sizes().equals(item.value().sizes())) {
            problem = "tensor " + item.key() + " missing or of another shape";
            continue;
        }
        if (!item.value().is_floating_point() || !selected(item.key()))
            continue;
        const torch::Tensor va = item.value().to(torch::kFloat64), vb = other->to(torch::kFloat64);
        out.push_back({item.key(), (va - vb).abs().max().item<double>(), vb.abs().max().item<double>()});
    }
    return out;
}

bool isRunningStatistic(const std::string& key)
{
    return key.find("running_mean") != std::string::npos || key.find("running_var") != std::string::npos;
}
bool anyTensor(const std::string&) { return true; }

double tolerance(double scale) { return 1e-6 + 1e-3 * scale; }

// Every gap within its bound (allowed(i) for gaps[i]); logs the tensor closest to its bound.
void expectWithin(const std::vector<TensorGap>& gaps, const std::function<double(size_t)>& allowed)
{
    double worstRatio = 0;
    std::string worstKey;
    for (size_t i = 0; i < gaps.size(); ++i) {
        const double bound = allowed(i);
        QVERIFY2(gaps[i].gap <= bound, qPrintable(QString("%1: |2 ranks - 1 process| = %2, allowed %3 (max %4)")
                                                      .arg(QString::fromStdString(gaps[i].key))
                                                      .arg(gaps[i].gap)
                                                      .arg(bound)
                                                      .arg(gaps[i].scale)));
        if (gaps[i].gap / bound > worstRatio) {
            worstRatio = gaps[i].gap / bound;
            worstKey = gaps[i].key;
        }
    }
    qInfo("%zu tensors; closest to its bound: %s at %.2e of it", gaps.size(), worstKey.c_str(), worstRatio);
}

}  // namespace

class TestSyncBatchNorm : public QObject {
    Q_OBJECT

    std::string root, dataset;

    QStringList trainArgs(const QString& name, const QString& type, const QString& backbone, int steps,
                          int threads = 1) const
    {
        QStringList args{"train",
                         "--dataset",
                         QString::fromStdString(dataset),
                         "--model-type",
                         type,
                         "--model-backbone",
                         backbone,
                         "--model-name",
                         name,
                         "--output-root",
                         QString::fromStdString(root),
                         "--train-size",
                         type == "mattingrefine" ? "128" : "96",
                         "--batch-size",
                         "4",
                         "--num-workers",
                         "1",
                         "--threads",
                         QString::number(threads),
                         "--valid-samples",
                         "2",
                         "--epoch-end",
                         "100",
                         "--max-steps",
                         QString::number(steps),
                         "--seed",
                         "7",
                         "--checkpoint-interval",
                         "1000"};
        if (type == "mattingrefine")
            args << "--model-refine-sample-pixels"
                 << "2000";
        return args;
    }

    std::string latest(const QString& name) const
    {
        const auto path = ms::CheckpointStore(root, name.toStdString()).latest();
        return path ? *path : std::string();
    }

    // Trains and returns the run's last checkpoint; empty (and the test failed) if it did not work.
    std::string train(const QStringList& args)
    {
        const mstest::AppRun r = mstest::runApp(args);
        if (r.exitCode != 0) {
            QTest::qFail(qPrintable(args.join(' ') + "\n" + r.err + r.out), __FILE__, __LINE__);
            return {};
        }
        const std::string path = latest(args[args.indexOf("--model-name") + 1]);
        if (path.empty()) {
            QTest::qFail("the run wrote no checkpoint", __FILE__, __LINE__);
            return path;
        }
        // Only the last weights are compared: the rest (earlier epochs, optimizer states) would
        // put gigabytes of ResNet-50 runs on the disk.
        for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path()))
            if (entry.path() != path)
                std::filesystem::remove_all(entry.path());
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        root = mstest::scratchDir("syncbatchnorm");
        dataset = root + "/data";
        const mstest::AppRun r = mstest::makeDataset(dataset, 8, 2, 11);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void oneStep_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("backbone");
        QTest::newRow("base mobilenetv2") << "mattingbase"
                                          << "mobilenetv2";
        QTest::newRow("base resnet50") << "mattingbase"
                                       << "resnet50";
        QTest::newRow("refine mobilenetv2") << "mattingrefine"
                                            << "mobilenetv2";
        QTest::newRow("refine resnet50") << "mattingrefine"
                                         << "resnet50";
    }

    // One step: the running statistics come from that step's forward pass alone, so they show
    // directly whether each rank normalised with the statistics of the whole batch.
    void oneStep()
    {
        QFETCH(QString, type);
        QFETCH(QString, backbone);
        const QString tag = type + "-" + backbone + "-1";
        const std::string single = train(trainArgs("single-" + tag, type, backbone, 1));
        const std::string dual =
            single.empty() ? "" : train(trainArgs("dual-" + tag, type, backbone, 1) + QStringList{"--nproc", "2"});
        if (dual.empty())
            return;
        std::string problem;
        const auto stats = gaps(dual, single, isRunningStatistic, problem);
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY(stats.size() > 10);
        expectWithin(stats, [&](size_t i) { return tolerance(stats[i].scale); });
    }

    void severalSteps_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("backbone");
        QTest::newRow("base mobilenetv2") << "mattingbase"
                                          << "mobilenetv2";
        QTest::newRow("refine resnet50") << "mattingrefine"
                                         << "resnet50";
    }

    // Several steps: every tensor (weights and statistics) of 2 ranks is as close to the single
    // process as the single process is to itself with another thread count, tensor by tensor.
    void severalSteps()
    {
        QFETCH(QString, type);
        QFETCH(QString, backbone);
        const QString tag = type + "-" + backbone + "-4";
        const std::string single = train(trainArgs("single-" + tag, type, backbone, 4));
        // The float noise: the same single process on 2 and on 3 threads (other summation orders),
        // per tensor the larger distance of the two.
        const std::string threads2 = single.empty() ? "" : train(trainArgs("threads2-" + tag, type, backbone, 4, 2));
        const std::string threads3 = threads2.empty() ? "" : train(trainArgs("threads3-" + tag, type, backbone, 4, 3));
        const std::string ranks =
            threads3.empty() ? "" : train(trainArgs("dual-" + tag, type, backbone, 4) + QStringList{"--nproc", "2"});
        if (ranks.empty())
            return;
        std::string problem;
        auto noise = gaps(threads2, single, anyTensor, problem);
        const auto noise3 = gaps(threads3, single, anyTensor, problem);
        const auto dual = gaps(ranks, single, anyTensor, problem);
        QVERIFY2(problem.empty(), problem.c_str());
        QCOMPARE(dual.size(), noise.size());
        QCOMPARE(noise3.size(), noise.size());
        for (size_t i = 0; i < dual.size(); ++i) {
            QCOMPARE(dual[i].key, noise[i].key);
            QCOMPARE(noise3[i].key, noise[i].key);
            noise[i].gap = std::max(noise[i].gap, noise3[i].gap);
        }
        // The measured noise of each tensor, with the one-step floor for tensors that the thread
        // count happens not to perturb. Two thread counts sample the summation orders only
        // partly: the all-reduce of two half-batch gradients is another order again, and Adam
        // turns a gradient that sits in the noise into a step of up to the learning rate. On
        // LibTorch 2.6 that put decoder.conv4.weight at 5.4x the larger sample after 4 steps (its
        // largest gap; 1.13: every tensor within 2.4x), hence 8x. A real disagreement - ranks
        // seeing other data, statistics of the local batch - misses these bounds by orders of
        // magnitude (oneStep shows it after a single step).
        expectWithin(dual, [&](size_t i) { return std::max(8 * noise[i].gap, tolerance(dual[i].scale)); });
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestSyncBatchNorm)
#include "tst_syncbatchnorm.moc"
