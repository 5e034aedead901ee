#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "data/SyntheticScene.h"
#include "infer/ImageIO.h"
#include "model/MattingModel.h"

#include <QDir>

namespace ms::cli {

// The built-in default job: sample images are generated, a MobileNetV2 MattingRefine network is
// created and saved as a checkpoint, and the images are matted with it through the same code path
// as `matte`. Training arrives in a later version; until then the network is untrained, so the
// mattes show the pipeline working, not the quality of a trained model.
int runDemo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Generates sample images and runs the matting pipeline on them.");
    const QCommandLineOption outDir("output-dir", "Folder for the demo (default ./mattestudio-demo).", "dir",
                                    "mattestudio-demo");
    const QCommandLineOption count("count", "Number of sample images (default 4).", "n", "4");
    parser.addOption(outDir);
    parser.addOption(count);
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    const int images = parser.value(count).toInt();
    if (images < 1 || images > 1000) {
        printError("--count must be between 1 and 1000");
        return BadArguments;
    }
    const QDir root(parser.value(outDir));
    try {
        printLine("Generating " + QString::number(images) + " sample image pair(s) in " + root.filePath("images"));
        for (int i = 0; i < images; ++i) {
            const SyntheticScene scene = makeSyntheticScene(512, 384, 1000 + i);
            const QString name = QString("sample-%1.png").arg(i, 3, 10, QChar('0'));
            writeImage(root.filePath("images/src/" + name).toStdString(), scene.source);
            writeImage(root.filePath("images/bgr/" + name).toStdString(), scene.background);
        }

        ModelSpec spec;
        spec.backbone = Backbone::MobileNetV2;
        torch::manual_seed(1);
        auto model = createModel(spec);
        const QString checkpoint = root.filePath("checkpoint/demo/untrained-mobilenetv2.pth");
        QDir().mkpath(QFileInfo(checkpoint).path());
        writeCheckpointFile(checkpoint.toStdString(), stateDictOf(*model), moduleVersions(*model));
        printLine("Saved a freshly initialised MattingRefine (mobilenetv2) checkpoint: " + checkpoint);
        printWarning("the demo network is untrained: its mattes show the pipeline, not matting quality");
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
    return runMatte({arguments.first(), "--model-checkpoint", root.filePath("checkpoint/demo/untrained-mobilenetv2.pth"),
                     "--model-refine-sample-pixels", "20000", "--images-src", root.filePath("images/src"), "--images-bgr",
                     root.filePath("images/bgr"), "--output-dir", root.filePath("output"), "--output-types",
                     "com,pha,fgr,err,ref", "-y"});
}

} // namespace ms::cli
