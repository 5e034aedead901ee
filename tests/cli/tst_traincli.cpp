// `--batch train` and `--batch evaluate` as a user runs them: a short run, Ctrl-C, resume, evaluate,
// and bad arguments.
#include "CliSupport.h"
#include "TestSupport.h"

#include "checkpoint/CheckpointFile.h"
#include "train/CheckpointStore.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <csignal>
#include <fstream>

#ifndef _WIN32  // POSIX: the tests that need it skip on Windows, saying why
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

class TestTrainCli : public QObject {
    Q_OBJECT

    std::string root, dataset;

    QStringList trainArgs(const QString& name) const
    {
        return {"train",
                "--dataset",
                QString::fromStdString(dataset),
                "--model-backbone",
                "mobilenetv2",
                "--model-name",
                name,
                "--output-root",
                QString::fromStdString(root),
                "--train-size",
                "64",
                "--batch-size",
                "2",
                "--num-workers",
                "2",
                "--valid-samples",
                "2",
                "--log-train-loss-interval",
                "1"};
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
        const mstest::AppRun r =
            mstest::runApp(trainArgs("short") +
                           QStringList{"--max-steps", "4", "--log-valid-interval", "2", "--checkpoint-interval", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("validation at step 1: loss"), qPrintable(r.out));
        QVERIFY(r.out.contains("checkpoint at step 3"));
        QVERIFY(r.out.contains("finished after step 3"));
        QVERIFY(fs::exists(root + "/checkpoint/short/epoch-0-iter-1.pth"));
        QVERIFY(fs::exists(root + "/checkpoint/short/epoch-0-iter-3.pth"));
        QVERIFY(fs::exists(root + "/log/short/metrics.jsonl"));

        const mstest::AppRun e = mstest::runApp(
            {"evaluate", "--model-checkpoint", QString::fromStdString(root + "/checkpoint/short/epoch-0-iter-3.pth"),
             "--dataset", QString::fromStdString(dataset), "--size", "64", "--samples", "2"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        QVERIFY2(e.out.contains("| split | samples | loss | SAD | MSE | Grad | Conn |"), qPrintable(e.out));
        QVERIFY(e.out.contains("| valid | 2 |"));
    }

    void ctrlCStopsCleanlyAndResumeContinues()
    {
#ifdef _WIN32
        QSKIP("needs POSIX: SIGINT to a child process (a Windows console delivers Ctrl-C to process groups only)");
#else
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

        const mstest::AppRun r = mstest::runApp(
            trainArgs("interrupted") + QStringList{"--resume", "latest", "--epoch-end", "500", "--max-steps", "6"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("resuming"), qPrintable(r.out));
        QVERIFY(r.out.contains("finished after step 5"));
#endif
    }

    // kill -9 at random moments of runs that write a checkpoint every step: each new run first
    // removes the temporaries killed writers left in its folder, and nothing else.
    void killedRunsLeaveNoTemporaries()
    {
#ifdef _WIN32
        QSKIP("needs POSIX: SIGKILL and flock to hold a temporary as a killed writer would");
#else
        const QString name = "killed";
        const std::string folder = root + "/checkpoint/killed";
        fs::create_directories(folder);
        // Look-alikes that are not a writer's temporary, and one that a live writer holds.
        const std::vector<std::string> keep = {"notes.txt",
                                               "epoch-0.pth.tmp-abc",
                                               "epoch-0.pth.tmp-abcdefg",
                                               "epoch-0.pth.tmp-ab_cde",
                                               "epoch-0.pth.tmpXabcdef",
                                               "held.pth.tmp-Held01"};
        for (const auto& file : keep)
            mstest::writeBytes(folder + "/" + file, "keep me");
        fs::create_directories(folder + "/dir.tmp-ABCDEF");
        const int held = ::open((folder + "/held.pth.tmp-Held01").c_str(), O_RDONLY);
        QVERIFY(held >= 0 && ::flock(held, LOCK_EX | LOCK_NB) == 0);
        // As a killed writer leaves it: unlocked, half a checkpoint.
        mstest::writeBytes(folder + "/epoch-0-iter-3.pth.tmp-Stale1", std::string(4096, 'x'));

        const auto temporaries = [&] {
            QStringList found;
            for (const auto& entry : fs::directory_iterator(folder)) {
                const QString file = QString::fromStdString(entry.path().filename().string());
                if (QRegularExpression("\\.tmp-[A-Za-z0-9]{6}$").match(file).hasMatch() &&
                    file != "held.pth.tmp-Held01" && file != "dir.tmp-ABCDEF")
                    found << file;
            }
            return found;
        };
        const QStringList args = trainArgs(name) + QStringList{"--checkpoint-interval", "1",   "--epoch-end", "500",
                                                               "--log-valid-interval",  "1000"};
        int leftByKills = 0;
        for (int kill = 0; kill < 6; ++kill) {
            QStringList run = args + QStringList{"--max-steps", "60"};
            if (ms::CheckpointStore(root, name.toStdString()).latest())
                run << "--resume"
                    << "latest";
            QProcess p;
            p.start(MS_APP_BINARY, QStringList{"--batch"} + run);
            QVERIFY(p.waitForStarted());
            QString out;
            while (!out.contains("checkpoint at step") && p.state() == QProcess::Running)
                if (p.waitForReadyRead(60000))
                    out += QString::fromLocal8Bit(p.readAllStandardOutput());
            QVERIFY2(p.state() == QProcess::Running, qPrintable(out + p.readAllStandardError()));
            const int delayMs = QRandomGenerator::global()->bounded(0, 600);
            p.waitForFinished(delayMs);  // returns at once if the run ended (it must not)
            ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(30000));
            const QStringList left = temporaries();
            qInfo("kill %d after %d ms: %lld temporaries left", kill, delayMs, static_cast<long long>(left.size()));
            leftByKills += static_cast<int>(left.size());
            if (kill == 0)
                QVERIFY2(!left.contains("epoch-0-iter-3.pth.tmp-Stale1"), qPrintable(left.join(' ')));
        }
        qInfo("temporaries left by the kills, in all: %d", leftByKills);

        const mstest::AppRun r = mstest::runApp(args + QStringList{"--resume", "latest", "--max-steps", "62"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(temporaries().isEmpty(), qPrintable(temporaries().join(' ')));
        for (const auto& file : keep)
            QVERIFY2(mstest::readBytes(folder + "/" + file) == "keep me", file.c_str());
        QVERIFY(fs::is_directory(folder + "/dir.tmp-ABCDEF"));
        ::close(held);
        for (const auto& entry : fs::directory_iterator(folder))  // every checkpoint a killed run kept loads
            if (entry.path().extension() == ".pth")
                QVERIFY2(ms::readCheckpointFile(entry.path().string()).tensors.size() > 100, entry.path().c_str());
#endif
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
