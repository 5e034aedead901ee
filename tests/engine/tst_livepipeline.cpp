// The live pipeline: frames dropped (never queued) when the network is slower than the source,
// the camera's own picture until a plate is captured, refinement changed while running, recording
// in real time, and clear errors for a missing source or a plate of the wrong size.
#include "TestSupport.h"

#include "core/Error.h"
#include "infer/LivePipeline.h"
#include "infer/MattingSession.h"
#include "io/MediaFiles.h"
#include "train/DemoRecipe.h"

#include <atomic>
#include <mutex>

namespace {

struct Clip {
    std::string video, plate;
};

// The demo's clip (a figure swaying over its plate, 512x384), `frames` long at 25 frames/s.
Clip makeClip(const std::string& name, int frames)
{
    const std::string dir = mstest::scratchDir(name);
    Clip clip{dir + "/clip.mp4", dir + "/plate.png"};
    ms::writeDemoClip(clip.video, clip.plate, frames, 25);
    return clip;
}

std::unique_ptr<ms::LiveSource> fileSource(const std::string& video, double fps, bool loop)
{
    ms::LiveSourceOptions o;
    o.kind = ms::LiveSourceOptions::Kind::File;
    o.file = video;
    o.fps = fps;
    o.loop = loop;
    return std::make_unique<ms::LiveSource>(o);
}

ms::SessionOptions sessionFor(const std::string& fixture)
{
    ms::SessionOptions o;
    o.checkpoint = mstest::parityDir(fixture) + "/model.pth";
    return o;
}

// What the display side saw.
struct Shown {
    std::mutex mutex;
    std::vector<int64_t> indices;
    std::vector<bool> matted;
    std::vector<ms::LiveStats> stats;
    cv::Size size;
    std::atomic<int> count{0}, mattedCount{0};
    ms::LivePipeline::FrameHandler handler()
    {
        return [this](const ms::LiveFrame& f, const ms::LiveStats& s) {
            std::lock_guard<std::mutex> lock(mutex);
            indices.push_back(f.index);
            matted.push_back(f.matted);
            stats.push_back(s);
            size = f.image.size();
            QCOMPARE(f.image.type(), CV_8UC3);
            count.fetch_add(1);
            mattedCount.fetch_add(f.matted ? 1 : 0);
        };
    }
};

}  // namespace

class TestLivePipeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dropsFramesWhenTheNetworkIsSlower()
    {
        const Clip clip = makeClip("drops", 40);
        ms::MattingSession session(sessionFor("a-base-mobilenetv2"));
        Shown shown;
        // 200 frames/s: far faster than the network at 512x384 on a CPU.
        ms::LivePipeline pipeline(session, fileSource(clip.video, 200, false), shown.handler());
        pipeline.setBackground(cv::imread(clip.plate, cv::IMREAD_COLOR));
        pipeline.start();
        pipeline.waitUntilFinished();
        pipeline.stop();
        QVERIFY2(pipeline.error().empty(), pipeline.error().c_str());
        const ms::LiveStats s = pipeline.stats();
        QCOMPARE(s.captured, int64_t(40));
        // Every frame was either shown or dropped: none waits in a queue.
        QCOMPARE(s.shown + s.dropped, s.captured);
        QVERIFY2(s.dropped > 0, qPrintable(QString("shown %1, dropped %2").arg(s.shown).arg(s.dropped)));
        QCOMPARE(int64_t(shown.count.load()), s.shown);
        QCOMPARE(s.matted, s.shown);
        QCOMPARE(shown.size, cv::Size(512, 384));
        // The newest frame is always the one matted next: indices only grow, and the last frame shows.
        QVERIFY(std::is_sorted(shown.indices.begin(), shown.indices.end()));
        QVERIFY(std::adjacent_find(shown.indices.begin(), shown.indices.end()) == shown.indices.end());
        QCOMPARE(shown.indices.back(), int64_t(39));
        QCOMPARE(pipeline.mattedLatencies().size(), size_t(s.matted));
        for (double latency : pipeline.mattedLatencies())
            QVERIFY(latency > 0 && latency < 60);
        QVERIFY(shown.stats.back().latencyP90 >= shown.stats.back().latencyMedian);
    }

    void showsTheCameraUntilAPlateIsCaptured()
    {
        const Clip clip = makeClip("plate", 25);
        ms::MattingSession session(sessionFor("a-base-mobilenetv2"));
        Shown shown;
        ms::LivePipeline pipeline(session, fileSource(clip.video, 50, true), shown.handler());
        pipeline.start();
        QTRY_VERIFY_WITH_TIMEOUT(shown.count.load() >= 5, 30000);
        QCOMPARE(shown.mattedCount.load(), 0);  // no plate: the source's own picture
        QVERIFY(!pipeline.hasBackground());
        pipeline.captureBackground();
        QTRY_VERIFY_WITH_TIMEOUT(shown.mattedCount.load() >= 3, 60000);
        QVERIFY(pipeline.hasBackground());
        QCOMPARE(pipeline.background().size(), cv::Size(512, 384));
        // Looping: the file goes on past its end, as a camera would.
        QTRY_VERIFY_WITH_TIMEOUT(pipeline.stats().captured > 25, 30000);
        QVERIFY(pipeline.isRunning());
        pipeline.stop();
        QVERIFY(!pipeline.isRunning());
        QVERIFY(pipeline.error().empty());
        std::lock_guard<std::mutex> lock(shown.mutex);
        const auto firstMatted = std::find(shown.matted.begin(), shown.matted.end(), true);
        QVERIFY(std::all_of(firstMatted, shown.matted.end(), [](bool m) { return m; }));
    }

    void changesRefinementWhileRunning()
    {
        const Clip clip = makeClip("refine", 10);
        ms::MattingSession session(sessionFor("b-refine-mobilenetv2-sampling"));
        Shown shown;
        ms::LivePipeline pipeline(session, fileSource(clip.video, 25, true), shown.handler());
        pipeline.setBackground(cv::imread(clip.plate, cv::IMREAD_COLOR));
        pipeline.start();
        QTRY_VERIFY_WITH_TIMEOUT(shown.mattedCount.load() >= 2, 60000);
        ms::ModelSpec refine = session.spec();
        refine.refineMode = ms::RefineMode::Thresholding;
        refine.refineThreshold = 0.3;
        refine.backboneScale = 0.125;
        pipeline.setRefineSettings(refine);
        const int before = shown.mattedCount.load();
        QTRY_VERIFY_WITH_TIMEOUT(shown.mattedCount.load() >= before + 2, 60000);
        pipeline.stop();
        QVERIFY(session.spec().refineMode == ms::RefineMode::Thresholding);
        QCOMPARE(session.spec().backboneScale, 0.125);
        QVERIFY2(pipeline.error().empty(), pipeline.error().c_str());
        refine.backboneScale = 0.9;  // above 1/2: rejected where it is set, the pipeline untouched
        QVERIFY_THROWS_EXCEPTION(ms::Error, pipeline.setRefineSettings(refine));
    }

    void recordsInRealTime()
    {
        const Clip clip = makeClip("record", 30);
        ms::MattingSession session(sessionFor("a-base-mobilenetv2"));
        Shown shown;
        ms::LivePipeline pipeline(session, fileSource(clip.video, 100, false), shown.handler());
        pipeline.setBackground(cv::imread(clip.plate, cv::IMREAD_COLOR));
        const std::string out = mstest::scratchDir("record-out") + "/live.mp4";
        pipeline.startRecording(out);
        pipeline.start();
        pipeline.waitUntilFinished();
        const ms::LiveStats s = pipeline.stats();
        QVERIFY(s.dropped > 0);
        const ms::LivePipeline::Recording recording = pipeline.stopRecording();
        QCOMPARE(recording.path, out);
        QCOMPARE(recording.frames, s.recordedFrames);
        pipeline.stop();
        // Dropped frames are filled with the frame shown after them: the file covers the source's
        // frames from the first one shown to the last, at the source's rate.
        const int64_t covered = shown.indices.back() - shown.indices.front() + 1;
        QCOMPARE(int64_t(s.recordedFrames), covered);
        const ms::VideoProbe probe = ms::probeVideo(out, true);
        QCOMPARE(int64_t(probe.frames), covered);
        QCOMPARE(probe.size, cv::Size(512, 384));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(out).parent_path() / ".partial-live.mp4"));
    }

    void explainsBadSourcesAndPlates()
    {
        try {
            fileSource(mstest::workDir() + "/missing.mp4", 0, true);
            QFAIL("a missing file opened");
        } catch (const ms::Error& e) {
            QVERIFY2(std::string(e.what()).find("missing.mp4") != std::string::npos, e.what());
        }
        const Clip clip = makeClip("bad-plate", 5);
        ms::MattingSession session(sessionFor("a-base-mobilenetv2"));
        ms::LivePipeline pipeline(session, fileSource(clip.video, 25, false), {});
        try {
            pipeline.setBackground(cv::Mat(100, 100, CV_8UC3, cv::Scalar::all(0)));
            QFAIL("a plate of the wrong size was accepted");
        } catch (const ms::Error& e) {
            QVERIFY2(std::string(e.what()).find("512x384") != std::string::npos, e.what());
        }
        QVERIFY(!pipeline.hasBackground());
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestLivePipeline)
#include "tst_livepipeline.moc"
