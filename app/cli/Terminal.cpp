#include "cli/Terminal.h"

#include "cli/BatchMain.h"

#include "platform/Terminal.h"

#include <QTextStream>

#include <cstdlib>

namespace ms::cli {

void printError(const QString& message) { QTextStream(stderr) << "error: " << message << "\n"; }

void printWarning(const QString& message) { QTextStream(stderr) << "warning: " << message << "\n"; }

void printLine(const QString& text) { QTextStream(stdout) << text << "\n"; }

namespace {
std::shared_ptr<CancelToken> g_interrupt;

// Runs inside the signal handler on POSIX: only async-signal-safe work.
void onInterrupt()
{
    if (g_interrupt->isCancelled())
        std::_Exit(130);
    g_interrupt->cancel();
    static const char message[] = "\ninterrupted: finishing the work in flight (Ctrl-C again to quit now)\n";
    platform::writeRaw(platform::Stream::Err, message, sizeof message - 1);
}
}  // namespace

std::shared_ptr<CancelToken> interruptToken()
{
    if (!g_interrupt) {
        g_interrupt = std::make_shared<CancelToken>();
        platform::installInterruptHandler(onInterrupt);
    }
    return g_interrupt;
}

bool parseArguments(QCommandLineParser& parser, const QStringList& arguments, int& exitCode)
{
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        exitCode = BadArguments;
        return false;
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        exitCode = Success;
        return false;
    }
    return true;
}

ProgressLine::ProgressLine(int total, QString unit)
    : m_total(total)
    , m_unit(std::move(unit))
    , m_start(std::chrono::steady_clock::now())
    , m_tty(platform::isTerminal(platform::Stream::Err))
{}

static QString clock(double seconds)
{
    const int s = static_cast<int>(seconds + 0.5);
    return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

void ProgressLine::update(int done, const QString& label)
{
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const double rate = elapsed > 0 ? done / elapsed : 0.0;
    const QString eta = rate > 0 ? clock((m_total - done) / rate) : QString("?");
    const auto width = static_cast<int>(QString::number(m_total).size());
    const QString line = QString("[%1/%2] %3%  %4 %5/s  elapsed %6  left %7  %8")
                             .arg(done, width)
                             .arg(m_total)
                             .arg(m_total ? 100 * done / m_total : 100, 3)
                             .arg(rate, 0, 'f', 2)
                             .arg(m_unit)
                             .arg(clock(elapsed))
                             .arg(eta)
                             .arg(label);
    QTextStream err(stderr);
    if (m_tty)
        err << "\r\033[K" << line;
    else
        err << line << "\n";
    err.flush();
}

void ProgressLine::finish()
{
    if (m_tty)
        QTextStream(stderr) << "\n";
}

}  // namespace ms::cli
