// `mattestudio --batch bench`: tiny model and pipeline runs print their tables; bad arguments exit 2.
#include "TestSupport.h"

#include "infer/Benchmark.h"
#include "train/DemoRecipe.h"

#include "CliSupport.h"

namespace {

using Run = mstest::AppRun;

Run runApp(const QStringList& arguments) { return mstest::runApp(QStringList{"bench"} + arguments, 120000); }

const QStringList kTiny{"--model-backbone",
                        "mobilenetv2",
                        "--resolution",
                        "128",
                        "96",
                        "--runs",
                        "2",
                        "--warmup",
                        "1",
                        "--threads",
                        "1",
                        "--model-refine-sample-pixels",
                        "4096"};

}  // namespace

class TestBench : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void modelBenchPrintsTable_data()
    {
        QTest::addColumn<QString>("fold");
        QTest::newRow("folded") << "on";
        QTest::newRow("unfolded") << "off";
    }

    void modelBenchPrintsTable()
    {
        QFETCH(QString, fold);
        const Run r = runApp(kTiny + QStringList{"--fold-bn", fold});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* column : {"| resolution |", "| threads |", "| BN folded |", "| median ms |", "| p10 ms |",
                                   "| p90 ms |", "| frames/s |", "| peak RSS MiB |"})
            QVERIFY2(r.out.contains(QString(column).mid(2)), qPrintable(r.out));
        QVERIFY2(r.out.contains("| 128x96 | 1 | " + QString(fold == "on" ? "yes (" : "no |")), qPrintable(r.out));
        QVERIFY2(r.out.contains("mattingrefine / mobilenetv2"), qPrintable(r.out));
        QVERIFY2(r.out.contains("2 run(s) after 1 warm-up"), qPrintable(r.out));
    }

    void trainStepBenchPrintsTable_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("base") << "mattingbase";
        QTest::newRow("refine") << "mattingrefine";
    }

    // One timed training step per model type; the optimizer really moves weights (a broken step
    // would throw or print no table).
    void trainStepBenchPrintsTable()
    {
        QFETCH(QString, type);
        const Run r = runApp(kTiny + QStringList{"--train-step", "--model-type", type, "--batch-size", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("| resolution | batch | threads | median ms | p10 ms | p90 ms | steps/s | images/s |"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("| 128x96 | 2 | 1 |"), qPrintable(r.out));
        QVERIFY2(r.out.contains(type + " / mobilenetv2, 128x96, batch 2"), qPrintable(r.out));
        QVERIFY2(r.out.contains("2 step(s) after 1 warm-up"), qPrintable(r.out));
        const Run bad = runApp(kTiny + QStringList{"--train-step", "--fold-bn", "on"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--train-step"), qPrintable(bad.err));
    }

    void pipelineBenchCountsImages()
    {
        const std::string dir = mstest::scratchDir("bench-pipeline");
        for (const char* sub : {"/src", "/bgr"})
            std::filesystem::create_directories(dir + sub);
        for (int i = 0; i < 3; ++i) {
            cv::Mat src(64, 96, CV_8UC3, cv::Scalar(30 * i, 100, 200)), bgr(64, 96, CV_8UC3, cv::Scalar(0, 100, 200));
            cv::imwrite(dir + "/src/img" + std::to_string(i) + ".png", src);
            cv::imwrite(dir + "/bgr/img" + std::to_string(i) + ".png", bgr);
        }
        const Run r = runApp({"--model-backbone", "mobilenetv2", "--model-refine-sample-pixels", "4096", "--threads",
                              "1", "--images-src", QString::fromStdString(dir + "/src"), "--images-bgr",
                              QString::fromStdString(dir + "/bgr")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("| images | failed | threads | model load s | run s | images/s | peak RSS MiB |"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("| 3 | 0 | 1 |"), qPrintable(r.out));
    }

    // A clip through the live pipeline at 100 frames/s, faster than the network: the table counts
    // every frame as matted or dropped, and gives the rate and the latency.
    void liveBenchPlaysAClip()
    {
        const std::string dir = mstest::scratchDir("bench-live");
        ms::writeDemoClip(dir + "/clip.mp4", dir + "/plate.png", 30, 25);
        const QString checkpoint =
            QString::fromStdString(mstest::parityDir("b-refine-mobilenetv2-sampling") + "/model.pth");
        const Run r = runApp({"--live", "--video-src", QString::fromStdString(dir + "/clip.mp4"), "--video-bgr",
                              QString::fromStdString(dir + "/plate.png"), "--video-fps", "100", "--model-checkpoint",
                              checkpoint});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("| source | source fps | captured | matted | dropped | frames/s | latency median ms | "
                                "latency p90 ms | model load s |"),
                 qPrintable(r.out));
        const QStringList row = r.out.trimmed().split('\n').last().split('|');
        QCOMPARE(row.size(), 11);
        QCOMPARE(row[1].trimmed(), QString("512x384"));
        QCOMPARE(row[2].trimmed(), QString("100.00"));
        const int captured = row[3].toInt(), matted = row[4].toInt(), dropped = row[5].toInt();
        QCOMPARE(captured, 30);
        QCOMPARE(matted + dropped, captured);
        QVERIFY(matted > 0 && dropped > 0);
        QVERIFY(row[6].toDouble() > 0);
        QVERIFY(row[7].toDouble() > 0 && row[8].toDouble() >= row[7].toDouble());
        // Wrong plate size and a missing clip fail with the reason.
        cv::imwrite(dir + "/small.png", cv::Mat(10, 10, CV_8UC3, cv::Scalar::all(0)));
        Run bad = runApp({"--live", "--video-src", QString::fromStdString(dir + "/clip.mp4"), "--video-bgr",
                          QString::fromStdString(dir + "/small.png"), "--model-checkpoint", checkpoint});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("same size"), qPrintable(bad.err));
        bad = runApp({"--live", "--video-src", QString::fromStdString(dir + "/none.mp4"), "--video-bgr",
                      QString::fromStdString(dir + "/plate.png"), "--model-checkpoint", checkpoint});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("none.mp4"), qPrintable(bad.err));
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("resolution one value") << QStringList{"--resolution", "128"};
        QTest::newRow("resolution not a number") << QStringList{"--resolution", "wide", "96"};
        QTest::newRow("zero runs") << QStringList{"--runs", "0"};
        QTest::newRow("negative warmup") << QStringList{"--warmup", "-1"};
        QTest::newRow("backbone") << QStringList{"--model-backbone", "vgg"};
        QTest::newRow("precision") << QStringList{"--precision", "float8"};
        QTest::newRow("fold") << QStringList{"--fold-bn", "maybe"};
        QTest::newRow("unknown option") << QStringList{"--frobnicate"};
        QTest::newRow("image without background") << QStringList{"--image-src", "a.png"};
        QTest::newRow("folder without backgrounds") << QStringList{"--images-src", "dir"};
        QTest::newRow("live without a clip") << QStringList{"--live", "--model-checkpoint", "m.pth"};
        QTest::newRow("live without a checkpoint")
            << QStringList{"--live", "--video-src", "a.mp4", "--video-bgr", "b.png"};
        QTest::newRow("video outside live") << QStringList{"--video-src", "a.mp4"};
        QTest::newRow("live with a resolution")
            << QStringList{"--live", "--video-src",  "a.mp4", "--video-bgr", "b.png", "--model-checkpoint",
                           "m.pth",  "--resolution", "64",    "64"};
        QTest::newRow("negative fps") << QStringList{"--video-fps", "-1"};
    }

    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, arguments);
        const Run r = runApp(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void impossibleSettingsFailCleanly()
    {
        // A valid command line the engine rejects: exit 1 with a message, no crash.
        Run r = runApp({"--model-backbone-scale", "0.9", "--resolution", "64", "64", "--runs", "1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());
        r = runApp({"--precision", "float16", "--device", "cpu", "--resolution", "64", "64", "--runs", "1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("float16"), qPrintable(r.err));
    }

    void statisticsAreNumpyPercentiles()
    {
        const ms::TimingStats s = ms::summarize({5, 1, 4, 2, 3});
        QCOMPARE(s.median, 3.0);
        QCOMPARE(s.p10, 1.4);
        QCOMPARE(s.p90, 4.6);
        QCOMPARE(s.mean, 3.0);
        QCOMPARE(s.seconds.front(), 5.0);  // run order kept
        QVERIFY(ms::peakResidentBytes() > 0);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestBench)
#include "tst_bench.moc"
