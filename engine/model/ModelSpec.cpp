#include "model/ModelSpec.h"

#include "core/Error.h"

namespace ms {

std::string toString(ModelType type) { return type == ModelType::MattingBase ? "mattingbase" : "mattingrefine"; }

std::string toString(Backbone backbone)
{
    switch (backbone) {
    case Backbone::ResNet50: return "resnet50";
    case Backbone::ResNet101: return "resnet101";
    case Backbone::MobileNetV2: return "mobilenetv2";
    }
    return {};
}

std::string toString(RefineMode mode)
{
    switch (mode) {
    case RefineMode::Full: return "full";
    case RefineMode::Sampling: return "sampling";
    case RefineMode::Thresholding: return "thresholding";
    }
    return {};
}

std::optional<ModelType> parseModelType(const std::string& text)
{
    for (auto t : {ModelType::MattingBase, ModelType::MattingRefine})
        if (toString(t) == text)
            return t;
    return std::nullopt;
}

std::optional<Backbone> parseBackbone(const std::string& text)
{
    for (auto b : {Backbone::ResNet50, Backbone::ResNet101, Backbone::MobileNetV2})
        if (toString(b) == text)
            return b;
    return std::nullopt;
}

std::optional<RefineMode> parseRefineMode(const std::string& text)
{
    for (auto m : {RefineMode::Full, RefineMode::Sampling, RefineMode::Thresholding})
        if (toString(m) == text)
            return m;
    return std::nullopt;
}

void validate(const ModelSpec& spec)
{
    if (spec.type == ModelType::MattingBase)
        return;
    if (!(spec.backboneScale > 0.0 && spec.backboneScale <= 0.5))
        throw Error("backbone scale must be in (0, 1/2], got " + std::to_string(spec.backboneScale));
    if (spec.refineKernelSize != 1 && spec.refineKernelSize != 3)
        throw Error("refine kernel size must be 1 or 3, got " + std::to_string(spec.refineKernelSize));
    if (spec.refineSamplePixels < 16 && spec.refineMode == RefineMode::Sampling)
        throw Error("refine sample pixels must be at least 16 (one 4x4 patch), got " +
                    std::to_string(spec.refineSamplePixels));
    if (!(spec.refineThreshold >= 0.0 && spec.refineThreshold <= 1.0))
        throw Error("refine threshold must be in [0, 1], got " + std::to_string(spec.refineThreshold));
}

}  // namespace ms
