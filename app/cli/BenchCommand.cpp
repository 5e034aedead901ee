// `mattestudio --batch bench`: model forward throughput (the reference's inference_speed_test.py)
// or, with --images-src/--images-bgr, the end-to-end folder pipeline of `matte`.
#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "cli/Arguments.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "core/Threads.h"
#include "infer/Benchmark.h"
#include "infer/LiveBenchmark.h"
#include "model/MattingModel.h"
#include "train/TrainStepBenchmark.h"

#include <QTemporaryDir>

#include <optional>

namespace ms::cli {
namespace {

QString ms3(double seconds) { return QString::number(seconds * 1000.0, 'f', 1); }
QString mib(int64_t bytes) { return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 0); }

void printModelTable(const ModelBenchmarkResult& r, const ModelBenchmarkOptions& o)
{
    printLine(QString("Model forward: %1, input %2x%3, batch %4, %5 run(s) after %6 warm-up")
                  .arg(QString::fromStdString(r.description))
                  .arg(r.width)
                  .arg(r.height)
                  .arg(r.batchSize)
                  .arg(o.runs)
                  .arg(o.warmup));
    printLine("| resolution | threads | BN folded | median ms | p10 ms | p90 ms | frames/s | peak RSS MiB |");
    printLine("|---|---|---|---|---|---|---|---|");
    printLine(QString("| %1x%2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |")
                  .arg(r.width)
                  .arg(r.height)
                  .arg(r.threads)
                  .arg(o.foldBatchNorm ? QString("yes (%1)").arg(r.foldedPairs) : QString("no"))
                  .arg(ms3(r.timing.median), ms3(r.timing.p10), ms3(r.timing.p90))
                  .arg(QString::number(r.framesPerSecond, 'f', 2), mib(r.peakRssBytes)));
}

void printTrainStepTable(const TrainStepBenchmarkResult& r, const TrainStepBenchmarkOptions& o)
{
    printLine(
        QString(
            "Training step (forward, loss, backward, Adam; refine without the oversampling guard): %1, %2 step(s) after %3 warm-up")
            .arg(QString::fromStdString(r.description))
            .arg(o.runs)
            .arg(o.warmup));
    printLine("| resolution | batch | threads | median ms | p10 ms | p90 ms | steps/s | images/s | peak RSS MiB |");
    printLine("|---|---|---|---|---|---|---|---|---|");
    printLine(QString("| %1x%2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 |")
                  .arg(o.width)
                  .arg(o.height)
                  .arg(o.batchSize)
                  .arg(r.threads)
                  .arg(ms3(r.timing.median), ms3(r.timing.p10), ms3(r.timing.p90))
                  .arg(QString::number(1.0 / std::max(r.timing.median, 1e-9), 'f', 3),
                       QString::number(r.imagesPerSecond, 'f', 2), mib(r.peakRssBytes)));
    printLine(QString("Median phases: forward %1 ms, loss %2 ms, backward %3 ms, optimizer %4 ms")
                  .arg(ms3(r.forwardSeconds), ms3(r.lossSeconds), ms3(r.backwardSeconds), ms3(r.optimizerSeconds)));
}

void printPipelineTable(const PipelineBenchmarkResult& r)
{
    printLine("Pipeline (decode + infer + encode, outputs com pha fgr): " + QString::fromStdString(r.description));
    printLine("| images | failed | threads | model load s | run s | images/s | peak RSS MiB |");
    printLine("|---|---|---|---|---|---|---|");
    printLine(QString("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |")
                  .arg(r.images)
                  .arg(r.failed)
                  .arg(r.threads)
                  .arg(QString::number(r.loadSeconds, 'f', 2), QString::number(r.runSeconds, 'f', 2),
                       QString::number(r.imagesPerSecond, 'f', 2), mib(r.peakRssBytes)));
}

void printLiveTable(const LiveBenchmarkResult& r)
{
    printLine("Live pipeline (capture -> network -> composite, frames dropped when the network is busy): " +
              QString::fromStdString(r.description));
    printLine(
        "| source | source fps | captured | matted | dropped | frames/s | latency median ms | latency p90 ms | model load s |");
    printLine("|---|---|---|---|---|---|---|---|---|");
    printLine(QString("| %1x%2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 |")
                  .arg(r.width)
                  .arg(r.height)
                  .arg(QString::number(r.sourceFps, 'f', 2))
                  .arg(r.captured)
                  .arg(r.matted)
                  .arg(r.dropped)
                  .arg(QString::number(r.framesPerSecond, 'f', 2), ms3(r.latencyMedian), ms3(r.latencyP90),
                       QString::number(r.loadSeconds, 'f', 2)));
}

}  // namespace

int runBench(const QStringList& rawArguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Measures model forward throughput like the reference's inference_speed_test.py (random inputs or "
        "--image-src/--image-bgr), or with --images-src/--images-bgr the end-to-end folder pipeline of matte, or "
        "with --train-step one training step (forward, loss, backward, Adam) on random tensors, or with --live a video "
        "played through the live view's pipeline at its frame rate (frames/s and capture-to-display latency).");
    const ModelOptions model;  // --model-checkpoint is optional here: random weights without one
    model.addTo(parser);
    const QCommandLineOption resolution("resolution", "Random input size W H (default 1920 1080).", "W H");
    const QCommandLineOption imageSrc("image-src", "One source image instead of random input.", "file");
    const QCommandLineOption imageBgr("image-bgr", "Its background.", "file");
    const QCommandLineOption imagesSrc("images-src", "Pipeline mode: source images (files/folders).", "path");
    const QCommandLineOption imagesBgr("images-bgr", "Pipeline mode: backgrounds.", "path");
    const QCommandLineOption batch("batch-size", "Batch size (default 1).", "n", "1");
    const QCommandLineOption precision("precision", "float32 or float16 (float16 needs CUDA).", "p", "float32");
    const QCommandLineOption warmup("warmup", "Untimed runs first (default 3).", "n", "3");
    const QCommandLineOption runs("runs", "Timed runs (default 20).", "n", "20");
    const QCommandLineOption trainStep("train-step", "Time training steps instead (random tensors of --resolution, "
                                                     "default 512 512; the model type's training optimizer).");
    const QCommandLineOption foldBn("fold-bn", "on or off: fold BatchNorm into the convolutions (default off).",
                                    "on|off", "off");
    const QCommandLineOption live("live", "Live mode: play --video-src through the live pipeline, as a camera, with "
                                          "--video-bgr as the captured plate (needs --model-checkpoint).");
    const QCommandLineOption videoSrc("video-src", "Live mode: the video standing in for a camera.", "file");
    const QCommandLineOption videoBgr("video-bgr", "Live mode: the clean plate, an image of the video's size.", "file");
    const QCommandLineOption videoFps("video-fps",
                                      "Live mode: frames per second the source delivers (default: the "
                                      "video's own rate).",
                                      "fps", "0");
    for (const auto* o : {&resolution, &imageSrc, &imageBgr, &imagesSrc, &imagesBgr, &batch, &precision, &warmup, &runs,
                          &trainStep, &foldBn, &live, &videoSrc, &videoBgr, &videoFps})
        parser.addOption(*o);

    int exitCode = Success;
    if (!parseArguments(parser, expandListOptions(rawArguments, {"--resolution", "--images-src", "--images-bgr"}),
                        exitCode))
        return exitCode;
    if (!checkRequired(parser, {}))
        return BadArguments;

    SessionOptions session;
    int threadCount = 0;
    if (!model.read(parser, session, threadCount))
        return BadArguments;
    const ModelSpec& spec = session.spec;
    const QString precisionText = parser.value(precision), foldText = parser.value(foldBn);
    if (precisionText != "float32" && precisionText != "float16") {
        printError("--precision must be float32 or float16");
        return BadArguments;
    }
    if (foldText != "on" && foldText != "off") {
        printError("--fold-bn must be on or off");
        return BadArguments;
    }

    ModelBenchmarkOptions options;
    if (!readInt(parser, batch, options.batchSize, 1) || !readInt(parser, warmup, options.warmup, 0) ||
        !readInt(parser, runs, options.runs, 1))
        return BadArguments;
    if (parser.isSet(resolution)) {
        const QStringList wh = parser.values(resolution);
        bool okW = false, okH = false;
        const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0, h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 1 || h < 1) {
            printError("--resolution expects two positive integers W H, got '" + wh.join(' ') + "'");
            return BadArguments;
        }
        options.width = w;
        options.height = h;
    }
    const bool pipelineMode = parser.isSet(imagesSrc) || parser.isSet(imagesBgr);
    if (pipelineMode && !(parser.isSet(imagesSrc) && parser.isSet(imagesBgr))) {
        printError("--images-src and --images-bgr go together");
        return BadArguments;
    }
    if (parser.isSet(imageSrc) != parser.isSet(imageBgr)) {
        printError("--image-src and --image-bgr go together");
        return BadArguments;
    }
    if (parser.isSet(imageSrc) && parser.isSet(resolution)) {
        printError("give either --resolution or --image-src/--image-bgr, not both");
        return BadArguments;
    }

    if (parser.isSet(trainStep) &&
        (pipelineMode || parser.isSet(imageSrc) || precisionText != "float32" || foldText == "on")) {
        printError("--train-step times random float32 tensors; it takes no images, --precision or --fold-bn");
        return BadArguments;
    }

    if (parser.isSet(live)) {
        if (!parser.isSet(videoSrc) || !parser.isSet(videoBgr) || !parser.isSet(model.checkpoint)) {
            printError("--live needs --video-src, --video-bgr and --model-checkpoint");
            return BadArguments;
        }
        if (pipelineMode || parser.isSet(imageSrc) || parser.isSet(resolution) || parser.isSet(trainStep)) {
            printError("--live plays a video; it takes no --resolution, images or --train-step");
            return BadArguments;
        }
    } else if (parser.isSet(videoSrc) || parser.isSet(videoBgr)) {
        printError("--video-src and --video-bgr belong to --live");
        return BadArguments;
    }
    bool fpsOk = false;
    const double fps = parser.value(videoFps).toDouble(&fpsOk);
    if (!fpsOk || fps < 0) {
        printError("--video-fps must be a number >= 0, got '" + parser.value(videoFps) + "'");
        return BadArguments;
    }

    try {
        validate(spec);
        configureThreads(threadCount);
        const auto cancel = interruptToken();
        if (parser.isSet(live)) {
            LiveBenchmarkOptions l;
            l.session = session;
            l.session.half = precisionText == "float16";
            l.session.foldBatchNorm = foldText == "on";
            l.video = parser.value(videoSrc).toStdString();
            l.background = parser.value(videoBgr).toStdString();
            l.fps = fps;
            std::optional<ProgressLine> progress;
            const auto result = runLiveBenchmark(
                l,
                [&](int done, int total, const std::string& label) {
                    if (!progress)
                        progress.emplace(total, "frame");
                    progress->update(done, QString::fromStdString(label));
                },
                cancel.get());
            if (progress)
                progress->finish();
            printLiveTable(result);
            return Success;
        }
        if (parser.isSet(trainStep)) {
            TrainStepBenchmarkOptions t;
            t.spec = spec;
            t.device = session.device;
            t.batchSize = options.batchSize;
            t.warmup = options.warmup;
            t.runs = options.runs;
            t.width = parser.isSet(resolution) ? options.width : 512;
            t.height = parser.isSet(resolution) ? options.height : 512;
            ProgressLine progress(t.warmup + t.runs, "step");
            const auto result = runTrainStepBenchmark(
                t,
                [&](int done, int, const std::string& label) { progress.update(done, QString::fromStdString(label)); },
                cancel.get());
            progress.finish();
            printTrainStepTable(result, t);
            return Success;
        }
        if (pipelineMode) {
            PipelineBenchmarkOptions p;
            p.spec = spec;
            p.typeGiven = session.typeGiven;
            p.backboneGiven = session.backboneGiven;
            for (const QString& s : parser.values(imagesSrc))
                p.imagesSrc.push_back(s.toStdString());
            for (const QString& s : parser.values(imagesBgr))
                p.imagesBgr.push_back(s.toStdString());
            p.device = session.device;
            p.foldBatchNorm = foldText == "on";
            p.channelsLast = session.channelsLast;
            QTemporaryDir scratch;
            if (!scratch.isValid())
                throw Error("cannot create a temporary folder for the pipeline outputs");
            p.outputDir = (scratch.path() + "/out").toStdString();
            if (parser.isSet(model.checkpoint)) {
                p.checkpoint = session.checkpoint;
            } else {
                // No weights given: an initialised (untrained) model, saved so matte's session can load it.
                p.checkpoint = (scratch.path() + "/random.pth").toStdString();
                auto untrained = createModel(spec);
                writeCheckpointFile(p.checkpoint, stateDictOf(*untrained), moduleVersions(*untrained));
                p.typeGiven = p.backboneGiven = true;
            }
            std::optional<ProgressLine> progress;  // the pair count is known once the folders are read
            const auto result = runPipelineBenchmark(
                p,
                [&](int done, int total, const std::string& label) {
                    if (!progress)
                        progress.emplace(total, "img");
                    progress->update(done, QString::fromStdString(label));
                },
                cancel.get());
            if (progress)
                progress->finish();
            printPipelineTable(result);
            return result.failed == 0 ? Success : PartialSuccess;
        }

        options.spec = spec;
        options.half = precisionText == "float16";
        options.device = session.device;
        options.foldBatchNorm = foldText == "on";
        options.channelsLast = session.channelsLast;
        if (parser.isSet(model.checkpoint))
            options.checkpoint = session.checkpoint;
        if (parser.isSet(imageSrc)) {
            options.imageSrc = parser.value(imageSrc).toStdString();
            options.imageBgr = parser.value(imageBgr).toStdString();
        }
        ProgressLine progress(options.warmup + options.runs, "run");
        const auto result = runModelBenchmark(
            options,
            [&](int done, int, const std::string& label) { progress.update(done, QString::fromStdString(label)); },
            cancel.get());
        progress.finish();
        printModelTable(result, options);
        return Success;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

}  // namespace ms::cli
