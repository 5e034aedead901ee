// `mattestudio --batch info / convert / matte / demo`, run as a user would, on the fixtures.
#include "TestSupport.h"

#include "CliSupport.h"

namespace {

using Run = mstest::AppRun;
using mstest::runApp;

QString fixture(const char* name) { return QString::fromStdString(mstest::parityDir(name)); }

#ifdef MS_APP_HAS_GUI
// The desktop entry point (no --batch) in an environment without any display.
Run runWithoutDisplay(const QStringList& arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(name);
    return mstest::runBinary(arguments, env, 60000);
}
#endif

}  // namespace

class TestBatchCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
#ifdef MS_APP_HAS_GUI
    // --help and --version of the desktop application need no window system.
    void helpAndVersionWithoutDisplay()
    {
        const Run help = runWithoutDisplay({"--help"});
        QVERIFY2(help.exitCode == 0, qPrintable(help.err));
        QVERIFY2(help.out.contains("--demo") && help.out.contains("--batch --help"), qPrintable(help.out));
        const Run version = runWithoutDisplay({"--version"});
        QVERIFY2(version.exitCode == 0, qPrintable(version.err));
        QVERIFY2(version.out.contains(MS_APP_VERSION), qPrintable(version.out));
        const Run bad = runWithoutDisplay({"--no-such-option"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("no-such-option"), qPrintable(bad.err));
    }

    // Opening a window without a display: one line that says so and what to do, exit code 2.
    void windowWithoutDisplayFailsInOneLine()
    {
        const Run r = runWithoutDisplay({"--demo"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY2(r.err.contains("no display") && r.err.contains("--batch"), qPrintable(r.err));
    }
#endif

    void infoDescribesCheckpoints()
    {
        Run r = runApp({"info", fixture("b-refine-mobilenetv2-sampling") + "/model.pth"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("MattingRefine, mobilenetv2 backbone, refiner kernel 3"), qPrintable(r.out));
        QVERIFY(r.out.contains("382/382 matched"));
        r = runApp({"info", fixture("a-base-mobilenetv2") + "/model-legacy.pth"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("legacy"));
        r = runApp({"info", QString::fromStdString(mstest::sharedDir()) +
                                "/fixtures/torchscript/refine-mobilenetv2.torchscript.pth"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("TorchScript"));
    }

    void infoOnBadFilesFailsCleanly()
    {
        const QString dir = QString::fromStdString(mstest::scratchDir("cli-bad"));
        QFile text(dir + "/notes.pth");
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("hello");
        text.close();
        Run r = runApp({"info", dir + "/notes.pth"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("notes.pth"), qPrintable(r.err));
        r = runApp({"info", dir + "/missing.pth"});
        QCOMPARE(r.exitCode, 1);
        r = runApp({"info"});
        QCOMPARE(r.exitCode, 2);
        r = runApp({"frobnicate"});
        QCOMPARE(r.exitCode, 2);
    }

    void convertRoundTrips()
    {
        const QString dir = QString::fromStdString(mstest::scratchDir("cli-convert"));
        Run r = runApp({"convert", fixture("a-base-mobilenetv2") + "/model-legacy.pth", dir + "/a.safetensors"});
        QCOMPARE(r.exitCode, 0);
        r = runApp({"convert", dir + "/a.safetensors", dir + "/a.pth"});
        QCOMPARE(r.exitCode, 0);
        r = runApp({"convert", dir + "/a.safetensors", dir + "/a.pth"});
        QCOMPARE(r.exitCode, 1);  // exists, no -y
        QVERIFY(r.err.contains("-y"));
        r = runApp({"info", dir + "/a.pth"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("362/362 matched, 0 missing, 0 unexpected"), qPrintable(r.out));
    }

    void matteWritesTheReferenceLayout()
    {
        const QString out = QString::fromStdString(mstest::scratchDir("cli-matte"));
        const QString b = fixture("b-refine-mobilenetv2-sampling");
        const QStringList args{"matte",
                               "--model-checkpoint",
                               b + "/model.pth",
                               "--model-refine-sample-pixels",
                               "2000",
                               "--images-src",
                               b + "/src.png",
                               "--images-bgr",
                               b + "/bgr.png",
                               "--output-dir",
                               out,
                               "--output-types",
                               "com",
                               "pha",
                               "fgr,err",
                               "ref",
                               "--device",
                               "cpu"};
        Run r = runApp(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* file : {"com/src.png", "pha/src.jpg", "fgr/src.jpg", "err/src.jpg", "ref/src.jpg"})
            QVERIFY2(QFile::exists(out + "/" + file), file);
        const cv::Mat com = cv::imread((out + "/com/src.png").toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(com.channels(), 4);
        QCOMPARE(com.cols, 512);
        // The alpha channel is the reference's pha, truncated to 8 bits.
        const auto pha = mstest::readBin(b.toStdString() + "/pha.bin", {1, 1, 384, 512});
        std::vector<cv::Mat> channels;
        cv::split(com, channels);
        const auto alpha = torch::from_blob(channels[3].data, {384, 512}, torch::kUInt8).to(torch::kFloat32);
        const auto expected = (pha[0][0] * 255).floor();
        QVERIFY((alpha - expected).abs().max().item<float>() <= 1.f);

        r = runApp(args);  // outputs exist: refuse without -y
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("-y"));
        r = runApp(args + QStringList{"-y", "--output-format", "png", "--output-bit-depth", "16"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const cv::Mat pha16 = cv::imread((out + "/pha/src.png").toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(pha16.depth(), CV_16U);
    }

    void matteCompositesOntoATargetAndAligns()
    {
        const QString out = QString::fromStdString(mstest::scratchDir("cli-target"));
        const QString b = fixture("b-refine-mobilenetv2-sampling");
        Run r = runApp({"matte", "--model-checkpoint", b + "/model.pth", "--model-refine-sample-pixels", "2000",
                        "--images-src", b + "/src.png", "--images-bgr", b + "/bgr.png", "--output-dir", out,
                        "--output-types", "com", "--target-bgr", "255,255,255", "--preprocess-alignment", "--device",
                        "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const cv::Mat com = cv::imread((out + "/com/src.png").toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(com.channels(), 3);  // composited onto white: no alpha channel
        r = runApp({"matte", "--model-checkpoint", b + "/model.pth", "--images-src", b + "/src.png", "--images-bgr",
                    b + "/bgr.png", "--output-dir", out, "--target-bgr", "not-a-colour-or-file", "-y"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not-a-colour-or-file"));
    }

    void matteSkipsBadPairsAndSaysSo()
    {
        const QString dir = QString::fromStdString(mstest::scratchDir("cli-partial"));
        const QString b = fixture("b-refine-mobilenetv2-sampling");
        QDir().mkpath(dir + "/src");
        QDir().mkpath(dir + "/bgr");
        QFile::copy(b + "/src.png", dir + "/src/good.png");
        QFile::copy(b + "/bgr.png", dir + "/bgr/good.png");
        QFile broken(dir + "/src/broken.png");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("garbage");
        broken.close();
        QFile::copy(b + "/bgr.png", dir + "/bgr/broken.png");
        Run r = runApp({"matte", "--model-checkpoint", b + "/model.pth", "--model-refine-sample-pixels", "2000",
                        "--images-src", dir + "/src", "--images-bgr", dir + "/bgr", "--output-dir", dir + "/out",
                        "--output-types", "pha", "--device", "cpu"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("broken.png"), qPrintable(r.err));
        QVERIFY(QFile::exists(dir + "/out/pha/good.jpg"));
    }

    // Ctrl-C finishes the image in hand, keeps every written output whole and exits with 130.
    void matteStopsOnCtrlC()
    {
#ifdef _WIN32
        QSKIP("needs POSIX: SIGINT to a child process (mstest::interruptOn)");
#else
        const QString dir = QString::fromStdString(mstest::scratchDir("cli-sigint"));
        const QString b = fixture("b-refine-mobilenetv2-sampling");
        QDir().mkpath(dir + "/src");
        QDir().mkpath(dir + "/bgr");
        const int pairs = 60;
        for (int i = 0; i < pairs; ++i) {
            const QString name = QString("img-%1.png").arg(i, 2, 10, QChar('0'));
            QVERIFY(QFile::copy(b + "/src.png", dir + "/src/" + name));
            QVERIFY(QFile::copy(b + "/bgr.png", dir + "/bgr/" + name));
        }
        const mstest::InterruptedRun r = mstest::interruptOn(
            "img-01", {"matte", "--model-checkpoint", b + "/model.pth", "--images-src", dir + "/src", "--images-bgr",
                       dir + "/bgr", "--output-dir", dir + "/out", "--output-types", "pha", "--device", "cpu"});
        QVERIFY2(r.signalled, qPrintable(r.err));
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(r.err.contains("interrupted"), qPrintable(r.err));
        const QString& out = r.out;
        const QStringList written = QDir(dir + "/out/pha").entryList({"*.jpg"}, QDir::Files);
        QVERIFY2(written.size() >= 2 && written.size() < pairs, qPrintable(QString::number(written.size())));
        QVERIFY2(out.contains(QString("Matted %1 of %2").arg(written.size()).arg(pairs)), qPrintable(out));
        for (const QString& file : written)
            QVERIFY2(!cv::imread((dir + "/out/pha/" + file).toStdString()).empty(), qPrintable(file));
#endif
    }

    void matteRejectsBadArguments()
    {
        const QString b = fixture("b-refine-mobilenetv2-sampling");
        Run r = runApp({"matte", "--images-src", b + "/src.png"});
        QCOMPARE(r.exitCode, 2);
        r = runApp({"matte", "--model-checkpoint", b + "/model.pth", "--images-src", b + "/src.png", "--images-bgr",
                    b + "/bgr.png", "--output-dir", "/tmp/x", "--model-refine-mode", "psychic"});
        QCOMPARE(r.exitCode, 2);
        r = runApp({"matte", "--model-checkpoint", b + "/model.pth", "--images-src", b + "/src.png", "--images-bgr",
                    b + "/bgr.png", "--output-dir", "/tmp/x", "--output-types", "pha,jpeg"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("jpeg"));
    }

    void demoRunsEndToEnd()
    {
        const QString dir = QString::fromStdString(mstest::scratchDir("cli-demo"));
        Run r = runApp({"demo", "--output-dir", dir, "--count", "2", "--train-steps", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(dir + "/data/dataset.json"));
        QVERIFY(QFile::exists(dir + "/training/checkpoint/demo/epoch-0-iter-1.pth"));
        QVERIFY2(r.out.contains("validation at step 1"), qPrintable(r.out));
        QVERIFY(QFile::exists(dir + "/output/com/sample-001.png"));
        QVERIFY(QFile::exists(dir + "/output/pha/sample-001.jpg"));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestBatchCli)
#include "tst_batchcli.moc"
