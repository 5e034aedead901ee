// `mattestudio --batch train`: the reference's train_base.py / train_refine.py on the engine's
// Trainer, with the reference's flag names plus --dataset, --train-size, --max-steps, --resume.
#include "cli/Arguments.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "cli/TrainLauncher.h"
#include "core/Error.h"
#include "dist/DistributedEnv.h"
#include "dist/DistBackend.h"
#include "dist/DistributedGroup.h"
#include "core/Device.h"
#include "train/CheckpointStore.h"
#include "train/Trainer.h"

#include <QFile>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace ms::cli {
namespace {

struct IntFlag {
    QCommandLineOption option;
    int* target;
    int minimum;
};

QString seconds(double s)
{
    if (s < 0 || !std::isfinite(s))
        return "?";
    const int t = static_cast<int>(std::round(s));
    return QString("%1:%2:%3").arg(t / 3600).arg((t / 60) % 60, 2, 10, QChar('0')).arg(t % 60, 2, 10, QChar('0'));
}

// Applies "--augment-off shadow,noise" style switches.
bool switchOff(AugmentSwitches& a, const QString& name)
{
    const std::map<QString, bool AugmentSwitches::*> table = {
        {"affine", &AugmentSwitches::affine}, {"flip", &AugmentSwitches::flip}, {"blur", &AugmentSwitches::blur},
        {"sharpen", &AugmentSwitches::sharpen}, {"color-jitter", &AugmentSwitches::colorJitter},
        {"shadow", &AugmentSwitches::shadow}, {"noise", &AugmentSwitches::noise},
        {"background-jitter", &AugmentSwitches::backgroundJitter},
        {"background-affine", &AugmentSwitches::backgroundAffine}, {"random-crop", &AugmentSwitches::randomCrop}};
    if (name == "all") {
        for (const auto& [key, member] : table)
            a.*member = false;
        return true;
    }
    const auto it = table.find(name);
    if (it == table.end())
        return false;
    a.*(it->second) = false;
    return true;
}

// The arguments without the given options (as "--name value" or "--name=value").
QStringList withoutOptions(const QStringList& arguments, const QStringList& names)
{
    QStringList kept;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (names.contains(a)) {
            ++i;  // and its value
            continue;
        }
        if (std::any_of(names.begin(), names.end(), [&](const QString& n) { return a.startsWith(n + "="); }))
            continue;
        kept << a;
    }
    return kept;
}

} // namespace

int runTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Trains MattingBase or MattingRefine as the reference's train_base.py / train_refine.py do. "
        "Checkpoints go to <output-root>/checkpoint/<model-name>/, logs (TensorBoard, metrics.jsonl) to "
        "<output-root>/log/<model-name>/. Ctrl-C finishes the step, saves a checkpoint and stops.");
    const QCommandLineOption config("config", "Training config JSON (flags given as well override it).", "file");
    const QCommandLineOption type("model-type", "mattingbase or mattingrefine (default mattingbase).", "type");
    const QCommandLineOption backbone("model-backbone", "resnet50, resnet101 or mobilenetv2 (default resnet50).", "name");
    const QCommandLineOption scale("model-backbone-scale", "Refine: coarse pass scale (default 0.25).", "s");
    const QCommandLineOption mode("model-refine-mode", "Refine: full, sampling or thresholding (default sampling).", "m");
    const QCommandLineOption pixels("model-refine-sample-pixels", "Refine: pixels refined in sampling mode (80000).", "n");
    const QCommandLineOption threshold("model-refine-thresholding", "Refine: error threshold (default 0.7).", "t");
    const QCommandLineOption kernel("model-refine-kernel-size", "Refine: 1 or 3 (default 3).", "k");
    const QCommandLineOption name("model-name", "Run name: checkpoint/<name>, log/<name> (default demo).", "name");
    const QCommandLineOption last("model-last-checkpoint", "Start from these weights (matched by name and shape).", "file");
    const QCommandLineOption pretrain("model-pretrain-initialization",
                                      "DeepLabV3 (VainF) or torchvision backbone weights to start from.", "file");
    const QCommandLineOption dataset("dataset", "Dataset config (JSON) or a folder holding dataset.json.", "path");
    const QCommandLineOption outputRoot("output-root", "Where checkpoint/ and log/ go (default: here).", "dir");
    const QCommandLineOption resume("resume",
                                    "Continue exactly from a checkpoint of an earlier run (or 'latest' for the newest "
                                    "one of --model-name).", "file|latest");
    const QCommandLineOption device("device", "cpu, cuda or cuda:N (default cpu).", "device");
    const QCommandLineOption seed("seed", "Random seed (default 0).", "n");
    const QCommandLineOption lrScale("learning-rate-scale",
                                     "Multiplies the reference's per-module learning rates (default 1).", "x");
    const QCommandLineOption maxSteps("max-steps", "Stop after this global step count.", "n");
    const QCommandLineOption amp("amp", "on or off: mixed precision on CUDA (default on).", "on|off");
    const QCommandLineOption augmentOff("augment-off",
                                        "Comma-separated augmentations to switch off (affine, flip, blur, sharpen, "
                                        "color-jitter, shadow, noise, background-jitter, background-affine, "
                                        "random-crop, all).", "list");
    const QCommandLineOption keepBest("keep-best", "Also keep best.pth, the checkpoint with the lowest validation loss.");
    const QCommandLineOption alphaThrough("alpha-gradient-through-clamp",
                                          "Let the alpha losses' gradient pass the [0, 1] clamp, so a run cannot get stuck "
                                          "predicting an empty matte (default: the reference's clamp).");
    const QCommandLineOption cosine("learning-rate-cosine",
                                    "Decay the learning rates along a cosine to 0 at the run's last step (default: "
                                    "constant, as the reference).");
    const QCommandLineOption perEpoch("log-intervals-per-epoch",
                                      "The log intervals count batches within each epoch, as the reference does "
                                      "(default: optimizer steps since the start).");
    const QCommandLineOption nproc("nproc", "Distributed: start N training processes on this machine (with --device "
                                            "cuda, rank r on cuda:r); --batch-size is the global batch, split over "
                                            "them.", "N");
    const QCommandLineOption masterPort("master-port", "With --nproc: the rendezvous port (default: a free one).", "port");
    const QCommandLineOption distBackend("dist-backend", "Distributed: auto, nccl or gloo (default auto: NCCL on CUDA "
                                                         "devices where this build has it, else Gloo).", "name");
    const QCommandLineOption distTimeout("dist-timeout", "Distributed: seconds to wait for the other processes to join, "
                                                         "and for any one collective (default 1800).", "s");
    // Integer flags write straight into the config (filled from the file or defaults first).
    TrainConfig c;
    const std::vector<IntFlag> ints = {
        {QCommandLineOption("batch-size", "Batch size (base 8, refine 4).", "n"), &c.batchSize, 1},
        {QCommandLineOption("num-workers", "Data loading threads (default 4).", "n"), &c.numWorkers, 0},
        {QCommandLineOption("epoch-start", "First epoch (default 0).", "n"), &c.epochStart, 0},
        {QCommandLineOption("epoch-end", "End epoch, exclusive (default 1).", "n"), &c.epochEnd, 1},
        {QCommandLineOption("train-size", "Sample size N before the random crop to N/2..N (base 512, refine 2048).", "n"),
         &c.trainSize, 64},
        {QCommandLineOption("log-train-loss-interval", "Steps between loss logs (10).", "n"), &c.logTrainLossInterval, 1},
        {QCommandLineOption("log-train-images-interval", "Steps between image logs (base 2000, refine 1000).", "n"),
         &c.logTrainImagesInterval, 1},
        {QCommandLineOption("log-valid-interval", "Steps between validations (base 5000, refine 2000).", "n"),
         &c.logValidInterval, 1},
        {QCommandLineOption("checkpoint-interval", "Steps between checkpoints (base 5000, refine 2000).", "n"),
         &c.checkpointInterval, 1},
        {QCommandLineOption("valid-samples", "Size of the fixed validation subset (50).", "n"), &c.validSamples, 1},
        {QCommandLineOption("keep-last", "Keep only the newest K checkpoints, epoch-end and interval ones alike (default: all; best.pth stays).", "k"), &c.keepLast, 0},
        {QCommandLineOption("threads", "Intra-op threads (default: all cores).", "n"), &c.threads, 0},
    };
    for (const auto* o : {&config, &type, &backbone, &scale, &mode, &pixels, &threshold, &kernel, &name, &last, &pretrain,
                          &dataset, &outputRoot, &resume, &device, &seed, &lrScale, &maxSteps, &amp, &augmentOff, &keepBest, &perEpoch, &alphaThrough, &cosine,
                          &nproc, &masterPort, &distBackend, &distTimeout})
        parser.addOption(*o);
    for (const auto& f : ints)
        parser.addOption(f.option);

    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError("unexpected argument '" + parser.positionalArguments().first() + "'");
        return BadArguments;
    }
    int processes = 1, port = 0, timeoutSeconds = 1800;
    if (!readInt(parser, nproc, processes, 1) || !readInt(parser, masterPort, port, 0) ||
        !readInt(parser, distTimeout, timeoutSeconds, 1))
        return BadArguments;
    if (port > 65535) {
        printError("--master-port must be at most 65535");
        return BadArguments;
    }
    std::optional<DistBackend> backendFlag;
    if (parser.isSet(distBackend)) {
        backendFlag = parseDistBackend(parser.value(distBackend).toStdString());
        if (!backendFlag) {
            printError("--dist-backend must be auto, nccl or gloo");
            return BadArguments;
        }
    }
    std::optional<DistributedEnv> distributed;
    try {
        distributed = distributedEnvFromEnvironment();
    } catch (const Error& e) {
        printError(e.what());
        return BadArguments;
    }
    if (processes > 1) {
        if (distributed) {
            printError("--nproc starts its own processes; it cannot run inside a distributed launch (RANK/WORLD_SIZE are set)");
            return BadArguments;
        }
        // A backend this build lacks fails once here, not once per started process. (The device and
        // backend of a config file are checked by each rank.)
        try {
            const bool cuda = parser.isSet(device) && parser.value(device).startsWith("cuda");
            if (backendFlag || parser.isSet(device))
                resolveDistBackend(backendFlag.value_or(DistBackend::Auto), cuda, compiledDistBackends());
            else if (const DistBackendSupport support = compiledDistBackends(); !support.gloo && !support.nccl)
                throw Error(distributedUnavailableMessage());
        } catch (const Error& e) {
            printError(e.what());
            return Failure;
        }
        return launchTrainingProcesses(withoutOptions(arguments, {"--nproc", "--master-port"}), processes,
                                       port > 0 ? port : findFreeLocalPort());
    }
    // Rank 0 reports for the run; the others print only their warnings and errors.
    const bool reports = !distributed || distributed->isMain();
    const QString rankPrefix = distributed ? QString("rank %1: ").arg(distributed->rank) : QString();

    try {
        // Start from the config file or the stage's reference defaults, then apply the flags.
        ModelType modelType = ModelType::MattingBase;
        if (parser.isSet(type)) {
            const auto t = parseModelType(parser.value(type).toStdString());
            if (!t) {
                printError("--model-type must be mattingbase or mattingrefine");
                return BadArguments;
            }
            modelType = *t;
        }
        if (parser.isSet(config)) {
            QFile file(parser.value(config));
            if (!file.open(QIODevice::ReadOnly))
                throw Error("cannot read the config file " + parser.value(config).toStdString());
            c = trainConfigFromJson(file.readAll().toStdString());
            if (parser.isSet(type) && c.model.type != modelType) {
                const TrainConfig keep = c;
                c = defaultTrainConfig(modelType);
                c.dataset = keep.dataset;
                c.modelName = keep.modelName;
            }
        } else {
            c = defaultTrainConfig(modelType);
        }
        auto text = [&](const QCommandLineOption& o, std::string& out) {
            if (parser.isSet(o))
                out = parser.value(o).toStdString();
        };
        auto number = [&](const QCommandLineOption& o, double& out) {
            if (!parser.isSet(o))
                return true;
            bool ok = false;
            const double v = parser.value(o).toDouble(&ok);
            if (!ok) {
                printError("--" + o.names().first() + " expects a number, got '" + parser.value(o) + "'");
                return false;
            }
            out = v;
            return true;
        };
        if (parser.isSet(backbone)) {
            const auto b = parseBackbone(parser.value(backbone).toStdString());
            if (!b) {
                printError("--model-backbone must be resnet50, resnet101 or mobilenetv2");
                return BadArguments;
            }
            c.model.backbone = *b;
        }
        if (parser.isSet(mode)) {
            const auto m = parseRefineMode(parser.value(mode).toStdString());
            if (!m) {
                printError("--model-refine-mode must be full, sampling or thresholding");
                return BadArguments;
            }
            c.model.refineMode = *m;
        }
        double pixelCount = c.model.refineSamplePixels, kernelSize = c.model.refineKernelSize, seedValue = double(c.seed),
               maxStepValue = double(c.maxSteps);
        if (!number(scale, c.model.backboneScale) || !number(pixels, pixelCount) || !number(threshold, c.model.refineThreshold) ||
            !number(kernel, kernelSize) || !number(seed, seedValue) || !number(maxSteps, maxStepValue) ||
            !number(lrScale, c.learningRateScale))
            return BadArguments;
        c.model.refineSamplePixels = static_cast<int>(pixelCount);
        c.model.refineKernelSize = static_cast<int>(kernelSize);
        if (seedValue < 0 || maxStepValue < 0) {
            printError("--seed and --max-steps must not be negative");
            return BadArguments;
        }
        c.seed = static_cast<uint64_t>(seedValue);
        c.maxSteps = static_cast<int64_t>(maxStepValue);
        text(name, c.modelName);
        text(last, c.lastCheckpoint);
        text(pretrain, c.pretrainInitialization);
        text(dataset, c.dataset);
        text(outputRoot, c.outputRoot);
        text(device, c.device);
        if (backendFlag)
            c.distBackend = *backendFlag;
        for (const auto& f : ints) {
            if (!parser.isSet(f.option))
                continue;
            bool ok = false;
            const int v = parser.value(f.option).toInt(&ok);
            if (!ok || v < f.minimum) {
                printError("--" + f.option.names().first() + " expects an integer of at least " +
                           QString::number(f.minimum) + ", got '" + parser.value(f.option) + "'");
                return BadArguments;
            }
            *f.target = v;
        }
        if (parser.isSet(amp)) {
            if (parser.value(amp) != "on" && parser.value(amp) != "off") {
                printError("--amp must be on or off");
                return BadArguments;
            }
            c.amp = parser.value(amp) == "on";
        }
        if (parser.isSet(keepBest))
            c.keepBest = true;
        if (parser.isSet(perEpoch))
            c.logIntervalsPerEpoch = true;
        if (parser.isSet(alphaThrough))
            c.alphaGradientThroughClamp = true;
        if (parser.isSet(cosine))
            c.learningRateCosine = true;
        for (const QString& item : parser.value(augmentOff).split(',', Qt::SkipEmptyParts))
            if (!switchOff(c.augment, item.trimmed())) {
                printError("--augment-off: unknown augmentation '" + item + "'");
                return BadArguments;
            }
        if (c.dataset.empty() && !parser.isSet(resume)) {
            printError("--dataset is required (make one with: mattestudio --batch make-dataset DIR)");
            return BadArguments;
        }

        const auto cancel = interruptToken();
        PauseGate pause;
        std::optional<ProgressLine> progress;
        int64_t firstStep = 0;
        TrainerEvents events;
        events.started = [&](const std::string&, int64_t first, int64_t total) {
            firstStep = first;
            if (reports)
                progress.emplace(static_cast<int>(total - first), "step");
        };
        events.step = [&](const StepReport& r) {
            if (progress)
                progress->update(static_cast<int>(r.step - firstStep + 1),
                             QString("epoch %1 step %2 loss %3 %4 img/s left %5")
                                 .arg(r.epoch).arg(r.step).arg(r.loss, 0, 'f', 4)
                                 .arg(r.imagesPerSecond, 0, 'f', 1).arg(seconds(r.secondsLeft)));
        };
        events.validated = [&](const ValidationReport& v) {
            QString line = QString("validation at step %1: loss %2 on %3 samples").arg(v.step).arg(v.loss, 0, 'f', 5).arg(v.samples);
            for (const auto& [metric, value] : v.metrics)
                line += QString(", %1 %2").arg(QString::fromStdString(metric)).arg(value, 0, 'f', 4);
            if (std::isfinite(v.emptyMatteSad))
                line += QString(" (an empty matte: sad %1)").arg(v.emptyMatteSad, 0, 'f', 4);
            printLine(line);
        };
        events.checkpointSaved = [&](const std::string& path, int64_t step) {
            printLine(QString("checkpoint at step %1: %2").arg(step).arg(QString::fromStdString(path)));
        };
        events.info = [&](const std::string& t) {
            if (reports)
                printLine(QString::fromStdString(t));
        };
        events.warning = [&](const std::string& t) { printWarning(rankPrefix + QString::fromStdString(t)); };

        Trainer trainer(c, std::move(events));
        if (distributed) {
            // The rank's device (cuda -> cuda:LOCAL_RANK) binds the backend (NCCL); the trainer
            // picks the same one.
            const torch::Device rank = rankDevice(parseDevice(c.device), *distributed);
            trainer.setDistributed(
                DistributedGroup::join(*distributed, std::chrono::seconds(timeoutSeconds), c.distBackend, rank));
        }
        if (parser.isSet(resume)) {
            std::string from = parser.value(resume).toStdString();
            if (from == "latest") {
                const auto latest = CheckpointStore(c.outputRoot, c.modelName).latest();
                if (!latest)
                    throw Error("--resume latest: no resumable checkpoint of '" + c.modelName + "' under " +
                                CheckpointStore(c.outputRoot, c.modelName).folder());
                from = *latest;
            }
            trainer.resumeFrom(from);
        }
        const TrainResult result = trainer.run(*cancel, pause);
        if (progress)
            progress->finish();
        if (reports)
            printLine(QString::fromStdString(result.summary));
        return result.completed ? Success : Interrupted;
    } catch (const Error& e) {
        printError(rankPrefix + e.what());
        return Failure;
    }
}

} // namespace ms::cli
