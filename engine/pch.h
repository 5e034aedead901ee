// Shared precompiled header. <torch/torch.h> must come before any Qt header: Qt defines a
// `slots` macro that breaks LibTorch's headers.
#pragma once
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <torch/torch.h>
#include <vector>
