// The folder pipeline: pairing, skipping bad inputs, cancellation, concurrent stages.
#include "TestSupport.h"

#include "data/SyntheticScene.h"
#include "infer/ImagePairs.h"
#include "infer/ImagePipeline.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"
#include "io/ImageIO.h"

namespace {

void touch(const std::string& path, const std::string& content = "x")
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << content;
}

std::vector<std::string> stems(const std::vector<ms::ImagePair>& pairs)
{
    std::vector<std::string> out;
    for (const auto& p : pairs)
        out.push_back(p.source.relativeStem + "=" + std::filesystem::path(p.background).filename().string());
    return out;
}

ms::SessionOptions baseSession()
{
    ms::SessionOptions o;
    o.checkpoint = mstest::parityDir("a-base-mobilenetv2") + "/model.pth";
    return o;
}

// n synthetic pairs of 128x96 under dir/src and dir/bgr.
void makeScenes(const std::string& dir, int n)
{
    for (int i = 0; i < n; ++i) {
        const auto scene = ms::makeSyntheticScene(128, 96, 50 + i);
        const std::string name = "img" + std::to_string(i) + ".png";
        ms::writeImage(dir + "/src/" + name, scene.source);
        ms::writeImage(dir + "/bgr/" + name, scene.background);
    }
}

}  // namespace

class TestPipeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pairsByNameThenPosition()
    {
        const std::string dir = mstest::scratchDir("pairing");
        for (const char* f : {"src/b.png", "src/a.jpg", "src/sub/c.png", "bgr/a.png", "bgr/b.png", "bgr/sub/c.png",
                              "other/x.png", "other/y.png", "other/z.png", "src/readme.txt"})
            touch(dir + "/" + f);
        const auto sources = ms::collectImages({dir + "/src"});
        QCOMPARE(sources.size(), size_t(3));  // the .txt is not an image
        QCOMPARE(stems(ms::pairImages(sources, ms::collectImages({dir + "/bgr"}))),
                 (std::vector<std::string>{"a=a.png", "b=b.png", "sub/c=c.png"}));
        // No name matches, equal counts: sorted position, as the reference does.
        QCOMPARE(stems(ms::pairImages(sources, ms::collectImages({dir + "/other"}))),
                 (std::vector<std::string>{"a=x.png", "b=y.png", "sub/c=z.png"}));
        // One background for all.
        QCOMPARE(stems(ms::pairImages(sources, ms::collectImages({dir + "/other/x.png"}))),
                 (std::vector<std::string>{"a=x.png", "b=x.png", "sub/c=x.png"}));
        MS_VERIFY_ERROR(ms::pairImages(sources, ms::collectImages({dir + "/other/x.png", dir + "/other/y.png"})));
        MS_VERIFY_ERROR(ms::collectImages({dir + "/nope"}));
        MS_VERIFY_ERROR(ms::pairImages({}, sources));
    }

    void mattesConcurrentlyAndSkipsBadPairs()
    {
        const std::string dir = mstest::scratchDir("pipeline-run");
        makeScenes(dir, 5);
        touch(dir + "/src/broken.png", "not a png");
        touch(dir + "/bgr/broken.png", "not a png either");
        ms::writeImage(dir + "/src/small.png", ms::makeSyntheticScene(64, 48, 7).source);
        ms::writeImage(dir + "/bgr/small.png", ms::makeSyntheticScene(128, 96, 7).background);

        ms::MattingSession session(baseSession());
        ms::OutputOptions options;
        options.outputDir = dir + "/out";
        options.types = {ms::OutputType::Pha, ms::OutputType::Com};
        const ms::OutputWriter writer(options);
        const auto pairs = ms::pairImages(ms::collectImages({dir + "/src"}), ms::collectImages({dir + "/bgr"}));
        QCOMPARE(pairs.size(), size_t(7));
        std::vector<int> seen;
        ms::ImagePipeline pipeline(session, writer);
        const auto result = pipeline.run(pairs, nullptr, [&](int done, int total, const std::string&) {
            QCOMPARE(total, 7);
            seen.push_back(done);
        });
        QCOMPARE(result.succeeded, 5);
        QCOMPARE(result.failures.size(), size_t(2));
        QCOMPARE(seen.size(), size_t(7));
        QCOMPARE(seen.back(), 7);
        const std::string failures = result.failures[0] + "\n" + result.failures[1];
        QVERIFY2(failures.find("broken.png") != std::string::npos, failures.c_str());
        QVERIFY2(failures.find("small.png") != std::string::npos, failures.c_str());
        for (int i = 0; i < 5; ++i) {
            QVERIFY(std::filesystem::exists(dir + "/out/pha/img" + std::to_string(i) + ".jpg"));
            QVERIFY(std::filesystem::exists(dir + "/out/com/img" + std::to_string(i) + ".png"));
        }
        // Same result as matting one pair directly.
        const auto direct =
            session.run(ms::readImageRgb(dir + "/src/img0.png"), ms::readImageRgb(dir + "/bgr/img0.png"));
        const cv::Mat com = cv::imread(dir + "/out/com/img0.png", cv::IMREAD_UNCHANGED);
        const cv::Mat expected = ms::toCvImage(ms::outputImage(ms::OutputType::Com, direct));
        QCOMPARE(cv::norm(com, expected, cv::NORM_INF), 0.0);
    }

    void cancellationStopsEarly()
    {
        const std::string dir = mstest::scratchDir("pipeline-cancel");
        makeScenes(dir, 12);
        ms::MattingSession session(baseSession());
        ms::OutputOptions options;
        options.outputDir = dir + "/out";
        options.types = {ms::OutputType::Pha};
        const ms::OutputWriter writer(options);
        ms::CancelToken cancel;
        ms::PipelineOptions pipelineOptions;
        pipelineOptions.queueCapacity = 1;
        ms::ImagePipeline pipeline(session, writer, pipelineOptions);
        const auto result =
            pipeline.run(ms::pairImages(ms::collectImages({dir + "/src"}), ms::collectImages({dir + "/bgr"})), &cancel,
                         [&](int done, int, const std::string&) {
                             if (done == 2)
                                 cancel.cancel();
                         });
        QVERIFY(result.cancelled);
        QVERIFY(result.succeeded >= 2);
        QVERIFY2(result.succeeded < 12, std::to_string(result.succeeded).c_str());
        QVERIFY(result.failures.empty());
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestPipeline)
#include "tst_pipeline.moc"
