#include "data/SyntheticScene.h"

#include "data/Random.h"
#include "data/SyntheticPainting.h"

#include <opencv2/imgproc.hpp>

#include <random>

namespace ms {

SyntheticScene makeSyntheticScene(int width, int height, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    const cv::Size size(width, height);
    SyntheticScene scene;
    scene.background = paintBackground(size, rng);
    const PaintedForeground figure = paintForeground(size, rng);
    scene.foreground = figure.fgr;
    scene.alpha = figure.pha;

    cv::Mat3f fgr, bgr;
    cv::Mat1f a;
    scene.foreground.convertTo(fgr, CV_32FC3, 1 / 255.0);
    scene.background.convertTo(bgr, CV_32FC3, 1 / 255.0);
    scene.alpha.convertTo(a, CV_32F, 1 / 255.0);
    // The figure's soft shadow falls on the scene but not on the clean plate, shot without the
    // figure: the network has to tell a shadow from the subject.
    const double d = std::min(width, height);
    cv::Mat1f shadow;
    const cv::Mat shift =
        (cv::Mat_<double>(2, 3) << 1, 0, uniform(rng, -0.08, 0.08) * d, 0, 1, uniform(rng, 0, 0.04) * d);
    cv::warpAffine(a, shadow, shift, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    cv::GaussianBlur(shadow, shadow, cv::Size(0, 0), uniform(rng, 0.01, 0.04) * d);
    shadow *= uniform(rng, 0.2, 0.45);
    cv::Mat3f shadow3, alpha3;
    cv::merge(std::vector<cv::Mat>{shadow, shadow, shadow}, shadow3);
    cv::merge(std::vector<cv::Mat>{a, a, a}, alpha3);
    const cv::Mat3f lit(bgr.mul(cv::Scalar::all(1.0) - shadow3));
    const cv::Mat3f src(fgr.mul(alpha3) + lit.mul(cv::Scalar::all(1.0) - alpha3));
    src.convertTo(scene.source, CV_8UC3, 255.0);
    return scene;
}

}  // namespace ms
