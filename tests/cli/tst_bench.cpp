// `mattestudio --batch bench`: tiny model and pipeline runs print their tables; bad arguments exit 2.
#include "TestSupport.h"

#include "infer/Benchmark.h"

#include "CliSupport.h"


namespace {

using Run = mstest::AppRun;

Run runApp(const QStringList& arguments) { return mstest::runApp(QStringList{"bench"} + arguments, 120000); }

const QStringList kTiny{"--model-backbone", "mobilenetv2", "--resolution", "128", "96", "--runs", "2",
                        "--warmup", "1", "--threads", "1", "--model-refine-sample-pixels", "4096"};

} // namespace

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
        const Run r = runApp({"--model-backbone", "mobilenetv2", "--model-refine-sample-pixels", "4096", "--threads", "1",
                              "--images-src", QString::fromStdString(dir + "/src"), "--images-bgr",
                              QString::fromStdString(dir + "/bgr")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("| images | failed | threads | model load s | run s | images/s | peak RSS MiB |"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("| 3 | 0 | 1 |"), qPrintable(r.out));
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
