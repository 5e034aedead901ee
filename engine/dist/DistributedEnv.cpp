#include "dist/DistributedEnv.h"

#include "core/Error.h"

#include "platform/Process.h"

#include <cstdlib>

namespace ms {
namespace {

std::optional<std::string> processEnv(const std::string& name)
{
    if (const char* value = std::getenv(name.c_str()))
        return std::string(value);
    return std::nullopt;
}

int readInt(const EnvLookup& lookup, const std::string& name, int fallback, int min, int max)
{
    const std::optional<std::string> text = lookup(name);
    if (!text || text->empty())
        return fallback;
    try {
        size_t used = 0;
        const long value = std::stol(*text, &used);
        if (used == text->size() && value >= min && value <= max)
            return static_cast<int>(value);
    } catch (const std::exception&) {
    }
    throw Error("distributed launch: " + name + "='" + *text + "' is not a whole number from " + std::to_string(min) +
                " to " + std::to_string(max));
}

}  // namespace

std::string DistributedEnv::describe() const
{
    return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize) + " (" + launcher + ", master " +
           masterAddr + ":" + std::to_string(masterPort) + ")";
}

std::optional<DistributedEnv> distributedEnvFromEnvironment(const EnvLookup& given)
{
    const EnvLookup lookup = given ? given : EnvLookup(processEnv);
    DistributedEnv env;
    constexpr int kMaxRanks = 1 << 20;
    if (lookup("WORLD_SIZE") || lookup("RANK")) {
        env.launcher = "torchrun";
        env.worldSize = readInt(lookup, "WORLD_SIZE", 1, 1, kMaxRanks);
        env.rank = readInt(lookup, "RANK", 0, 0, kMaxRanks);
        env.localRank = readInt(lookup, "LOCAL_RANK", env.rank, 0, kMaxRanks);
    } else if (lookup("SLURM_NTASKS") && lookup("SLURM_PROCID")) {
        env.launcher = "srun";
        env.worldSize = readInt(lookup, "SLURM_NTASKS", 1, 1, kMaxRanks);
        env.rank = readInt(lookup, "SLURM_PROCID", 0, 0, kMaxRanks);
        env.localRank = readInt(lookup, "SLURM_LOCALID", 0, 0, kMaxRanks);
    } else {
        return std::nullopt;
    }
    if (env.rank >= env.worldSize)
        throw Error("distributed launch: rank " + std::to_string(env.rank) + " does not exist in a world of " +
                    std::to_string(env.worldSize) + " processes");
    if (env.worldSize == 1)
        return std::nullopt;
    // srun does not name a master; batch scripts export MASTER_ADDR, else the node srun ran on.
    if (const auto addr = lookup("MASTER_ADDR"); addr && !addr->empty())
        env.masterAddr = *addr;
    else if (const auto node = lookup("SLURM_LAUNCH_NODE_IPADDR"); env.launcher == "srun" && node && !node->empty())
        env.masterAddr = *node;
    else if (env.launcher == "srun")
        throw Error("distributed launch (srun): set MASTER_ADDR to the first node of the job, e.g. "
                    "export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)");
    env.masterPort = readInt(lookup, "MASTER_PORT", 29500, 1, 65535);
    return env;
}

int findFreeLocalPort() { return platform::findFreeLocalPort(29500); }

}  // namespace ms
