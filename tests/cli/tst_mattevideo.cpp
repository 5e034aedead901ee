// `mattestudio --batch matte-video` and ms::VideoJob: a short synthetic video matted and read back.
#include "TestSupport.h"

#include "core/CancelToken.h"
#include "data/SyntheticScene.h"
#include "infer/Compositor.h"
#include "infer/MattingSession.h"
#include "infer/VideoJob.h"
#include "io/ImageIO.h"
#include "io/VideoIO.h"

#include "CliSupport.h"

#include <opencv2/videoio.hpp>

namespace {

constexpr int Width = 160, Height = 128, Frames = 12;

using Run = mstest::AppRun;

Run runApp(const QStringList& arguments) { return mstest::runApp(QStringList{"matte-video"} + arguments, 300000); }

std::string checkpoint() { return mstest::parityDir("b-refine-mobilenetv2-sampling") + "/model.pth"; }

QStringList modelArgs()
{
    return {"--model-checkpoint",
            QString::fromStdString(checkpoint()),
            "--model-refine-sample-pixels",
            "2000",
            "--device",
            "cpu",
            "--threads",
            "2"};
}

// A figure walking over a fixed background: `count` frames, mp4v.
void writeVideo(const std::string& path, const ms::SyntheticScene& scene, int count, int width, int height)
{
    cv::VideoWriter writer(path, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), 10.0,
                           cv::Size(width, height), true);
    QVERIFY(writer.isOpened());
    for (int i = 0; i < count; ++i) {
        const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, 3 * i - 15, 0, 1, 0);
        cv::Mat fg, a;
        cv::warpAffine(scene.foreground, fg, shift, scene.foreground.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        cv::warpAffine(scene.alpha, a, shift, scene.alpha.size());
        cv::Mat a3, f, b, frame;
        cv::cvtColor(a, a3, cv::COLOR_GRAY2BGR);
        a3.convertTo(a3, CV_32FC3, 1 / 255.0);
        fg.convertTo(f, CV_32FC3);
        scene.background.convertTo(b, CV_32FC3);
        cv::Mat blended = f.mul(a3) + b.mul(cv::Scalar::all(1) - a3);
        blended.convertTo(frame, CV_8UC3);
        writer.write(frame);
    }
    writer.release();
}

std::vector<cv::Mat> readFrames(const std::string& path)
{
    std::vector<cv::Mat> frames;
    cv::VideoCapture capture(path, cv::CAP_FFMPEG);
    cv::Mat frame;
    while (capture.read(frame))
        frames.push_back(frame.clone());
    return frames;
}

// Mean difference between the channels of an 8-bit BGR frame, in levels. A grey frame comes back
// from mp4v with a constant tint of 1-3 levels (chroma rounding in the YUV conversion); a colour
// frame differs by tens of levels.
double channelSpread(const cv::Mat& frame)
{
    std::vector<cv::Mat> c;
    cv::split(frame, c);
    cv::Mat d01, d12;
    cv::absdiff(c[0], c[1], d01);
    cv::absdiff(c[1], c[2], d12);
    return std::max(cv::mean(d01)[0], cv::mean(d12)[0]);
}

// (1,C,H,W) in [0,1] of an 8-bit frame's channel(s), RGB order for colour frames.
torch::Tensor greyTensor(const cv::Mat& frame)
{
    cv::Mat grey;
    cv::extractChannel(frame, grey, 1);
    return torch::from_blob(grey.data, {1, 1, grey.rows, grey.cols}, torch::kUInt8).to(torch::kFloat32).div(255);
}

}  // namespace

class TestMatteVideo : public QObject {
    Q_OBJECT

    std::string m_dir, m_video, m_background;
    ms::SyntheticScene m_scene;

    QStringList videoArgs(const std::string& out) const
    {
        return modelArgs() + QStringList{"--video-src",  QString::fromStdString(m_video),
                                         "--video-bgr",  QString::fromStdString(m_background),
                                         "--output-dir", QString::fromStdString(out)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = mstest::scratchDir("mattevideo");
        m_scene = ms::makeSyntheticScene(Width, Height, 11);
        m_video = m_dir + "/walk.mp4";
        m_background = m_dir + "/empty.png";
        QVERIFY(cv::imwrite(m_background, m_scene.background));
        writeVideo(m_video, m_scene, Frames, Width, Height);
        QCOMPARE(int(readFrames(m_video).size()), Frames);
    }

    void videoRoundTrip()
    {
        const std::string out = m_dir + "/out-video";
        const Run r = runApp(videoArgs(out) + QStringList{"--output-types", "com,pha,fgr,err,ref"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("Matted 12 frame(s)"), qPrintable(r.out));

        std::map<std::string, std::vector<cv::Mat>> outputs;
        for (const char* type : {"com", "pha", "fgr", "err", "ref"}) {
            const std::string path = out + "/" + type + ".mp4";
            QVERIFY2(std::filesystem::exists(path), path.c_str());
            outputs[type] = readFrames(path);
            QCOMPARE(int(outputs[type].size()), Frames);
            QCOMPARE(outputs[type].front().cols, Width);
            QCOMPARE(outputs[type].front().rows, Height);
            QCOMPARE(outputs[type].front().channels(), 3);
        }
        QVERIFY(!std::filesystem::exists(out + "/.partial-pha.mp4"));

        // Compare with the session on the same decoded frames (the codec loses a little).
        ms::SessionOptions options;
        options.checkpoint = checkpoint();
        options.spec.refineSamplePixels = 2000;
        ms::MattingSession session(options);
        const std::vector<cv::Mat> inputs = readFrames(m_video);
        const torch::Tensor bgr = ms::readImageRgb(m_background);
        for (int i : {0, Frames / 2, Frames - 1}) {
            const ms::MattingOutput expected = session.run(ms::frameToTensor(inputs[i]), bgr);
            qInfo("frame %d: channel spread pha %.3f, ref %.3f, fgr %.3f", i, channelSpread(outputs["pha"][i]),
                  channelSpread(outputs["ref"][i]), channelSpread(outputs["fgr"][i]));
            QVERIFY2(channelSpread(outputs["pha"][i]) < 4, "pha frames are not grey");
            QVERIFY2(channelSpread(outputs["ref"][i]) < 4, "ref frames are not grey");
            QVERIFY2(channelSpread(outputs["err"][i]) < 4, "err frames are not grey");
            const double phaError = (greyTensor(outputs["pha"][i]) - expected.pha).abs().mean().item<double>();
            qInfo("frame %d: pha mean abs error %.4f", i, phaError);
            QVERIFY2(phaError < 0.05, qPrintable(QString::number(phaError)));
            // com: on green, from fgr and pha.
            const torch::Tensor com = ms::composite(expected.fgr, expected.pha, ms::greenScreen());
            const double comError = (ms::frameToTensor(outputs["com"][i]) - com).abs().mean().item<double>();
            QVERIFY2(comError < 0.05, qPrintable(QString::number(comError)));
            const double fgrError = (ms::frameToTensor(outputs["fgr"][i]) - expected.fgr).abs().mean().item<double>();
            QVERIFY2(fgrError < 0.05, qPrintable(QString::number(fgrError)));
        }
    }

    void refusesToOverwriteWithoutY()
    {
        const std::string out = m_dir + "/out-overwrite";
        const QStringList args = videoArgs(out) + QStringList{"--output-types", "pha"};
        Run r = runApp(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto before = std::filesystem::last_write_time(out + "/pha.mp4");
        r = runApp(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("-y") && r.err.contains("pha.mp4"), qPrintable(r.err));
        QVERIFY(std::filesystem::last_write_time(out + "/pha.mp4") == before);
        r = runApp(args + QStringList{"-y"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(int(readFrames(out + "/pha.mp4").size()), Frames);
    }

    void writesImageSequences()
    {
        const std::string out = m_dir + "/out-seq";
        const QStringList args =
            videoArgs(out) + QStringList{"--output-format", "image_sequences", "--output-types", "com", "pha"};
        Run r = runApp(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (int i = 0; i < Frames; ++i) {
            char name[16];
            std::snprintf(name, sizeof name, "%05d", i);
            QVERIFY2(std::filesystem::exists(out + "/com/" + name + ".png"), name);
            QVERIFY2(std::filesystem::exists(out + "/pha/" + name + ".jpg"), name);
        }
        QVERIFY(!std::filesystem::exists(out + "/com/00012.png"));
        // The reference's com: RGBA, transparent where there is no figure.
        const cv::Mat com = cv::imread(out + "/com/00000.png", cv::IMREAD_UNCHANGED);
        QCOMPARE(com.channels(), 4);
        QCOMPARE(com.cols, Width);
        r = runApp(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("-y"), qPrintable(r.err));
        r = runApp(args + QStringList{"-y"});
        QCOMPARE(r.exitCode, 0);
    }

    void resizesAndLoopsTargetVideo()
    {
        // A 5-frame target video (another scene), looped under the 12-frame source.
        const std::string target = m_dir + "/target.mp4";
        writeVideo(target, ms::makeSyntheticScene(Width, Height, 99), 5, Width, Height);
        const std::string out = m_dir + "/out-resize";
        const Run r = runApp(videoArgs(out) + QStringList{"--output-types", "com,pha", "--video-resize", "96", "64",
                                                          "--video-target-bgr", QString::fromStdString(target)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        for (const char* type : {"com", "pha"}) {
            const auto frames = readFrames(out + "/" + type + ".mp4");
            QCOMPARE(int(frames.size()), Frames);
            QCOMPARE(frames.front().cols, 96);
            QCOMPARE(frames.front().rows, 64);
        }
    }

    void badArguments()
    {
        const std::string out = m_dir + "/out-bad";
        Run r = runApp(modelArgs() + QStringList{"--video-bgr", "x.png", "--output-dir", QString::fromStdString(out)});
        QCOMPARE(r.exitCode, 2);
        r = runApp(videoArgs(out) + QStringList{"--video-resize", "96"});
        QCOMPARE(r.exitCode, 2);
        r = runApp(videoArgs(out) + QStringList{"--output-format", "gif"});
        QCOMPARE(r.exitCode, 2);
        r = runApp(modelArgs() + QStringList{"--video-src", "/no/such.mp4", "--video-bgr",
                                             QString::fromStdString(m_background), "--output-dir",
                                             QString::fromStdString(out)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("/no/such.mp4"), qPrintable(r.err));
        // A background of another size, no --video-resize.
        const std::string small = m_dir + "/small.png";
        QVERIFY(cv::imwrite(small, cv::Mat(32, 32, CV_8UC3, cv::Scalar::all(9))));
        r = runApp(modelArgs() + QStringList{"--video-src", QString::fromStdString(m_video), "--video-bgr",
                                             QString::fromStdString(small), "--output-dir",
                                             QString::fromStdString(out)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("small.png") && r.err.contains("--video-resize"), qPrintable(r.err));
        // mp4 has no alpha.
        r = runApp(videoArgs(out) + QStringList{"--video-target-bgr", "transparent"});
        QCOMPARE(r.exitCode, 1);
        r = runApp(videoArgs(out) + QStringList{"--video-target-bgr", "#12"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!std::filesystem::exists(out + "/com.mp4"));
    }

    void cancellationLeavesPlayableFiles()
    {
        const std::string longVideo = m_dir + "/long.mp4";
        writeVideo(longVideo, m_scene, 40, Width, Height);
        ms::SessionOptions options;
        options.checkpoint = checkpoint();
        options.spec.refineSamplePixels = 2000;
        ms::MattingSession session(options);
        ms::VideoJobOptions job;
        job.source = longVideo;
        job.background = m_background;
        job.outputDir = m_dir + "/out-cancel";
        job.types = {ms::OutputType::Com, ms::OutputType::Pha};
        ms::VideoJob video(session, job);
        QCOMPARE(video.expectedFrames(), 40);
        ms::CancelToken cancel;
        const int stopAfter = 3;
        int reported = 0;
        const ms::VideoJobResult result = video.run(&cancel, [&](int done, int total, const std::string&) {
            QCOMPARE(total, 40);
            reported = done;
            if (done == stopAfter)
                cancel.cancel();
        });
        QVERIFY(result.cancelled);
        QCOMPARE(reported, stopAfter);
        QVERIFY2(result.framesWritten >= stopAfter && result.framesWritten < 40,
                 qPrintable(QString::number(result.framesWritten)));
        for (const char* type : {"com", "pha"})
            QCOMPARE(int(readFrames(job.outputDir + "/" + type + ".mp4").size()), result.framesWritten);
    }

    void ctrlCStopsCleanly()
    {
#ifdef _WIN32
        QSKIP("needs POSIX: SIGINT to a child process (mstest::interruptOn)");
#else
        const std::string longVideo = m_dir + "/long.mp4";
        if (!std::filesystem::exists(longVideo))
            writeVideo(longVideo, m_scene, 40, Width, Height);
        const std::string out = m_dir + "/out-sigint";
        const mstest::InterruptedRun r = mstest::interruptOn(
            "frame 2", QStringList{"matte-video"} + modelArgs() +
                           QStringList{"--video-src", QString::fromStdString(longVideo), "--video-bgr",
                                       QString::fromStdString(m_background), "--output-dir",
                                       QString::fromStdString(out), "--output-types", "pha"});
        QVERIFY2(r.signalled, qPrintable(r.err));
        QCOMPARE(r.exitCode, 130);  // a normal exit: a crash reads -2
        const QString &output = r.out, &err = r.err;
        QVERIFY2(output.contains("Stopped after"), qPrintable(output + err));
        const int written = int(readFrames(out + "/pha.mp4").size());
        QVERIFY2(written >= 3 && written < 40, qPrintable(QString::number(written)));
        QVERIFY2(output.contains(QString("Stopped after %1 frame(s)").arg(written)), qPrintable(output));
#endif
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestMatteVideo)
#include "tst_mattevideo.moc"
