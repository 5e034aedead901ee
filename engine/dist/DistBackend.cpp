#include "dist/DistBackend.h"

#include "core/Error.h"
#include "dist/BackendConfig.h"

namespace ms {

namespace {

const char* const kGetGloo = "a LibTorch with Gloo and its headers (Debian: libtorch-dev with libgloo-dev; official "
                             "LibTorch and pip wheels ship no gloo/ headers)";
const char* const kGetNccl = "a CUDA LibTorch with NCCL and <nccl.h> (NCCL_ROOT or NCCL_INCLUDE_DIR when configuring "
                             "MatteStudio)";

}  // namespace

std::optional<DistBackend> parseDistBackend(const std::string& text)
{
    if (text == "auto")
        return DistBackend::Auto;
    if (text == "nccl")
        return DistBackend::Nccl;
    if (text == "gloo")
        return DistBackend::Gloo;
    return std::nullopt;
}

std::string toString(DistBackend backend)
{
    switch (backend) {
    case DistBackend::Nccl: return "nccl";
    case DistBackend::Gloo: return "gloo";
    case DistBackend::Auto: break;
    }
    return "auto";
}

DistBackendSupport compiledDistBackends()
{
    DistBackendSupport support;
    support.gloo = MS_DIST_GLOO != 0;
    support.nccl = MS_DIST_NCCL != 0;
    return support;
}

std::string distributedUnavailableMessage()
{
    return std::string("distributed training is unavailable in this build: its LibTorch has neither the Gloo nor "
                       "the NCCL backend of torch.distributed (no gloo/ headers were found when MatteStudio was "
                       "configured, or it was configured with MATTESTUDIO_WITH_GLOO=OFF). Rebuild MatteStudio "
                       "against ") +
           kGetGloo + ", or for CUDA devices " + kGetNccl + ". Training in one process works as it is.";
}

DistBackend resolveDistBackend(DistBackend requested, bool cudaDevice, const DistBackendSupport& support)
{
    if (!support.gloo && !support.nccl)
        throw Error(distributedUnavailableMessage());
    switch (requested) {
    case DistBackend::Nccl:
        if (!support.nccl)
            throw Error(std::string("distributed backend nccl (--dist-backend) is not available in this build: it "
                                    "needs ") +
                        kGetNccl + ". Use --dist-backend gloo or auto");
        if (!cudaDevice)
            throw Error("distributed backend nccl (--dist-backend) works on CUDA devices only; use --device cuda, or "
                        "--dist-backend gloo (or auto) for CPU ranks");
        return DistBackend::Nccl;
    case DistBackend::Gloo:
        if (!support.gloo)
            throw Error(std::string("distributed backend gloo (--dist-backend) is not available in this build: it "
                                    "needs ") +
                        kGetGloo + (cudaDevice ? ". On CUDA devices use --dist-backend nccl or auto" : ""));
        return DistBackend::Gloo;
    case DistBackend::Auto: break;
    }
    if (cudaDevice && support.nccl)
        return DistBackend::Nccl;
    if (support.gloo)
        return DistBackend::Gloo;
    throw Error(std::string("distributed training on CPU needs the Gloo backend, which this build lacks (it has only "
                            "NCCL, for CUDA devices: use --device cuda). For CPU ranks rebuild against ") +
                kGetGloo);
}

}  // namespace ms
