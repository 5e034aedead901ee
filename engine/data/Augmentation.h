#pragma once
// Per-sample augmentation of the reference's training datasets (spec 4.2), with OpenCV on 8-bit
// images: a random affine transform that also resizes to S x S (covering the square, then scaling
// by a random factor), horizontal flip, box blur, sharpen and colour jitter. The foreground and its
// alpha share every geometric parameter. Any step can be switched off.
#include "model/ModelSpec.h"

#include <opencv2/core.hpp>

#include <array>
#include <random>

namespace ms {

struct SampleAugment {  // what one split/stage does to each sample
    int size = 512;     // S (base 512, refine 2048; smaller to train on CPU)
    // Scale ranges relative to the factor that makes the image just cover S x S.
    double fgScaleMin = 0.4, fgScaleMax = 1.0, bgScaleMin = 1.0, bgScaleMax = 2.0;
    bool affine = true, flip = true, blur = true, sharpen = true, colorJitter = true;

    static SampleAugment training(ModelType type, int size);  // base: fg (0.4,1), refine: (0.3,1); bg (1,2)
    static SampleAugment validation(int size);                // fg (0.3,1), bg (1,1.2), affine only
};

// Every random parameter of one image's augmentation, drawn before any pixel is touched. All are
// drawn whatever the switches say, so turning one step off leaves the others' parameters unchanged.
struct AugmentDraw {
    double angle = 0;                                     // degrees, U(-5, 5)
    double translateX = 0, translateY = 0;                // U(-1, 1); the shift is round(t * 0.1 f w) pixels (y: h)
    double scale = 1;                                     // U(min, max), times the cover factor f = max(S/w, S/h)
    double shear = 0;                                     // x shear in degrees, U(-5, 5); y shear is 0
    bool flip = false;                                    // p = 0.5
    int blurRadius = 0;                                   // p = 0.1: U{0..5} (0 does nothing), else 0
    bool sharpen = false;                                 // p = 0.1
    std::array<int, 4> jitterOrder{0, 1, 2, 3};           // 0 brightness, 1 contrast, 2 saturation, 3 hue
    double brightness = 1, contrast = 1, saturation = 1;  // U(0.85, 1.15)
    double hue = 0;                                       // U(-0.05, 0.05), in turns
};

AugmentDraw drawAugment(double scaleMin, double scaleMax, std::mt19937_64& rng);

// The geometric step alone: `image` (any channel count, 8-bit) to S x S. With `affine` off, a plain
// resize that covers S x S followed by a centre crop.
cv::Mat augmentGeometry(const cv::Mat& image, const AugmentDraw& draw, const SampleAugment& a, int interpolation);

// The channel order of colour images: only colour jitter (grey level, hue) depends on it. The
// loader augments in OpenCV's BGR order and swaps channels when it makes tensors, which spares a
// conversion of every full-size decoded image.
enum class ChannelOrder { Rgb, Bgr };

// torchvision's ColorJitter on an 8-bit colour image, with the draw's factors and order.
void jitterColour(cv::Mat& image, const AugmentDraw& draw, ChannelOrder order = ChannelOrder::Rgb);

// In place; outputs are S x S. fgr/bgr 8-bit colour (CV_8UC3, RGB unless `order` says BGR), pha
// 8-bit grey (CV_8UC1) of fgr's size. Throws ms::Error for other types or mismatched sizes.
void augmentForeground(cv::Mat& fgr, cv::Mat& pha, const SampleAugment& a, std::mt19937_64& rng,
                       ChannelOrder order = ChannelOrder::Rgb);
void augmentBackground(cv::Mat& bgr, const SampleAugment& a, std::mt19937_64& rng,
                       ChannelOrder order = ChannelOrder::Rgb);

}  // namespace ms
