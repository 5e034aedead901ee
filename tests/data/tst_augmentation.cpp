// Per-sample augmentation: determinism, output sizes, each switch, the shared foreground/alpha
// geometry and the parameter ranges of spec 4.2.
#include "TestSupport.h"

#include "data/Augmentation.h"

#include <opencv2/imgproc.hpp>

namespace {

// A textured RGB image and a matching grey one, w x h.
cv::Mat texture(int w, int h, int seed)
{
    cv::Mat image(h, w, CV_8UC3);
    cv::RNG rng(seed);
    rng.fill(image, cv::RNG::UNIFORM, 0, 256);
    cv::GaussianBlur(image, image, cv::Size(0, 0), 2.0);
    cv::rectangle(image, cv::Rect(w / 4, h / 4, w / 3, h / 2), cv::Scalar(250, 30, 90), cv::FILLED);
    return image;
}

cv::Mat greyOf(const cv::Mat& rgb)
{
    cv::Mat grey;
    cv::cvtColor(rgb, grey, cv::COLOR_RGB2GRAY);
    return grey;
}

bool same(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

ms::SampleAugment allOff(int size)
{
    ms::SampleAugment a;
    a.size = size;
    a.affine = a.flip = a.blur = a.sharpen = a.colorJitter = false;
    return a;
}

struct Result {
    cv::Mat fgr, pha, bgr;
};

Result run(const ms::SampleAugment& a, uint64_t seed, const cv::Mat& fgrIn, const cv::Mat& bgrIn)
{
    Result r{fgrIn.clone(), greyOf(fgrIn), bgrIn.clone()};
    std::mt19937_64 rng(seed);
    ms::augmentForeground(r.fgr, r.pha, a, rng);
    ms::augmentBackground(r.bgr, a, rng);
    return r;
}

// The foreground draw a seed gives (augmentForeground draws first).
ms::AugmentDraw fgDraw(const ms::SampleAugment& a, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    return ms::drawAugment(a.fgScaleMin, a.fgScaleMax, rng);
}

}  // namespace

class TestAugmentation : public QObject {
    Q_OBJECT

    const cv::Mat m_fgr = texture(96, 72, 1), m_bgr = texture(80, 120, 2);

private Q_SLOTS:
    void presetsFollowTheReference()
    {
        const auto base = ms::SampleAugment::training(ms::ModelType::MattingBase, 512);
        QCOMPARE(base.size, 512);
        QCOMPARE(base.fgScaleMin, 0.4);
        QCOMPARE(base.fgScaleMax, 1.0);
        QCOMPARE(base.bgScaleMin, 1.0);
        QCOMPARE(base.bgScaleMax, 2.0);
        QVERIFY(base.affine && base.flip && base.blur && base.sharpen && base.colorJitter);
        const auto refine = ms::SampleAugment::training(ms::ModelType::MattingRefine, 2048);
        QCOMPARE(refine.size, 2048);
        QCOMPARE(refine.fgScaleMin, 0.3);
        const auto valid = ms::SampleAugment::validation(256);
        QCOMPARE(valid.size, 256);
        QCOMPARE(valid.fgScaleMin, 0.3);
        QCOMPARE(valid.bgScaleMax, 1.2);
        QVERIFY(valid.affine && !valid.flip && !valid.blur && !valid.sharpen && !valid.colorJitter);
    }

    void drawsStayInTheirRanges()
    {
        std::mt19937_64 rng(5);
        int flips = 0, blurs = 0, sharpens = 0, nonzeroRadius = 0;
        const int n = 4000;
        for (int i = 0; i < n; ++i) {
            const ms::AugmentDraw d = ms::drawAugment(0.4, 1.0, rng);
            QVERIFY(d.angle >= -5 && d.angle <= 5 && d.shear >= -5 && d.shear <= 5);
            QVERIFY(d.translateX >= -1 && d.translateX <= 1 && d.translateY >= -1 && d.translateY <= 1);
            QVERIFY(d.scale >= 0.4 && d.scale <= 1.0);
            QVERIFY(d.brightness >= 0.85 && d.brightness <= 1.15 && d.contrast >= 0.85 && d.contrast <= 1.15);
            QVERIFY(d.saturation >= 0.85 && d.saturation <= 1.15 && d.hue >= -0.05 && d.hue <= 0.05);
            QVERIFY(d.blurRadius >= 0 && d.blurRadius <= 5);
            std::array<int, 4> order = d.jitterOrder;
            std::sort(order.begin(), order.end());
            QVERIFY((order == std::array<int, 4>{0, 1, 2, 3}));
            flips += d.flip;
            sharpens += d.sharpen;
            nonzeroRadius += d.blurRadius > 0;
            blurs += d.blurRadius > 0;
        }
        // p = 0.5, 0.1 and 0.1 * 5/6 (radius 0 is a no-op), within a generous margin.
        QVERIFY2(std::abs(flips / double(n) - 0.5) < 0.04, std::to_string(flips).c_str());
        QVERIFY2(std::abs(sharpens / double(n) - 0.1) < 0.025, std::to_string(sharpens).c_str());
        QVERIFY2(std::abs(blurs / double(n) - 0.1 * 5 / 6) < 0.025, std::to_string(blurs).c_str());
        QVERIFY(nonzeroRadius > 0);
    }

    void sameSeedSameOutputDifferentSeedDifferent()
    {
        const auto a = ms::SampleAugment::training(ms::ModelType::MattingBase, 64);
        const Result r1 = run(a, 42, m_fgr, m_bgr), r2 = run(a, 42, m_fgr, m_bgr), r3 = run(a, 43, m_fgr, m_bgr);
        QVERIFY(same(r1.fgr, r2.fgr) && same(r1.pha, r2.pha) && same(r1.bgr, r2.bgr));
        QVERIFY(!same(r1.fgr, r3.fgr));
        QVERIFY(!same(r1.pha, r3.pha));
        QVERIFY(!same(r1.bgr, r3.bgr));
    }

    void outputsAreSquareOfTheRequestedSize()
    {
        for (const cv::Size in : {cv::Size(20, 30), cv::Size(64, 64), cv::Size(300, 90), cv::Size(17, 400)}) {
            for (int size : {32, 64}) {
                for (const auto& a : {ms::SampleAugment::training(ms::ModelType::MattingRefine, size),
                                      ms::SampleAugment::validation(size), allOff(size)}) {
                    const cv::Mat fgrIn = texture(in.width, in.height, 3);
                    const Result r = run(a, 9, fgrIn, fgrIn);
                    QCOMPARE(r.fgr.size(), cv::Size(size, size));
                    QCOMPARE(r.pha.size(), cv::Size(size, size));
                    QCOMPARE(r.bgr.size(), cv::Size(size, size));
                    QCOMPARE(r.fgr.type(), CV_8UC3);
                    QCOMPARE(r.pha.type(), CV_8UC1);
                    QCOMPARE(r.bgr.type(), CV_8UC3);
                }
            }
        }
    }

    void everythingOffIsAPlainResizeAndCentreCrop()
    {
        const ms::SampleAugment a = allOff(48);
        const Result r = run(a, 1, m_fgr, m_bgr);
        // fgr 96x72 -> cover factor 48/72: 64x48, crop x from 8.
        cv::Mat expected;
        cv::resize(m_fgr, expected, cv::Size(64, 48), 0, 0, cv::INTER_LINEAR);
        QVERIFY(same(r.fgr, expected(cv::Rect(8, 0, 48, 48))));
        cv::resize(greyOf(m_fgr), expected, cv::Size(64, 48), 0, 0, cv::INTER_LINEAR);
        QVERIFY(same(r.pha, expected(cv::Rect(8, 0, 48, 48))));
        // bgr 80x120 -> factor 0.6: 48x72, crop y from 12.
        cv::resize(m_bgr, expected, cv::Size(48, 72), 0, 0, cv::INTER_LINEAR);
        QVERIFY(same(r.bgr, expected(cv::Rect(0, 12, 48, 48))));
        // Seeds do not matter then.
        const Result other = run(a, 777, m_fgr, m_bgr);
        QVERIFY(same(r.fgr, other.fgr) && same(r.bgr, other.bgr));
    }

    void affineWithNeutralParametersMatchesTheResize()
    {
        // An affine step with scale 1, no rotation/shear/shift: the same as the plain resize (within
        // the rounding of OpenCV's fixed-point bilinear interpolation).
        ms::SampleAugment a = allOff(48);
        ms::AugmentDraw neutral;
        const cv::Mat plain = ms::augmentGeometry(m_fgr, neutral, a, cv::INTER_LINEAR);
        a.affine = true;
        const cv::Mat warped = ms::augmentGeometry(m_fgr, neutral, a, cv::INTER_LINEAR);
        QVERIFY2(cv::norm(plain, warped, cv::NORM_INF) <= 2,
                 std::to_string(cv::norm(plain, warped, cv::NORM_INF)).c_str());
    }

    void affineRespectsScaleAndPadsWithZero()
    {
        // A white image at scale 0.5: its centre stays white (shift <= 10% of the size), the
        // corners are the zero fill.
        ms::SampleAugment a = allOff(64);
        a.affine = true;
        a.fgScaleMin = a.fgScaleMax = 0.5;
        const cv::Mat white(40, 40, CV_8UC3, cv::Scalar::all(255));
        for (uint64_t seed = 0; seed < 20; ++seed) {
            cv::Mat fgr = white.clone(), pha = greyOf(white);
            std::mt19937_64 rng(seed);
            ms::augmentForeground(fgr, pha, a, rng);
            QCOMPARE(int(pha.at<uint8_t>(32, 32)), 255);
            QCOMPARE(int(pha.at<uint8_t>(0, 0)), 0);
            QCOMPARE(int(pha.at<uint8_t>(63, 63)), 0);
            QCOMPARE(fgr.at<cv::Vec3b>(0, 63), cv::Vec3b(0, 0, 0));
            // Covered area ~ (0.5 * 64)^2 of 64^2, i.e. a quarter.
            const double covered = cv::countNonZero(pha > 127) / (64.0 * 64.0);
            QVERIFY2(covered > 0.2 && covered < 0.3, std::to_string(covered).c_str());
        }
    }

    void foregroundAndAlphaShareTheGeometry()
    {
        // fgr made of the alpha in all three channels: without colour jitter they stay equal, for
        // any seed (affine, flip, blur and sharpen alike).
        ms::SampleAugment a = ms::SampleAugment::training(ms::ModelType::MattingBase, 40);
        a.colorJitter = false;
        const cv::Mat grey = greyOf(m_fgr);
        cv::Mat rgb;
        cv::cvtColor(grey, rgb, cv::COLOR_GRAY2RGB);
        for (uint64_t seed = 0; seed < 40; ++seed) {
            cv::Mat fgr = rgb.clone(), pha = grey.clone();
            std::mt19937_64 rng(seed);
            ms::augmentForeground(fgr, pha, a, rng);
            cv::Mat channels[3];
            cv::split(fgr, channels);
            QVERIFY(same(channels[0], pha) && same(channels[2], pha));
        }
    }

    void flipSwitch()
    {
        ms::SampleAugment only = allOff(48);
        only.flip = true;
        int flipped = 0;
        for (uint64_t seed = 0; seed < 16; ++seed) {
            const Result off = run(allOff(48), seed, m_fgr, m_bgr), on = run(only, seed, m_fgr, m_bgr);
            cv::Mat mirror;
            cv::flip(off.fgr, mirror, 1);
            const bool expectFlip = fgDraw(only, seed).flip;
            QVERIFY(same(on.fgr, expectFlip ? mirror : off.fgr));
            cv::flip(off.pha, mirror, 1);
            QVERIFY(same(on.pha, expectFlip ? mirror : off.pha));
            flipped += expectFlip;
        }
        QVERIFY(flipped > 0 && flipped < 16);
    }

    void blurAndSharpenSwitches()
    {
        // Find seeds whose foreground draw blurs (or sharpens), and check the step happens only
        // when its switch is on.
        for (int step = 0; step < 2; ++step) {
            ms::SampleAugment only = allOff(48);
            (step == 0 ? only.blur : only.sharpen) = true;
            int hits = 0;
            for (uint64_t seed = 0; seed < 200 && hits < 3; ++seed) {
                const ms::AugmentDraw d = fgDraw(only, seed);
                const bool happens = step == 0 ? d.blurRadius > 0 : d.sharpen;
                const Result off = run(allOff(48), seed, m_fgr, m_bgr), on = run(only, seed, m_fgr, m_bgr);
                if (!happens) {
                    QVERIFY(same(on.fgr, off.fgr) && same(on.pha, off.pha));
                    continue;
                }
                ++hits;
                cv::Mat expected = off.fgr.clone(), expectedPha = off.pha.clone();
                if (step == 0) {
                    const cv::Size k(2 * d.blurRadius + 1, 2 * d.blurRadius + 1);
                    cv::blur(expected, expected, k, cv::Point(-1, -1), cv::BORDER_REPLICATE);
                    cv::blur(expectedPha, expectedPha, k, cv::Point(-1, -1), cv::BORDER_REPLICATE);
                } else {
                    cv::Matx33f kernel(-2, -2, -2, -2, 32, -2, -2, -2, -2);
                    kernel *= 1.f / 16;
                    cv::filter2D(expected, expected, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
                    cv::filter2D(expectedPha, expectedPha, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
                }
                QVERIFY(!same(on.fgr, off.fgr));
                QVERIFY(same(on.fgr, expected) && same(on.pha, expectedPha));
            }
            QCOMPARE(hits, 3);
        }
    }

    void colourJitterTouchesColourOnly()
    {
        ms::SampleAugment only = allOff(48);
        only.colorJitter = true;
        const Result off = run(allOff(48), 11, m_fgr, m_bgr), on = run(only, 11, m_fgr, m_bgr);
        QVERIFY(!same(on.fgr, off.fgr));
        QVERIFY(!same(on.bgr, off.bgr));
        QVERIFY(same(on.pha, off.pha));  // alpha is never jittered
        // Factors of 1 and no hue shift leave the image as it is.
        ms::AugmentDraw neutral;
        cv::Mat image = off.fgr.clone();
        ms::jitterColour(image, neutral);
        QVERIFY(same(image, off.fgr));
        // Brightness alone scales.
        neutral.brightness = 0.5;
        ms::jitterColour(image, neutral);
        cv::Mat half;
        off.fgr.convertTo(half, -1, 0.5);
        QVERIFY(same(image, half));
        // A hue shift keeps grey pixels grey.
        neutral.brightness = 1;
        neutral.hue = 0.05;
        cv::Mat grey(8, 8, CV_8UC3, cv::Scalar::all(77));
        ms::jitterColour(grey, neutral);
        QCOMPARE(grey.at<cv::Vec3b>(3, 3), cv::Vec3b(77, 77, 77));
    }

    void channelOrderOnlyMattersToTheJitter()
    {
        // Augmenting BGR with ChannelOrder::Bgr is augmenting RGB, channels swapped.
        const auto a = ms::SampleAugment::training(ms::ModelType::MattingBase, 40);
        for (uint64_t seed = 0; seed < 8; ++seed) {
            cv::Mat rgb = m_fgr.clone(), bgr, pha1 = greyOf(m_fgr), pha2 = pha1.clone();
            cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
            std::mt19937_64 r1(seed), r2(seed);
            ms::augmentForeground(rgb, pha1, a, r1);
            ms::augmentForeground(bgr, pha2, a, r2, ms::ChannelOrder::Bgr);
            cv::cvtColor(bgr, bgr, cv::COLOR_BGR2RGB);
            QVERIFY(same(rgb, bgr));
            QVERIFY(same(pha1, pha2));
        }
    }

    void rejectsWrongInputs()
    {
        const auto a = ms::SampleAugment::training(ms::ModelType::MattingBase, 32);
        std::mt19937_64 rng(1);
        cv::Mat fgr = m_fgr.clone(), pha = greyOf(m_fgr)(cv::Rect(0, 0, 50, 50)).clone();
        MS_VERIFY_ERROR(ms::augmentForeground(fgr, pha, a, rng));
        cv::Mat grey = greyOf(m_fgr);
        MS_VERIFY_ERROR(ms::augmentBackground(grey, a, rng));
        cv::Mat empty;
        MS_VERIFY_ERROR(ms::augmentBackground(empty, a, rng));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestAugmentation)
#include "tst_augmentation.moc"
