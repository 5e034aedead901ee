#pragma once
#include <string>
#include <torch/torch.h>

namespace ms {

// Parameters and buffers by name, in module registration order (the order Python writes them).
using StateDict = torch::OrderedDict<std::string, torch::Tensor>;

}  // namespace ms
