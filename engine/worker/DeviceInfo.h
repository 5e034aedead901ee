#pragma once
// What the GUI may offer as compute devices and threads. Torch-free header.
#include <QString>
#include <QStringList>

namespace ms {

// "cpu" followed by "cuda:0", "cuda:1", ... for every CUDA device LibTorch sees.
QStringList availableDevices();
// Sets LibTorch's intra-op thread count (0: every core); returns the number in effect.
int applyThreadCount(int threads);
int hardwareThreads();

}  // namespace ms
