#pragma once
#include <functional>
#include <string>

namespace ms {

// Progress of a long job: `done` of `total` units (total 0 when unknown), with a label for the
// current unit. Called from the job's thread.
using ProgressCallback = std::function<void(int done, int total, const std::string& label)>;

}  // namespace ms
