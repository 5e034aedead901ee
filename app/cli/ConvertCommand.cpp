#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "worker/CheckpointCatalog.h"

#include <QFileInfo>

namespace ms::cli {

int runConvert(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Converts a checkpoint between .pth and .safetensors (by OUT's extension). "
        ".pth to .pth rewrites a legacy, nested or DataParallel file in the standard "
        "layout that torch.load(weights_only=True) accepts. A sidecar (.json) is copied along.");
    parser.addPositionalArgument("in", "checkpoint to read");
    parser.addPositionalArgument("out", "file to write (.pth or .safetensors)");
    const QCommandLineOption overwrite("y", "Overwrite OUT if it exists.");
    parser.addOption(overwrite);
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2) {
        printError("convert takes an input and an output file");
        return BadArguments;
    }
    if (QFileInfo(files[0]).absoluteFilePath() == QFileInfo(files[1]).absoluteFilePath()) {
        printError("input and output are the same file");
        return BadArguments;
    }
    if (QFileInfo::exists(files[1]) && !parser.isSet(overwrite)) {
        printError(files[1] + " exists; pass -y to overwrite it");
        return Failure;
    }
    try {
        const CheckpointConversion conversion = convertCheckpoint(files[0], files[1], parser.isSet(overwrite));
        if (!conversion.recognisedModel)
            printWarning(files[0] + " is not a BackgroundMattingV2 checkpoint; its tensors were converted as they are");
        printLine(QString("Wrote %1 (%2 tensors, %3 -> %4)")
                      .arg(files[1])
                      .arg(conversion.tensorCount)
                      .arg(conversion.sourceFormat, conversion.targetFormat));
        return Success;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

}  // namespace ms::cli
