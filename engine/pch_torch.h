// Precompiled header of mattestudio_tensors (core, model, checkpoint, dist and the torch-only parts
// of train/): LibTorch and the standard library only. Without OpenCV on purpose - that library is
// what a machine without OpenCV builds (scripts/gpu-check.sh), so nothing in it may lean on
// OpenCV's headers. engine/pch.h is this plus OpenCV, for the rest of the engine.
#pragma once
#include <torch/torch.h>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
