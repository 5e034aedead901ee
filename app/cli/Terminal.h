#pragma once
#include <QCommandLineParser>
#include <QString>

#include "core/CancelToken.h"

#include <chrono>
#include <string>

namespace ms::cli {

// Messages to stderr, results to stdout.
void printError(const QString& message);
void printWarning(const QString& message);
void printLine(const QString& text);

// A token that Ctrl-C (SIGINT) cancels: the first Ctrl-C asks the job to stop cleanly, a second
// one ends the process at once.
std::shared_ptr<CancelToken> interruptToken();

// Parses or prints the problem; false means: return BadArguments (or Success after --help).
bool parseArguments(QCommandLineParser& parser, const QStringList& arguments, int& exitCode);

// "[  3/10]  30%  4.2 img/s  ETA 0:02  name" on one refreshing line (a plain line when not a TTY).
class ProgressLine {
public:
    ProgressLine(int total, QString unit);
    void update(int done, const QString& label);
    void finish();

private:
    int m_total;
    QString m_unit;
    std::chrono::steady_clock::time_point m_start;
    bool m_tty;
};

}  // namespace ms::cli
