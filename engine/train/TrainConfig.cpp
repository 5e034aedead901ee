#include "train/TrainConfig.h"

#include "core/Error.h"
#include "train/TrainFields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <variant>

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

std::string jsonName(const TrainField& f) { return "training config: '" + f.key + "'"; }

// Where a field's key lives: "augment.flip" is "flip" in the "augment" object.
const json* lookup(const json& root, const std::string& key)
{
    const json* at = &root;
    std::string::size_type start = 0;
    while (true) {
        const auto dot = key.find('.', start);
        const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!at->is_object())
            return nullptr;
        const auto it = at->find(part);
        if (it == at->end())
            return nullptr;
        at = &*it;
        if (dot == std::string::npos)
            return at;
        start = dot + 1;
    }
}

json& place(json& root, const std::string& key)
{
    json* at = &root;
    std::string::size_type start = 0, dot;
    while ((dot = key.find('.', start)) != std::string::npos) {
        at = &(*at)[key.substr(start, dot - start)];
        start = dot + 1;
    }
    return (*at)[key.substr(start)];
}

void readField(const TrainField& f, const json& value, TrainConfig& c)
{
    using Kind = TrainField::Kind;
    // An integer may come as 8.0 (Qt's JSON writes every number as a double).
    const bool integral = value.is_number_integer() ||
                          (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>() &&
                           std::abs(value.get<double>()) < 9e15);
    const bool ok = f.kind == Kind::Bool   ? value.is_boolean()
                    : f.kind == Kind::Int  ? integral
                    : f.kind == Kind::Real ? value.is_number()
                                           : value.is_string();
    if (!ok)
        throw Error(jsonName(f) + " has the wrong type (" + value.dump() + ")");
    switch (f.kind) {
    case Kind::Bool: f.set(c, value.get<bool>()); break;
    case Kind::Int:
        f.set(c, value.is_number_integer() ? value.get<int64_t>() : static_cast<int64_t>(value.get<double>()));
        break;
    case Kind::Real: f.set(c, value.get<double>()); break;
    case Kind::Choice: {
        const std::string text = value.get<std::string>();
        if (text.empty())
            break;  // as absent: the default stays
        if (std::find(f.choices.begin(), f.choices.end(), text) == f.choices.end())
            throw Error(jsonName(f) + " has an unknown value '" + text + "'");
        f.set(c, text);
        break;
    }
    case Kind::Text:
    case Kind::Path: f.set(c, value.get<std::string>()); break;
    }
}

}  // namespace

std::string toJson(const TrainConfig& c)
{
    json j = json::object();
    for (const TrainField& f : trainFields())
        std::visit([&](const auto& v) { place(j, f.key) = v; }, f.get(c));
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
    // The stage first: its defaults fill in what the file leaves out.
    TrainConfig c = defaultTrainConfig(ModelType::MattingBase);
    const std::string stageKey = "model_type";  // named: GCC 14 takes a temporary here for a dangling one
    const TrainField& stage = trainField(stageKey);
    if (const json* v = lookup(j, stage.key); v && !v->is_null()) {
        TrainConfig staged;
        readField(stage, *v, staged);
        c = defaultTrainConfig(staged.model.type);
    }
    for (const TrainField& f : trainFields())
        if (const json* v = lookup(j, f.key); v && !v->is_null())
            readField(f, *v, c);
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

}  // namespace ms
