// The Gloo backend: CPU tensors, and CUDA tensors staged through pinned host memory (where LibTorch
// was built with CUDA). Compiled only where LibTorch has c10d Gloo and its headers.
#include "dist/ProcessGroups.h"

#include "core/Error.h"

#if MS_DIST_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif

#include <cstdlib>

namespace ms::dist {

#if MS_DIST_GLOO

namespace {

bool isLoopbackHost(const std::string& host)
{
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

}  // namespace

BackendPtr createGlooGroup(const c10::intrusive_ptr<c10d::Store>& store, const DistributedEnv& env,
                           std::chrono::milliseconds timeout)
{
    auto options = c10d::ProcessGroupGloo::Options::create(timeout);
    if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
        options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
    else if (isLoopbackHost(env.masterAddr))
        options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
    else
        options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    return c10::make_intrusive<c10d::ProcessGroupGloo>(store, env.rank, env.worldSize, options);
}

#else

BackendPtr createGlooGroup(const c10::intrusive_ptr<c10d::Store>&, const DistributedEnv&, std::chrono::milliseconds)
{
    throw Error("distributed training: this build of MatteStudio has no Gloo backend (LibTorch without Gloo "
                "headers, or configured with MATTESTUDIO_WITH_GLOO=OFF)");
}

#endif

}  // namespace ms::dist
