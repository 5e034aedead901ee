// The inference session: TorchScript exports, any input size, sample-pixel clamping, outputs.
#include "TestSupport.h"

#include "checkpoint/CheckpointFile.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"
#include "io/ImageIO.h"

class TestInference : public QObject {
    Q_OBJECT

    static ms::SessionOptions parityBOptions()
    {
        ms::SessionOptions o;
        o.checkpoint = mstest::parityDir("b-refine-mobilenetv2-sampling") + "/model.pth";
        o.spec.backboneScale = 0.25;
        o.spec.refineMode = ms::RefineMode::Sampling;
        o.spec.refineSamplePixels = 2000;
        return o;
    }

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void sessionDetectsTheModelFromTheCheckpoint()
    {
        ms::MattingSession session(parityBOptions());
        QVERIFY(session.spec().type == ms::ModelType::MattingRefine);
        QVERIFY(session.spec().backbone == ms::Backbone::MobileNetV2);
        QVERIFY(session.loadReport().isExact());
    }

    void torchScriptExportMatchesReference()
    {
        ms::SessionOptions o = parityBOptions();
        o.checkpoint = mstest::sharedDir() + "/fixtures/torchscript/refine-mobilenetv2.torchscript.pth";
        QVERIFY(ms::isTorchScriptFile(o.checkpoint));
        ms::MattingSession session(o);
        QVERIFY(session.isTorchScript());
        const std::string dir = mstest::parityDir("b-refine-mobilenetv2-sampling");
        const auto out = session.run(mstest::readRgb(dir + "/src.png"), mstest::readRgb(dir + "/bgr.png"));
        const auto pha = mstest::readBin(dir + "/pha.bin", {1, 1, 384, 512});
        const auto fgr = mstest::readBin(dir + "/fgr.bin", {1, 3, 384, 512});
        QVERIFY((out.pha - pha).abs().max().item<double>() <= 1e-3);
        QVERIFY((out.fgr - fgr).abs().max().item<double>() <= 1e-3);
    }

    // The reference rejects sizes that are not multiples of 4; the engine pads and crops back.
    void refineRunsAtAnySize()
    {
        ms::MattingSession session(parityBOptions());
        const std::string dir = mstest::parityDir("b-refine-mobilenetv2-sampling");
        const auto src = mstest::readRgb(dir + "/src.png").narrow(2, 0, 101).narrow(3, 0, 203);
        const auto bgr = mstest::readRgb(dir + "/bgr.png").narrow(2, 0, 101).narrow(3, 0, 203);
        const auto out = session.run(src, bgr);
        QCOMPARE(out.pha.sizes().vec(), (std::vector<int64_t>{1, 1, 101, 203}));
        QCOMPARE(out.fgr.sizes().vec(), (std::vector<int64_t>{1, 3, 101, 203}));
        QCOMPARE(out.refSm.sizes().vec(), (std::vector<int64_t>{1, 1, 26, 51}));
        QVERIFY(out.pha.min().item<float>() >= 0.f && out.pha.max().item<float>() <= 1.f);
    }

    // More sample pixels than the image holds: every location is refined, with one warning.
    void tooManySamplePixelsRefinesEverything()
    {
        ms::SessionOptions o = parityBOptions();
        o.spec.refineSamplePixels = 80000;
        ms::MattingSession session(o);
        std::vector<std::string> warnings;
        session.setWarningHandler([&](const std::string& w) { warnings.push_back(w); });
        const auto src = torch::rand({1, 3, 64, 96}), bgr = torch::rand({1, 3, 64, 96});
        session.run(src, bgr);
        session.run(src, bgr);
        QCOMPARE(warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(warnings[0]).contains("every location"));
    }

    // Refining every location in sampling mode equals full mode (BMV2-SPEC §2.3 equivalence).
    void samplingEverywhereEqualsFull()
    {
        ms::SessionOptions o = parityBOptions();
        o.spec.refineSamplePixels = 64 * 96;
        o.spec.refinePreventOversampling = false;
        ms::MattingSession sampling(o);
        o.spec.refineMode = ms::RefineMode::Full;
        ms::MattingSession full(o);
        torch::manual_seed(3);
        const auto src = torch::rand({1, 3, 64, 96}), bgr = torch::rand({1, 3, 64, 96});
        const auto a = sampling.run(src, bgr), b = full.run(src, bgr);
        QVERIFY((a.pha - b.pha).abs().max().item<double>() < 1e-5);
        QVERIFY((a.fgr - b.fgr).abs().max().item<double>() < 1e-5);
    }

    void thresholdingSelectsByError()
    {
        ms::SessionOptions o = parityBOptions();
        o.spec.refineMode = ms::RefineMode::Thresholding;
        o.spec.refineThreshold = 0.3;
        ms::MattingSession session(o);
        const std::string dir = mstest::parityDir("b-refine-mobilenetv2-sampling");
        const auto out = session.run(mstest::readRgb(dir + "/src.png"), mstest::readRgb(dir + "/bgr.png"));
        const auto expected = (ms::resizeBilinear(out.errSm, 96, 128) > 0.3).to(torch::kFloat32);
        QVERIFY(torch::equal(out.refSm, expected));
    }

    void outputImagesFollowTheReference()
    {
        ms::MattingSession session(parityBOptions());
        const std::string dir = mstest::parityDir("b-refine-mobilenetv2-sampling");
        const auto out = session.run(mstest::readRgb(dir + "/src.png"), mstest::readRgb(dir + "/bgr.png"));
        const auto com = ms::outputImage(ms::OutputType::Com, out);
        QCOMPARE(com.size(0), int64_t(4));
        QVERIFY(torch::equal(com.narrow(0, 3, 1), out.pha.squeeze(0)));
        const cv::Mat pha8 = ms::toCvImage(out.pha);
        // to_pil_image truncates: uint8(v * 255)
        const float v = out.pha[0][0][10][20].item<float>();
        QCOMPARE(int(pha8.at<uint8_t>(10, 20)), int(static_cast<uint8_t>(v * 255)));
        const auto err = ms::outputImage(ms::OutputType::Err, out);
        QCOMPARE(err.sizes().vec(), (std::vector<int64_t>{1, 384, 512}));
        const auto ref = ms::outputImage(ms::OutputType::Ref, out);
        QCOMPARE(ref.sum().item<double>(), out.refSm.sum().item<double>() * 16);
    }

    void badInputsGiveClearErrors()
    {
        MS_VERIFY_ERROR(ms::readImageRgb("/nonexistent/image.png"));
        const std::string junk = mstest::scratchDir("inference-bad") + "/junk.png";
        std::ofstream(junk) << "not an image";
        MS_VERIFY_ERROR(ms::readImageRgb(junk));
        ms::SessionOptions o = parityBOptions();
        o.device = "tpu";
        MS_VERIFY_ERROR(ms::MattingSession{o});
        o = parityBOptions();
        o.checkpoint = junk;
        MS_VERIFY_ERROR(ms::MattingSession{o});
        ms::MattingSession session(parityBOptions());
        MS_VERIFY_ERROR(session.run(torch::rand({1, 3, 32, 32}), torch::rand({1, 3, 32, 36})));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestInference)
#include "tst_inference.moc"
