#include "worker/DeviceInfo.h"

#include "core/Threads.h"

#include <thread>

namespace ms {

QStringList availableDevices()
{
    QStringList devices{"cpu"};
    if (torch::cuda::is_available())
        for (size_t i = 0; i < torch::cuda::device_count(); ++i)
            devices << QString("cuda:%1").arg(i);
    if (at::hasMPS())
        devices << "mps";  // macOS on Apple silicon
    return devices;
}

int applyThreadCount(int threads) { return configureThreads(threads); }

int hardwareThreads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace ms
