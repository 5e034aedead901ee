#include "train/TrainConfig.h"

#include "core/Error.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace ms {

TrainConfig defaultTrainConfig(ModelType type)
{
    TrainConfig c;
    c.model.type = type;
    if (type == ModelType::MattingBase) {
        c.batchSize = 8;
        c.trainSize = 512;
        c.logTrainLossInterval = 10;
        c.logTrainImagesInterval = 2000;
        c.logValidInterval = 5000;
        c.checkpointInterval = 5000;
    } else {
        c.batchSize = 4;
        c.trainSize = 2048;
        c.logTrainLossInterval = 10;
        c.logTrainImagesInterval = 1000;
        c.logValidInterval = 2000;
        c.checkpointInterval = 2000;
        c.model.backboneScale = 0.25;
        c.model.refineMode = RefineMode::Sampling;
        c.model.refineSamplePixels = 80000;
        c.model.refineThreshold = 0.7;  // the reference's training default (--model-refine-thresholding)
        c.model.refineKernelSize = 3;
    }
    return c;
}

namespace {

using nlohmann::json;

json augmentToJson(const AugmentSwitches& a)
{
    return {{"affine", a.affine}, {"flip", a.flip}, {"blur", a.blur}, {"sharpen", a.sharpen},
            {"color_jitter", a.colorJitter}, {"shadow", a.shadow}, {"noise", a.noise},
            {"background_jitter", a.backgroundJitter}, {"background_affine", a.backgroundAffine},
            {"random_crop", a.randomCrop}};
}

// Reads `key` into `out` when present; a value of the wrong type names the key.
template <typename T>
void read(const json& j, const char* key, T& out)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return;
    try {
        out = it->get<T>();
    } catch (const json::exception&) {
        throw Error(std::string("training config: '") + key + "' has the wrong type (" + it->dump() + ")");
    }
}

template <typename Enum>
void readEnum(const json& j, const char* key, Enum& out, std::optional<Enum> (*parse)(const std::string&))
{
    std::string text;
    read(j, key, text);
    if (text.empty())
        return;
    const auto value = parse(text);
    if (!value)
        throw Error(std::string("training config: '") + key + "' has an unknown value '" + text + "'");
    out = *value;
}

} // namespace

std::string toJson(const TrainConfig& c)
{
    const ModelSpec& m = c.model;
    json j = {
        {"model_type", toString(m.type)},
        {"model_backbone", toString(m.backbone)},
        {"model_backbone_scale", m.backboneScale},
        {"model_refine_mode", toString(m.refineMode)},
        {"model_refine_sample_pixels", m.refineSamplePixels},
        {"model_refine_threshold", m.refineThreshold},
        {"model_refine_kernel_size", m.refineKernelSize},
        {"model_name", c.modelName},
        {"model_last_checkpoint", c.lastCheckpoint},
        {"model_pretrain_initialization", c.pretrainInitialization},
        {"dataset", c.dataset},
        {"output_root", c.outputRoot},
        {"device", c.device},
        {"batch_size", c.batchSize},
        {"num_workers", c.numWorkers},
        {"epoch_start", c.epochStart},
        {"epoch_end", c.epochEnd},
        {"max_steps", c.maxSteps},
        {"train_size", c.trainSize},
        {"seed", c.seed},
        {"threads", c.threads},
        {"learning_rate_scale", c.learningRateScale},
        {"learning_rate_cosine", c.learningRateCosine},
        {"alpha_gradient_through_clamp", c.alphaGradientThroughClamp},
        {"amp", c.amp},
        {"dist_backend", toString(c.distBackend)},
        {"log_train_loss_interval", c.logTrainLossInterval},
        {"log_train_images_interval", c.logTrainImagesInterval},
        {"log_valid_interval", c.logValidInterval},
        {"log_intervals_per_epoch", c.logIntervalsPerEpoch},
        {"checkpoint_interval", c.checkpointInterval},
        {"valid_samples", c.validSamples},
        {"keep_last", c.keepLast},
        {"keep_best", c.keepBest},
        {"augment", augmentToJson(c.augment)},
    };
    return j.dump(2);
}

TrainConfig trainConfigFromJson(const std::string& text)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw Error(std::string("training config is not valid JSON: ") + e.what());
    }
    if (!j.is_object())
        throw Error("training config must be a JSON object");
    ModelType type = ModelType::MattingBase;
    readEnum(j, "model_type", type, &parseModelType);
    TrainConfig c = defaultTrainConfig(type);
    ModelSpec& m = c.model;
    readEnum(j, "model_backbone", m.backbone, &parseBackbone);
    read(j, "model_backbone_scale", m.backboneScale);
    readEnum(j, "model_refine_mode", m.refineMode, &parseRefineMode);
    read(j, "model_refine_sample_pixels", m.refineSamplePixels);
    read(j, "model_refine_threshold", m.refineThreshold);
    read(j, "model_refine_kernel_size", m.refineKernelSize);
    read(j, "model_name", c.modelName);
    read(j, "model_last_checkpoint", c.lastCheckpoint);
    read(j, "model_pretrain_initialization", c.pretrainInitialization);
    read(j, "dataset", c.dataset);
    read(j, "output_root", c.outputRoot);
    read(j, "device", c.device);
    read(j, "batch_size", c.batchSize);
    read(j, "num_workers", c.numWorkers);
    read(j, "epoch_start", c.epochStart);
    read(j, "epoch_end", c.epochEnd);
    read(j, "max_steps", c.maxSteps);
    read(j, "train_size", c.trainSize);
    read(j, "seed", c.seed);
    read(j, "threads", c.threads);
    read(j, "learning_rate_scale", c.learningRateScale);
    read(j, "learning_rate_cosine", c.learningRateCosine);
    read(j, "alpha_gradient_through_clamp", c.alphaGradientThroughClamp);
    read(j, "amp", c.amp);
    readEnum(j, "dist_backend", c.distBackend, &parseDistBackend);
    read(j, "log_train_loss_interval", c.logTrainLossInterval);
    read(j, "log_train_images_interval", c.logTrainImagesInterval);
    read(j, "log_valid_interval", c.logValidInterval);
    read(j, "log_intervals_per_epoch", c.logIntervalsPerEpoch);
    read(j, "checkpoint_interval", c.checkpointInterval);
    read(j, "valid_samples", c.validSamples);
    read(j, "keep_last", c.keepLast);
    read(j, "keep_best", c.keepBest);
    if (const auto it = j.find("augment"); it != j.end() && it->is_object()) {
        AugmentSwitches& a = c.augment;
        read(*it, "affine", a.affine);
        read(*it, "flip", a.flip);
        read(*it, "blur", a.blur);
        read(*it, "sharpen", a.sharpen);
        read(*it, "color_jitter", a.colorJitter);
        read(*it, "shadow", a.shadow);
        read(*it, "noise", a.noise);
        read(*it, "background_jitter", a.backgroundJitter);
        read(*it, "background_affine", a.backgroundAffine);
        read(*it, "random_crop", a.randomCrop);
    }
    return c;
}

void validate(const TrainConfig& c)
{
    std::vector<std::string> problems;
    auto need = [&](bool ok, const std::string& message) {
        if (!ok)
            problems.push_back(message);
    };
    need(!c.modelName.empty(), "model name is empty");
    need(c.modelName.find_first_of("/\\") == std::string::npos && c.modelName != "." && c.modelName != "..",
         "model name '" + c.modelName + "' must not contain path separators");
    need(!c.dataset.empty(), "no dataset given");
    need(c.batchSize >= 1, "batch size must be at least 1 (is " + std::to_string(c.batchSize) + ")");
    need(c.numWorkers >= 0 && c.numWorkers <= 256, "number of workers must be between 0 and 256");
    need(c.epochStart >= 0, "start epoch must not be negative");
    need(c.epochEnd > c.epochStart, "end epoch (" + std::to_string(c.epochEnd) + ") must be after the start epoch (" +
                                        std::to_string(c.epochStart) + ")");
    need(c.maxSteps >= 0, "max steps must not be negative");
    need(c.trainSize >= 64 && c.trainSize <= 8192,
         "training size must be between 64 and 8192 pixels (is " + std::to_string(c.trainSize) + ")");
    if (c.model.type == ModelType::MattingRefine)
        need(c.trainSize * c.model.backboneScale >= 32,
             "training size x backbone scale must be at least 32 pixels for the coarse pass (is " +
                 std::to_string(static_cast<int>(c.trainSize * c.model.backboneScale)) + ")");
    need(c.logTrainLossInterval >= 1, "loss log interval must be at least 1");
    need(c.logTrainImagesInterval >= 1, "image log interval must be at least 1");
    need(c.logValidInterval >= 1, "validation interval must be at least 1");
    need(c.checkpointInterval >= 1, "checkpoint interval must be at least 1");
    need(c.validSamples >= 1, "validation needs at least 1 sample");
    need(c.keepLast >= 0, "keep-last must not be negative");
    need(c.threads >= 0, "thread count must not be negative");
    need(c.learningRateScale > 0 && c.learningRateScale <= 100,
         "learning-rate scale must be above 0 and at most 100 (is " + std::to_string(c.learningRateScale) + ")");
    try {
        validate(c.model);
    } catch (const Error& e) {
        problems.push_back(e.what());
    }
    if (problems.empty())
        return;
    std::ostringstream message;
    message << "invalid training configuration:";
    for (const auto& p : problems)
        message << "\n  - " << p;
    throw Error(message.str());
}

} // namespace ms
