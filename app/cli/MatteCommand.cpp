#include "cli/Arguments.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "core/Threads.h"
#include "infer/Alignment.h"
#include "infer/Compositor.h"
#include "infer/ImagePairs.h"
#include "infer/ImagePipeline.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"
#include "io/ImageIO.h"
#include "platform/Paths.h"

#include <filesystem>

namespace ms::cli {

int runMatte(const QStringList& rawArguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Mattes images with a checkpoint; options and output layout follow the "
                                     "reference's inference_images.py.");
    const ModelOptions model;
    model.addTo(parser);
    const QCommandLineOption src("images-src", "Source images: files and/or folders.", "path");
    const QCommandLineOption bgr("images-bgr", "Backgrounds: one for all, or one per source.", "path");
    const QCommandLineOption outDir("output-dir", "Output folder.", "dir");
    const QCommandLineOption types("output-types",
                                   "Any of com pha fgr err ref, comma- or space-separated "
                                   "(default com,pha,fgr).",
                                   "types");
    const QCommandLineOption format("output-format", "png or jpg for pha, fgr, err, ref (default jpg).", "fmt", "jpg");
    const QCommandLineOption depth("output-bit-depth", "8 or 16 (16 writes PNG).", "bits", "8");
    const QCommandLineOption overwrite("y", "Overwrite existing output files (nothing else is ever deleted).");
    const QCommandLineOption alignment("preprocess-alignment",
                                       "Align each background to its source (ORB features + homography) first.");
    const QCommandLineOption target("target-bgr",
                                    "Composite com onto this instead of transparency: an image, a colour "
                                    "(green, white, #RRGGBB, R,G,B) or 'transparent'.",
                                    "target");
    for (const auto* o : {&src, &bgr, &outDir, &types, &format, &depth, &overwrite, &alignment, &target})
        parser.addOption(*o);

    const QStringList arguments = expandListOptions(rawArguments, {"--images-src", "--images-bgr", "--output-types"});
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    if (!checkRequired(parser, {&model.checkpoint, &src, &bgr, &outDir}))
        return BadArguments;

    SessionOptions session;
    int threadCount = 0, bitDepth = 8;
    if (!model.read(parser, session, threadCount) || !readInt(parser, depth, bitDepth, 8))
        return BadArguments;

    try {
        validate(session.spec);
        OutputOptions outputOptions;
        outputOptions.outputDir = parser.value(outDir).toStdString();
        if (parser.isSet(types))
            outputOptions.types = parseOutputTypes(toStdStrings(parser.values(types)));
        outputOptions.format = parser.value(format).toStdString();
        outputOptions.bitDepth = bitDepth;
        if (parser.isSet(target))
            outputOptions.comTarget = parseCompositeTarget(parser.value(target).toStdString());
        const OutputWriter writer(outputOptions);
        const auto pairs = pairImages(collectImages(toStdStrings(parser.values(src))),
                                      collectImages(toStdStrings(parser.values(bgr))));

        if (!parser.isSet(overwrite)) {
            QStringList existing;
            for (const auto& pair : pairs)
                for (const auto& path : writer.pathsFor(pair.source.relativeStem))
                    if (std::filesystem::exists(platform::fsPath(path)))
                        existing << QString::fromStdString(path);
            if (!existing.isEmpty()) {
                printError(QString("%1 output file(s) exist already (first: %2); pass -y to overwrite them")
                               .arg(existing.size())
                               .arg(existing.first()));
                return Failure;
            }
        }

        configureThreads(threadCount);
        MattingSession matting(session);
        matting.setWarningHandler([](const std::string& w) { printWarning(QString::fromStdString(w)); });
        printLine("Model: " + QString::fromStdString(matting.describe()));
        if (!matting.isTorchScript())
            printLine("Checkpoint: " + QString::fromStdString(matting.loadReport().summary()));
        if (matting.spec().type == ModelType::MattingRefine && session.typeGiven == false)
            printLine("(model type and backbone detected from the checkpoint)");

        ProgressLine progress(static_cast<int>(pairs.size()), "img");
        PipelineOptions pipelineOptions;
        if (parser.isSet(alignment))
            pipelineOptions.alignBackground = [](const torch::Tensor& s, const torch::Tensor& b) {
                return alignBackground(s, b, [](const std::string& w) { printWarning(QString::fromStdString(w)); });
            };
        ImagePipeline pipeline(matting, writer, pipelineOptions);
        const auto cancel = interruptToken();
        const PipelineResult result = pipeline.run(pairs, cancel.get(), [&](int done, int, const std::string& label) {
            progress.update(done, QString::fromStdString(label));
        });
        progress.finish();
        printLine(QString("Matted %1 of %2 image(s) into %3")
                      .arg(result.succeeded)
                      .arg(pairs.size())
                      .arg(parser.value(outDir)));
        for (const std::string& failure : result.failures)
            printError("skipped: " + QString::fromStdString(failure));
        if (result.cancelled) {
            printError("interrupted: the remaining images were not matted");
            return Interrupted;
        }
        if (result.failures.empty())
            return Success;
        return result.succeeded > 0 ? PartialSuccess : Failure;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

}  // namespace ms::cli
