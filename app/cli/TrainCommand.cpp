// `mattestudio --batch train`: the reference's train_base.py / train_refine.py on the engine's
// Trainer, with the reference's flag names plus --dataset, --train-size, --max-steps, --resume.
#include "cli/Arguments.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "cli/TrainLauncher.h"
#include "core/Device.h"
#include "core/Error.h"
#include "dist/DistBackend.h"
#include "dist/DistributedEnv.h"
#include "dist/DistributedGroup.h"
#include "train/CheckpointStore.h"
#include "train/TrainFields.h"
#include "train/Trainer.h"

#include <QFile>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace ms::cli {
namespace {

QString seconds(double s)
{
    if (s < 0 || !std::isfinite(s))
        return "?";
    const int t = static_cast<int>(std::round(s));
    return QString("%1:%2:%3").arg(t / 3600).arg((t / 60) % 60, 2, 10, QChar('0')).arg(t % 60, 2, 10, QChar('0'));
}

// Applies "--augment-off shadow,noise" style switches (names from TrainFields).
bool switchOff(TrainConfig& c, const QString& name)
{
    for (const TrainField* f : augmentFields())
        if (name == "all" || name.toStdString() == augmentFlagName(*f)) {
            f->set(c, false);
            if (name != "all")
                return true;
        }
    return name == "all";
}

QString augmentNames()
{
    QStringList names;
    for (const TrainField* f : augmentFields())
        names << QString::fromStdString(augmentFlagName(*f));
    return names.join(", ");
}

// The training settings' flags, from TrainFields: its help with the stage defaults.
QCommandLineOption optionFor(const TrainField& f)
{
    QString help = QString::fromStdString(f.help);
    const std::string defaults = defaultsText(f);
    if (f.flagStyle == TrainField::Flag::Switch)
        return QCommandLineOption(QString::fromStdString(f.flag), help);
    if (f.kind == TrainField::Kind::Int || f.kind == TrainField::Kind::Real || f.kind == TrainField::Kind::Choice ||
        f.flagStyle == TrainField::Flag::OnOff || !defaults.empty())
        help = (help.endsWith('.') ? help.chopped(1) : help) +
               QString(" (default %1).").arg(defaults.empty() ? QString("none") : QString::fromStdString(defaults));
    const QString value = f.flagStyle == TrainField::Flag::OnOff ? "on|off"
                          : f.kind == TrainField::Kind::Int      ? "n"
                          : f.kind == TrainField::Kind::Real     ? "x"
                          : f.kind == TrainField::Kind::Path     ? "path"
                                                                 : "value";
    return QCommandLineOption(QString::fromStdString(f.flag), help, value);
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

}  // namespace

int runTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Trains MattingBase or MattingRefine as the reference's train_base.py / train_refine.py do. "
        "Checkpoints go to <output-root>/checkpoint/<model-name>/, logs (TensorBoard, metrics.jsonl) to "
        "<output-root>/log/<model-name>/. Ctrl-C finishes the step, saves a checkpoint and stops.");
    const QCommandLineOption config("config", "Training config JSON (flags given as well override it).", "file");
    const QCommandLineOption resume("resume",
                                    "Continue exactly from a checkpoint of an earlier run (or 'latest' for the newest "
                                    "one of --model-name).",
                                    "file|latest");
    const QCommandLineOption augmentOff(
        "augment-off", "Comma-separated augmentations to switch off (" + augmentNames() + ", all).", "list");
    const QCommandLineOption nproc("nproc",
                                   "Distributed: start N training processes on this machine (with --device "
                                   "cuda, rank r on cuda:r); --batch-size is the global batch, split over "
                                   "them.",
                                   "N");
    const QCommandLineOption masterPort("master-port", "With --nproc: the rendezvous port (default: a free one).",
                                        "port");
    const QCommandLineOption distTimeout("dist-timeout",
                                         "Distributed: seconds to wait for the other processes to join, "
                                         "and for any one collective (default 1800).",
                                         "s");
    // Every training setting with a flag, from the one table of them (train/TrainFields.h).
    std::vector<std::pair<const TrainField*, QCommandLineOption>> settings;
    for (const TrainField& f : trainFields())
        if (f.flagStyle != TrainField::Flag::None)
            settings.emplace_back(&f, optionFor(f));
    auto optionOf = [&](const char* key) -> const QCommandLineOption& {
        for (const auto& [f, o] : settings)
            if (f->key == key)
                return o;
        throw Error(std::string("no flag for ") + key);
    };
    const QCommandLineOption& type = optionOf("model_type");
    const QCommandLineOption& device = optionOf("device");
    const QCommandLineOption& distBackend = optionOf("dist_backend");
    for (const auto* o : {&config, &resume, &augmentOff, &nproc, &masterPort, &distTimeout})
        parser.addOption(*o);
    for (const auto& [f, o] : settings)
        parser.addOption(o);

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
            printError(
                "--nproc starts its own processes; it cannot run inside a distributed launch (RANK/WORLD_SIZE are set)");
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
        TrainConfig c;
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
        for (const auto& [f, o] : settings) {
            if (!parser.isSet(o) || f->key == "model_type")
                continue;
            if (f->flagStyle == TrainField::Flag::Switch) {
                f->set(c, true);
                continue;
            }
            try {
                setFieldFromText(*f, c, parser.value(o).toStdString());
            } catch (const Error& e) {
                printError(e.what());
                return BadArguments;
            }
        }
        for (const QString& item : parser.value(augmentOff).split(',', Qt::SkipEmptyParts))
            if (!switchOff(c, item.trimmed())) {
                printError("--augment-off: unknown augmentation '" + item + "' (" + augmentNames() + ", all)");
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
                                     .arg(r.epoch)
                                     .arg(r.step)
                                     .arg(r.loss, 0, 'f', 4)
                                     .arg(r.imagesPerSecond, 0, 'f', 1)
                                     .arg(seconds(r.secondsLeft)));
        };
        events.validated = [&](const ValidationReport& v) {
            QString line = QString("validation at step %1: loss %2 on %3 samples")
                               .arg(v.step)
                               .arg(v.loss, 0, 'f', 5)
                               .arg(v.samples);
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

}  // namespace ms::cli
