#pragma once
#include <QStringList>

namespace ms::cli {

// `--batch train --nproc N`: starts N training processes of this program on this machine, with the
// variables torchrun would set (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR=127.0.0.1, MASTER_PORT),
// and watches them. A process that fails ends the run: the others get a few seconds to notice and
// stop on their own, then are killed; the message names the rank. Ctrl-C (or SIGTERM) asks every
// rank to stop cleanly once. `trainArguments` are the train command's own (argv[0] first).
int launchTrainingProcesses(const QStringList& trainArguments, int processes, int masterPort);

}  // namespace ms::cli
