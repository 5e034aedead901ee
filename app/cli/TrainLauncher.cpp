#include "cli/TrainLauncher.h"

#include "cli/BatchMain.h"
#include "cli/Terminal.h"
#include "dist/DistributedEnv.h"

#include "platform/Files.h"
#include "platform/Process.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <map>
#include <vector>

namespace ms::cli {
namespace {

constexpr int kGraceMs = 15000;  // time the other ranks get to stop on their own after a failure

QString describeExit(int code)
{
    if (code > 128 && code != Interrupted)
        return QString("crashed or was killed (exit code %1)").arg(code);
    return QString("exited with code %1").arg(code);
}

}  // namespace

int launchTrainingProcesses(const QStringList& trainArguments, int processes, int masterPort)
{
    const std::string program = QCoreApplication::applicationFilePath().toStdString();
    std::vector<std::string> arguments{"--batch", "train"};
    for (const QString& a : trainArguments.mid(1))
        arguments.push_back(a.toStdString());
    printLine(QString("launching %1 training processes (master 127.0.0.1:%2)").arg(processes).arg(masterPort));

    // Each rank runs in a process group of its own: a Ctrl-C in the terminal reaches only the
    // launcher, which passes exactly one stop request on to every rank.
    std::vector<platform::ChildProcess> ranks;
    for (int rank = 0; rank < processes; ++rank) {
        const std::map<std::string, std::string> env{{"RANK", std::to_string(rank)},
                                                     {"LOCAL_RANK", std::to_string(rank)},
                                                     {"WORLD_SIZE", std::to_string(processes)},
                                                     {"MASTER_ADDR", "127.0.0.1"},
                                                     {"MASTER_PORT", std::to_string(masterPort)}};
        std::error_code ec;
        platform::ChildProcess process = platform::ChildProcess::start(program, arguments, env, ec);
        if (ec) {
            printError(QString("could not start training process %1: %2")
                           .arg(rank)
                           .arg(QString::fromStdString(platform::describe(ec))));
            for (auto& started : ranks)
                started.kill();
            return Failure;
        }
        ranks.push_back(std::move(process));
    }

    const auto cancel = interruptToken();
    bool stopForwarded = false;
    QString failure;
    QElapsedTimer sinceFailure;
    std::vector<int> exitCodes(size_t(processes), -1);
    for (;;) {
        if (cancel->isCancelled() && !stopForwarded) {
            stopForwarded = true;
            for (auto& process : ranks)
                process.requestStop();  // the rank finishes its step, saves and stops
        }
        int running = 0;
        for (int rank = 0; rank < processes; ++rank) {
            if (exitCodes[size_t(rank)] >= 0)
                continue;
            int code = 0;
            if (!ranks[size_t(rank)].wait(50, code)) {
                ++running;
                continue;
            }
            exitCodes[size_t(rank)] = code;
            if (code != Success && code != Interrupted && failure.isEmpty()) {
                failure = QString("training process of rank %1 %2").arg(rank).arg(describeExit(code));
                sinceFailure.start();
                printError(failure + "; stopping the others");
            }
        }
        if (running == 0)
            break;
        if (!failure.isEmpty() && sinceFailure.elapsed() > kGraceMs)
            for (auto& process : ranks)
                process.kill();
    }
    if (!failure.isEmpty()) {
        printError("distributed training failed: " + failure + " (see its messages above)");
        return Failure;
    }
    for (int code : exitCodes)
        if (code == Interrupted)
            return Interrupted;
    return Success;
}

}  // namespace ms::cli
