#pragma once
// The built-in demo's recipe, one for the desktop demo project and `--batch demo`: the synthetic
// dataset it trains on, the training run (MobileNetV2 MattingBase, sized to learn a recognisable
// matte in about two minutes on two CPU cores) and sample images painted like the dataset but from
// seeds it never trains on. docs/training.md explains the choices and their measurements.
#include "data/SyntheticDataset.h"
#include "data/SyntheticScene.h"
#include "train/TrainConfig.h"

#include <string>

namespace ms {

SyntheticDatasetOptions demoDatasetOptions();

// The run on `dataset`, writing under `outputRoot` as model "demo".
TrainConfig demoTrainConfig(const std::string& dataset, const std::string& outputRoot);

// The demo's i-th sample image pair (source and clean plate), 512x384.
SyntheticScene demoSample(int index);

// The demo's clip for video and live matting (512x384, mp4v, `frames` frames at `fps`): its first
// seventh shows the empty scene, then the figure of demoSample(0) slides in and sways over the
// plate. The plate is written as an image too. Written atomically; throws ms::Error.
void writeDemoClip(const std::string& videoPath, const std::string& backgroundPath, int frames = 75, double fps = 25);

}  // namespace ms
