// `mattestudio --batch evaluate`: a checkpoint's validation loss and matting metrics on a dataset.
#include "cli/Arguments.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "core/Threads.h"
#include "train/Evaluation.h"

#include <cmath>

namespace ms::cli {

int runEvaluate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Computes a checkpoint's loss (the training loss of its model type) and the matting metrics SAD, MSE, "
        "gradient and connectivity error on a dataset split, with the validation augmentation of training.");
    const ModelOptions model;
    model.addTo(parser);
    const QCommandLineOption dataset("dataset", "Dataset config (JSON) or a folder holding dataset.json.", "path");
    const QCommandLineOption split("split", "valid (default) or train.", "name", "valid");
    const QCommandLineOption samples("samples", "Fixed subset size (default 50; 0: every sample).", "n", "50");
    const QCommandLineOption size("size", "Sample size in pixels (default 512).", "n", "512");
    const QCommandLineOption batch("batch-size", "Batch size (default 4).", "n", "4");
    const QCommandLineOption workers("num-workers", "Data loading threads (default 2).", "n", "2");
    for (const auto* o : {&dataset, &split, &samples, &size, &batch, &workers})
        parser.addOption(*o);
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    if (!checkRequired(parser, {&model.checkpoint, &dataset}))
        return BadArguments;
    EvaluationOptions o;
    SessionOptions session;
    int threads = 0;
    if (!model.read(parser, session, threads) || !readInt(parser, samples, o.samples, 0) ||
        !readInt(parser, size, o.size, 64) || !readInt(parser, batch, o.batchSize, 1) ||
        !readInt(parser, workers, o.workers, 0))
        return BadArguments;
    if (parser.value(split) != "valid" && parser.value(split) != "train") {
        printError("--split must be valid or train");
        return BadArguments;
    }
    o.checkpoint = session.checkpoint;
    o.spec = session.spec;
    o.typeGiven = session.typeGiven;
    o.backboneGiven = session.backboneGiven;
    o.device = session.device;
    o.dataset = parser.value(dataset).toStdString();
    o.trainSplit = parser.value(split) == "train";
    try {
        configureThreads(threads);
        const auto cancel = interruptToken();
        const EvaluationResult r = evaluateCheckpoint(o, cancel.get());
        printLine(QString("%1, %2: %3")
                      .arg(QString::fromStdString(o.checkpoint), QString::fromStdString(r.modelDescription),
                           QString::fromStdString(r.loadSummary)));
        printLine("| split | samples | loss | SAD | MSE | Grad | Conn | seconds |");
        printLine("|---|---|---|---|---|---|---|---|");
        const auto& m = r.report.metrics;
        auto f = [](double v, int digits) { return QString::number(v, 'f', digits); };
        printLine(QString("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |")
                      .arg(parser.value(split))
                      .arg(r.report.samples)
                      .arg(f(r.report.loss, 5), f(m.at("sad"), 3), f(m.at("mse"), 5), f(m.at("grad"), 3),
                           f(m.at("conn"), 3), f(r.seconds, 1)));
        if (std::isfinite(r.report.emptyMatteSad))
            printLine(
                QString("an empty matte scores SAD %1 on these samples; the network's mean alpha is %2 against %3 "
                        "in the ground truth")
                    .arg(f(r.report.emptyMatteSad, 3), f(r.report.predictedAlphaMean, 4),
                         f(r.report.trueAlphaMean, 4)));
        return Success;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

}  // namespace ms::cli
