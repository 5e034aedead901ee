#include "train/TrainFields.h"

#include "core/Error.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <locale>
#include <optional>
#include <sstream>
#include <type_traits>

// The labels, groups and help texts are the GUI's too: marked for Qt's lupdate (ui/CMakeLists.txt
// has it read this file) in the training form's context, where the GUI translates them. Without Qt
// (the engine is built without it) the marker is the text itself.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace ms {
namespace {

using Kind = TrainField::Kind;
using Resume = TrainField::Resume;
using Flag = TrainField::Flag;

// A member's value as a FieldValue, and back.
template <typename T>
FieldValue toValue(const T& v)
{
    if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::string>)
        return v;
    else if constexpr (std::is_integral_v<T>)
        return static_cast<int64_t>(v);
    else
        return static_cast<double>(v);
}

template <typename T>
void fromValue(const FieldValue& v, T& out)
{
    if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::string>)
        out = std::get<T>(v);
    else if constexpr (std::is_integral_v<T>)
        out = static_cast<T>(std::get<int64_t>(v));
    else
        out = static_cast<T>(std::get<double>(v));
}

// Binds `f` to what `at` finds in a config; `at` works on const and non-const configs alike.
template <typename At>
void bindAt(TrainField& f, At at)
{
    f.get = [at](const TrainConfig& c) -> FieldValue { return toValue(at(c)); };
    f.set = [at](TrainConfig& c, const FieldValue& v) { fromValue(v, at(c)); };
}

// A member of TrainConfig, or a member of its model or augment part.
template <typename T>
void bind(TrainField& f, T TrainConfig::*member)
{
    bindAt(
        f, [member](auto& c) -> auto& { return c.*member; });
}

template <typename T, typename Part>
void bind(TrainField& f, Part TrainConfig::*part, T Part::*member)
{
    bindAt(
        f, [ part, member ](auto& c) -> auto& { return c.*part.*member; });
}

// An enum member through its names (toString / parse*).
template <typename E, typename At, typename Parse>
void bindChoiceAt(TrainField& f, At at, const std::vector<E>& values, Parse parse)
{
    for (E value : values)
        f.choices.push_back(toString(value));
    f.get = [at](const TrainConfig& c) -> FieldValue { return toString(at(c)); };
    f.set = [at, parse](TrainConfig& c, const FieldValue& v) { at(c) = *parse(std::get<std::string>(v)); };
}

template <typename E, typename Parse>
void bindChoice(TrainField& f, E TrainConfig::*member, std::vector<E> values, Parse parse)
{
    bindChoiceAt(
        f, [member](auto& c) -> auto& { return c.*member; }, values, parse);
}

template <typename E, typename Part, typename Parse>
void bindChoice(TrainField& f, Part TrainConfig::*part, E Part::*member, std::vector<E> values, Parse parse)
{
    bindChoiceAt(
        f, [ part, member ](auto& c) -> auto& { return c.*part.*member; }, values, parse);
}

TrainField field(std::string key, std::string flag, Flag style, Kind kind, std::string group, std::string label,
                 std::string help, Resume resume = Resume::Identity)
{
    TrainField f;
    f.key = std::move(key);
    f.flag = std::move(flag);
    f.flagStyle = style;
    f.kind = kind;
    f.group = std::move(group);
    f.label = std::move(label);
    f.help = std::move(help);
    f.resume = resume;
    return f;
}

TrainField ranged(TrainField f, double minimum, double maximum)
{
    f.minimum = minimum;
    f.maximum = maximum;
    return f;
}

constexpr double kIntMax = std::numeric_limits<int>::max();
constexpr double kExactIntMax = 9007199254740991.0;  // 2^53 - 1: every integer up to it is exact in a double

std::vector<TrainField> makeFields()
{
    std::vector<TrainField> t;
    auto add = [&](TrainField f) -> TrainField& { return t.emplace_back(std::move(f)); };
    const std::string model = QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Model"),
                      data = QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Data"),
                      schedule = QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Schedule"),
                      logging = QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Logging and checkpoints"),
                      run = QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Run"),
                      augment = QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Augmentation");

    bindChoice(add(field("model_type", "model-type", Flag::Value, Kind::Choice, model,
                         QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Stage"),
                         QT_TRANSLATE_NOOP("ms::ui::TrainingForm",
                                           "mattingbase (the coarse network) or mattingrefine (with the refiner)."))),
               &TrainConfig::model, &ModelSpec::type, std::vector{ModelType::MattingBase, ModelType::MattingRefine},
               &parseModelType);
    bind(add(field("model_name", "model-name", Flag::Value, Kind::Text, model,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Model name"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Run name: checkpoint/<name>, log/<name>."))),
         &TrainConfig::modelName);
    bindChoice(add(field("model_backbone", "model-backbone", Flag::Value, Kind::Choice, model,
                         QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Backbone"),
                         QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "resnet50, resnet101 or mobilenetv2."))),
               &TrainConfig::model, &ModelSpec::backbone,
               std::vector{Backbone::ResNet50, Backbone::ResNet101, Backbone::MobileNetV2}, &parseBackbone);
    bind(add(ranged(field("model_backbone_scale", "model-backbone-scale", Flag::Value, Kind::Real, model,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Backbone scale"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Refine: the scale of the coarse pass.")),
                    0.01, 0.5)),
         &TrainConfig::model, &ModelSpec::backboneScale);
    bindChoice(add(field("model_refine_mode", "model-refine-mode", Flag::Value, Kind::Choice, model,
                         QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Refine mode"),
                         QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Refine: full, sampling or thresholding."))),
               &TrainConfig::model, &ModelSpec::refineMode,
               std::vector{RefineMode::Full, RefineMode::Sampling, RefineMode::Thresholding}, &parseRefineMode);
    bind(add(ranged(field("model_refine_sample_pixels", "model-refine-sample-pixels", Flag::Value, Kind::Int, model,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Sample pixels"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Refine: pixels refined in sampling mode.")),
                    16, 100000000)),
         &TrainConfig::model, &ModelSpec::refineSamplePixels);
    bind(add(ranged(
             field("model_refine_threshold", "model-refine-thresholding", Flag::Value, Kind::Real, model,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Threshold"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Refine: the error threshold of thresholding mode.")),
             0, 1)),
         &TrainConfig::model, &ModelSpec::refineThreshold);
    bind(add(ranged(field("model_refine_kernel_size", "model-refine-kernel-size", Flag::Value, Kind::Int, model,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Refiner kernel"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Refine: the refiner's kernel size, 1 or 3.")),
                    1, 3)),
         &TrainConfig::model, &ModelSpec::refineKernelSize);
    bind(add(field("model_last_checkpoint", "model-last-checkpoint", Flag::Value, Kind::Path, model,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Initial weights"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Start from these weights (matched by name and shape)."))),
         &TrainConfig::lastCheckpoint);
    bind(add(field("model_pretrain_initialization", "model-pretrain-initialization", Flag::Value, Kind::Path, model,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Pretrained backbone"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm",
                                     "DeepLabV3 (VainF) or torchvision backbone weights to start from."))),
         &TrainConfig::pretrainInitialization);

    // The dataset is identity, but a resume may point at the same data in a new place (Trainer).
    bind(add(field(
             "dataset", "dataset", Flag::Value, Kind::Path, data, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Dataset"),
             QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Dataset config (JSON) or a folder holding dataset.json."))),
         &TrainConfig::dataset);
    bind(add(ranged(field("train_size", "train-size", Flag::Value, Kind::Int, data,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Training size (px)"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Sample size N before the random crop to N/2..N.")),
                    64, 8192)),
         &TrainConfig::trainSize);
    bind(add(ranged(
             field("batch_size", "batch-size", Flag::Value, Kind::Int, data,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Batch size"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Samples per step (with --nproc, the global batch).")),
             1, 1000000)),
         &TrainConfig::batchSize);
    bind(add(ranged(field("num_workers", "num-workers", Flag::Value, Kind::Int, data,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Loader threads"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Data loading threads."), Resume::Schedule),
                    0, 256)),
         &TrainConfig::numWorkers);
    bind(add(ranged(field("valid_samples", "valid-samples", Flag::Value, Kind::Int, data,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Validation samples"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Size of the fixed validation subset.")),
                    1, kIntMax)),
         &TrainConfig::validSamples);

    bind(add(ranged(field("epoch_start", "epoch-start", Flag::Value, Kind::Int, schedule,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "First epoch"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "First epoch.")),
                    0, kIntMax)),
         &TrainConfig::epochStart);
    bind(add(ranged(field("epoch_end", "epoch-end", Flag::Value, Kind::Int, schedule,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "End epoch (exclusive)"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "End epoch, exclusive."), Resume::Schedule),
                    1, kIntMax)),
         &TrainConfig::epochEnd);
    bind(add(ranged(field("max_steps", "max-steps", Flag::Value, Kind::Int, schedule,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Max steps"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Stop after this global step count (0: no limit)."),
                          Resume::Schedule),
                    0, kExactIntMax)),
         &TrainConfig::maxSteps);
    bind(add(ranged(field("seed", "seed", Flag::Value, Kind::Int, schedule,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Seed"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Random seed.")),
                    0, kExactIntMax)),
         &TrainConfig::seed);
    bind(add(ranged(
             field("learning_rate_scale", "learning-rate-scale", Flag::Value, Kind::Real, schedule,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Learning rate"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Multiplies the reference's per-module learning rates.")),
             1e-12, 100)),
         &TrainConfig::learningRateScale);
    bind(add(field("learning_rate_cosine", "learning-rate-cosine", Flag::Switch, Kind::Bool, schedule,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Cosine decay of the learning rate to the last step"),
                   QT_TRANSLATE_NOOP(
                       "ms::ui::TrainingForm",
                       "Decay the learning rates along a cosine to 0 at the run's last step (off: constant, as the "
                       "reference)."))),
         &TrainConfig::learningRateCosine);
    bind(add(field("alpha_gradient_through_clamp", "alpha-gradient-through-clamp", Flag::Switch, Kind::Bool, schedule,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Alpha gradient through the clamp"),
                   QT_TRANSLATE_NOOP(
                       "ms::ui::TrainingForm",
                       "Let the alpha losses' gradient pass the [0, 1] clamp, so a run cannot get stuck predicting an "
                       "empty matte (off: the reference's clamp)."))),
         &TrainConfig::alphaGradientThroughClamp);
    bind(add(field("amp", "amp", Flag::OnOff, Kind::Bool, schedule,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Mixed precision (CUDA)"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Mixed precision where the device supports it (CUDA)."))),
         &TrainConfig::amp);

    bind(add(ranged(field("log_train_loss_interval", "log-train-loss-interval", Flag::Value, Kind::Int, logging,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Log loss every (steps)"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Steps between loss logs."), Resume::Schedule),
                    1, kIntMax)),
         &TrainConfig::logTrainLossInterval);
    bind(add(ranged(field("log_train_images_interval", "log-train-images-interval", Flag::Value, Kind::Int, logging,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Sample images every"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Steps between image logs."), Resume::Schedule),
                    1, kIntMax)),
         &TrainConfig::logTrainImagesInterval);
    bind(add(ranged(field("log_valid_interval", "log-valid-interval", Flag::Value, Kind::Int, logging,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Validate every"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Steps between validations."), Resume::Schedule),
                    1, kIntMax)),
         &TrainConfig::logValidInterval);
    bind(add(field("log_intervals_per_epoch", "log-intervals-per-epoch", Flag::Switch, Kind::Bool, logging,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Count intervals per epoch (as the reference)"),
                   QT_TRANSLATE_NOOP(
                       "ms::ui::TrainingForm",
                       "The log intervals count batches within each epoch, as the reference does (off: optimizer "
                       "steps since the start)."),
                   Resume::Schedule)),
         &TrainConfig::logIntervalsPerEpoch);
    bind(add(ranged(field("checkpoint_interval", "checkpoint-interval", Flag::Value, Kind::Int, logging,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Checkpoint every"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Steps between checkpoints."), Resume::Schedule),
                    1, kIntMax)),
         &TrainConfig::checkpointInterval);
    bind(add(ranged(field("keep_last", "keep-last", Flag::Value, Kind::Int, logging,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Keep newest"),
                          QT_TRANSLATE_NOOP(
                              "ms::ui::TrainingForm",
                              "Keep only the newest K checkpoints, epoch-end and interval ones alike (0: all; best.pth "
                              "stays)."),
                          Resume::Schedule),
                    0, kIntMax)),
         &TrainConfig::keepLast);
    bind(add(field("keep_best", "keep-best", Flag::Switch, Kind::Bool, logging,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Also keep the best checkpoint (best.pth)"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm",
                                     "Also keep best.pth, the checkpoint with the lowest validation loss."),
                   Resume::Schedule)),
         &TrainConfig::keepBest);

    // Where and on what it runs: the application's settings and the command line, not a form.
    bind(add(field("output_root", "output-root", Flag::Value, Kind::Path, run,
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Output folder"),
                   QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Where checkpoint/ and log/ go."), Resume::Schedule)),
         &TrainConfig::outputRoot);
    bind(
        add(field("device", "device", Flag::Value, Kind::Text, run, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Device"),
                  QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "cpu, cuda, cuda:N or mps."), Resume::Schedule)),
        &TrainConfig::device);
    bind(add(ranged(field("threads", "threads", Flag::Value, Kind::Int, run,
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Threads"),
                          QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Intra-op threads (0: all cores)."),
                          Resume::Schedule),
                    0, 65536)),
         &TrainConfig::threads);
    bindChoice(
        add(field("dist_backend", "dist-backend", Flag::Value, Kind::Choice, run,
                  QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Distributed backend"),
                  QT_TRANSLATE_NOOP(
                      "ms::ui::TrainingForm",
                      "Distributed: auto (NCCL on CUDA devices where this build has it, else Gloo), nccl or gloo."),
                  Resume::Schedule)),
        &TrainConfig::distBackend, std::vector{DistBackend::Auto, DistBackend::Nccl, DistBackend::Gloo},
        &parseDistBackend);

    // Augmentations: on by default, as the reference; --augment-off switches them off by name.
    struct Switch {
        const char* name;
        bool AugmentSwitches::*member;
        const char* label;
    };
    const Switch switches[] = {
        {"affine", &AugmentSwitches::affine, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Affine (per sample)")},
        {"flip", &AugmentSwitches::flip, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Flip")},
        {"blur", &AugmentSwitches::blur, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Blur")},
        {"sharpen", &AugmentSwitches::sharpen, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Sharpen")},
        {"color_jitter", &AugmentSwitches::colorJitter, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Colour jitter")},
        {"shadow", &AugmentSwitches::shadow, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Shadow (per batch)")},
        {"noise", &AugmentSwitches::noise, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Noise")},
        {"background_jitter", &AugmentSwitches::backgroundJitter,
         QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Background jitter")},
        {"background_affine", &AugmentSwitches::backgroundAffine,
         QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Background affine")},
        {"random_crop", &AugmentSwitches::randomCrop, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "Random crop")},
    };
    for (const Switch& sw : switches)
        bind(add(field(std::string("augment.") + sw.name, "", Flag::None, Kind::Bool, augment, sw.label,
                       std::string("Augmentation: ") + sw.label + ".")),
             &TrainConfig::augment, sw.member);
    return t;
}

// A number in the C locale whatever the process's (QCoreApplication sets LC_NUMERIC from the
// environment, where "0,25" may be the decimal notation); the whole text must be the number.
std::optional<double> parseNumber(const std::string& text)
{
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    double v = 0;
    in >> v;
    if (text.empty() || in.fail() || !in.eof() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

}  // namespace

const std::vector<TrainField>& trainFields()
{
    static const std::vector<TrainField> fields = makeFields();
    return fields;
}

const TrainField& trainField(const std::string& key)
{
    for (const TrainField& f : trainFields())
        if (f.key == key)
            return f;
    throw Error("no training setting '" + key + "'");
}

std::string fieldText(const TrainField& field, const FieldValue& value)
{
    if (const bool* b = std::get_if<bool>(&value))
        return field.flagStyle == TrainField::Flag::OnOff ? (*b ? "on" : "off") : (*b ? "true" : "false");
    if (const int64_t* i = std::get_if<int64_t>(&value))
        return std::to_string(*i);
    if (const double* d = std::get_if<double>(&value)) {
        std::ostringstream out;
        out.imbue(std::locale::classic());
        out << *d;
        return out.str();
    }
    return std::get<std::string>(value);
}

std::string defaultsText(const TrainField& field)
{
    if (field.key == "model_type")  // the stage whose defaults apply when none is given
        return toString(defaultTrainConfig(ModelType::MattingBase).model.type);
    const std::string base = fieldText(field, field.get(defaultTrainConfig(ModelType::MattingBase)));
    const std::string refine = fieldText(field, field.get(defaultTrainConfig(ModelType::MattingRefine)));
    return base == refine ? base : "base " + base + ", refine " + refine;
}

void setFieldFromText(const TrainField& field, TrainConfig& config, const std::string& text)
{
    const std::string name = field.flag.empty() ? "'" + field.key + "'" : "--" + field.flag;
    auto number = [](double v) {
        if (std::floor(v) == v && std::abs(v) < 1e16)
            return std::to_string(static_cast<long long>(v));
        std::ostringstream out;
        out.imbue(std::locale::classic());
        out << v;
        return out.str();
    };
    auto inRange = [&](double v, const char* what) {
        if (!(v >= field.minimum && v <= field.maximum))
            throw Error(name + " expects " + what + " from " + number(field.minimum) + " to " + number(field.maximum) +
                        ", got '" + text + "'");
    };
    switch (field.kind) {
    case TrainField::Kind::Bool: {
        const bool on = text == "on" || text == "true" || text == "1";
        if (!on && text != "off" && text != "false" && text != "0")
            throw Error(name + " must be on or off, got '" + text + "'");
        field.set(config, on);
        return;
    }
    case TrainField::Kind::Int: {
        // Digits, or a number with an integral value ("1e5", "3.0") as the reference's argparse
        // float-typed options take them.
        const std::optional<double> v = parseNumber(text);
        if (!v || std::floor(*v) != *v)
            throw Error(name + " expects an integer, got '" + text + "'");
        inRange(*v, "an integer");
        errno = 0;
        char* end = nullptr;
        const long long exact = std::strtoll(text.c_str(), &end, 10);
        field.set(config, *end == '\0' && errno == 0 ? int64_t(exact) : static_cast<int64_t>(*v));
        return;
    }
    case TrainField::Kind::Real: {
        const std::optional<double> v = parseNumber(text);
        if (!v)
            throw Error(name + " expects a number, got '" + text + "'");
        inRange(*v, "a number");
        field.set(config, *v);
        return;
    }
    case TrainField::Kind::Choice: {
        for (const std::string& choice : field.choices)
            if (choice == text) {
                field.set(config, text);
                return;
            }
        std::string list;
        for (size_t i = 0; i < field.choices.size(); ++i)
            list += (i == 0 ? "" : i + 1 == field.choices.size() ? " or " : ", ") + field.choices[i];
        throw Error(name + " must be " + list + ", got '" + text + "'");
    }
    case TrainField::Kind::Text:
    case TrainField::Kind::Path: field.set(config, text); return;
    }
}

TrainConfig mergeForResume(const TrainConfig& fromCheckpoint, const TrainConfig& request)
{
    TrainConfig merged = fromCheckpoint;
    for (const TrainField& f : trainFields())
        if (f.resume == TrainField::Resume::Schedule)
            f.set(merged, f.get(request));
    return merged;
}

std::vector<const TrainField*> augmentFields()
{
    std::vector<const TrainField*> out;
    for (const TrainField& f : trainFields())
        if (f.key.rfind("augment.", 0) == 0)
            out.push_back(&f);
    return out;
}

std::string augmentName(const TrainField& field) { return field.key.substr(std::string("augment.").size()); }

std::string augmentFlagName(const TrainField& field)
{
    std::string name = augmentName(field);
    for (char& c : name)
        if (c == '_')
            c = '-';
    return name;
}

}  // namespace ms
