#include "dist/Rendezvous.h"

#include "core/Error.h"
#include "core/TorchCompat.h"

namespace ms {

namespace {

bool mentions(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

c10d::TCPStoreOptions tcpStoreOptions(const DistributedEnv& env, std::chrono::milliseconds timeout)
{
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(env.masterPort);
    options.isServer = env.isMain();
    options.numWorkers = static_cast<size_t>(env.worldSize);
    options.waitWorkers = true;
    options.timeout = timeout;
    compat::disableTcpStoreLibuv(options);
    return options;
}

c10::intrusive_ptr<c10d::Store> connectStore(const DistributedEnv& env, std::chrono::seconds timeout)
{
    const std::string master = env.masterAddr + ":" + std::to_string(env.masterPort);
    try {
        return c10::make_intrusive<c10d::TCPStore>(
            env.masterAddr, tcpStoreOptions(env, std::chrono::duration_cast<std::chrono::milliseconds>(timeout)));
    } catch (const std::exception& e) {
        const std::string what = e.what();
        if (env.isMain() && (mentions(what, "already in use") || mentions(what, "EADDRINUSE")))
            throw Error("distributed training: rank 0 cannot listen on " + master +
                        ": the port is taken (another run?). Choose a free one with MASTER_PORT or --master-port");
        if (env.isMain())
            throw Error("distributed training: rank 0 could not gather all " + std::to_string(env.worldSize) +
                        " processes at " + master + " within " + std::to_string(timeout.count()) + " s: " + what);
        throw Error("distributed training: rank " + std::to_string(env.rank) + " could not reach rank 0 at " + master +
                    " within " + std::to_string(timeout.count()) + " s: " + what);
    }
}

}  // namespace ms
