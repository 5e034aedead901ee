// Compositing onto transparency, a colour and an image; parsing of target descriptions.
#include "TestSupport.h"

#include "infer/Compositor.h"

class TestCompositor : public QObject {
    Q_OBJECT

    // A 2x2 frame: pha 0, 0.25, 1, 0.5; fgr channels (0.8, 0.4, 0.2).
    static torch::Tensor pha() { return torch::tensor({0.f, 0.25f, 1.f, 0.5f}).view({1, 1, 2, 2}); }
    static torch::Tensor fgr()
    {
        return torch::tensor({0.8f, 0.4f, 0.2f}).view({1, 3, 1, 1}).expand({1, 3, 2, 2}).contiguous();
    }

private Q_SLOTS:
    void transparentIsStraightRgba()
    {
        const torch::Tensor c = ms::composite(fgr(), pha(), ms::CompositeTarget{});
        QVERIFY((c.sizes().vec() == std::vector<int64_t>{1, 4, 2, 2}));
        QVERIFY(torch::allclose(c.select(1, 3), pha().select(1, 0)));
        // Colour is not premultiplied, and zero where fully transparent.
        QCOMPARE(c[0][0][0][0].item<float>(), 0.f);
        QCOMPARE(c[0][0][0][1].item<float>(), 0.8f);
        QCOMPARE(c[0][1][1][1].item<float>(), 0.4f);
        QCOMPARE(c[0][2][1][0].item<float>(), 0.2f);
    }

    void colourBlends()
    {
        const ms::CompositeTarget green = ms::parseCompositeTarget("green");
        QVERIFY(green.kind == ms::CompositeTarget::Kind::Colour);
        QCOMPARE(green.colour[0], 120 / 255.f);
        QCOMPARE(green.colour[1], 1.f);
        QCOMPARE(green.colour[2], 155 / 255.f);
        QVERIFY(ms::greenScreen().colour == green.colour);
        const torch::Tensor c = ms::composite(fgr(), pha(), green);
        QVERIFY((c.sizes().vec() == std::vector<int64_t>{1, 3, 2, 2}));
        const float a[4] = {0.f, 0.25f, 1.f, 0.5f}, f[3] = {0.8f, 0.4f, 0.2f};
        for (int ch = 0; ch < 3; ++ch)
            for (int i = 0; i < 4; ++i) {
                const float expected = f[ch] * a[i] + green.colour[ch] * (1 - a[i]);
                QVERIFY(std::abs(c[0][ch][i / 2][i % 2].item<float>() - expected) < 1e-6f);
            }
    }

    void imageBlendsAndIsResized()
    {
        // A 1x2 image (left black, right white) stretched over the 2x2 frame: columns differ.
        ms::CompositeTarget target;
        target.kind = ms::CompositeTarget::Kind::Image;
        target.image = torch::tensor({0.f, 1.f}).view({1, 1, 1, 2}).expand({1, 3, 1, 2}).contiguous();
        const torch::Tensor c = ms::composite(fgr(), pha(), target);
        QVERIFY((c.sizes().vec() == std::vector<int64_t>{1, 3, 2, 2}));
        // pha 0 at (0,0): pure target (black); pha 1 at (1,0): pure fgr; pha 0.25 at (0,1): 0.25 f + 0.75 white.
        QVERIFY(std::abs(c[0][0][0][0].item<float>() - 0.f) < 1e-6f);
        QVERIFY(std::abs(c[0][1][1][0].item<float>() - 0.4f) < 1e-6f);
        QVERIFY(std::abs(c[0][2][0][1].item<float>() - (0.25f * 0.2f + 0.75f)) < 1e-6f);

        // Same size: used as is, value by value.
        target.image = torch::rand({1, 3, 2, 2});
        const torch::Tensor d = ms::composite(fgr(), pha(), target);
        QVERIFY(torch::allclose(d, fgr() * pha() + target.image * (1 - pha())));

        // From a file, at another size.
        const std::string dir = mstest::scratchDir("compositor");
        cv::Mat red(8, 12, CV_8UC3, cv::Scalar(0, 0, 255));  // BGR
        QVERIFY(cv::imwrite(dir + "/red.png", red));
        const ms::CompositeTarget fromFile = ms::parseCompositeTarget(dir + "/red.png");
        QVERIFY(fromFile.kind == ms::CompositeTarget::Kind::Image);
        QVERIFY((fromFile.image.sizes().vec() == std::vector<int64_t>{1, 3, 8, 12}));
        const torch::Tensor e = ms::composite(fgr(), pha(), fromFile);
        QVERIFY((e.sizes().vec() == std::vector<int64_t>{1, 3, 2, 2}));
        QVERIFY(std::abs(e[0][0][0][0].item<float>() - 1.f) < 1e-6f);  // red where pha = 0
        QVERIFY(std::abs(e[0][1][0][0].item<float>()) < 1e-6f);
    }

    void parsesColours()
    {
        auto colourOf = [](const std::string& text) {
            const ms::CompositeTarget t = ms::parseCompositeTarget(text);
            if (t.kind != ms::CompositeTarget::Kind::Colour)
                return std::array<int, 3>{-1, -1, -1};
            return std::array<int, 3>{int(std::lround(t.colour[0] * 255)), int(std::lround(t.colour[1] * 255)),
                                      int(std::lround(t.colour[2] * 255))};
        };
        QVERIFY((colourOf("#FF8000") == std::array<int, 3>{255, 128, 0}));
        QVERIFY((colourOf("#00ff7f") == std::array<int, 3>{0, 255, 127}));
        QVERIFY((colourOf("10,20,30") == std::array<int, 3>{10, 20, 30}));
        QVERIFY((colourOf("0, 255 ,7") == std::array<int, 3>{0, 255, 7}));
        QVERIFY((colourOf("white") == std::array<int, 3>{255, 255, 255}));
        QVERIFY((colourOf("Black") == std::array<int, 3>{0, 0, 0}));
        QVERIFY(ms::parseCompositeTarget("transparent").kind == ms::CompositeTarget::Kind::Transparent);
        QVERIFY(ms::parseCompositeTarget("TRANSPARENT").kind == ms::CompositeTarget::Kind::Transparent);
    }

    void rejectsGarbage()
    {
        MS_VERIFY_ERROR(ms::parseCompositeTarget("chartreuse-ish"));
        MS_VERIFY_ERROR(ms::parseCompositeTarget("#12345"));
        MS_VERIFY_ERROR(ms::parseCompositeTarget("#12345g"));
        MS_VERIFY_ERROR(ms::parseCompositeTarget("1,2"));
        MS_VERIFY_ERROR(ms::parseCompositeTarget("1,2,256"));
        MS_VERIFY_ERROR(ms::parseCompositeTarget("1,x,3"));
        MS_VERIFY_ERROR(ms::parseCompositeTarget(""));
        MS_VERIFY_ERROR(ms::parseCompositeTarget("/no/such/background.png"));
        const std::string dir = mstest::scratchDir("compositor-bad");
        {
            std::ofstream(dir + "/fake.png") << "not an image";
        }
        const std::string message = mstest::errorOf([&] { ms::parseCompositeTarget(dir + "/fake.png"); });
        QVERIFY2(message.find("fake.png") != std::string::npos, message.c_str());
        MS_VERIFY_ERROR(ms::composite(fgr(), pha().squeeze(1), ms::greenScreen()));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestCompositor)
#include "tst_compositor.moc"
