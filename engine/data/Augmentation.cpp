#include "data/Augmentation.h"

#include "core/Error.h"
#include "data/Random.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace ms {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegrees = 5, kTranslate = 0.1, kShear = 5;  // affine ranges
constexpr double kFlip = 0.5, kBlur = 0.1, kSharpen = 0.1;    // probabilities
constexpr int kMaxBlurRadius = 5;
constexpr double kBrightness = 0.15, kContrast = 0.15, kSaturation = 0.15, kHue = 0.05;  // ColorJitter

// torchvision's inverse affine matrix (output pixel -> input pixel) for a rotation by `angle`, an
// x shear, a scale and a translation about `centre`: M = T C R S Sh C^-1, inverted analytically.
cv::Matx23d inverseAffine(cv::Point2d centre, const AugmentDraw& d, double scale)
{
    const double rot = d.angle * kPi / 180, sx = d.shear * kPi / 180;
    const double a = std::cos(rot), b = -std::cos(rot) * std::tan(sx) - std::sin(rot);
    const double c = std::sin(rot), dd = -std::sin(rot) * std::tan(sx) + std::cos(rot);
    cv::Matx23d m(dd / scale, -b / scale, 0, -c / scale, a / scale, 0);
    const double x = -centre.x - d.translateX, y = -centre.y - d.translateY;
    m(0, 2) = m(0, 0) * x + m(0, 1) * y + centre.x;
    m(1, 2) = m(1, 0) * x + m(1, 1) * y + centre.y;
    return m;
}

// Python's round(): halves go to the even neighbour (torchvision's center_crop uses it).
double pyRound(double v) { return std::nearbyint(v); }

cv::Mat coverResize(const cv::Mat& image, int size, int interpolation)
{
    const double f = std::max(double(size) / image.cols, double(size) / image.rows);
    const int w = std::max(size, static_cast<int>(std::lround(image.cols * f)));
    const int h = std::max(size, static_cast<int>(std::lround(image.rows * f)));
    cv::Mat resized;
    cv::resize(image, resized, cv::Size(w, h), 0, 0, interpolation);
    const int left = static_cast<int>(pyRound((w - size) / 2.0)), top = static_cast<int>(pyRound((h - size) / 2.0));
    return resized(cv::Rect(left, top, size, size)).clone();
}

void boxBlur(cv::Mat& image, int radius)
{
    if (radius > 0)
        cv::blur(image, image, cv::Size(2 * radius + 1, 2 * radius + 1), cv::Point(-1, -1), cv::BORDER_REPLICATE);
}

// PIL's ImageFilter.SHARPEN: centre 32, neighbours -2, divided by 16.
void sharpen(cv::Mat& image)
{
    cv::Matx33f kernel(-2, -2, -2, -2, 32, -2, -2, -2, -2);
    kernel *= 1.f / 16;
    cv::filter2D(image, image, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
}

// The post-geometry steps shared by foreground and background.
void filterSteps(cv::Mat& image, const AugmentDraw& d, const SampleAugment& a)
{
    if (a.flip && d.flip)
        cv::flip(image, image, 1);
    if (a.blur)
        boxBlur(image, d.blurRadius);
    if (a.sharpen && d.sharpen)
        sharpen(image);
}

void requireType(const cv::Mat& image, int type, const char* what)
{
    if (image.empty() || image.type() != type)
        throw Error(std::string("augmentation: the ") + what + " image must be a non-empty 8-bit " +
                    (type == CV_8UC1 ? "grey" : "colour") + " image");
}

}  // namespace

SampleAugment SampleAugment::training(ModelType type, int size)
{
    SampleAugment a;
    a.size = size;
    a.fgScaleMin = type == ModelType::MattingRefine ? 0.3 : 0.4;
    a.fgScaleMax = 1.0;
    a.bgScaleMin = 1.0;
    a.bgScaleMax = 2.0;
    return a;
}

SampleAugment SampleAugment::validation(int size)
{
    SampleAugment a;
    a.size = size;
    a.fgScaleMin = 0.3;
    a.fgScaleMax = 1.0;
    a.bgScaleMin = 1.0;
    a.bgScaleMax = 1.2;
    a.flip = a.blur = a.sharpen = a.colorJitter = false;
    return a;
}

AugmentDraw drawAugment(double scaleMin, double scaleMax, std::mt19937_64& rng)
{
    // In torchvision's order: angle, translation, scale, shear; then the later steps in order.
    AugmentDraw d;
    d.angle = uniform(rng, -kDegrees, kDegrees);
    d.translateX = uniform(rng, -1, 1);  // scaled to pixels below, once the cover factor is known
    d.translateY = uniform(rng, -1, 1);
    d.scale = uniform(rng, scaleMin, scaleMax);
    d.shear = uniform(rng, -kShear, kShear);
    d.flip = chance(rng, kFlip);
    const bool blur = chance(rng, kBlur);
    const int radius = uniformInt(rng, 0, kMaxBlurRadius);
    d.blurRadius = blur ? radius : 0;
    d.sharpen = chance(rng, kSharpen);
    for (int i = 3; i > 0; --i)  // a random permutation, as torch.randperm(4)
        std::swap(d.jitterOrder[i], d.jitterOrder[uniformInt(rng, 0, i)]);
    d.brightness = uniform(rng, 1 - kBrightness, 1 + kBrightness);
    d.contrast = uniform(rng, 1 - kContrast, 1 + kContrast);
    d.saturation = uniform(rng, 1 - kSaturation, 1 + kSaturation);
    d.hue = uniform(rng, -kHue, kHue);
    return d;
}

cv::Mat augmentGeometry(const cv::Mat& image, const AugmentDraw& d, const SampleAugment& a, int interpolation)
{
    const int S = a.size, w = image.cols, h = image.rows;
    if (S < 1)
        throw Error("augmentation: the output size must be positive (got " + std::to_string(S) + ")");
    if (!a.affine)
        return coverResize(image, S, interpolation);
    // The reference zero-pads an image smaller than S, transforms it about the padded image's
    // centre, then centre-crops S x S. One warp does all three: output pixel -> crop -> padded
    // image -> inverse affine -> original pixel.
    const double f = std::max(double(S) / w, double(S) / h);
    const int padW = (std::max(w, S) - w + 1) / 2, padH = (std::max(h, S) - h + 1) / 2;
    const int paddedW = w + 2 * padW, paddedH = h + 2 * padH;
    AugmentDraw pixels = d;  // translation drawn in [-1, 1]: to pixels, as round(U(-0.1 f w, 0.1 f w))
    pixels.translateX = pyRound(d.translateX * kTranslate * f * w);
    pixels.translateY = pyRound(d.translateY * kTranslate * f * h);
    const cv::Matx23d m = inverseAffine({(paddedW - 1) / 2.0, (paddedH - 1) / 2.0}, pixels, d.scale * f);
    const double left = pyRound((paddedW - S) / 2.0), top = pyRound((paddedH - S) / 2.0);
    cv::Matx23d full = m;
    full(0, 2) = m(0, 0) * left + m(0, 1) * top + m(0, 2) - padW;
    full(1, 2) = m(1, 0) * left + m(1, 1) * top + m(1, 2) - padH;
    cv::Mat out;
    cv::warpAffine(image, out, full, cv::Size(S, S), interpolation | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT,
                   cv::Scalar::all(0));
    return out;
}

void jitterColour(cv::Mat& image, const AugmentDraw& d, ChannelOrder order)
{
    const bool bgr = order == ChannelOrder::Bgr;
    const int toGrey = bgr ? cv::COLOR_BGR2GRAY : cv::COLOR_RGB2GRAY,
              fromGrey = bgr ? cv::COLOR_GRAY2BGR : cv::COLOR_GRAY2RGB;
    const int toHsv = bgr ? cv::COLOR_BGR2HSV_FULL : cv::COLOR_RGB2HSV_FULL;
    const int fromHsv = bgr ? cv::COLOR_HSV2BGR_FULL : cv::COLOR_HSV2RGB_FULL;
    for (int step : d.jitterOrder) {
        if (step == 0) {  // brightness: blend with black
            image.convertTo(image, -1, d.brightness);
        } else if (step == 1) {  // contrast: blend with the mean grey level
            cv::Mat grey;
            cv::cvtColor(image, grey, toGrey);
            const double mean = std::floor(cv::mean(grey)[0] + 0.5);
            image.convertTo(image, -1, d.contrast, mean * (1 - d.contrast));
        } else if (step == 2) {  // saturation: blend with the grey image
            cv::Mat grey, grey3;
            cv::cvtColor(image, grey, toGrey);
            cv::cvtColor(grey, grey3, fromGrey);
            cv::addWeighted(image, d.saturation, grey3, 1 - d.saturation, 0, image);
        } else {  // hue: rotate H in 8-bit HSV (0..255 a full turn), wrapping like numpy's uint8
            const int shift = static_cast<int>(d.hue * 255);  // truncates, as np.uint8(h * 255)
            if (shift == 0)
                continue;
            cv::Mat hsv;
            cv::cvtColor(image, hsv, toHsv);
            for (int y = 0; y < hsv.rows; ++y) {
                auto* p = hsv.ptr<uint8_t>(y);
                for (int x = 0; x < hsv.cols; ++x)
                    p[3 * x] = static_cast<uint8_t>(p[3 * x] + shift);
            }
            cv::cvtColor(hsv, image, fromHsv);
        }
    }
}

void augmentForeground(cv::Mat& fgr, cv::Mat& pha, const SampleAugment& a, std::mt19937_64& rng, ChannelOrder order)
{
    requireType(fgr, CV_8UC3, "foreground");
    requireType(pha, CV_8UC1, "alpha");
    if (fgr.size() != pha.size())
        throw Error("augmentation: the foreground is " + std::to_string(fgr.cols) + "x" + std::to_string(fgr.rows) +
                    " but its alpha is " + std::to_string(pha.cols) + "x" + std::to_string(pha.rows));
    const AugmentDraw d = drawAugment(a.fgScaleMin, a.fgScaleMax, rng);
    fgr = augmentGeometry(fgr, d, a, cv::INTER_LINEAR);
    pha = augmentGeometry(pha, d, a, cv::INTER_LINEAR);
    filterSteps(fgr, d, a);
    filterSteps(pha, d, a);
    if (a.colorJitter)
        jitterColour(fgr, d, order);
}

void augmentBackground(cv::Mat& bgr, const SampleAugment& a, std::mt19937_64& rng, ChannelOrder order)
{
    requireType(bgr, CV_8UC3, "background");
    const AugmentDraw d = drawAugment(a.bgScaleMin, a.bgScaleMax, rng);
    bgr = augmentGeometry(bgr, d, a, cv::INTER_LINEAR);
    filterSteps(bgr, d, a);
    if (a.colorJitter)
        jitterColour(bgr, d, order);
}

}  // namespace ms
