#pragma once
// The compute device by name, for every layer that runs tensors (inference, training, benchmarks).
#include <torch/types.h>

#include <string>

namespace ms {

// Parses "cpu", "cuda", "cuda:N" or "mps" and checks that the device exists; throws ms::Error
// naming what is missing otherwise.
torch::Device parseDevice(const std::string& text);

}  // namespace ms
