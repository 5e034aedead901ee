// --preprocess-alignment: a background photographed from a slightly moved camera is warped back.
#include "TestSupport.h"

#include "data/SyntheticScene.h"
#include "infer/Alignment.h"
#include "io/VideoIO.h"

#include <opencv2/imgproc.hpp>

namespace {

// Sharp-edged shapes on the scene's smooth background: the corners a real room has and ORB needs.
cv::Mat addTexture(const cv::Mat& background, uint64_t seed)
{
    cv::Mat out = background.clone();
    cv::RNG rng(seed);
    for (int i = 0; i < 60; ++i) {
        const cv::Point a(rng.uniform(0, out.cols), rng.uniform(0, out.rows));
        const cv::Point b = a + cv::Point(rng.uniform(4, 30), rng.uniform(4, 30));
        cv::rectangle(out, a, b, cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), cv::FILLED);
    }
    return out;
}

// source = fgr * a + bgr * (1 - a), in 8 bits.
cv::Mat compose(const ms::SyntheticScene& scene, const cv::Mat& background)
{
    cv::Mat a, f, b, out;
    cv::cvtColor(scene.alpha, a, cv::COLOR_GRAY2BGR);
    a.convertTo(a, CV_32FC3, 1 / 255.0);
    scene.foreground.convertTo(f, CV_32FC3);
    background.convertTo(b, CV_32FC3);
    cv::Mat blended = f.mul(a) + b.mul(cv::Scalar::all(1) - a);
    blended.convertTo(out, CV_8UC3);
    return out;
}

// Mean absolute difference inside a margin (the borders are filled from the source by design),
// after a 5x5 box filter: resampling blurs the scene's pixel noise, a floor no alignment can beat.
double meanAbsInside(const torch::Tensor& a, const torch::Tensor& b, int margin)
{
    using torch::indexing::Slice;
    const auto crop = [&](const torch::Tensor& t) {
        return torch::avg_pool2d(t, 5, 1).index({Slice(), Slice(), Slice(margin, -margin), Slice(margin, -margin)});
    };
    return (crop(a) - crop(b)).abs().mean().item<double>();
}

}  // namespace

class TestAlignment : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void alignsShiftedAndRotatedBackground()
    {
        const int W = 320, H = 240;
        const ms::SyntheticScene scene = ms::makeSyntheticScene(W, H, 7);
        const cv::Mat trueBackground = addTexture(scene.background, 7);
        const cv::Mat source = compose(scene, trueBackground);

        // The background shot from a camera turned by 3 degrees and moved by (9, -6) pixels.
        cv::Mat rotation = cv::getRotationMatrix2D(cv::Point2f(W / 2.f, H / 2.f), 3.0, 1.02);
        cv::Mat moved = cv::Mat::eye(3, 3, CV_64F);
        rotation.copyTo(moved.rowRange(0, 2));
        moved.at<double>(0, 2) += 9;
        moved.at<double>(1, 2) -= 6;
        cv::Mat shotBackground;
        cv::warpPerspective(trueBackground, shotBackground, moved, trueBackground.size(), cv::INTER_LINEAR,
                            cv::BORDER_REFLECT);

        const torch::Tensor src = ms::frameToTensor(source);
        const torch::Tensor truth = ms::frameToTensor(trueBackground);
        const torch::Tensor shot = ms::frameToTensor(shotBackground);
        std::vector<std::string> warnings;
        const torch::Tensor aligned =
            ms::alignBackground(src, shot, [&](const std::string& w) { warnings.push_back(w); });
        QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());
        QVERIFY(aligned.sizes() == shot.sizes());

        const int margin = 24;
        const double before = meanAbsInside(shot, truth, margin);
        const double after = meanAbsInside(aligned, truth, margin);
        qInfo("mean abs error to the true background: unaligned %.4f, aligned %.4f", before, after);
        QVERIFY2(after * 8 < before, qPrintable(QString("unaligned %1, aligned %2").arg(before).arg(after)));
        QVERIFY(after < 0.02);
    }

    void featurelessBackgroundFallsBack()
    {
        const torch::Tensor src = torch::full({1, 3, 96, 128}, 0.5f);
        const torch::Tensor bgr = torch::full({1, 3, 96, 128}, 0.25f);
        std::vector<std::string> warnings;
        const torch::Tensor out = ms::alignBackground(src, bgr, [&](const std::string& w) { warnings.push_back(w); });
        QVERIFY(torch::equal(out, bgr));
        QCOMPARE(warnings.size(), size_t(1));
        QVERIFY2(warnings.front().find("alignment") != std::string::npos, warnings.front().c_str());
        // Without a callback it still falls back quietly.
        QVERIFY(torch::equal(ms::alignBackground(src, bgr), bgr));
    }

    void rejectsBadShapes()
    {
        MS_VERIFY_ERROR(ms::alignBackground(torch::zeros({1, 1, 8, 8}), torch::zeros({1, 3, 8, 8})));
        MS_VERIFY_ERROR(ms::alignBackground(torch::zeros({3, 8, 8}), torch::zeros({3, 8, 8})));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestAlignment)
#include "tst_alignment.moc"
