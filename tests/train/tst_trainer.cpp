// Training runs end to end on a tiny synthetic dataset: checkpoint names and intervals, sidecars,
// validation cadence, TensorBoard and JSON-lines logs, exact resume, pause/stop, bad data.
#include "TestSupport.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "data/DatasetConfig.h"
#include "data/DatasetIndex.h"
#include "data/SyntheticDataset.h"
#include "log/MetricsLog.h"
#include "log/TensorBoardReader.h"
#include "model/MattingModel.h"
#include "train/BatchAugment.h"
#include "train/CheckpointStore.h"
#include "train/CollapseWatch.h"
#include "train/LoaderSetup.h"
#include "train/OptimizerSetup.h"
#include "train/PretrainedWeights.h"
#include "train/Trainer.h"
#include "worker/TrainingWorker.h"

#include <QSignalSpy>
#include <QThread>

namespace fs = std::filesystem;

class TestTrainer : public QObject {
    Q_OBJECT

    std::string dataset;

    ms::TrainConfig tinyConfig(const std::string& root) const
    {
        ms::TrainConfig c = ms::defaultTrainConfig(ms::ModelType::MattingBase);
        c.model.backbone = ms::Backbone::MobileNetV2;
        c.modelName = "tiny";
        c.dataset = dataset;
        c.outputRoot = root;
        c.batchSize = 2;
        c.numWorkers = 2;
        c.trainSize = 64;
        c.epochEnd = 1;
        c.validSamples = 2;
        c.logTrainLossInterval = 1;
        c.logTrainImagesInterval = 2;
        c.logValidInterval = 1000;
        c.checkpointInterval = 1000;
        c.seed = 3;
        return c;
    }

    static ms::StateDict weightsOf(const std::string& path) { return ms::readCheckpointFile(path).tensors; }

private Q_SLOTS:
    void initTestCase()
    {
        ms::SyntheticDatasetOptions o;
        o.trainCount = 8;
        o.validCount = 3;
        o.width = o.height = 72;
        o.seed = 5;
        dataset = mstest::scratchDir("trainer-data") + "/synthetic";
        ms::writeSyntheticDataset(dataset, o);
    }

    void configRoundTripsAndValidates()
    {
        ms::TrainConfig c = tinyConfig("/tmp/x");
        c.augment.shadow = false;
        c.model.type = ms::ModelType::MattingRefine;
        c.keepLast = 3;
        const ms::TrainConfig back = ms::trainConfigFromJson(ms::toJson(c));
        QCOMPARE(ms::toJson(back), ms::toJson(c));
        QVERIFY(!back.augment.shadow && back.keepLast == 3 && back.model.type == ms::ModelType::MattingRefine);
        c.batchSize = 0;
        c.trainSize = 10;
        const std::string message = mstest::errorOf([&] { ms::validate(c); });
        QVERIFY2(message.find("batch size") != std::string::npos && message.find("training size") != std::string::npos,
                 message.c_str());
        MS_VERIFY_ERROR(ms::trainConfigFromJson(R"({"batch_size": "eight"})"));
        MS_VERIFY_ERROR(ms::trainConfigFromJson(R"({"model_backbone": "vgg"})"));
    }

    void batchAugmentationIsDeterministicPerStep()
    {
        torch::manual_seed(1);
        const torch::Tensor fgr = torch::rand({3, 3, 64, 64}), pha = torch::rand({3, 1, 64, 64}),
                            bgr = torch::rand({3, 3, 64, 64});
        const ms::AugmentSwitches on;
        const auto a = ms::augmentBatch(fgr, pha, bgr, ms::ModelType::MattingBase, on, 9, 4);
        const auto b = ms::augmentBatch(fgr, pha, bgr, ms::ModelType::MattingBase, on, 9, 4);
        const auto c = ms::augmentBatch(fgr, pha, bgr, ms::ModelType::MattingBase, on, 9, 5);
        QVERIFY(torch::equal(a.src, b.src) && torch::equal(a.bgr, b.bgr) && torch::equal(a.truePha, b.truePha));
        QVERIFY(a.src.sizes() != c.src.sizes() || !torch::equal(a.src, c.src));
        QVERIFY(a.src.size(2) >= 32 && a.src.size(2) < 64);

        // Everything off: the plain composite of the inputs.
        ms::AugmentSwitches off;
        off.shadow = off.noise = off.backgroundJitter = off.backgroundAffine = off.randomCrop = false;
        const auto plain = ms::augmentBatch(fgr, pha, bgr, ms::ModelType::MattingBase, off, 9, 4);
        QVERIFY(torch::allclose(plain.src, fgr * pha + bgr * (1 - pha)));
        QVERIFY(torch::equal(plain.bgr, bgr));

        // Refine crops to multiples of 4.
        const auto r = ms::augmentBatch(fgr, pha, bgr, ms::ModelType::MattingRefine, on, 9, 4);
        QCOMPARE(r.src.size(2) % 4, 0);
        QCOMPARE(r.src.size(3) % 4, 0);
    }

    void checkpointsLogsAndValidationCadence()
    {
        const std::string root = mstest::scratchDir("trainer-run");
        ms::TrainConfig c = tinyConfig(root);
        c.checkpointInterval = 3;  // 4 steps per epoch, 2 epochs: steps 2 and 5 + two epoch ends
        c.logValidInterval = 2;    // batch index i+1 = 2, 4 in each epoch, i.e. steps 1, 3, 5, 7
        c.epochEnd = 2;
        int validations = 0, steps = 0, previews = 0;
        std::vector<std::string> saved;
        ms::TrainerEvents events;
        events.step = [&](const ms::StepReport& r) {
            QVERIFY(std::isfinite(r.loss));
            QCOMPARE(r.totalSteps, int64_t(8));
            ++steps;
        };
        events.validated = [&](const ms::ValidationReport& v) {
            QCOMPARE(v.samples, int64_t(2));
            QVERIFY(v.metrics.count("sad") && v.metrics.count("conn"));
            ++validations;
        };
        events.checkpointSaved = [&](const std::string& path, int64_t) { saved.push_back(fs::path(path).filename()); };
        events.preview = [&](int64_t, const cv::Mat& m) {
            QCOMPARE(m.type(), CV_8UC3);
            ++previews;
        };
        ms::Trainer trainer(c, events);
        ms::CancelToken cancel;
        ms::PauseGate pause;
        const ms::TrainResult result = trainer.run(cancel, pause);
        QVERIFY(result.completed);
        QCOMPARE(steps, 8);
        QCOMPARE(validations, 4);
        QCOMPARE(previews, 4);
        const std::vector<std::string> expected = {"epoch-0-iter-2.pth", "epoch-0.pth", "epoch-1-iter-5.pth",
                                                   "epoch-1.pth"};
        QVERIFY(saved == expected);

        const std::string folder = root + "/checkpoint/tiny";
        for (const auto& name : expected) {
            QVERIFY(fs::exists(folder + "/" + name));
            QVERIFY(fs::exists(ms::sidecarPath(folder + "/" + name)));
            QVERIFY(fs::exists(ms::statePath(folder + "/" + name)));
        }
        const ms::CheckpointRecord r = ms::readCheckpointRecord(folder + "/epoch-1-iter-5.pth");
        QCOMPARE(r.epoch, 1);
        QCOMPARE(r.step, int64_t(5));
        QCOMPARE(r.nextStep, int64_t(6));
        QVERIFY(r.validLoss.has_value() && std::isfinite(r.trainLoss));
        QVERIFY(r.config.modelName == "tiny");
        // The weights are a plain state_dict with the reference's keys (no optimizer inside).
        QVERIFY(weightsOf(folder + "/epoch-1.pth").contains("backbone.features.0.0.weight"));
        QVERIFY(!weightsOf(folder + "/epoch-1.pth").contains("adam.0.exp_avg"));

        // TensorBoard: loss every step, valid_loss at each validation; JSON lines alike.
        const auto scalars = ms::readTensorBoardScalars(root + "/log/tiny");
        int losses = 0, valids = 0;
        for (const auto& s : scalars) {
            losses += s.tag == "loss";
            valids += s.tag == "valid_loss";
        }
        QCOMPARE(losses, 8);
        QCOMPARE(valids, 4);
        QVERIFY(!ms::readTensorBoardImages(root + "/log/tiny").empty());
        const auto lines = ms::readMetricsLog(root + "/log/tiny/metrics.jsonl");
        QCOMPARE(static_cast<int>(lines.size()), 12);
        QVERIFY(lines.back()["kind"].get<std::string>() == "valid");
    }

    // Validation follows optimizer steps by default, whatever the epoch length; the reference's
    // batch-within-epoch counting on request. A checkpoint records only a validation of its own step.
    void validationCountsStepsUnlessPerEpoch_data()
    {
        QTest::addColumn<bool>("perEpoch");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("steps") << false << QList<qint64>{2, 5, 7};     // every 3rd step + the last
        QTest::newRow("per epoch") << true << QList<qint64>{2, 6, 7};  // batch 3 of each 4 + the last
    }

    void validationCountsStepsUnlessPerEpoch()
    {
        QFETCH(bool, perEpoch);
        QFETCH(QList<qint64>, expected);
        const std::string root = mstest::scratchDir(perEpoch ? "trainer-valid-epoch" : "trainer-valid-steps");
        ms::TrainConfig c = tinyConfig(root);
        c.epochEnd = 2;  // 4 steps per epoch
        c.logValidInterval = 3;
        c.logIntervalsPerEpoch = perEpoch;
        c.checkpointInterval = 2;
        c.logTrainImagesInterval = 1000;
        QList<qint64> validated;
        ms::TrainerEvents events;
        events.validated = [&](const ms::ValidationReport& v) {
            validated.push_back(v.step);
            QVERIFY(v.trueAlphaMean > 0 && v.trueAlphaMean < 1);
            QVERIFY(v.predictedAlphaMean >= 0 && v.predictedAlphaMean <= 1);
        };
        ms::Trainer trainer(c, events);
        ms::CancelToken cancel;
        ms::PauseGate pause;
        QVERIFY(trainer.run(cancel, pause).completed);
        QVERIFY(validated == expected);

        const std::string folder = root + "/checkpoint/tiny";
        int withValidation = 0;
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (entry.path().extension() != ".pth")
                continue;
            const ms::CheckpointRecord r = ms::readCheckpointRecord(entry.path().string());
            const bool measured = expected.contains(r.step);
            QVERIFY2(r.validLoss.has_value() == measured, entry.path().c_str());
            QVERIFY2(r.metrics.is_null() != measured, entry.path().c_str());
            withValidation += measured;
        }
        QVERIFY(withValidation > 0);  // checkpoints at steps 1, 3, 5, 7 and the epoch ends 3, 7
    }

    // The cosine schedule: full rate at the start, half midway, nearly none at the last step; a
    // function of the step alone (resume continues it). Constant is the reference's.
    void learningRateSchedule()
    {
        QCOMPARE(ms::learningRateFactor(false, 250, 300), 1.0);
        QCOMPARE(ms::learningRateFactor(true, 0, 300), 1.0);
        QVERIFY(std::abs(ms::learningRateFactor(true, 150, 300) - 0.5) < 1e-12);
        QVERIFY(ms::learningRateFactor(true, 299, 300) < 1e-3);
        for (int64_t step = 1; step < 300; ++step)
            QVERIFY(ms::learningRateFactor(true, step, 300) < ms::learningRateFactor(true, step - 1, 300));

        torch::manual_seed(1);
        ms::ModelSpec spec;
        spec.type = ms::ModelType::MattingBase;
        spec.backbone = ms::Backbone::MobileNetV2;
        auto model = ms::createModel(spec);
        auto adam = ms::makeAdam(*model, ms::ModelType::MattingBase, 2.0);
        const std::vector<double> initial = ms::learningRates(*adam);
        QVERIFY(initial == (std::vector<double>{2e-4, 1e-3, 1e-3}));  // the reference's, doubled
        ms::scaleLearningRates(*adam, initial, 0.25);
        QVERIFY(ms::learningRates(*adam) == (std::vector<double>{5e-5, 2.5e-4, 2.5e-4}));
    }

    // An empty matte validation after validation raises one warning; recovering re-arms it.
    void collapseWatchWarnsOnRepeatedEmptyMattes()
    {
        ms::CollapseWatch watch(3, 0.1);
        auto report = [](int64_t step, double predicted) {
            ms::ValidationReport r;
            r.step = step;
            r.predictedAlphaMean = predicted;
            r.trueAlphaMean = 0.2;
            return r;
        };
        QVERIFY(!watch.observe(report(0, 0.001)));
        QVERIFY(!watch.observe(report(10, 0.001)));
        QVERIFY(!watch.observe(report(20, 0.05)));  // a real (partial) matte breaks the row
        QVERIFY(!watch.observe(report(30, 0.001)));
        QVERIFY(!watch.observe(report(40, 0.019)));
        const auto warning = watch.observe(report(50, 0.0));
        QVERIFY(warning.has_value());
        QVERIFY2(warning->find("steps 30 to 50") != std::string::npos, warning->c_str());
        QVERIFY2(warning->find("--seed") != std::string::npos, warning->c_str());
        QVERIFY(!watch.observe(report(60, 0.0)));  // said once
        QVERIFY(!watch.observe(report(70, 0.1)));  // recovered
        QVERIFY(!watch.observe(report(80, 0.0)));
        QVERIFY(!watch.observe(report(90, 0.0)));
        QVERIFY(watch.observe(report(100, 0.0)).has_value());
        ms::ValidationReport unknown;  // no ground-truth foreground: nothing to judge
        unknown.trueAlphaMean = 0;
        unknown.predictedAlphaMean = 0;
        QVERIFY(!watch.observe(unknown));
    }

    void loaderResumesMidEpochIdentically()
    {
        const ms::TrainConfig c = tinyConfig("/tmp/unused");
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dataset));
        ms::TrainingLoader full(check.train, ms::trainingLoaderOptions(c));
        full.startEpoch(0);
        std::vector<ms::TrainingBatch> all;
        while (auto b = full.next())
            all.push_back(*b);
        QCOMPARE(static_cast<int>(all.size()), 4);
        ms::TrainingLoader resumed(check.train, ms::trainingLoaderOptions(c));
        resumed.startEpoch(0, 3);
        const auto b = resumed.next();
        QVERIFY(b.has_value());
        QVERIFY(b->samples == all[3].samples);
        QVERIFY(torch::equal(b->fgr, all[3].fgr));
        QVERIFY(torch::equal(b->pha, all[3].pha));
        QVERIFY(torch::equal(b->bgr, all[3].bgr));
    }

    void resumeContinuesExactly()
    {
        // 6 steps straight vs 3 steps, stop, resume to 6 (crossing the epoch boundary at 4).
        const std::string rootA = mstest::scratchDir("trainer-straight"), rootB = mstest::scratchDir("trainer-split");
        ms::CancelToken cancel;
        ms::PauseGate pause;
        ms::TrainConfig a = tinyConfig(rootA);
        a.epochEnd = 2;
        a.maxSteps = 6;
        a.checkpointInterval = 3;  // the straight run also saves after step 2, for comparison
        ms::Trainer(a, {}).run(cancel, pause);

        ms::TrainConfig b = tinyConfig(rootB);
        b.epochEnd = 2;
        b.checkpointInterval = 3;
        b.maxSteps = 3;
        const ms::TrainResult first = ms::Trainer(b, {}).run(cancel, pause);
        QVERIFY(first.completed);
        QVERIFY(fs::path(first.lastCheckpoint).filename() == "epoch-0-iter-2.pth");
        b.maxSteps = 6;
        const auto latest = ms::CheckpointStore(rootB, "tiny").latest();
        QVERIFY(latest.has_value());
        QVERIFY(*latest == first.lastCheckpoint);
        ms::Trainer resumed(b, {});
        resumed.resumeFrom(*latest);
        const ms::TrainResult second = resumed.run(cancel, pause);
        QCOMPARE(second.firstStep, int64_t(3));
        QCOMPARE(second.nextStep, int64_t(6));

        const ms::StateDict wa = weightsOf(rootA + "/checkpoint/tiny/epoch-1-iter-5.pth");
        const ms::StateDict wb = weightsOf(rootB + "/checkpoint/tiny/epoch-1-iter-5.pth");
        QCOMPARE(wa.size(), wb.size());
        for (const auto& item : wa)
            QVERIFY2(torch::equal(item.value(), wb[item.key()]), item.key().c_str());
        // The training states agree too (Adam moments).
        const ms::StateDict sa = weightsOf(ms::statePath(rootA + "/checkpoint/tiny/epoch-1-iter-5.pth"));
        const ms::StateDict sb = weightsOf(ms::statePath(rootB + "/checkpoint/tiny/epoch-1-iter-5.pth"));
        for (const auto& item : sa)
            QVERIFY2(torch::equal(item.value(), sb[item.key()]), item.key().c_str());
    }

    void workerPausesResumesAndStops()
    {
        const std::string root = mstest::scratchDir("trainer-worker");
        ms::TrainConfig c = tinyConfig(root);
        c.epochEnd = 1000;
        QThread thread;
        ms::TrainingWorker worker;
        worker.moveToThread(&thread);
        thread.start();
        QSignalSpy progress(&worker, &ms::TrainingWorker::progress);
        QSignalSpy finished(&worker, &ms::TrainingWorker::finished);
        QSignalSpy saved(&worker, &ms::TrainingWorker::checkpointSaved);
        QSignalSpy paused(&worker, &ms::TrainingWorker::pausedChanged);
        QMetaObject::invokeMethod(
            &worker, [&worker, c] { worker.start(c); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 120000);
        worker.pause();
        QCOMPARE(paused.count(), 1);
        // The step in flight finishes; then the trainer waits at the gate and can report nothing.
        QTRY_VERIFY_WITH_TIMEOUT(worker.isHoldingAtPause(), 60000);
        QCoreApplication::processEvents();  // progress of that last step, queued before it parked
        const auto atPause = progress.count();
        QCoreApplication::processEvents();
        QCOMPARE(progress.count(), atPause);
        QVERIFY(worker.isPaused() && worker.isHoldingAtPause());
        worker.resume();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > atPause, 60000);
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        QCOMPARE(finished.first().at(0).value<ms::TrainingWorker::RunEnd>(), ms::TrainingWorker::RunEnd::Stopped);
        QVERIFY(finished.first().at(2).toString().isEmpty());  // and no error
        // Stop saves a checkpoint of the last step trained (epoch ends saved some before).
        QVERIFY(saved.count() >= 1);
        QCOMPARE(saved.last().at(1).toLongLong(), progress.last().at(0).toLongLong());
        QVERIFY(fs::exists(saved.last().at(0).toString().toStdString()));
        thread.quit();
        thread.wait();
    }

    void refineTrainsFromBaseWarmStart()
    {
        // Base first, then refine starting from it (the reference's two stages), tiny sizes.
        const std::string root = mstest::scratchDir("trainer-refine");
        ms::CancelToken cancel;
        ms::PauseGate pause;
        ms::TrainConfig base = tinyConfig(root);
        base.maxSteps = 1;
        const ms::TrainResult b = ms::Trainer(base, {}).run(cancel, pause);

        ms::TrainConfig r = tinyConfig(root);
        r.model.type = ms::ModelType::MattingRefine;
        r.model.backboneScale = 0.5;
        r.model.refineSamplePixels = 400;
        r.modelName = "tiny-refine";
        r.lastCheckpoint = b.lastCheckpoint;
        r.maxSteps = 2;
        std::vector<std::string> infos;
        ms::TrainerEvents events;
        events.info = [&](const std::string& t) { infos.push_back(t); };
        const ms::TrainResult result = ms::Trainer(r, events).run(cancel, pause);
        QVERIFY(result.completed && result.lastValidLoss && std::isfinite(*result.lastValidLoss));
        // The load report names the refiner weights the base checkpoint lacks.
        bool reported = false;
        for (const auto& t : infos)
            reported =
                reported || (t.find(b.lastCheckpoint) != std::string::npos && t.find("missing") != std::string::npos);
        QVERIFY(reported);
        QVERIFY(weightsOf(result.lastCheckpoint).contains("refiner.conv1.weight"));
    }

    void nonFiniteLossStopsWithAdvice()
    {
        const std::string root = mstest::scratchDir("trainer-nan");
        auto model = ms::createModel([] {
            ms::ModelSpec s;
            s.type = ms::ModelType::MattingBase;
            s.backbone = ms::Backbone::MobileNetV2;
            return s;
        }());
        ms::StateDict weights = ms::stateDictOf(*model);
        torch::NoGradGuard noGrad;  // the tensors are the model's parameters
        weights["decoder.conv4.weight"].fill_(std::numeric_limits<float>::quiet_NaN());
        ms::writeCheckpointFile(root + "/nan.pth", weights);
        ms::TrainConfig c = tinyConfig(root);
        c.lastCheckpoint = root + "/nan.pth";
        ms::CancelToken cancel;
        ms::PauseGate pause;
        const std::string message = mstest::errorOf([&] { ms::Trainer(c, {}).run(cancel, pause); });
        QVERIFY2(message.find("not a number") != std::string::npos && message.find("step 0") != std::string::npos,
                 message.c_str());
    }

    void retentionKeepsLastAndBest()
    {
        const std::string root = mstest::scratchDir("trainer-keep");
        ms::TrainConfig c = tinyConfig(root);
        c.epochEnd = 2;
        c.checkpointInterval = 1;
        c.logValidInterval = 2;
        c.keepLast = 2;
        c.keepBest = true;
        ms::CancelToken cancel;
        ms::PauseGate pause;
        ms::Trainer(c, {}).run(cancel, pause);
        const std::string folder = root + "/checkpoint/tiny";
        int interval = 0;
        for (const auto& e : fs::directory_iterator(folder))
            interval +=
                e.path().filename().string().find("-iter-") != std::string::npos && e.path().extension() == ".pth";
        // Epoch-end and interval checkpoints count alike: the newest two are the last step's two.
        QCOMPARE(interval, 1);
        QVERIFY(fs::exists(folder + "/epoch-1-iter-7.pth") && fs::exists(folder + "/epoch-1.pth"));
        QVERIFY(!fs::exists(folder + "/epoch-1-iter-6.pth") && !fs::exists(folder + "/epoch-0.pth"));
        QVERIFY(!fs::exists(folder + "/epoch-0.state") && !fs::exists(folder + "/epoch-0.json"));
        QVERIFY(fs::exists(folder + "/best.pth"));
        QVERIFY(ms::readCheckpointRecord(folder + "/best.pth").validLoss.has_value());
    }

    void pretrainedWeightsAreRenamed()
    {
        ms::StateDict deeplab;
        deeplab.insert("backbone.low_level_features.1.conv.0.0.weight", torch::zeros({1}));
        deeplab.insert("backbone.high_level_features.0.conv.0.0.weight", torch::zeros({1}));
        deeplab.insert("classifier.classifier.0.convs.0.0.weight", torch::zeros({1}));
        deeplab.insert("classifier.classifier.4.weight", torch::zeros({1}));
        const ms::PretrainedWeights d = ms::remapPretrained(deeplab, ms::Backbone::MobileNetV2);
        QVERIFY(d.kind == ms::PretrainedKind::DeepLabV3);
        QVERIFY(d.tensors.contains("backbone.features.1.conv.0.0.weight"));
        QVERIFY(d.tensors.contains("backbone.features.4.conv.0.0.weight"));
        QVERIFY(d.tensors.contains("aspp.convs.0.0.weight"));
        QCOMPARE(static_cast<int>(d.tensors.size()), 3);

        // torchvision ImageNet MobileNetV2: every backbone tensor but the 6-channel first conv fits.
        auto model = ms::createModel([] {
            ms::ModelSpec s;
            s.type = ms::ModelType::MattingBase;
            s.backbone = ms::Backbone::MobileNetV2;
            return s;
        }());
        ms::StateDict torchvision;
        for (const auto& item : ms::stateDictOf(*model))
            if (item.key().rfind("backbone.", 0) == 0)
                torchvision.insert(item.key().substr(9), item.value().clone());
        torchvision["features.0.0.weight"] = torch::zeros({32, 3, 3, 3});
        torchvision.insert("classifier.1.weight", torch::zeros({1000, 1280}));
        const ms::PretrainedWeights t = ms::remapPretrained(torchvision, ms::Backbone::MobileNetV2);
        QVERIFY(t.kind == ms::PretrainedKind::TorchvisionBackbone);
        const ms::LoadReport report = ms::loadStateDict(*model, t.tensors);
        QCOMPARE(static_cast<int>(report.mismatched.size()), 1);
        QVERIFY(report.mismatched.front().key == "backbone.features.0.0.weight");
        QVERIFY(report.unexpected.empty());
    }

    void badDataIsReportedBeforeTraining()
    {
        const std::string root = mstest::scratchDir("trainer-bad");
        ms::TrainConfig c = tinyConfig(root);
        c.dataset = root + "/nowhere";
        ms::CancelToken cancel;
        ms::PauseGate pause;
        std::string message = mstest::errorOf([&] { ms::Trainer(c, {}).run(cancel, pause); });
        QVERIFY2(message.find("nowhere") != std::string::npos, message.c_str());

        // A dataset whose valid alpha folder is gone.
        const std::string broken = root + "/broken";
        fs::copy(dataset, broken, fs::copy_options::recursive);
        fs::remove_all(broken + "/valid/pha");
        c.dataset = broken;
        message = mstest::errorOf([&] { ms::Trainer(c, {}).run(cancel, pause); });
        QVERIFY2(message.find("valid/pha") != std::string::npos || message.find("valid") != std::string::npos,
                 message.c_str());
        QVERIFY(!fs::exists(root + "/checkpoint"));

        // Resuming needs the training state beside the weights.
        c.dataset = dataset;
        c.maxSteps = 1;
        const ms::TrainResult r = ms::Trainer(c, {}).run(cancel, pause);
        fs::remove(ms::statePath(r.lastCheckpoint));
        ms::Trainer resumed(c, {});
        message = mstest::errorOf([&] { resumed.resumeFrom(r.lastCheckpoint); });
        QVERIFY2(message.find("training state") != std::string::npos, message.c_str());
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestTrainer)
#include "tst_trainer.moc"
