#pragma once
// Where a training run keeps its checkpoints and what it writes beside each one:
//   <root>/checkpoint/<model-name>/epoch-<E>-iter-<S>.pth   every checkpoint-interval steps
//   <root>/checkpoint/<model-name>/epoch-<E>.pth            at the end of each epoch
//   X.json   sidecar: model, config, epoch, step, losses, metrics, time (what the browser shows)
//   X.state  training state (.pth format): optimizer moments, loss scale (what resume needs)
// The weights file is the plain state_dict the reference writes; every file is written atomically.
#include "checkpoint/PthWriter.h"
#include "checkpoint/StateDict.h"
#include "train/TrainConfig.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace ms {

struct CheckpointRecord {
    std::string weightsPath;
    int epoch = 0;
    int64_t step = 0;        // the last step trained (-1: none; a fresh epoch-start state)
    int64_t nextStep = 0;    // where a resumed run continues
    double trainLoss = NAN;  // mean training loss since the previous checkpoint
    std::optional<double> validLoss;
    nlohmann::json metrics;     // validation metrics at the time, or null
    double elapsedSeconds = 0;  // training time so far
    std::string time;           // ISO 8601, UTC
    TrainConfig config;
};

std::string sidecarPath(const std::string& weightsPath);
std::string statePath(const std::string& weightsPath);

class CheckpointStore {
public:
    CheckpointStore(const std::string& outputRoot, const std::string& modelName);

    const std::string& folder() const { return m_folder; }
    std::string intervalPath(int epoch, int64_t step) const;
    std::string epochPath(int epoch) const;
    std::string bestPath() const;

    // Weights, then state, then sidecar (the sidecar last: a checkpoint without one is incomplete
    // and resume refuses it).
    void write(const std::string& weightsPath, const StateDict& weights, const ModuleVersions& versions,
               const StateDict& trainingState, const CheckpointRecord& record) const;

    // Deletes checkpoints (with their sidecar and state), epoch-end and interval ones alike, beyond
    // the newest `keepLast` (a short epoch would otherwise fill the disk); best.pth stays. Returns
    // the deleted weight files.
    std::vector<std::string> prune(int keepLast) const;

    // The newest complete checkpoint of this model (largest next step), if any.
    std::optional<std::string> latest() const;

private:
    std::string m_folder;
};

// Reads a sidecar; ms::Error when missing or malformed (naming the file).
CheckpointRecord readCheckpointRecord(const std::string& weightsPath);

}  // namespace ms
