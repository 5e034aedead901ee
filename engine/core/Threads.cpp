#include "core/Threads.h"

#include <torch/torch.h>

#include <thread>

namespace ms {

int configureThreads(int count)
{
    if (count <= 0)
        count = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(count);
    return at::get_num_threads();
}

}  // namespace ms
