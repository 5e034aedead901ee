#pragma once
// The engine's value types that the GUI works with, handed on by the worker layer: ui/ includes
// worker/ headers only (scripts/check-layers.sh). Torch-free, like every worker header.
#include "core/Error.h"         // ms::Error: what engine calls and the GUI's own file handling throw
#include "train/TrainConfig.h"  // ms::TrainConfig: a training run's settings (TrainingWorker::start)
#include "train/TrainFields.h"  // ms::TrainField: those settings described, for forms
