// The refiner's inference fast path (model/PatchSampler) samples its patch windows straight from
// the unresized maps. It must give what the composed ops (resize, zero-pad, concatenate, crop) give,
// at every border and for any map size and memory layout, and the whole refiner must agree between
// its training (composed, autograd) and inference (sampled) paths.
#include "model/PatchSampler.h"
#include "model/Refiner.h"

#include <QtTest>

namespace {

double maxDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// Every location of a (B, h, w) grid, so windows at all four borders are included.
torch::Tensor allLocations(int64_t B, int64_t h, int64_t w) { return torch::ones({B, h, w}).nonzero(); }

// What samplePatches stands for, from LibTorch's own ops.
torch::Tensor composed(const std::vector<torch::Tensor>& sources, const ms::PatchGrid& grid)
{
    std::vector<torch::Tensor> resized;
    for (const auto& s : sources)
        resized.push_back(ms::resizeBilinear(s, grid.outHeight, grid.outWidth));
    return ms::cropPatches(torch::cat(resized, 1), grid.index, grid.size, grid.padding);
}

// The reference's crop: every window by unfold, then the selected ones by index.
torch::Tensor unfoldCrop(const torch::Tensor& x, const torch::Tensor& index, int64_t size, int64_t padding)
{
    const int64_t window = size + 2 * padding;
    const torch::Tensor windows =
        ms::zeroPad(x, padding).permute({0, 2, 3, 1}).unfold(1, window, size).unfold(2, window, size);
    return windows.index({index.select(1, 0), index.select(1, 1), index.select(1, 2)});
}

}  // namespace

class TestPatchSampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        torch::manual_seed(7);
        torch::set_num_threads(2);  // the sampler splits patches over threads
    }

    void matchesResizePadCrop_data()
    {
        QTest::addColumn<int>("inH");
        QTest::addColumn<int>("inW");
        QTest::addColumn<int>("outH");
        QTest::addColumn<int>("outW");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("padding");
        QTest::newRow("quarter to half, 3x3 context") << 10 << 14 << 20 << 28 << 2 << 3;
        QTest::newRow("odd scale (17x23 -> 36x52)") << 17 << 23 << 36 << 52 << 2 << 3;
        QTest::newRow("scale 0.125 coarse to half") << 9 << 16 << 36 << 64 << 2 << 3;
        QTest::newRow("full to half (exact 2x)") << 40 << 56 << 20 << 28 << 2 << 3;
        QTest::newRow("same size crop") << 24 << 32 << 24 << 32 << 4 << 2;
        QTest::newRow("no context (kernel 1)") << 12 << 12 << 24 << 24 << 2 << 0;
    }

    void matchesResizePadCrop()
    {
        QFETCH(int, inH);
        QFETCH(int, inW);
        QFETCH(int, outH);
        QFETCH(int, outW);
        QFETCH(int, size);
        QFETCH(int, padding);
        torch::NoGradGuard noGrad;
        const torch::Tensor a = torch::rand({2, 5, inH, inW});
        const torch::Tensor b = torch::rand({2, 3, inH, inW}).contiguous(torch::MemoryFormat::ChannelsLast);
        const torch::Tensor c = torch::rand({2, 8, inH, inW}).narrow(1, 2, 4);  // a strided view
        const ms::PatchGrid grid{allLocations(2, outH / size, outW / size), size, padding, outH, outW};

        const torch::Tensor fast = ms::samplePatches({a, b, c}, grid);
        const torch::Tensor slow = composed({a, b, c}, grid);
        QCOMPARE(fast.sizes().vec(), slow.sizes().vec());
        QVERIFY2(maxDiff(fast, slow) < 1e-6, qPrintable(QString::number(maxDiff(fast, slow))));
        // The padding is written as zeros (the output starts as uninitialised memory).
        if (padding > 0)
            QCOMPARE(fast[0].select(1, 0).select(1, 0).abs().sum().item<double>(), 0.0);
    }

    // cropPatches gathers pixel rows instead of indexing unfolded windows: same values, and the
    // same gradient (overlapping windows sum), with a backward the size of the image.
    void cropMatchesUnfoldInValueAndGradient()
    {
        const torch::Tensor x = torch::rand({2, 5, 24, 32}, torch::requires_grad());
        const torch::Tensor index = torch::rand({2, 12, 16}).gt(0.6).nonzero();  // random, incl. borders
        QVERIFY(index.size(0) > 20);
        const torch::Tensor weight = torch::rand({index.size(0), 5, 8, 8});
        const torch::Tensor ours = ms::cropPatches(x, index, 2, 3);
        const torch::Tensor theirs = unfoldCrop(x, index, 2, 3);
        QCOMPARE(maxDiff(ours, theirs), 0.0);
        const torch::Tensor gradOurs = torch::autograd::grad({(ours * weight).sum()}, {x})[0];
        const torch::Tensor gradTheirs = torch::autograd::grad({(theirs * weight).sum()}, {x})[0];
        QVERIFY2(maxDiff(gradOurs, gradTheirs) < 1e-5, qPrintable(QString::number(maxDiff(gradOurs, gradTheirs))));
        QVERIFY(gradOurs.abs().sum().item<double>() > 0);
    }

    void leavesLeadingChannelsForTheCaller()
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor a = torch::rand({1, 3, 16, 16});
        const ms::PatchGrid grid{allLocations(1, 4, 4), 4, 2, 16, 16};
        const torch::Tensor out = ms::samplePatches({a}, grid, 5);
        QCOMPARE(out.size(1), int64_t(8));
        QVERIFY(out.is_contiguous(torch::MemoryFormat::ChannelsLast));
        QVERIFY(maxDiff(out.narrow(1, 5, 3), ms::cropPatches(a, grid.index, 4, 2)) == 0.0);
    }

    void refusesWhatItCannotDo()
    {
        const torch::Tensor a = torch::rand({1, 3, 8, 8});
        QVERIFY(!ms::canSamplePatches({a}));  // grad mode is on: training must keep autograd
        torch::NoGradGuard noGrad;
        QVERIFY(ms::canSamplePatches({a}));
        QVERIFY(!ms::canSamplePatches({a.to(torch::kFloat64)}));
    }

    void nearest2xIntoAStridedDestination()
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::rand({3, 4, 4, 4});
        torch::Tensor dst = torch::zeros({3, 6, 8, 8}).contiguous(torch::MemoryFormat::ChannelsLast);
        ms::upsampleNearest2xInto(x, dst.narrow(1, 0, 4));
        QCOMPARE(maxDiff(dst.narrow(1, 0, 4), ms::resizeNearest(x, 8, 8)), 0.0);
        QCOMPARE(dst.narrow(1, 4, 2).abs().sum().item<double>(), 0.0);
    }

    // The refiner as a whole: sampled inference path against its composed training path.
    void refinerPathsAgree_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<bool>("channelsLast");
        QTest::newRow("kernel 3") << 3 << false;
        QTest::newRow("kernel 3, channels-last maps") << 3 << true;
        QTest::newRow("kernel 1") << 1 << false;
    }

    void refinerPathsAgree()
    {
        QFETCH(int, kernel);
        QFETCH(bool, channelsLast);
        const int64_t H = 64, W = 96;
        // Half the locations: patches everywhere, borders included.
        ms::Refiner refiner(ms::RefineMode::Sampling, H * W / 2, 0.1, kernel, false);
        refiner->eval();
        const auto layout = channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
        const torch::Tensor src = torch::rand({2, 3, H, W}), bgr = torch::rand({2, 3, H, W});
        const torch::Tensor hid = torch::relu(torch::randn({2, 32, H / 4, W / 4})).contiguous(layout);
        const torch::Tensor pha = torch::rand({2, 1, H / 4, W / 4}), fgr = torch::randn({2, 3, H / 4, W / 4}) * 0.1;
        const torch::Tensor err = torch::rand({2, 1, H / 4, W / 4});

        const ms::RefinerOutput trained = refiner->forward(src, bgr, pha, fgr, err, hid);  // grad on: composed
        QVERIFY(trained.pha.requires_grad());
        torch::NoGradGuard noGrad;
        const ms::RefinerOutput inferred = refiner->forward(src, bgr, pha, fgr, err, hid);
        QCOMPARE(maxDiff(trained.ref, inferred.ref), 0.0);
        QVERIFY(trained.ref.sum().item<double>() > 100);
        QVERIFY2(maxDiff(trained.pha, inferred.pha) < 1e-5,
                 qPrintable(QString::number(maxDiff(trained.pha, inferred.pha))));
        QVERIFY(maxDiff(trained.fgrResidual, inferred.fgrResidual) < 1e-5);
        // and the refined patches really differ from the plain upsampled coarse result
        QVERIFY(maxDiff(inferred.pha, ms::resizeBilinear(pha, H, W)) > 1e-3);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestPatchSampler)
#include "tst_patchsampler.moc"
