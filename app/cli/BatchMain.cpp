#include "cli/BatchMain.h"

#include "cli/Commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <exception>

namespace ms::cli {
namespace {

// Every --batch command: its name, what the usage text says of it, and the function that runs it.
struct Command {
    const char* name;
    const char* synopsis;
    int (*run)(const QStringList& arguments);
};

const Command kCommands[] = {
    {"info", "info CHECKPOINT        what a checkpoint is, and how it loads", runInfo},
    {"convert", "convert IN OUT         convert between .pth and .safetensors (or rewrite a .pth)", runConvert},
    {"matte", "matte [options]        matte images (options as the reference's inference_images.py)", runMatte},
    {"matte-video", "matte-video [options]  matte a video (options as the reference's inference_video.py)",
     runMatteVideo},
    {"bench", "bench [options]        measure model, pipeline, training-step and live throughput", runBench},
    {"train", "train [options]        train MattingBase or MattingRefine (as train_base.py / train_refine.py)",
     runTrain},
    {"evaluate", "evaluate [options]     a checkpoint's loss and matting metrics on a dataset", runEvaluate},
    {"demo", "demo [--output-dir D]  make sample images and run the whole pipeline on them", runDemo},
    {"make-dataset", "make-dataset DIR       write a synthetic training dataset (--count N --size W H --seed S)",
     runMakeDataset},
    {"check-dataset", "check-dataset CONFIG   check a training dataset's folders and files", runCheckDataset},
};

void printUsage(QTextStream& out)
{
    out << "Usage: mattestudio --batch <command> [options]\n\nCommands:\n";
    for (const Command& c : kCommands)
        out << "  " << c.synopsis << "\n";
    out << "\nRun 'mattestudio --batch <command> --help' for a command's options.\n";
}

}  // namespace

int batchMain(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // Arguments after the command go to that command; `--batch` itself is dropped. Qt's copy of
    // the command line: on Windows it comes from the UTF-16 one, so non-ASCII paths survive.
    QStringList rest;
    bool batch = false;
    for (const QString& argument : QCoreApplication::arguments().mid(1)) {
        if (argument == "--batch" && !batch)
            batch = true;
        else
            rest << argument;
    }
    QCoreApplication::setApplicationName("mattestudio");
    QCoreApplication::setApplicationVersion(MATTESTUDIO_VERSION);
    QTextStream err(stderr);
    if (!batch || rest.isEmpty() || rest.first() == "--help" || rest.first() == "-h") {
        printUsage(err);
        if (!batch)
            err << "\nThe desktop interface is not part of this build (configured with MATTESTUDIO_BUILD_GUI=OFF); use --batch.\n";
        return rest.contains("--help") || rest.contains("-h") ? Success : BadArguments;
    }
    const QString command = rest.takeFirst();
    rest.prepend(QString("mattestudio --batch ") + command);  // argv[0] for the command's parser
    try {
        for (const Command& c : kCommands)
            if (command == c.name)
                return c.run(rest);
    } catch (const std::exception& e) {
        // Last line of defence: engine errors are caught in the commands; this keeps anything else
        // from ending the process with an abort.
        err << "error: " << e.what() << "\n";
        return Failure;
    }
    err << "unknown command '" << command << "'\n\n";
    printUsage(err);
    return BadArguments;
}

}  // namespace ms::cli
