#include "train/Trainer.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "core/Device.h"
#include "core/Error.h"
#include "core/Stopwatch.h"
#include "core/Threads.h"
#include "core/TorchCompat.h"
#include "data/DatasetConfig.h"
#include "data/DatasetIndex.h"
#include "data/TrainingLoader.h"
#include "dist/DistributedGroup.h"
#include "dist/GradientSync.h"
#include "io/AtomicFile.h"
#include "log/MetricsLog.h"
#include "log/TensorBoardWriter.h"
#include "model/MattingModel.h"
#include "model/ShardedDropout.h"
#include "platform/Paths.h"
#include "train/BatchAugment.h"
#include "train/CheckpointStore.h"
#include "train/CollapseWatch.h"
#include "train/DeviceBatchCopier.h"
#include "train/LoaderSetup.h"
#include "train/LossScaler.h"
#include "train/Losses.h"
#include "train/OptimizerSetup.h"
#include "train/PretrainedWeights.h"
#include "train/TrainFields.h"
#include "train/TrainingPreview.h"
#include "train/Validation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace ms {

namespace {

// splitmix64 of (seed, step): well-spread seeds for neighbouring steps.
uint64_t stepSeed(uint64_t seed, int64_t step)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (static_cast<uint64_t>(step) + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

bool isOutOfMemory(const std::exception& e)
{
    const std::string what = e.what();
    return dynamic_cast<const std::bad_alloc*>(&e) || what.find("out of memory") != std::string::npos ||
           what.find("DefaultCPUAllocator: can't allocate") != std::string::npos;
}

}  // namespace

struct Trainer::Impl {
    TrainConfig config;
    TrainerEvents events;
    std::optional<CheckpointRecord> resume;

    // Set up by run().
    torch::Device device{torch::kCPU};
    std::shared_ptr<MattingBase> model;
    std::unique_ptr<torch::optim::Adam> optimizer;
    std::unique_ptr<LossScaler> scaler;
    std::unique_ptr<TrainingLoader> trainLoader, validLoader;
    std::unique_ptr<DeviceBatchCopier> copier;  // the training batches' way to the device
    std::unique_ptr<CheckpointStore> store;
    std::unique_ptr<TensorBoardWriter> board;
    std::unique_ptr<MetricsLog> metricsLog;
    std::shared_ptr<DistributedGroup> group;  // null: a single process
    std::unique_ptr<GradientSync> gradientSync;

    bool isMain() const { return !group || group->rank() == 0; }
    int worldSize() const { return group ? group->worldSize() : 1; }

    std::optional<double> lastValidLoss, bestValidLoss;
    nlohmann::json lastMetrics;
    int64_t lastValidStep = -1;  // a checkpoint records the validation measured at its own step only
    CollapseWatch collapseWatch;
    std::vector<double> initialRates;  // per optimizer group, before any schedule
    double lossSinceCheckpoint = 0;
    int64_t stepsSinceCheckpoint = 0;
    int64_t lastSavedStep = -2;
    std::string lastCheckpoint;
    double elapsedBefore = 0;  // training time of earlier runs (resume)
    Clock::time_point runStart;

    void info(const std::string& text) const
    {
        if (events.info)
            events.info(text);
    }
    void warn(const std::string& text) const
    {
        if (events.warning)
            events.warning(text);
    }

    void prepareModel();
    void prepareDistributed();
    void prepareData();
    ValidationReport validate(int64_t step);
    void logImages(int64_t step, const AugmentedBatch& batch, const MattingOutput& out);
    // best: best.pth, a copy that leaves the run's own checkpoint bookkeeping alone.
    void saveCheckpoint(const std::string& path, int epoch, int64_t step, int64_t nextStep, bool best = false);
    std::string failureAdvice(const std::string& what, int64_t step) const;
};

Trainer::Trainer(TrainConfig config, TrainerEvents events)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->config = std::move(config);
    m_impl->events = std::move(events);
}

Trainer::~Trainer() = default;

void Trainer::setDistributed(std::shared_ptr<DistributedGroup> group) { m_impl->group = std::move(group); }

void Trainer::resumeFrom(const std::string& checkpoint)
{
    CheckpointRecord record = readCheckpointRecord(checkpoint);
    if (!fs::exists(platform::fsPath(statePath(checkpoint))))
        throw Error("cannot resume from " + checkpoint + ": its training state " + statePath(checkpoint) +
                    " is missing (use --model-last-checkpoint to start a new run from its weights)");
    // What the run is comes from the checkpoint; how long, where and how it runs from the new
    // request (TrainFields: identity and schedule fields).
    const TrainConfig& given = m_impl->config;
    TrainConfig merged = mergeForResume(record.config, given);
    if (!given.dataset.empty() && given.dataset != merged.dataset && fs::exists(platform::fsPath(given.dataset)))
        merged.dataset = given.dataset;  // the dataset moved; same content is the user's promise
    m_impl->config = merged;
    m_impl->resume = record;
}

void Trainer::Impl::prepareModel()
{
    torch::manual_seed(config.seed);  // identical initial weights for identical seeds
    model = createModel(config.model);
    if (resume) {
        const CheckpointFile weights = readCheckpointFile(resume->weightsPath);
        loadStateDict(*model, weights.tensors, LoadMode::Strict);
        info("resuming " + resume->weightsPath + " at step " + std::to_string(resume->nextStep));
    } else {
        if (!config.pretrainInitialization.empty()) {
            const PretrainedWeights pre =
                remapPretrained(readCheckpointFile(config.pretrainInitialization).tensors, config.model.backbone);
            const LoadReport report = loadStateDict(*model, pre.tensors, LoadMode::Partial);
            info(std::string("initialised from ") + pretrainedKindName(pre.kind) + " " + config.pretrainInitialization +
                 ": " + report.summary());
        }
        if (!config.lastCheckpoint.empty()) {
            const LoadReport report =
                loadStateDict(*model, readCheckpointFile(config.lastCheckpoint).tensors, LoadMode::Partial);
            info("loaded " + config.lastCheckpoint + ": " + report.summary());
            if (!report.isExact())
                info(report.details(10));
        }
    }
    model->to(device);
    model->train();
    model->setAlphaGradientThroughClamp(config.alphaGradientThroughClamp);
    if (group)
        prepareDistributed();
    optimizer = makeAdam(*model, config.model.type, config.learningRateScale);
    initialRates = learningRates(*optimizer);
    scaler = std::make_unique<LossScaler>(config.amp && device.is_cuda());
    if (resume) {
        const CheckpointFile state = readCheckpointFile(statePath(resume->weightsPath));
        loadAdamState(*optimizer, state.tensors);
        const torch::Tensor* scale = state.tensors.find("scaler.scale");
        const torch::Tensor* growth = state.tensors.find("scaler.growth_tracker");
        if (scale && growth)
            scaler->restore(scale->item<double>(), growth->item<int64_t>());
        elapsedBefore = resume->elapsedSeconds;
        lastValidLoss = resume->validLoss;
        if (resume->validLoss)
            lastValidStep = resume->step;
    }
}

// Every rank starts from rank 0's weights; BatchNorm sees the global batch's statistics, and the
// ASPP dropout draws the global batch's mask and keeps this rank's rows.
void Trainer::Impl::prepareDistributed()
{
    broadcastModel(*group, *model);
    const auto reducer = group->batchStatsReducer();
    forEachBatchNorm(*model, [&](BatchNormLayerImpl& bn) { bn.setReducer(reducer); });
    const int64_t local = config.batchSize / worldSize();
    for (const auto& module : model->modules())
        if (auto* dropout = module->as<ShardedDropoutImpl>())
            dropout->setShard(group->rank() * local, config.batchSize);
    gradientSync = std::make_unique<GradientSync>(group, model->parameters());
    info("distributed: " + group->env().describe() + ", " + std::to_string(local) + " of the batch of " +
         std::to_string(config.batchSize) + " per rank, " + std::to_string(gradientSync->bucketCount()) +
         " gradient bucket(s), " + group->describeBackend());
}

void Trainer::Impl::prepareData()
{
    const DatasetConfig dataset = loadDatasetConfig(config.dataset);
    DatasetCheck check = checkDataset(dataset, trainingDatasetCheck(int(config.batchSize)));
    if (!check.ok())
        throw Error("the dataset " + dataset.file + " cannot be used:\n" + check.report());

    LoaderOptions train = trainingLoaderOptions(config);
    train.pinMemory = wantsPinnedBatches(device);
    if (group) {
        if (config.batchSize % worldSize() != 0)
            throw Error("the batch size " + std::to_string(config.batchSize) + " cannot be split evenly over " +
                        std::to_string(worldSize()) + " processes; use a multiple of " + std::to_string(worldSize()));
        train.batchSize = config.batchSize / worldSize();
        train.shards = worldSize();
        train.shard = group->rank();
    }
    trainLoader = std::make_unique<TrainingLoader>(check.train, train);
    copier = std::make_unique<DeviceBatchCopier>(device);
    if (trainLoader->batchesPerEpoch() < 1)
        throw Error("the training split has " + std::to_string(trainLoader->samples()) +
                    " samples, fewer than one batch of " + std::to_string(config.batchSize));

    if (isMain()) {  // only rank 0 validates
        LoaderOptions valid = validationLoaderOptions(config);
        valid.pinMemory = train.pinMemory;
        validLoader = std::make_unique<TrainingLoader>(check.valid, valid);
    }
}

ValidationReport Trainer::Impl::validate(int64_t step)
{
    return validateModel(*model, config.model.type, *validLoader, device, step);
}

void Trainer::Impl::logImages(int64_t step, const AugmentedBatch& b, const MattingOutput& out)
{
    const bool base = config.model.type == ModelType::MattingBase;
    board->addImage("train_pred_pha", imageGrid(out.pha), step);
    board->addImage("train_pred_fgr", imageGrid(out.fgr), step);
    board->addImage("train_pred_com", imageGrid(out.fgr * out.pha), step);
    board->addImage("train_pred_err", imageGrid(base ? out.err : out.errSm), step);
    board->addImage("train_true_src", imageGrid(b.src), step);
    if (base)
        board->addImage("train_true_bgr", imageGrid(b.bgr), step);
    if (events.preview)
        events.preview(step, previewGrid(out.pha, out.fgr, b.truePha));
}

void Trainer::Impl::saveCheckpoint(const std::string& path, int epoch, int64_t step, int64_t nextStep, bool best)
{
    if (!isMain()) {  // rank 0 writes for the run; the others keep the same bookkeeping
        if (!best) {
            lossSinceCheckpoint = 0;
            stepsSinceCheckpoint = 0;
            lastSavedStep = step;
            lastCheckpoint = path;
        }
        return;
    }
    StateDict state = adamState(*optimizer);
    state.insert("scaler.scale", torch::tensor(scaler->scale(), torch::kDouble));
    state.insert("scaler.growth_tracker", torch::tensor(scaler->growthTracker(), torch::kLong));
    state.insert("position.next_step", torch::tensor(nextStep, torch::kLong));
    state.insert("position.seed", torch::tensor(static_cast<int64_t>(config.seed), torch::kLong));

    CheckpointRecord record;
    record.epoch = epoch;
    record.step = step;
    record.nextStep = nextStep;
    record.trainLoss = stepsSinceCheckpoint ? lossSinceCheckpoint / static_cast<double>(stepsSinceCheckpoint) : NAN;
    if (lastValidStep == step) {
        record.validLoss = lastValidLoss;
        record.metrics = lastMetrics;
    }
    record.elapsedSeconds = elapsedBefore + secondsSince(runStart);
    record.time = isoTimeNow();
    record.config = config;
    // Weights are saved from CPU copies, so a CUDA run writes the same files a CPU run does.
    StateDict weights;
    for (const auto& item : stateDictOf(*model))
        weights.insert(item.key(), item.value().detach().to(torch::kCPU));
    store->write(path, weights, moduleVersions(*model), state, record);
    if (events.checkpointSaved)
        events.checkpointSaved(path, step);
    if (best)
        return;
    lossSinceCheckpoint = 0;
    stepsSinceCheckpoint = 0;
    lastSavedStep = step;
    lastCheckpoint = path;
    for (const auto& removed : store->prune(config.keepLast))
        info("removed old checkpoint " + removed + " (keep last " + std::to_string(config.keepLast) + ")");
}

std::string Trainer::Impl::failureAdvice(const std::string& what, int64_t step) const
{
    std::string message = what + " at step " + std::to_string(step);
    message += lastCheckpoint.empty() ? "; no checkpoint was written in this run"
                                      : "; the last good checkpoint is " + lastCheckpoint;
    return message;
}

TrainResult Trainer::run(const CancelToken& cancel, PauseGate& pause)
{
    Impl& d = *m_impl;
    TrainConfig& config = d.config;
    validate(config);
    configureThreads(config.threads);
    d.device = parseDevice(config.device);
    if (d.group)
        d.device = rankDevice(d.device, d.group->env());  // cuda -> cuda:LOCAL_RANK, as join did
    useRankDevice(d.device);                              // the training thread's current CUDA device; no-op on the CPU
    if (d.device.is_cuda())
        compat::disableTf32();
    d.prepareData();
    d.prepareModel();
    d.store = std::make_unique<CheckpointStore>(config.outputRoot, config.modelName);
    if (d.isMain()) {
        // Before anything is written: what earlier, killed runs left half-written in this run's folder.
        for (const auto& stale : removeStaleTemporaries(d.store->folder()))
            d.info("removed " + stale + ", a file a killed run left half-written");
        const std::string logDir = platform::utf8Path(
            (platform::fsPath(config.outputRoot) / "log" / platform::fsPath(config.modelName)).lexically_normal());
        d.board = std::make_unique<TensorBoardWriter>(logDir);
        d.metricsLog = std::make_unique<MetricsLog>(logDir + "/metrics.jsonl");
    }

    const int64_t perEpoch = d.trainLoader->batchesPerEpoch();
    int64_t totalSteps = static_cast<int64_t>(config.epochEnd) * perEpoch;
    if (config.maxSteps > 0)
        totalSteps = std::min(totalSteps, config.maxSteps);
    int64_t step = d.resume ? d.resume->nextStep : static_cast<int64_t>(config.epochStart) * perEpoch;
    TrainResult result;
    result.firstStep = step;
    if (step >= totalSteps)
        throw Error("nothing to train: the run starts at step " + std::to_string(step) + " but ends at step " +
                    std::to_string(totalSteps) + " (raise --epoch-end or --max-steps)");
    if (d.events.started)
        d.events.started(config.modelName, step, totalSteps);
    d.info("training " + toString(config.model.type) + " (" + toString(config.model.backbone) + ") on " +
           std::to_string(d.trainLoader->samples()) + " samples, " + std::to_string(perEpoch) +
           " steps per epoch, steps " + std::to_string(step) + " to " + std::to_string(totalSteps - 1));

    d.runStart = Clock::now();
    double stepSecondsAverage = 0;
    std::vector<double> stepSeconds;
    const double waitBefore = d.trainLoader->waitedSeconds();
    const ModelType type = config.model.type;
    bool stopped = false;
    int epoch = static_cast<int>(step / perEpoch);
    // Distributed: ranks stop together, after the step in which any of them was asked to stop; each
    // rank augments its rows of the global batch as one process training the whole batch would.
    bool stopAgreed = false;
    BatchRows rows;
    if (d.group) {
        rows.global = config.batchSize;
        rows.offset = int64_t(d.group->rank()) * (config.batchSize / d.worldSize());
    }
    try {
        for (; epoch < config.epochEnd && step < totalSteps && !stopped; ++epoch) {
            const int64_t first = step - int64_t(epoch) * perEpoch;
            d.trainLoader->startEpoch(epoch, first);
            int64_t i = first;
            for (; i < perEpoch && step < totalSteps; ++i) {
                pause.waitWhilePaused(cancel);
                if (d.group ? stopAgreed : cancel.isCancelled()) {
                    stopped = true;
                    break;
                }
                const auto stepStart = Clock::now();
                auto batch = d.trainLoader->next();
                if (!batch)
                    throw Error("internal: the data loader ended the epoch early at batch " + std::to_string(i));
                const AugmentedBatch b =
                    augmentBatch(d.copier->to(batch->fgr), d.copier->to(batch->pha), d.copier->to(batch->bgr), type,
                                 config.augment, config.seed, step, rows);
                // The model's own randomness (ASPP dropout) is seeded per step too: a resumed run
                // then needs no generator state to continue exactly.
                torch::manual_seed(stepSeed(config.seed, step));
                compat::CudaAutocastGuard autocast(d.scaler->enabled());  // off again on any exit
                MattingOutput out = d.model->forward(b.src, b.bgr);
                LossTerms loss = mattingLoss(type, out, b.truePha, b.trueFgr);
                autocast.restore();
                double lossValue = loss.total.item<double>();
                if (d.group) {  // the run's loss is the mean over the ranks (equal shares of the batch)
                    const torch::Tensor agreed =
                        torch::tensor({lossValue, cancel.isCancelled() ? 1.0 : 0.0}, torch::kFloat64);
                    d.group->allReduceSum(agreed);
                    lossValue = agreed[0].item<double>() / d.worldSize();
                    stopAgreed = agreed[1].item<double>() > 0;
                }
                if (!std::isfinite(lossValue) && !d.scaler->enabled())
                    throw Error(d.failureAdvice("the loss became " + std::to_string(lossValue) +
                                                    " (not a number); the weights were not updated. Try a smaller "
                                                    "learning rate by warm-starting, or check the data",
                                                step));
                d.scaler->scaled(loss.total).backward();
                if (d.gradientSync)
                    d.gradientSync->finish();  // every rank now holds the average gradient
                scaleLearningRates(*d.optimizer, d.initialRates,
                                   learningRateFactor(config.learningRateCosine, step, totalSteps));
                d.scaler->step(*d.optimizer);
                compat::clearGradients(*d.optimizer);

                d.lossSinceCheckpoint += lossValue;
                ++d.stepsSinceCheckpoint;
                stepSeconds.push_back(secondsSince(stepStart));
                const double last = stepSeconds.back();
                stepSecondsAverage = stepSecondsAverage == 0 ? last : 0.9 * stepSecondsAverage + 0.1 * last;
                if (d.events.step) {
                    StepReport r;
                    r.step = step;
                    r.totalSteps = totalSteps;
                    r.epoch = epoch;
                    r.loss = lossValue;
                    r.imagesPerSecond = config.batchSize / std::max(stepSecondsAverage, 1e-9);
                    r.secondsLeft = stepSecondsAverage * double(totalSteps - step - 1);
                    r.dataWaitShare =
                        (d.trainLoader->waitedSeconds() - waitBefore) / std::max(secondsSince(d.runStart), 1e-9);
                    d.events.step(r);
                }
                // Steps count from the run's start; the reference's way, batches within the epoch.
                const int64_t logCount = config.logIntervalsPerEpoch ? i + 1 : step + 1;
                if (logCount % config.logTrainLossInterval == 0 && d.isMain()) {
                    d.board->addScalar("loss", lossValue, step);
                    nlohmann::json entry{{"loss", lossValue}};
                    for (const auto& [name, term] : loss.terms)
                        entry[name] = term.item<double>();
                    d.metricsLog->append("train", step, epoch, entry);
                }
                if (logCount % config.logTrainImagesInterval == 0 && d.isMain())
                    d.logImages(step, b, out);
                if ((logCount % config.logValidInterval == 0 || step + 1 == totalSteps) && d.isMain()) {
                    const ValidationReport v = d.validate(step);
                    d.lastValidLoss = v.loss;
                    d.lastMetrics = v.metrics;
                    d.lastValidStep = step;
                    if (!result.firstValidLoss)
                        result.firstValidLoss = v.loss;
                    result.lastValidLoss = v.loss;
                    d.board->addScalar("valid_loss", v.loss, step);
                    nlohmann::json entry{{"loss", v.loss}, {"samples", v.samples}};
                    if (std::isfinite(v.predictedAlphaMean)) {
                        entry["pred_alpha_mean"] = v.predictedAlphaMean;
                        entry["true_alpha_mean"] = v.trueAlphaMean;
                        entry["empty_matte_sad"] = v.emptyMatteSad;
                    }
                    for (const auto& [name, value] : v.metrics) {
                        d.board->addScalar("valid_" + name, value, step);
                        entry[name] = value;
                    }
                    d.metricsLog->append("valid", step, epoch, entry);
                    if (d.events.validated)
                        d.events.validated(v);
                    if (const auto collapse = d.collapseWatch.observe(v))
                        d.warn(*collapse);
                    if (config.keepBest && (!d.bestValidLoss || v.loss < *d.bestValidLoss)) {
                        d.bestValidLoss = v.loss;
                        d.saveCheckpoint(d.store->bestPath(), epoch, step, step + 1, /*best=*/true);
                    }
                }
                if ((step + 1) % config.checkpointInterval == 0)
                    d.saveCheckpoint(d.store->intervalPath(epoch, step), epoch, step, step + 1);
                ++step;
            }
            if (i == perEpoch)
                d.saveCheckpoint(d.store->epochPath(epoch), epoch, step - 1, step);
            else
                break;
        }
        // Stopped or ended mid-epoch: keep what was trained.
        if (d.lastSavedStep != step - 1 && step > result.firstStep) {
            const int lastEpoch = static_cast<int>((step - 1) / perEpoch);
            d.saveCheckpoint(d.store->intervalPath(lastEpoch, step - 1), lastEpoch, step - 1, step);
        }
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        if (isOutOfMemory(e))
            throw Error(d.failureAdvice("out of memory with batch size " + std::to_string(config.batchSize) +
                                            " at training size " + std::to_string(config.trainSize) +
                                            "; lower --batch-size or --train-size",
                                        step));
        throw Error(d.failureAdvice(std::string("training failed: ") + e.what(), step));
    }
    if (d.board)
        d.board->flush();
    if (d.group) {
        checkReplicasIdentical(*d.group, *d.model);
        d.info("distributed: all " + std::to_string(d.worldSize()) + " ranks hold identical weights");
    }

    result.completed = !stopped;
    result.nextStep = step;
    result.lastCheckpoint = d.lastCheckpoint;
    result.seconds = secondsSince(d.runStart);
    if (!stepSeconds.empty()) {
        std::nth_element(stepSeconds.begin(), stepSeconds.begin() + stepSeconds.size() / 2, stepSeconds.end());
        result.medianStepSeconds = stepSeconds[stepSeconds.size() / 2];
    }
    result.dataWaitShare = (d.trainLoader->waitedSeconds() - waitBefore) / std::max(result.seconds, 1e-9);
    std::ostringstream summary;
    summary << (stopped ? "stopped" : "finished") << " after step " << (step - 1) << " (" << (step - result.firstStep)
            << " steps in " << static_cast<int>(result.seconds) << " s, median step "
            << static_cast<int>(std::round(result.medianStepSeconds * 1000)) << " ms, waiting for data "
            << static_cast<int>(std::round(result.dataWaitShare * 100)) << "% of the time)";
    if (result.firstValidLoss && result.lastValidLoss)
        summary << "; validation loss " << *result.firstValidLoss << " -> " << *result.lastValidLoss;
    if (!d.lastCheckpoint.empty())
        summary << "; last checkpoint " << d.lastCheckpoint;
    result.summary = summary.str();
    return result;
}

}  // namespace ms
