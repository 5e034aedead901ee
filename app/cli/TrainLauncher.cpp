#include "cli/TrainLauncher.h"

#include "cli/BatchMain.h"
#include "cli/Terminal.h"
#include "dist/DistributedEnv.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>

#include <memory>
#include <vector>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ms::cli {
namespace {

constexpr int kGraceMs = 15000;  // time the other ranks get to stop on their own after a failure

QString describeExit(const QProcess& process)
{
    if (process.exitStatus() == QProcess::CrashExit)
        return "crashed or was killed";
    return QString("exited with code %1").arg(process.exitCode());
}

} // namespace

int launchTrainingProcesses(const QStringList& trainArguments, int processes, int masterPort)
{
    const QString program = QCoreApplication::applicationFilePath();
    QStringList arguments{"--batch", "train"};
    arguments += trainArguments.mid(1);
    printLine(QString("launching %1 training processes (master 127.0.0.1:%2)").arg(processes).arg(masterPort));

    std::vector<std::unique_ptr<QProcess>> ranks;
    for (int rank = 0; rank < processes; ++rank) {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("RANK", QString::number(rank));
        env.insert("LOCAL_RANK", QString::number(rank));
        env.insert("WORLD_SIZE", QString::number(processes));
        env.insert("MASTER_ADDR", "127.0.0.1");
        env.insert("MASTER_PORT", QString::number(masterPort));
        process->setProcessEnvironment(env);
        process->setProcessChannelMode(QProcess::ForwardedChannels);
#ifdef Q_OS_UNIX
        // Its own process group: a Ctrl-C in the terminal reaches only the launcher, which passes
        // exactly one stop request on to every rank.
        process->setChildProcessModifier([] { ::setpgid(0, 0); });
#endif
        process->start(program, arguments);
        if (!process->waitForStarted(30000)) {
            printError(QString("could not start training process %1: %2").arg(rank).arg(process->errorString()));
            for (auto& started : ranks)
                started->kill();
            return Failure;
        }
        ranks.push_back(std::move(process));
    }

    const auto cancel = interruptToken();
    bool stopForwarded = false;
    QString failure;
    QElapsedTimer sinceFailure;
    for (;;) {
        if (cancel->isCancelled() && !stopForwarded) {
            stopForwarded = true;
            for (auto& process : ranks)
                if (process->state() != QProcess::NotRunning)
                    process->terminate();  // SIGTERM: the rank finishes its step, saves and stops
        }
        int running = 0;
        for (int rank = 0; rank < processes; ++rank) {
            QProcess& process = *ranks[rank];
            if (process.state() != QProcess::NotRunning) {
                process.waitForFinished(50);
                if (process.state() != QProcess::NotRunning) {
                    ++running;
                    continue;
                }
            }
            const bool failed = process.exitStatus() == QProcess::CrashExit ||
                                (process.exitCode() != Success && process.exitCode() != Interrupted);
            if (failed && failure.isEmpty()) {
                failure = QString("training process of rank %1 %2").arg(rank).arg(describeExit(process));
                sinceFailure.start();
                printError(failure + "; stopping the others");
            }
        }
        if (running == 0)
            break;
        if (!failure.isEmpty() && sinceFailure.elapsed() > kGraceMs)
            for (auto& process : ranks)
                if (process->state() != QProcess::NotRunning) {
                    process->kill();
                    process->waitForFinished(5000);
                }
    }
    if (!failure.isEmpty()) {
        printError("distributed training failed: " + failure + " (see its messages above)");
        return Failure;
    }
    for (auto& process : ranks)
        if (process->exitCode() == Interrupted)
            return Interrupted;
    return Success;
}

} // namespace ms::cli
