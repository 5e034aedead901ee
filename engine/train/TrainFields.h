#pragma once
// Every setting of a training run, described once: its JSON key, command-line flag, label and
// group for a form, range or choices, help text, and what resuming does with it (identity: what
// the run is, kept from the checkpoint; schedule: how long, where and how it runs, taken from the
// new request). The per-stage defaults are defaultTrainConfig's. TrainConfig's JSON, the `train`
// command's flags and help, and resume's merge are loops over this table. Torch-free.
#include "train/TrainConfig.h"

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace ms {

// A field's value: bool, integer, real or text (choices and paths are text).
using FieldValue = std::variant<bool, int64_t, double, std::string>;

struct TrainField {
    enum class Kind { Bool, Int, Real, Text, Path, Choice };
    enum class Resume { Identity, Schedule };
    // How the command line sets it: --flag VALUE, a bare --flag (sets true), --flag on|off, or not
    // at all (a config file or the GUI does; augmentations go through --augment-off).
    enum class Flag { Value, Switch, OnOff, None };

    std::string key;   // JSON key; "augment.flip" is "flip" inside the "augment" object
    std::string flag;  // command-line flag without "--"
    Flag flagStyle = Flag::Value;
    std::string label;  // a form's label (English; the GUI translates it)
    std::string group;  // a form's group
    std::string help;   // command-line help and tooltip, without the default (defaultsText adds it)
    Kind kind = Kind::Int;
    double minimum = 0, maximum = 0;   // Int and Real
    std::vector<std::string> choices;  // Choice
    Resume resume = Resume::Identity;
    std::function<FieldValue(const TrainConfig&)> get;
    std::function<void(TrainConfig&, const FieldValue&)> set;
};

const std::vector<TrainField>& trainFields();
// The field of a JSON key; throws ms::Error for an unknown one.
const TrainField& trainField(const std::string& key);

// A value as text ("8", "0.25", "on", "sampling").
std::string fieldText(const TrainField& field, const FieldValue& value);
// The stage defaults as help shows them: "8" when both stages agree, else "base 8, refine 4".
std::string defaultsText(const TrainField& field);
// Sets `field` from text, as a command-line value: checks the kind, range and choices and throws
// ms::Error saying what `field` expects.
void setFieldFromText(const TrainField& field, TrainConfig& config, const std::string& text);

// Resuming: the checkpoint's identity fields with the new request's schedule fields.
TrainConfig mergeForResume(const TrainConfig& fromCheckpoint, const TrainConfig& request);

// The augmentation fields ("augment.*"); name is the key without "augment.", and the command
// line's --augment-off spells it with '-' for '_' (augmentFlagName).
std::vector<const TrainField*> augmentFields();
std::string augmentName(const TrainField& field);      // "color_jitter"
std::string augmentFlagName(const TrainField& field);  // "color-jitter"

}  // namespace ms
