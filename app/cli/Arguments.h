#pragma once
#include "infer/MattingSession.h"

#include <QCommandLineParser>
#include <QStringList>

#include <initializer_list>
#include <string>
#include <vector>

namespace ms::cli {

std::vector<std::string> toStdStrings(const QStringList& list);

// argparse-style `--output-types com pha` (several values after one option) becomes one option per
// value, which QCommandLineParser understands.
QStringList expandListOptions(const QStringList& arguments, const QStringList& listOptions);

// No positional arguments and every option in `required` set; otherwise prints what is wrong.
bool checkRequired(const QCommandLineParser& parser, std::initializer_list<const QCommandLineOption*> required);

// Read an option's value if set (else leave `value` as it is); print the problem and return false
// when it is not a number (or below `minimum`).
bool readNumber(const QCommandLineParser& parser, const QCommandLineOption& option, double& value);
bool readInt(const QCommandLineParser& parser, const QCommandLineOption& option, int& value, int minimum);

// The reference scripts' model options (--model-type, --model-backbone, --model-backbone-scale,
// --model-checkpoint, --model-refine-*), plus --device and --threads, shared by matte,
// matte-video and bench.
struct ModelOptions {
    ModelOptions();
    void addTo(QCommandLineParser& parser) const;
    // Fills the session options; prints the problem and returns false on a bad value.
    bool read(const QCommandLineParser& parser, SessionOptions& session, int& threadCount) const;

    QCommandLineOption type, backbone, scale, checkpoint, mode, pixels, threshold, kernel, device, threads,
        channelsLast;
};

}  // namespace ms::cli
