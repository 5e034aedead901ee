#include "core/Device.h"

#include "core/Error.h"

#include <ATen/Context.h>
#include <torch/cuda.h>

namespace ms {

torch::Device parseDevice(const std::string& text)
{
    if (text == "cpu")
        return torch::kCPU;
    if (text.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error("device '" + text +
                        "' requested but no CUDA device is available "
                        "(this build or machine has none); use --device cpu");
        torch::Device device(text);
        if (device.has_index() && device.index() >= static_cast<int>(torch::cuda::device_count()))
            throw Error("device '" + text + "' does not exist: " + std::to_string(torch::cuda::device_count()) +
                        " CUDA device(s) found");
        return device;
    }
    if (text == "mps") {
        // Apple's GPUs (macOS, Apple silicon), where this LibTorch was built with MPS.
        if (!at::hasMPS())
            throw Error("device 'mps' requested but this LibTorch or machine has no Metal (MPS) support "
                        "(macOS on Apple silicon with a LibTorch built for it); use --device cpu");
        return torch::Device(torch::kMPS);
    }
    throw Error("unknown device '" + text + "': use cpu, cuda, cuda:N or (macOS) mps");
}

}  // namespace ms
