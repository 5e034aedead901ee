#include "cli/Arguments.h"

#include "cli/Terminal.h"

namespace ms::cli {

std::vector<std::string> toStdStrings(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

QStringList expandListOptions(const QStringList& arguments, const QStringList& listOptions)
{
    QStringList out;
    QString listOption;  // the list option whose values are being read, if any
    for (const QString& arg : arguments) {
        bool isNumber = false;
        arg.toDouble(&isNumber);  // "-1" is a value, not an option
        if (arg.startsWith('-') && !isNumber) {
            listOption = listOptions.contains(arg) ? arg : QString();
        } else if (!listOption.isEmpty() && out.last() != listOption) {
            out << listOption;  // second and later values: repeat the option
        }
        out << arg;
    }
    return out;
}

bool checkRequired(const QCommandLineParser& parser, std::initializer_list<const QCommandLineOption*> required)
{
    if (!parser.positionalArguments().isEmpty()) {
        printError("unexpected argument '" + parser.positionalArguments().first() + "'");
        return false;
    }
    for (const QCommandLineOption* option : required) {
        if (!parser.isSet(*option)) {
            printError("--" + option->names().first() + " is required");
            return false;
        }
    }
    return true;
}

bool readNumber(const QCommandLineParser& parser, const QCommandLineOption& option, double& value)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const double v = parser.value(option).toDouble(&ok);
    if (!ok) {
        printError("--" + option.names().first() + " expects a number, got '" + parser.value(option) + "'");
        return false;
    }
    value = v;
    return true;
}

bool readInt(const QCommandLineParser& parser, const QCommandLineOption& option, int& value, int minimum)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const int v = parser.value(option).toInt(&ok);
    if (!ok || v < minimum) {
        printError(QString("--%1 expects an integer >= %2, got '%3'")
                       .arg(option.names().first())
                       .arg(minimum)
                       .arg(parser.value(option)));
        return false;
    }
    value = v;
    return true;
}

ModelOptions::ModelOptions()
    : type("model-type", "mattingbase or mattingrefine (default: from the checkpoint).", "type")
    , backbone("model-backbone", "resnet50, resnet101 or mobilenetv2 (default: from the checkpoint).", "name")
    , scale("model-backbone-scale", "Backbone scale, at most 0.5 (default 0.25).", "scale", "0.25")
    , checkpoint("model-checkpoint", "Checkpoint (.pth, .safetensors, TorchScript).", "file")
    , mode("model-refine-mode", "full, sampling or thresholding (default sampling).", "mode", "sampling")
    , pixels("model-refine-sample-pixels", "Pixels to refine in sampling mode (default 80000).", "n", "80000")
    , threshold("model-refine-threshold", "Error threshold in thresholding mode (default 0.7).", "t", "0.7")
    , kernel("model-refine-kernel-size", "Refiner kernel size 1 or 3 (default: from the checkpoint).", "k")
    , device("device", "cpu, cuda, cuda:N or, on macOS, mps (default: cuda when available, else cpu).", "dev")
    , threads("threads", "CPU threads for inference (default: all cores).", "n")
    , channelsLast("channels-last",
                   "on or off: run the network in channels-last (NHWC) layout, faster on CPU "
                   "(default on).",
                   "on|off", "on")
{}

void ModelOptions::addTo(QCommandLineParser& parser) const
{
    for (const auto* o :
         {&type, &backbone, &scale, &checkpoint, &mode, &pixels, &threshold, &kernel, &device, &threads, &channelsLast})
        parser.addOption(*o);
}

bool ModelOptions::read(const QCommandLineParser& parser, SessionOptions& session, int& threadCount) const
{
    session.checkpoint = parser.value(checkpoint).toStdString();
    session.typeGiven = parser.isSet(type);
    session.backboneGiven = parser.isSet(backbone);
    if (session.typeGiven) {
        const auto t = parseModelType(parser.value(type).toStdString());
        if (!t) {
            printError("--model-type must be mattingbase or mattingrefine");
            return false;
        }
        session.spec.type = *t;
    }
    if (session.backboneGiven) {
        const auto b = parseBackbone(parser.value(backbone).toStdString());
        if (!b) {
            printError("--model-backbone must be resnet50, resnet101 or mobilenetv2");
            return false;
        }
        session.spec.backbone = *b;
    }
    const auto refineMode = parseRefineMode(parser.value(mode).toStdString());
    if (!refineMode) {
        printError("--model-refine-mode must be full, sampling or thresholding");
        return false;
    }
    session.spec.refineMode = *refineMode;
    session.spec.refineThreshold = 0.7;  // the reference scripts' default
    threadCount = 0;
    if (!readNumber(parser, scale, session.spec.backboneScale) ||
        !readInt(parser, pixels, session.spec.refineSamplePixels, 16) ||
        !readNumber(parser, threshold, session.spec.refineThreshold) ||
        !readInt(parser, kernel, session.spec.refineKernelSize, 1) || !readInt(parser, threads, threadCount, 0))
        return false;
    if (parser.value(channelsLast) != "on" && parser.value(channelsLast) != "off") {
        printError("--channels-last must be on or off");
        return false;
    }
    session.channelsLast = parser.value(channelsLast) == "on";
    session.device =
        parser.isSet(device) ? parser.value(device).toStdString() : (torch::cuda::is_available() ? "cuda" : "cpu");
    return true;
}

}  // namespace ms::cli
