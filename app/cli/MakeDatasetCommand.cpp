#include "cli/Arguments.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "data/DatasetIndex.h"
#include "data/SyntheticDataset.h"

namespace ms::cli {
namespace {

// "--size W H" (or "--size W" for a square, or "--size WxH") becomes "--size WxH", which
// QCommandLineParser reads as one value; a folder named like a number cannot follow --size.
QStringList joinSize(const QStringList& arguments)
{
    QStringList out;
    for (int i = 0; i < arguments.size(); ++i) {
        out << arguments[i];
        if (arguments[i] != "--size" || i + 1 >= arguments.size())
            continue;
        QString value = arguments[++i];
        bool isNumber = false;
        if (i + 1 < arguments.size() && (arguments[i + 1].toInt(&isNumber), isNumber))
            value += "x" + arguments[++i];
        out << value;
    }
    return out;
}

bool parseSize(const QString& text, int& width, int& height)
{
    const QStringList parts = text.split('x');
    bool okW = false, okH = true;
    width = parts.value(0).toInt(&okW);
    height = parts.size() > 1 ? parts[1].toInt(&okH) : width;
    return parts.size() <= 2 && okW && okH && width >= 16 && height >= 16 && width <= 8192 && height <= 8192;
}

}  // namespace

// Writes the built-in synthetic dataset (see engine/data/SyntheticDataset.h) and checks it.
int runMakeDataset(const QStringList& rawArguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Writes a synthetic training dataset (foregrounds with soft edges and hair-thin "
                                     "strands, alpha mattes, textured backgrounds) and its dataset.json.");
    parser.addPositionalArgument("DIR", "New or empty folder for the dataset.");
    const QCommandLineOption count("count", "Training foreground/alpha pairs (default 200).", "n", "200");
    const QCommandLineOption validCount("valid-count", "Validation pairs (default 50).", "n", "50");
    const QCommandLineOption backgrounds("backgrounds", "Backgrounds per split (default: as many as pairs).", "n", "0");
    const QCommandLineOption size("size", "Image width and height: --size W H (default 512 512).", "W H", "512x512");
    const QCommandLineOption seed("seed", "Random seed; the same seed writes the same files (default 1).", "s", "1");
    for (const auto* o : {&count, &validCount, &backgrounds, &size, &seed})
        parser.addOption(*o);
    int exitCode = Success;
    if (!parseArguments(parser, joinSize(rawArguments), exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(parser.positionalArguments().isEmpty() ? "the dataset folder (DIR) is missing"
                                                          : "only one folder (DIR) is expected");
        return BadArguments;
    }
    SyntheticDatasetOptions options;
    int backgroundCount = 0;
    if (!readInt(parser, count, options.trainCount, 1) || !readInt(parser, validCount, options.validCount, 1) ||
        !readInt(parser, backgrounds, backgroundCount, 0))
        return BadArguments;
    options.backgroundCount = backgroundCount;
    if (!parseSize(parser.value(size), options.width, options.height)) {
        printError("--size expects a width and a height between 16 and 8192, e.g. --size 512 512");
        return BadArguments;
    }
    bool seedOk = false;
    options.seed = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk) {
        printError("--seed expects a non-negative integer, got '" + parser.value(seed) + "'");
        return BadArguments;
    }

    const QString dir = parser.positionalArguments().first();
    try {
        printLine(QString("Writing a synthetic dataset to %1: %2 training and %3 validation pairs, %4x%5, seed %6")
                      .arg(dir)
                      .arg(options.trainCount)
                      .arg(options.validCount)
                      .arg(options.width)
                      .arg(options.height)
                      .arg(options.seed));
        const std::shared_ptr<CancelToken> cancel = interruptToken();
        const int pairs = options.trainCount + options.validCount;
        ProgressLine progress(pairs + (backgroundCount > 0 ? 2 * backgroundCount : pairs), "img");
        const DatasetConfig config = writeSyntheticDataset(
            dir.toStdString(), options,
            [&](int done, int, const std::string& label) { progress.update(done, QString::fromStdString(label)); },
            cancel);
        progress.finish();
        const DatasetCheck check = checkDataset(config);
        QTextStream(stdout) << QString::fromStdString(check.report());
        printLine("Train with it: --dataset " + QString::fromStdString(config.file));
        return check.ok() ? Success : Failure;
    } catch (const Error& e) {
        printError(e.what());
        return interruptToken()->isCancelled() ? Interrupted : Failure;
    }
}

// Lists and checks a dataset: 0 when it is fine, 1 when there are problems.
int runCheckDataset(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Checks a training dataset: missing folders, unmatched foreground/alpha names, "
                                     "unreadable or truncated files, pairs of different sizes, too few samples.");
    parser.addPositionalArgument("CONFIG_OR_DIR", "A dataset .json file, or a folder holding dataset.json.");
    const QCommandLineOption quick("quick", "Only list the files; do not read image headers.");
    const QCommandLineOption exactFrames("exact-frame-counts", "Count video frames by decoding them (slow).");
    const QCommandLineOption minTrain("min-train-samples", "Fewest training samples accepted (default 1).", "n", "1");
    const QCommandLineOption minValid("min-valid-samples", "Fewest validation samples accepted (default 1).", "n", "1");
    for (const auto* o : {&quick, &exactFrames, &minTrain, &minValid})
        parser.addOption(*o);
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError("expected one dataset config file or folder");
        return BadArguments;
    }
    DatasetCheckOptions options;
    options.readEveryFile = !parser.isSet(quick);
    options.exactVideoFrameCounts = parser.isSet(exactFrames);
    if (!readInt(parser, minTrain, options.minTrainSamples, 0) ||
        !readInt(parser, minValid, options.minValidSamples, 0))
        return BadArguments;
    try {
        const DatasetCheck check =
            checkDataset(loadDatasetConfig(parser.positionalArguments().first().toStdString()), options);
        QTextStream(stdout) << QString::fromStdString(check.report());
        return check.ok() ? Success : Failure;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

}  // namespace ms::cli
