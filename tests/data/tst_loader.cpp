// The training loader: deterministic order and augmentation whatever the worker count, exact
// mid-epoch resume, subsets, bounded prefetch, errors, video items, tensor layout.
#include "TestSupport.h"

#include "DataTestSupport.h"
#include "data/DatasetIndex.h"
#include "data/SyntheticDataset.h"
#include "data/TrainingLoader.h"

#include <chrono>
#include <thread>

namespace fs = std::filesystem;

namespace {

// A small synthetic dataset shared by the tests (10 pairs, 7 backgrounds, 48x40).
const ms::SplitFiles& smallDataset()
{
    static const ms::SplitFiles files = [] {
        const ms::DatasetCheck check = ms::checkDataset(mstest::freshSyntheticDataset(
            mstest::workDir() + "/loader-dataset", mstest::syntheticOptions(10, 1, 48, 40, 7)));
        if (!check.ok())
            throw std::runtime_error(check.report());
        return check.train;
    }();
    return files;
}

ms::LoaderOptions options(int workers, int batch = 3)
{
    ms::LoaderOptions o;
    o.batchSize = batch;
    o.workers = workers;
    o.prefetchBatches = 2;
    o.seed = 1234;
    o.augment = ms::SampleAugment::training(ms::ModelType::MattingBase, 32);
    return o;
}

std::vector<ms::TrainingBatch> epoch(ms::TrainingLoader& loader, int64_t e, int64_t first = 0)
{
    loader.startEpoch(e, first);
    std::vector<ms::TrainingBatch> batches;
    while (auto b = loader.next())
        batches.push_back(std::move(*b));
    return batches;
}

bool sameBatch(const ms::TrainingBatch& a, const ms::TrainingBatch& b)
{
    return a.epoch == b.epoch && a.index == b.index && a.samples == b.samples && torch::equal(a.fgr, b.fgr) &&
           torch::equal(a.pha, b.pha) && torch::equal(a.bgr, b.bgr);
}

}  // namespace

class TestLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { smallDataset(); }

    void batchesHaveTheDocumentedLayout()
    {
        ms::TrainingLoader loader(smallDataset(), options(2));
        QCOMPARE(loader.samples(), int64_t(10));         // max(10 pairs, 7 backgrounds)
        QCOMPARE(loader.batchesPerEpoch(), int64_t(3));  // drop_last
        const auto batches = epoch(loader, 0);
        QCOMPARE(int(batches.size()), 3);
        for (size_t i = 0; i < batches.size(); ++i) {
            const auto& b = batches[i];
            QCOMPARE(b.index, int64_t(i));
            QVERIFY((b.fgr.sizes().vec() == std::vector<int64_t>{3, 3, 32, 32}));
            QVERIFY((b.pha.sizes().vec() == std::vector<int64_t>{3, 1, 32, 32}));
            QVERIFY((b.bgr.sizes().vec() == std::vector<int64_t>{3, 3, 32, 32}));
            QCOMPARE(b.fgr.scalar_type(), torch::kFloat32);
            QVERIFY(b.fgr.min().item<float>() >= 0 && b.fgr.max().item<float>() <= 1);
            QVERIFY(b.pha.max().item<float>() > 0.5f);
            QCOMPARE(int(b.samples.size()), 3);
        }
        // Nine distinct items of the shuffled epoch, none repeated.
        std::set<int64_t> seen;
        for (const auto& b : batches)
            seen.insert(b.samples.begin(), b.samples.end());
        QCOMPARE(int(seen.size()), 9);
        QVERIFY(loader.waitedSeconds() >= 0);

        ms::LoaderOptions keep = options(2);
        keep.dropLast = false;
        ms::TrainingLoader all(smallDataset(), keep);
        QCOMPARE(all.batchesPerEpoch(), int64_t(4));
        const auto allBatches = epoch(all, 0);
        QCOMPARE(allBatches.back().fgr.size(0), int64_t(1));
    }

    void valuesAreRgbOverTwoFiftyFive()
    {
        // A pure red (RGB 255,0,0) foreground, a grey 51 alpha, a background (RGB 0,0,102); no augmentation.
        const std::string dir = mstest::scratchDir("loader-values");
        mstest::writePng(dir + "/f.png", mstest::solid(16, 16, CV_8UC3, cv::Scalar(0, 0, 255)));
        mstest::writePng(dir + "/p.png", mstest::solid(16, 16, CV_8UC1, cv::Scalar(51)));
        mstest::writePng(dir + "/b.png", mstest::solid(20, 16, CV_8UC3, cv::Scalar(102, 0, 0)));
        ms::LoaderOptions o = options(1, 1);
        o.augment.size = 16;
        o.augment.affine = o.augment.flip = o.augment.blur = o.augment.sharpen = o.augment.colorJitter = false;
        ms::TrainingLoader loader({{{dir + "/f.png"}}, {{dir + "/p.png"}}, {{dir + "/b.png"}}}, o);
        const auto b = epoch(loader, 0).at(0);
        QCOMPARE(b.fgr[0][0].min().item<float>(), 1.f);
        QCOMPARE(b.fgr[0][1].max().item<float>(), 0.f);
        QCOMPARE(b.pha.min().item<float>(), 51.f / 255.f);
        QCOMPARE(b.bgr[0][2].max().item<float>(), 102.f / 255.f);
        QCOMPARE(b.bgr[0][0].max().item<float>(), 0.f);
    }

    void sameBatchesWhateverTheWorkerCount()
    {
        ms::TrainingLoader one(smallDataset(), options(1)), three(smallDataset(), options(3));
        const auto a = epoch(one, 5), b = epoch(three, 5);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(sameBatch(a[i], b[i]));
        // Another epoch: another order and other augmentation.
        const auto c = epoch(three, 6);
        QVERIFY(a[0].samples != c[0].samples || !torch::equal(a[0].fgr, c[0].fgr));
        // Another seed: other batches.
        ms::LoaderOptions other = options(3);
        other.seed = 99;
        ms::TrainingLoader reseeded(smallDataset(), other);
        QVERIFY(!sameBatch(a[0], epoch(reseeded, 5)[0]));
        // Running the same epoch again gives the same batches.
        const auto again = epoch(one, 5);
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(sameBatch(a[i], again[i]));
    }

    // Distributed: shard r of 2 serves rows [2r, 2r + 2) of each global batch of 4, with the very
    // samples and augmentation one loader of batch 4 gives those rows (also mid-epoch).
    void shardsAreRowsOfTheGlobalBatch()
    {
        ms::TrainingLoader global(smallDataset(), options(2, 4));
        const auto whole = epoch(global, 3);
        QCOMPARE(whole.size(), size_t(2));  // 10 samples, batches of 4, the last 2 dropped
        for (int shard = 0; shard < 2; ++shard) {
            ms::LoaderOptions o = options(shard + 1, 2);
            o.shards = 2;
            o.shard = shard;
            ms::TrainingLoader part(smallDataset(), o);
            QCOMPARE(part.batchesPerEpoch(), int64_t(2));
            for (int64_t first : {0, 1}) {
                const auto rows = epoch(part, 3, first);
                QCOMPARE(rows.size(), size_t(2 - first));
                for (size_t i = 0; i < rows.size(); ++i) {
                    const ms::TrainingBatch& w = whole[i + first];
                    QVERIFY(torch::equal(rows[i].fgr, w.fgr.narrow(0, 2 * shard, 2)));
                    QVERIFY(torch::equal(rows[i].pha, w.pha.narrow(0, 2 * shard, 2)));
                    QVERIFY(torch::equal(rows[i].bgr, w.bgr.narrow(0, 2 * shard, 2)));
                    QVERIFY(rows[i].samples ==
                            std::vector<int64_t>(w.samples.begin() + 2 * shard, w.samples.begin() + 2 * shard + 2));
                }
            }
        }
        ms::LoaderOptions bad = options(1, 2);
        bad.shards = 2;
        bad.shard = 2;
        MS_VERIFY_ERROR(ms::TrainingLoader(smallDataset(), bad));
    }

    void resumingMidEpochGivesTheSameBatches()
    {
        ms::LoaderOptions o = options(2, 2);
        ms::TrainingLoader full(smallDataset(), o), resumed(smallDataset(), o);
        const auto all = epoch(full, 3);
        QCOMPARE(int(all.size()), 5);
        const auto rest = epoch(resumed, 3, 2);
        QCOMPARE(int(rest.size()), 3);
        for (size_t i = 0; i < rest.size(); ++i)
            QVERIFY(sameBatch(rest[i], all[i + 2]));
        QVERIFY(epoch(resumed, 3, 5).empty());
        MS_VERIFY_ERROR(resumed.startEpoch(3, 6));
        MS_VERIFY_ERROR(resumed.startEpoch(3, -1));
        // Stopping part-way and starting again.
        resumed.startEpoch(3, 0);
        QVERIFY(sameBatch(*resumed.next(), all[0]));
        resumed.stop();
        QVERIFY(!resumed.next());
        QVERIFY(sameBatch(epoch(resumed, 3, 4).at(0), all[4]));
    }

    void orderIsAPermutationOfTheSeedAndEpoch()
    {
        ms::TrainingLoader loader(smallDataset(), options(1));
        const auto order = loader.epochOrder(0);
        std::vector<int64_t> sorted = order;
        std::sort(sorted.begin(), sorted.end());
        QVERIFY((sorted == std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        QVERIFY(order != sorted);
        QVERIFY(order == loader.epochOrder(0));
        QVERIFY(order != loader.epochOrder(1));
        const auto batches = epoch(loader, 0);
        QVERIFY((batches[1].samples == std::vector<int64_t>{order[3], order[4], order[5]}));

        ms::LoaderOptions plain = options(1);
        plain.shuffle = false;
        ms::TrainingLoader inOrder(smallDataset(), plain);
        QVERIFY(inOrder.epochOrder(4) == sorted);
    }

    void subsetAndFixedAugmentation()
    {
        ms::LoaderOptions o = options(2, 2);
        o.subsetSize = 4;  // 10 items: every int(10/4) = 2nd
        o.shuffle = false;
        o.fixedAugmentation = true;
        o.augment = ms::SampleAugment::validation(32);
        ms::TrainingLoader loader(smallDataset(), o);
        QVERIFY((loader.itemIndices() == std::vector<int64_t>{0, 2, 4, 6}));
        QCOMPARE(loader.samples(), int64_t(4));
        const auto first = epoch(loader, 0), second = epoch(loader, 7);
        QCOMPARE(int(first.size()), 2);
        QVERIFY((first[1].samples == std::vector<int64_t>{4, 6}));
        for (size_t i = 0; i < first.size(); ++i) {  // comparable validations
            QVERIFY(torch::equal(first[i].fgr, second[i].fgr));
            QVERIFY(torch::equal(first[i].bgr, second[i].bgr));
        }
        // Without fixed augmentation the epochs differ.
        o.fixedAugmentation = false;
        ms::TrainingLoader varying(smallDataset(), o);
        QVERIFY(!torch::equal(epoch(varying, 0)[0].fgr, epoch(varying, 7)[0].fgr));
        // A subset larger than the data keeps everything.
        o.subsetSize = 50;
        ms::TrainingLoader everything(smallDataset(), o);
        QCOMPARE(everything.samples(), int64_t(10));
    }

    void prefetchIsBounded()
    {
        ms::LoaderOptions o = options(3, 2);
        o.prefetchBatches = 2;
        ms::TrainingLoader loader(smallDataset(), o);
        // Waits until `n` samples are loaded (or 10 s), then a little longer to see that no more come.
        auto settle = [&](int64_t n) {
            for (int i = 0; i < 1000 && loader.samplesLoaded() < n; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return loader.samplesLoaded();
        };
        loader.startEpoch(0);
        QCOMPARE(settle(4), int64_t(4));  // two batches of two, no more
        QVERIFY(loader.next());
        QCOMPARE(settle(6), int64_t(6));
        int rest = 0;
        while (loader.next())
            ++rest;
        QCOMPARE(rest, 4);
        QCOMPARE(loader.samplesLoaded(), int64_t(10));
    }

    void workerFailureSurfacesAfterTheGoodBatches()
    {
        ms::SplitFiles files = smallDataset();
        const std::string dir = mstest::scratchDir("loader-broken");
        mstest::writeBytes(dir + "/broken.png", "not an image at all");
        files.fgr[5].path = dir + "/broken.png";
        ms::LoaderOptions o = options(3, 2);
        o.shuffle = false;
        ms::TrainingLoader loader(files, o);
        loader.startEpoch(0);
        QVERIFY(loader.next());  // items 0, 1
        QVERIFY(loader.next());  // items 2, 3
        const std::string e = mstest::errorOf([&] { loader.next(); });
        QVERIFY2(e.find("broken.png") != std::string::npos && e.find("<not an ms::Error>") == std::string::npos,
                 e.c_str());
        MS_VERIFY_ERROR(loader.next());  // stays failed
        // A background that vanished is named too.
        files = smallDataset();
        files.backgrounds[0].path = dir + "/gone.png";
        ms::TrainingLoader gone(files, o);
        gone.startEpoch(0);
        const std::string g = mstest::errorOf([&] { gone.next(); });
        QVERIFY2(g.find("gone.png") != std::string::npos, g.c_str());
    }

    void videoFramesLoad()
    {
        // fgr/pha videos of 6 flat frames (value 30 + 35 i and 40 i), one background image.
        const std::string dir = mstest::scratchDir("loader-video");
        mstest::writeVideo(dir + "/fgr/clip.avi", 6, 32, 32, 30, 35);
        mstest::writeVideo(dir + "/pha/clip.avi", 6, 32, 32, 0, 40);
        mstest::writePng(dir + "/bgr/b.png", mstest::solid(40, 32, CV_8UC3, cv::Scalar(10, 20, 30)));
        ms::DatasetConfig config;
        config.train = config.valid = {dir + "/fgr", dir + "/pha", dir + "/bgr"};
        const ms::DatasetCheck check = ms::checkDataset(config);
        QVERIFY2(check.ok(), check.report().c_str());
        QCOMPARE(int(check.train.fgr.size()), 6);
        ms::LoaderOptions o = options(2, 2);
        o.augment.size = 32;
        o.augment.affine = o.augment.flip = o.augment.blur = o.augment.sharpen = o.augment.colorJitter = false;
        ms::TrainingLoader loader(check.train, o);
        QCOMPARE(loader.samples(), int64_t(6));
        for (const auto& b : epoch(loader, 2)) {
            for (int row = 0; row < 2; ++row) {
                const int64_t frame = b.samples[row];
                const float fgr = b.fgr[row].mean().item<float>() * 255, pha = b.pha[row].mean().item<float>() * 255;
                QVERIFY2(std::abs(fgr - static_cast<float>(30 + 35 * frame)) < 3, std::to_string(fgr).c_str());
                QVERIFY2(std::abs(pha - static_cast<float>(40 * frame)) < 3, std::to_string(pha).c_str());
            }
        }
    }

    void rejectsUnusableInput()
    {
        ms::SplitFiles files = smallDataset();
        files.pha.pop_back();
        MS_VERIFY_ERROR(ms::TrainingLoader(files, options(1)));
        files = smallDataset();
        files.backgrounds.clear();
        MS_VERIFY_ERROR(ms::TrainingLoader(files, options(1)));
        MS_VERIFY_ERROR(ms::TrainingLoader(ms::SplitFiles{}, options(1)));
        MS_VERIFY_ERROR(ms::TrainingLoader(smallDataset(), options(1, 11)));  // no complete batch
        ms::TrainingLoader loader(smallDataset(), options(1));
        MS_VERIFY_ERROR(loader.next());  // before startEpoch
    }

    // Throughput at the reference's size; run with MS_LOADER_BENCH=1 (not part of the suite).
    void throughput()
    {
        if (!qEnvironmentVariableIsSet("MS_LOADER_BENCH"))
            QSKIP("set MS_LOADER_BENCH=1 to measure");
        const ms::DatasetCheck check = ms::checkDataset(mstest::freshSyntheticDataset(
            mstest::workDir() + "/loader-bench", mstest::syntheticOptions(64, 1, 1024, 768)));
        for (int workers : {1, 2}) {
            ms::LoaderOptions o = options(workers, 8);
            o.augment = ms::SampleAugment::training(ms::ModelType::MattingBase, 512);
            ms::TrainingLoader loader(check.train, o);
            const auto start = std::chrono::steady_clock::now();
            const auto batches = epoch(loader, 0);
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            qInfo("512x512 from 1024x768 PNG, %d worker(s): %.1f samples/s", workers,
                  static_cast<double>(batches.size() * 8) / s);
        }
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestLoader)
#include "tst_loader.moc"
