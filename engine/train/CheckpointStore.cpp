#include "train/CheckpointStore.h"

#include "checkpoint/CheckpointFile.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "platform/Paths.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace ms {

namespace {

std::string stem(const std::string& weightsPath)
{
    const fs::path p = platform::fsPath(weightsPath);
    return platform::utf8Path(p.parent_path() / p.stem());
}

nlohmann::json toJson(const CheckpointRecord& r)
{
    const ModelSpec& m = r.config.model;
    nlohmann::json j;
    j["mattestudio_checkpoint"] = 1;
    j["model_name"] = r.config.modelName;
    j["model"] = {{"type", toString(m.type)},
                  {"backbone", toString(m.backbone)},
                  {"backbone_scale", m.backboneScale},
                  {"refine_mode", toString(m.refineMode)},
                  {"refine_sample_pixels", m.refineSamplePixels},
                  {"refine_threshold", m.refineThreshold},
                  {"refine_kernel_size", m.refineKernelSize}};
    j["epoch"] = r.epoch;
    j["step"] = r.step;
    j["next_step"] = r.nextStep;
    j["train_loss"] = std::isfinite(r.trainLoss) ? nlohmann::json(r.trainLoss) : nlohmann::json();
    j["valid_loss"] = r.validLoss ? nlohmann::json(*r.validLoss) : nlohmann::json();
    j["metrics"] = r.metrics;
    j["elapsed_seconds"] = r.elapsedSeconds;
    j["time"] = r.time;
    j["config"] = nlohmann::json::parse(ms::toJson(r.config));
    return j;
}

// Interval checkpoint names sort by step; anything else in the folder is left alone.
// Where a checkpoint's name puts it in the run: (epoch, step) for epoch-E-iter-S.pth, and (epoch,
// after every step) for epoch-E.pth, written when epoch E ends; nothing for best.pth and others.
std::optional<std::pair<int64_t, int64_t>> runPosition(const fs::path& p)
{
    static const std::regex pattern(R"(epoch-(\d+)(-iter-(\d+))?\.pth)");
    std::smatch m;
    const std::string name = platform::utf8Path(p.filename());
    if (!std::regex_match(name, m, pattern))
        return std::nullopt;
    const int64_t step = m[3].matched ? std::stoll(m[3].str()) : std::numeric_limits<int64_t>::max();
    return std::make_pair(std::stoll(m[1].str()), step);
}

void removeCheckpoint(const std::string& weights)
{
    std::error_code ec;
    fs::remove(platform::fsPath(weights), ec);
    fs::remove(platform::fsPath(sidecarPath(weights)), ec);
    fs::remove(platform::fsPath(statePath(weights)), ec);
}

}  // namespace

std::string sidecarPath(const std::string& weightsPath) { return stem(weightsPath) + ".json"; }
std::string statePath(const std::string& weightsPath) { return stem(weightsPath) + ".state"; }

CheckpointStore::CheckpointStore(const std::string& outputRoot, const std::string& modelName)
    : m_folder(platform::utf8Path(
          (platform::fsPath(outputRoot) / "checkpoint" / platform::fsPath(modelName)).lexically_normal()))
{}

std::string CheckpointStore::intervalPath(int epoch, int64_t step) const
{
    return m_folder + "/epoch-" + std::to_string(epoch) + "-iter-" + std::to_string(step) + ".pth";
}

std::string CheckpointStore::epochPath(int epoch) const
{
    return m_folder + "/epoch-" + std::to_string(epoch) + ".pth";
}

std::string CheckpointStore::bestPath() const { return m_folder + "/best.pth"; }

void CheckpointStore::write(const std::string& weightsPath, const StateDict& weights, const ModuleVersions& versions,
                            const StateDict& trainingState, const CheckpointRecord& record) const
{
    std::error_code ec;
    const fs::path folder = platform::fsPath(weightsPath).parent_path();
    fs::create_directories(folder, ec);
    if (ec)
        throw Error("cannot create the checkpoint folder " + platform::utf8Path(folder) + ": " + ec.message());
    // A stale sidecar must never describe new weights: remove it first, write it last.
    fs::remove(platform::fsPath(sidecarPath(weightsPath)), ec);
    writeCheckpointFile(weightsPath, weights, versions);
    writeCheckpointFile(statePath(weightsPath), trainingState);
    CheckpointRecord r = record;
    r.weightsPath = weightsPath;
    const std::string text = toJson(r).dump(2) + "\n";
    AtomicFile sidecar(sidecarPath(weightsPath));
    sidecar.write(text.data(), text.size());
    sidecar.commit();
}

std::vector<std::string> CheckpointStore::prune(int keepLast) const
{
    std::vector<std::string> deleted;
    if (keepLast <= 0 || !fs::is_directory(platform::fsPath(m_folder)))
        return deleted;
    std::vector<std::pair<std::pair<int64_t, int64_t>, std::string>> written;
    for (const auto& entry : fs::directory_iterator(platform::fsPath(m_folder)))
        if (const auto position = runPosition(entry.path()))
            written.emplace_back(*position, platform::utf8Path(entry.path()));
    std::sort(written.begin(), written.end());
    const size_t excess = written.size() > size_t(keepLast) ? written.size() - keepLast : 0;
    for (size_t i = 0; i < excess; ++i) {
        removeCheckpoint(written[i].second);
        deleted.push_back(written[i].second);
    }
    return deleted;
}

std::optional<std::string> CheckpointStore::latest() const
{
    std::optional<std::string> best;
    int64_t bestNext = -1;
    if (!fs::is_directory(platform::fsPath(m_folder)))
        return best;
    for (const auto& entry : fs::directory_iterator(platform::fsPath(m_folder))) {
        const fs::path p = entry.path();
        const std::string path = platform::utf8Path(p);
        if (p.extension() != ".pth" || p.filename() == "best.pth" || !fs::exists(platform::fsPath(sidecarPath(path))) ||
            !fs::exists(platform::fsPath(statePath(path))))
            continue;
        try {
            const CheckpointRecord r = readCheckpointRecord(path);
            if (r.nextStep > bestNext) {
                bestNext = r.nextStep;
                best = path;
            }
        } catch (const Error&) {
            // An unreadable sidecar is not a resumable checkpoint; skip it.
        }
    }
    return best;
}

CheckpointRecord readCheckpointRecord(const std::string& weightsPath)
{
    const std::string path = sidecarPath(weightsPath);
    std::ifstream in(platform::fsPath(path));
    if (!in)
        throw Error("no MatteStudio sidecar " + path + " beside " + weightsPath +
                    " (only checkpoints written by a MatteStudio training run can be resumed exactly)");
    std::stringstream text;
    text << in.rdbuf();
    try {
        const nlohmann::json j = nlohmann::json::parse(text.str());
        CheckpointRecord r;
        r.weightsPath = weightsPath;
        r.epoch = j.at("epoch").get<int>();
        r.step = j.at("step").get<int64_t>();
        r.nextStep = j.value("next_step", r.step + 1);
        r.trainLoss = j.at("train_loss").is_number() ? j["train_loss"].get<double>() : NAN;
        if (j.at("valid_loss").is_number())
            r.validLoss = j["valid_loss"].get<double>();
        r.metrics = j.value("metrics", nlohmann::json());
        r.elapsedSeconds = j.value("elapsed_seconds", 0.0);
        r.time = j.value("time", std::string());
        r.config = trainConfigFromJson(j.at("config").dump());
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw Error("sidecar " + path + " is malformed: " + e.what());
    }
}

}  // namespace ms
