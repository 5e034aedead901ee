// `--batch train` and `--batch evaluate` as a user runs them: a short run, Ctrl-C, resume, evaluate,
// and bad arguments.
#include "TestSupport.h"
#include "CliSupport.h"

#include <QElapsedTimer>

#include <csignal>
#include <fstream>

namespace fs = std::filesystem;

class TestTrainCli : public QObject {
    Q_OBJECT

    std::string root, dataset;

    QStringList trainArgs(const QString& name) const
    {
        return {"train", "--dataset", QString::fromStdString(dataset), "--model-backbone", "mobilenetv2",
                "--model-name", name, "--output-root", QString::fromStdString(root), "--train-size", "64",
                "--batch-size", "2", "--num-workers", "2", "--valid-samples", "2", "--log-train-loss-interval", "1"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        root = mstest::scratchDir("traincli");
        dataset = root + "/data";
        const mstest::AppRun r = mstest::makeDataset(dataset, 8, 3, 2);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(fs::exists(dataset + "/dataset.json"));
    }

    void shortRunWritesCheckpointsAndValidates()
    {
        const mstest::AppRun r = mstest::runApp(trainArgs("short") + QStringList{"--max-steps", "4", "--log-valid-interval", "2",
                                                                                  "--checkpoint-interval", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("validation at step 1: loss"), qPrintable(r.out));
        QVERIFY(r.out.contains("checkpoint at step 3"));
        QVERIFY(r.out.contains("finished after step 3"));
        QVERIFY(fs::exists(root + "/checkpoint/short/epoch-0-iter-1.pth"));
        QVERIFY(fs::exists(root + "/checkpoint/short/epoch-0-iter-3.pth"));
        QVERIFY(fs::exists(root + "/log/short/metrics.jsonl"));

        const mstest::AppRun e = mstest::runApp({"evaluate", "--model-checkpoint",
                                                 QString::fromStdString(root + "/checkpoint/short/epoch-0-iter-3.pth"),
                                                 "--dataset", QString::fromStdString(dataset), "--size", "64",
                                                 "--samples", "2"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        QVERIFY2(e.out.contains("| split | samples | loss | SAD | MSE | Grad | Conn |"), qPrintable(e.out));
        QVERIFY(e.out.contains("| valid | 2 |"));
    }

    void ctrlCStopsCleanlyAndResumeContinues()
    {
        QProcess p;
        p.start(MS_APP_BINARY, QStringList{"--batch"} + trainArgs("interrupted") + QStringList{"--epoch-end", "500"});
        QVERIFY(p.waitForStarted());
        // Wait for a logged training step, then press Ctrl-C.
        const std::string metrics = root + "/log/interrupted/metrics.jsonl";
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 180000) {
            std::ifstream in(metrics);
            std::string line;
            if (in && std::getline(in, line) && !line.empty())
                break;
            p.waitForFinished(200);
        }
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(120000));
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
        QCOMPARE(p.exitCode(), 130);
        QVERIFY2(out.contains("stopped after step"), qPrintable(out));
        QVERIFY(out.contains("checkpoint at step"));

        const mstest::AppRun r =
            mstest::runApp(trainArgs("interrupted") + QStringList{"--resume", "latest", "--epoch-end", "500", "--max-steps", "6"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("resuming"), qPrintable(r.out));
        QVERIFY(r.out.contains("finished after step 5"));
    }

    void badArgumentsAreRefused()
    {
        mstest::AppRun r = mstest::runApp({"train", "--model-backbone", "mobilenetv2"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--dataset is required"));
        r = mstest::runApp(trainArgs("bad") + QStringList{"--batch-size", "0"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--batch-size"));
        r = mstest::runApp(trainArgs("bad") + QStringList{"--augment-off", "sparkle"});
        QCOMPARE(r.exitCode, 2);
        r = mstest::runApp({"train", "--dataset", QString::fromStdString(root + "/missing"), "--output-root",
                            QString::fromStdString(root)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("missing"), qPrintable(r.err));
        QVERIFY(!fs::exists(root + "/checkpoint/demo"));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestTrainCli)
#include "tst_traincli.moc"
