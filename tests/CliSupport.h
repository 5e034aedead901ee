#pragma once
// Runs the real `mattestudio --batch ...` binary, as a user would, and captures what it says.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <csignal>
#include <string>

namespace mstest {

struct AppRun {
    int exitCode = -1;  // -1: did not finish in time, -2: crashed
    QString out, err;
};

// Waits for `p` to end (killing it after `timeoutMs`) and adds how it ended and what it printed to `r`.
inline void waitForEnd(QProcess& p, int timeoutMs, AppRun& r)
{
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out += QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err += QString::fromLocal8Bit(p.readAllStandardError());
}

// The binary with `arguments` in `environment`; what it printed and how it ended.
inline AppRun runBinary(const QStringList& arguments, const QProcessEnvironment& environment, int timeoutMs = 600000)
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(MS_APP_BINARY, arguments);
    AppRun r;
    waitForEnd(p, timeoutMs, r);
    return r;
}

inline AppRun runApp(const QStringList& arguments, int timeoutMs = 600000)
{
    return runBinary(QStringList{"--batch"} + arguments, QProcessEnvironment::systemEnvironment(), timeoutMs);
}

#ifndef _WIN32  // SIGINT; the tests that use it skip on Windows
// `mattestudio --batch arguments`, interrupted by SIGINT (Ctrl-C) once its standard error shows
// `marker`. signalled: whether it was still running then; exitCode as in AppRun.
struct InterruptedRun : AppRun {
    bool signalled = false;
};

inline InterruptedRun interruptOn(const QString& marker, const QStringList& arguments, int timeoutMs = 120000)
{
    QProcess p;
    p.start(MS_APP_BINARY, QStringList{"--batch"} + arguments);
    InterruptedRun r;
    if (!p.waitForStarted())
        return r;
    while (!r.err.contains(marker) && p.state() == QProcess::Running) {
        p.waitForReadyRead(100);
        r.err += QString::fromLocal8Bit(p.readAllStandardError());
    }
    r.signalled = p.state() == QProcess::Running;
    if (r.signalled)
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    waitForEnd(p, timeoutMs, r);
    return r;
}
#endif

// A small synthetic dataset of 72x72 pairs, made by the app's make-dataset command.
inline AppRun makeDataset(const std::string& dir, int count, int validCount, int seed)
{
    return runApp({"make-dataset", QString::fromStdString(dir), "--count", QString::number(count), "--valid-count",
                   QString::number(validCount), "--size", "72", "72", "--seed", QString::number(seed)});
}

}  // namespace mstest
