#pragma once
// `--batch evaluate`: a checkpoint's loss and matting metrics on a dataset split, computed exactly
// as a training run's validation does.
#include "train/Trainer.h"

#include <string>

namespace ms {

struct EvaluationOptions {
    std::string checkpoint;
    std::string dataset;      // config file or folder holding dataset.json
    bool trainSplit = false;  // default: the valid split
    int samples = 50;         // the fixed subset of the reference (0: every sample)
    int size = 512;           // sample size S (validation augmentation, as in training)
    int batchSize = 4;
    int workers = 2;
    uint64_t seed = 0;
    std::string device = "cpu";
    ModelSpec spec;  // refine settings; type/backbone from the file unless given
    bool typeGiven = false, backboneGiven = false;
};

struct EvaluationResult {
    ValidationReport report;
    std::string modelDescription;
    std::string loadSummary;
    double seconds = 0;
};

EvaluationResult evaluateCheckpoint(const EvaluationOptions& options, const CancelToken* cancel = nullptr);

}  // namespace ms
