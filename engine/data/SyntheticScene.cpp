#include "data/SyntheticScene.h"

#include <opencv2/imgproc.hpp>

#include <random>

namespace ms {
namespace {

cv::Mat makeBackground(int width, int height, std::mt19937_64& rng)
{
    std::uniform_real_distribution<float> unit(0.f, 1.f);
    // Smooth two-colour gradient, a few blurred shapes, fine texture: enough structure for the
    // network (and a viewer) to tell background from foreground.
    const cv::Vec3f a(unit(rng), unit(rng), unit(rng)), b(unit(rng), unit(rng), unit(rng));
    const float angle = unit(rng) * 6.2831853f;
    cv::Mat3f image(height, width);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const float t = 0.5f + 0.5f * std::sin(angle) * (x / float(width) - 0.5f) * 2.f
                            + 0.5f * std::cos(angle) * (y / float(height) - 0.5f);
            image(y, x) = a * (1.f - std::clamp(t, 0.f, 1.f)) + b * std::clamp(t, 0.f, 1.f);
        }
    for (int i = 0; i < 6; ++i) {
        const cv::Point centre(int(unit(rng) * width), int(unit(rng) * height));
        const cv::Size axes(int((0.05f + 0.2f * unit(rng)) * width), int((0.05f + 0.2f * unit(rng)) * height));
        cv::ellipse(image, centre, axes, unit(rng) * 180.0, 0, 360, cv::Scalar(unit(rng), unit(rng), unit(rng)), cv::FILLED,
                    cv::LINE_AA);
    }
    cv::GaussianBlur(image, image, cv::Size(0, 0), 0.02 * std::max(width, height));
    cv::Mat3f noise(height, width);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(0.02));
    image += noise;
    cv::Mat out;
    image.convertTo(out, CV_8UC3, 255.0);
    return out;
}

} // namespace

SyntheticScene makeSyntheticScene(int width, int height, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    cv::setRNGSeed(static_cast<int>(seed & 0x7fffffff));
    std::uniform_real_distribution<float> unit(0.f, 1.f);
    SyntheticScene scene;
    scene.background = makeBackground(width, height, rng);

    // A figure: body, head and an arm, blurred so the edge is soft like hair or motion blur.
    cv::Mat1f mask = cv::Mat1f::zeros(height, width);
    const float cx = (0.3f + 0.4f * unit(rng)) * width, s = (0.5f + 0.3f * unit(rng)) * height;
    cv::ellipse(mask, cv::Point(int(cx), int(height - 0.25f * s)), cv::Size(int(0.22f * s), int(0.45f * s)), 0, 0, 360,
                cv::Scalar(1.0), cv::FILLED, cv::LINE_AA);
    cv::circle(mask, cv::Point(int(cx), int(height - 0.78f * s)), int(0.14f * s), cv::Scalar(1.0), cv::FILLED, cv::LINE_AA);
    cv::line(mask, cv::Point(int(cx), int(height - 0.5f * s)),
             cv::Point(int(cx + (unit(rng) - 0.5f) * 0.9f * s), int(height - (0.6f + 0.4f * unit(rng)) * s)),
             cv::Scalar(1.0), std::max(2, int(0.06f * s)), cv::LINE_AA);
    cv::GaussianBlur(mask, mask, cv::Size(0, 0), 1.0 + 0.004 * std::max(width, height));
    mask.convertTo(scene.alpha, CV_8U, 255.0);

    scene.foreground = makeBackground(width, height, rng);  // a textured "garment"
    cv::Mat3f fgr, bgr, src;
    scene.foreground.convertTo(fgr, CV_32FC3, 1 / 255.0);
    scene.background.convertTo(bgr, CV_32FC3, 1 / 255.0);
    cv::Mat3f alpha3;
    cv::Mat1f a;
    scene.alpha.convertTo(a, CV_32F, 1 / 255.0);
    cv::merge(std::vector<cv::Mat>{a, a, a}, alpha3);
    src = fgr.mul(alpha3) + bgr.mul(cv::Scalar::all(1.0) - alpha3);
    src.convertTo(scene.source, CV_8UC3, 255.0);
    return scene;
}

} // namespace ms
