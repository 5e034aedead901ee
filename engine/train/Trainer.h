#pragma once
// One training run of MattingBase or MattingRefine as the reference trains them (spec 4), with
// exact resume, validation on a fixed subset, TensorBoard + JSON-lines logs and atomic
// checkpoints. A plain class: the caller's thread runs it (TrainingWorker, `--batch train`).
#include "core/CancelToken.h"
#include "train/PauseGate.h"
#include "train/TrainConfig.h"

#include <opencv2/core.hpp>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace ms {

class DistributedGroup;

struct StepReport {
    int64_t step = 0, totalSteps = 0;
    int epoch = 0;
    double loss = 0;
    double imagesPerSecond = 0;
    double secondsLeft = -1;
    double dataWaitShare = 0;  // share of the run's time spent waiting for data
};

struct ValidationReport {
    int64_t step = 0;
    double loss = 0;
    std::map<std::string, double> metrics;  // sad, mse, grad, conn (means per image)
    int64_t samples = 0;
    // Mean alpha over every validation pixel, predicted and true: how much foreground the network
    // finds (CollapseWatch tells an empty matte by them).
    double predictedAlphaMean = NAN, trueAlphaMean = NAN;
    // The SAD an empty matte (alpha 0 everywhere) scores on the same images: the bar a network
    // that learned anything clears by far.
    double emptyMatteSad = NAN;
};

// Every callback is optional and runs on the training thread.
struct TrainerEvents {
    std::function<void(const std::string& modelName, int64_t firstStep, int64_t totalSteps)> started;
    std::function<void(const StepReport&)> step;
    std::function<void(const ValidationReport&)> validated;
    std::function<void(const std::string& path, int64_t step)> checkpointSaved;
    std::function<void(int64_t step, const cv::Mat& rgb)> preview;
    std::function<void(const std::string&)> info;
    std::function<void(const std::string&)> warning;
};

struct TrainResult {
    bool completed = false;  // reached the end (epochs or max steps); false: stopped
    int64_t firstStep = 0, nextStep = 0;
    std::optional<double> firstValidLoss, lastValidLoss;
    std::string lastCheckpoint;
    double seconds = 0;
    double medianStepSeconds = 0;  // one training step including waiting for its batch
    double dataWaitShare = 0;
    std::string summary;
};

class Trainer {
public:
    Trainer(TrainConfig config, TrainerEvents events);
    ~Trainer();

    // Continue exactly from a checkpoint a MatteStudio run wrote (weights + sidecar + state).
    // The run's model, dataset and seed come from the checkpoint's sidecar; the given config
    // only sets how long to train and where (epoch end, max steps, intervals, device, workers).
    void resumeFrom(const std::string& checkpoint);

    // Data-parallel training in `group` (call before run(), on every rank with the same config):
    // config.batchSize is the global batch, split evenly over the ranks; each rank loads its share
    // of every batch, gradients are averaged and BatchNorm statistics synchronised across ranks,
    // so the run trains as one process with the whole batch would. Only rank 0 validates and
    // writes checkpoints, logs and previews; a stop on any rank stops all after the same step.
    void setDistributed(std::shared_ptr<DistributedGroup> group);

    // Trains until done or `cancel` (then: finishes the step, saves a checkpoint, returns).
    // Throws ms::Error with advice on bad config/data, out of memory or a non-finite loss; the
    // last good checkpoint is named in the message.
    TrainResult run(const CancelToken& cancel, PauseGate& pause);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ms
