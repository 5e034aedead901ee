#pragma once
// Everything that defines a training run. Torch-free, so the GUI can edit it; saved as JSON in the
// checkpoint sidecars and the project file. Names follow the reference's command-line flags.
#include "dist/DistBackend.h"
#include "model/ModelSpec.h"

#include <cstdint>
#include <string>

namespace ms {

// Which sample-level and batch-level augmentations run (all on by default, as the reference).
struct AugmentSwitches {
    bool affine = true, flip = true, blur = true, sharpen = true, colorJitter = true;    // per sample
    bool shadow = true, noise = true, backgroundJitter = true, backgroundAffine = true;  // per batch
    bool randomCrop = true;
};

struct TrainConfig {
    ModelSpec model;                     // type, backbone, scale, refine mode/pixels/threshold/kernel
    std::string modelName = "demo";      // checkpoint/<modelName>/, log/<modelName>/
    std::string lastCheckpoint;          // --model-last-checkpoint: warm start by name and shape
    std::string pretrainInitialization;  // --model-pretrain-initialization: DeepLabV3 / torchvision
    std::string dataset;                 // dataset config file or folder holding dataset.json
    std::string outputRoot = ".";        // where checkpoint/ and log/ go
    std::string device = "cpu";          // "cpu", "cuda", "cuda:N"

    int batchSize = 8;   // base 8, refine 4 (reference defaults)
    int numWorkers = 4;  // data loading threads
    int epochStart = 0;
    int epochEnd = 1;      // exclusive, as the reference
    int64_t maxSteps = 0;  // stop after this many steps in total (0: no limit)
    int trainSize = 512;   // base 512, refine 2048; random crop between N/2 and N
    uint64_t seed = 0;
    int threads = 0;                  // intra-op threads (0: all cores)
    double learningRateScale = 1.0;   // times the reference's per-module learning rates
    bool learningRateCosine = false;  // decay the rates to 0 at the run's last step (false: constant, as the reference)
    bool alphaGradientThroughClamp = false;       // model/OutputClamp.h; false: the reference's clamp
    bool amp = true;                              // mixed precision where the device supports it (CUDA)
    DistBackend distBackend = DistBackend::Auto;  // distributed runs: auto (NCCL on CUDA where built), nccl, gloo

    int logTrainLossInterval = 10;
    int logTrainImagesInterval = 2000;
    int logValidInterval = 5000;
    // The three log intervals count optimizer steps, so any dataset size logs on schedule. True:
    // the reference's meaning, batches within each epoch (restarting every epoch), so an interval
    // longer than an epoch never fires.
    bool logIntervalsPerEpoch = false;
    int checkpointInterval = 5000;
    int validSamples = 50;  // fixed held-out subset, as the reference

    int keepLast = 0;       // keep only the K newest interval checkpoints (0: all)
    bool keepBest = false;  // also keep best.pth (lowest validation loss)

    AugmentSwitches augment;
};

// Reference defaults for a stage (batch size, sizes, intervals, refine settings).
TrainConfig defaultTrainConfig(ModelType type);

// JSON text <-> config. Unknown keys are ignored; wrong types or values throw ms::Error naming the key.
std::string toJson(const TrainConfig& config);
TrainConfig trainConfigFromJson(const std::string& json);

// Throws ms::Error with a message per problem (sizes, intervals, empty names, ...). Paths are not
// checked here (the dataset check does that).
void validate(const TrainConfig& config);

}  // namespace ms
