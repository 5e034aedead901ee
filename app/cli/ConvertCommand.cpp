#include "checkpoint/CheckpointFile.h"
#include "checkpoint/CheckpointInfo.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "model/MattingModel.h"

#include <QFileInfo>

namespace ms::cli {

int runConvert(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Converts a checkpoint between .pth and .safetensors (by OUT's extension). "
                                     ".pth to .pth rewrites a legacy, nested or DataParallel file in the standard "
                                     "layout that torch.load(weights_only=True) accepts.");
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
        const CheckpointFile file = readCheckpointFile(files[0].toStdString());
        ModuleVersions versions = file.moduleVersions;
        std::map<std::string, std::string> metadata = file.metadata;
        metadata["format"] = "pt";  // what safetensors' PyTorch helpers expect
        if (const auto arch = detectArchitecture(file.tensors)) {
            // PyTorch pickles per-module versions with a state_dict; recreate them from the architecture.
            ModelSpec spec;
            spec.type = arch->type;
            spec.backbone = arch->backbone;
            spec.refineKernelSize = arch->refineKernelSize;
            if (versions.empty())
                versions = moduleVersions(*createModel(spec));
            metadata["model_type"] = toString(arch->type);
            metadata["model_backbone"] = toString(arch->backbone);
        } else {
            printWarning(files[0] + " is not a BackgroundMattingV2 checkpoint; converting its tensors as they are");
        }
        writeCheckpointFile(files[1].toStdString(), file.tensors, versions, metadata);
        printLine(QString("Wrote %1 (%2 tensors, %3 -> %4)")
                      .arg(files[1])
                      .arg(file.tensors.size())
                      .arg(checkpointFormatName(file.format))
                      .arg(files[1].endsWith(".safetensors") ? "safetensors" : "PyTorch zip"));
        return Success;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

} // namespace ms::cli
