#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "data/SyntheticDataset.h"
#include "data/SyntheticScene.h"
#include "io/AtomicFile.h"
#include "io/ImageIO.h"
#include "train/CheckpointStore.h"
#include "train/DemoRecipe.h"

#include <QDir>
#include <QFileInfo>

namespace ms::cli {

// The built-in default job, headless: a synthetic dataset and sample images are generated, a
// MobileNetV2 MattingBase network trains on the dataset with the demo recipe (train/DemoRecipe,
// the same as the desktop demo project; through the same code as `train`), and the sample images
// are matted with its last checkpoint (the same code as `matte`).
int runDemo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Generates sample images and runs the matting pipeline on them.");
    const QCommandLineOption outDir("output-dir", "Folder for the demo (default ./mattestudio-demo).", "dir",
                                    "mattestudio-demo");
    const QCommandLineOption count("count", "Number of sample images (default 4).", "n", "4");
    const QCommandLineOption steps(
        "train-steps",
        QString("Training steps before matting (default: the recipe's, %1).").arg(demoTrainConfig({}, {}).maxSteps),
        "n");
    parser.addOption(outDir);
    parser.addOption(count);
    parser.addOption(steps);
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    const int images = parser.value(count).toInt();
    if (images < 1 || images > 1000) {
        printError("--count must be between 1 and 1000");
        return BadArguments;
    }
    const QString dataDir = parser.value(outDir) + "/data", trainingDir = parser.value(outDir) + "/training";
    TrainConfig recipe =
        demoTrainConfig(QDir(dataDir).absolutePath().toStdString(), QDir(trainingDir).absolutePath().toStdString());
    const int trainSteps = parser.isSet(steps) ? parser.value(steps).toInt() : int(recipe.maxSteps);
    if (trainSteps < 1 || trainSteps > 100000) {
        printError("--train-steps must be between 1 and 100000");
        return BadArguments;
    }
    const QDir root(parser.value(outDir));
    try {
        printLine("Generating " + QString::number(images) + " sample image pair(s) in " + root.filePath("images"));
        for (int i = 0; i < images; ++i) {
            const SyntheticScene scene = demoSample(i);
            const QString name = QString("sample-%1.png").arg(i, 3, 10, QChar('0'));
            writeImage(root.filePath("images/src/" + name).toStdString(), scene.source);
            writeImage(root.filePath("images/bgr/" + name).toStdString(), scene.background);
        }
        // A clip with its plate, for matte-video and `bench --live` (matte itself takes images only).
        if (!QFileInfo::exists(root.filePath("images/src/video.mp4")))
            writeDemoClip(root.filePath("images/src/video.mp4").toStdString(),
                          root.filePath("images/bgr/video.png").toStdString());

        if (!QFileInfo::exists(root.filePath("data/dataset.json"))) {
            printLine("Generating a synthetic training dataset in " + root.filePath("data"));
            writeSyntheticDataset(root.filePath("data").toStdString(), demoDatasetOptions());
        }
        // The demo's own run folder starts fresh each time (nothing outside it is touched).
        QDir(root.filePath("training/checkpoint/demo")).removeRecursively();
        QDir(root.filePath("training/log/demo")).removeRecursively();
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
    // The recipe goes to `train` as its config file, kept beside the run for reference.
    recipe.maxSteps = trainSteps;
    const QString configPath = root.filePath("training/demo-config.json");
    try {
        QDir().mkpath(root.filePath("training"));
        AtomicFile file(configPath.toStdString());
        const std::string json = toJson(recipe);
        file.write(json.data(), json.size());
        file.commit();
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
    const int trained = runTrain({arguments.first(), "--config", configPath});
    if (trained != Success)
        return trained;
    const auto checkpoint = CheckpointStore(root.filePath("training").toStdString(), "demo").latest();
    if (!checkpoint) {
        printError("the demo training wrote no checkpoint");
        return Failure;
    }
    return runMatte({arguments.first(), "--model-checkpoint", QString::fromStdString(*checkpoint), "--images-src",
                     root.filePath("images/src"), "--images-bgr", root.filePath("images/bgr"), "--output-dir",
                     root.filePath("output"), "--output-types", "com,pha,fgr,err", "-y"});
}

}  // namespace ms::cli
