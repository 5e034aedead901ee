#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Error.h"
#include "core/Threads.h"
#include "infer/Alignment.h"
#include "infer/Compositor.h"
#include "infer/ImageIO.h"
#include "infer/ImagePipeline.h"
#include "infer/ImagePairs.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"

#include <filesystem>

namespace ms::cli {
namespace {

std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

// `--output-types com pha fgr` (argparse nargs style) becomes one option per value, which
// QCommandLineParser understands.
QStringList expandListOptions(const QStringList& arguments, const QStringList& listOptions)
{
    QStringList out;
    QString listOption;  // the list option whose values are being read, if any
    for (const QString& arg : arguments) {
        if (arg.startsWith('-')) {
            listOption = listOptions.contains(arg) ? arg : QString();
        } else if (!listOption.isEmpty() && out.last() != listOption) {
            out << listOption;  // second and later values: repeat the option
        }
        out << arg;
    }
    return out;
}

bool parseNumber(const QCommandLineParser& parser, const QCommandLineOption& option, double& value)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    value = parser.value(option).toDouble(&ok);
    if (!ok)
        printError("--" + option.names().first() + " expects a number, got '" + parser.value(option) + "'");
    return ok;
}

} // namespace

int runMatte(const QStringList& rawArguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Mattes images with a checkpoint; options and output layout follow the "
                                     "reference's inference_images.py.");
    const QCommandLineOption type("model-type", "mattingbase or mattingrefine (default: from the checkpoint).", "type");
    const QCommandLineOption backbone("model-backbone", "resnet50, resnet101 or mobilenetv2 (default: from the checkpoint).",
                                      "name");
    const QCommandLineOption scale("model-backbone-scale", "Backbone scale, at most 0.5 (default 0.25).", "scale", "0.25");
    const QCommandLineOption checkpoint("model-checkpoint", "Checkpoint (.pth, .safetensors, TorchScript).", "file");
    const QCommandLineOption mode("model-refine-mode", "full, sampling or thresholding (default sampling).", "mode",
                                  "sampling");
    const QCommandLineOption pixels("model-refine-sample-pixels", "Pixels to refine in sampling mode (default 80000).",
                                    "n", "80000");
    const QCommandLineOption threshold("model-refine-threshold", "Error threshold in thresholding mode (default 0.7).",
                                       "t", "0.7");
    const QCommandLineOption kernel("model-refine-kernel-size", "Refiner kernel size 1 or 3 (default: from the checkpoint).",
                                    "k");
    const QCommandLineOption src("images-src", "Source images: files and/or folders.", "path");
    const QCommandLineOption bgr("images-bgr", "Backgrounds: one for all, or one per source.", "path");
    const QCommandLineOption outDir("output-dir", "Output folder.", "dir");
    const QCommandLineOption types("output-types", "Any of com pha fgr err ref, comma- or space-separated "
                                                   "(default com,pha,fgr).", "types");
    const QCommandLineOption format("output-format", "png or jpg for pha, fgr, err, ref (default jpg).", "fmt", "jpg");
    const QCommandLineOption depth("output-bit-depth", "8 or 16 (16 writes PNG).", "bits", "8");
    const QCommandLineOption device("device", "cpu, cuda or cuda:N (default: cuda when available, else cpu).", "dev");
    const QCommandLineOption threads("threads", "CPU threads for inference (default: all cores).", "n");
    const QCommandLineOption overwrite("y", "Overwrite existing output files (nothing else is ever deleted).");
    const QCommandLineOption alignment("preprocess-alignment",
                                       "Align each background to its source (ORB features + homography) first.");
    const QCommandLineOption target("target-bgr", "Composite com onto this instead of transparency: an image, a colour "
                                                  "(green, white, #RRGGBB, R,G,B) or 'transparent'.", "target");
    for (const auto* o : {&type, &backbone, &scale, &checkpoint, &mode, &pixels, &threshold, &kernel, &src, &bgr, &outDir,
                          &types, &format, &depth, &device, &threads, &overwrite, &alignment, &target})
        parser.addOption(*o);

    const QStringList arguments =
        expandListOptions(rawArguments, {"--images-src", "--images-bgr", "--output-types"});
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError("unexpected argument '" + parser.positionalArguments().first() + "'");
        return BadArguments;
    }
    for (const auto* required : {&checkpoint, &src, &bgr, &outDir}) {
        if (!parser.isSet(*required)) {
            printError("--" + required->names().first() + " is required");
            return BadArguments;
        }
    }

    SessionOptions session;
    session.checkpoint = parser.value(checkpoint).toStdString();
    session.typeGiven = parser.isSet(type);
    session.backboneGiven = parser.isSet(backbone);
    if (session.typeGiven) {
        const auto t = parseModelType(parser.value(type).toStdString());
        if (!t) {
            printError("--model-type must be mattingbase or mattingrefine");
            return BadArguments;
        }
        session.spec.type = *t;
    }
    if (session.backboneGiven) {
        const auto b = parseBackbone(parser.value(backbone).toStdString());
        if (!b) {
            printError("--model-backbone must be resnet50, resnet101 or mobilenetv2");
            return BadArguments;
        }
        session.spec.backbone = *b;
    }
    const auto refineMode = parseRefineMode(parser.value(mode).toStdString());
    if (!refineMode) {
        printError("--model-refine-mode must be full, sampling or thresholding");
        return BadArguments;
    }
    session.spec.refineMode = *refineMode;
    double samplePixels = 80000, kernelSize = 3, bitDepth = 8, threadCount = 0;
    if (!parseNumber(parser, scale, session.spec.backboneScale) || !parseNumber(parser, pixels, samplePixels)
        || !parseNumber(parser, threshold, session.spec.refineThreshold) || !parseNumber(parser, kernel, kernelSize)
        || !parseNumber(parser, depth, bitDepth) || !parseNumber(parser, threads, threadCount))
        return BadArguments;
    session.spec.refineSamplePixels = static_cast<int>(samplePixels);
    session.spec.refineKernelSize = static_cast<int>(kernelSize);
    session.device = parser.isSet(device) ? parser.value(device).toStdString()
                                          : (torch::cuda::is_available() ? "cuda" : "cpu");

    try {
        validate(session.spec);
        OutputOptions outputOptions;
        outputOptions.outputDir = parser.value(outDir).toStdString();
        if (parser.isSet(types))
            outputOptions.types = parseOutputTypes(toStd(parser.values(types)));
        outputOptions.format = parser.value(format).toStdString();
        outputOptions.bitDepth = static_cast<int>(bitDepth);
        if (parser.isSet(target))
            outputOptions.comTarget = parseCompositeTarget(parser.value(target).toStdString());
        const OutputWriter writer(outputOptions);
        const auto pairs = pairImages(collectImages(toStd(parser.values(src))), collectImages(toStd(parser.values(bgr))));

        if (!parser.isSet(overwrite)) {
            QStringList existing;
            for (const auto& pair : pairs)
                for (const auto& path : writer.pathsFor(pair.source.relativeStem))
                    if (std::filesystem::exists(path))
                        existing << QString::fromStdString(path);
            if (!existing.isEmpty()) {
                printError(QString("%1 output file(s) exist already (first: %2); pass -y to overwrite them")
                               .arg(existing.size())
                               .arg(existing.first()));
                return Failure;
            }
        }

        configureThreads(static_cast<int>(threadCount));
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
            return Failure;
        }
        if (result.failures.empty())
            return Success;
        return result.succeeded > 0 ? PartialSuccess : Failure;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

} // namespace ms::cli
