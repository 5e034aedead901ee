#include "checkpoint/CheckpointFile.h"
#include "checkpoint/CheckpointInfo.h"
#include "checkpoint/LoadReport.h"
#include "checkpoint/ModelLoading.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "model/MattingModel.h"

#include <QFileInfo>
#include <QLocale>

namespace ms::cli {

int runInfo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Tells what a checkpoint is (type, backbone, parameters, metadata) and how it "
                                     "loads into the architecture its keys describe.");
    parser.addPositionalArgument("checkpoint", ".pth, .safetensors or TorchScript file");
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError("info takes exactly one checkpoint file");
        return BadArguments;
    }
    const QString path = parser.positionalArguments().first();
    const QLocale locale = QLocale::c();
    try {
        printLine("File:        " + path + " (" + locale.toString(QFileInfo(path).size()) + " bytes)");
        if (isTorchScriptFile(path.toStdString())) {
            printLine("Format:      TorchScript archive (weights and code; usable for matting, not for training)");
            return Success;
        }
        const CheckpointFile file = readCheckpointFile(path.toStdString());
        printLine(QString("Format:      ") + checkpointFormatName(file.format));
        if (!file.containerKey.empty())
            printLine("Nested in:   '" + QString::fromStdString(file.containerKey) + "' entry of a dict");
        if (file.strippedModulePrefix)
            printLine("Note:        'module.' prefix of a DataParallel/DDP model was removed");
        for (const auto& [key, value] : file.metadata)
            printLine("Metadata:    " + QString::fromStdString(key) + " = " + QString::fromStdString(value));

        const auto arch = detectArchitecture(file.tensors);
        if (!arch) {
            printLine(QString("Tensors:     %1").arg(file.tensors.size()));
            printError(path + ": not a BackgroundMattingV2 checkpoint (no backbone keys found)");
            return Failure;
        }
        printLine("Model:       " + QString::fromStdString(arch->describe()));
        printLine(QString("Tensors:     %1 (%2 floating-point values)")
                      .arg(arch->tensorCount)
                      .arg(locale.toString(static_cast<qlonglong>(arch->parameterElements))));
        printLine("Load report: " + QString::fromStdString(loadModel(file.tensors).report.details()));
        return Success;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

}  // namespace ms::cli
