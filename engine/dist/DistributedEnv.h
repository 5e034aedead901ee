#pragma once
// Where this process sits in a distributed run, as the standard launchers describe it: torchrun
// (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT), SLURM's srun (SLURM_PROCID,
// SLURM_NTASKS, SLURM_LOCALID) or MatteStudio's own `--nproc` launcher (the torchrun variables).
// Torch-free.
#include <functional>
#include <optional>
#include <string>

namespace ms {

struct DistributedEnv {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;  // index on this machine: picks cuda:<localRank> for device "cuda"
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    std::string launcher;  // "torchrun" or "srun", for messages

    bool isMain() const { return rank == 0; }
    std::string describe() const;  // "rank 1 of 2 (torchrun, master 127.0.0.1:29500)"
};

// Reads the launcher's variables through `lookup` (the process environment by default). nullopt
// when the process was not started by a launcher (or WORLD_SIZE is 1). Throws ms::Error naming the
// variable when a value is malformed (RANK beyond WORLD_SIZE, a port out of range, ...).
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<DistributedEnv> distributedEnvFromEnvironment(const EnvLookup& lookup = {});

}  // namespace ms

namespace ms {

// A TCP port on the loopback interface that nothing listens on right now (for a launcher's
// MASTER_PORT); 29500 when the system will not say.
int findFreeLocalPort();

}  // namespace ms
