// Precompiled header of the engine's OpenCV-free layers (core, model, checkpoint; io and train as
// far as a machine without OpenCV builds them): LibTorch and the standard library only. Without
// OpenCV on purpose - those layers are what a machine without OpenCV builds (scripts/gpu-check.sh),
// so nothing in them may lean on OpenCV's headers. engine/pch.h is this plus OpenCV, for the rest.
#pragma once
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <torch/torch.h>
#include <vector>
