#include "checkpoint/CheckpointInfo.h"

#include "core/Error.h"

namespace ms {

std::string Architecture::describe() const
{
    std::string text = (type == ModelType::MattingBase ? "MattingBase" : "MattingRefine");
    text += ", " + toString(backbone) + " backbone";
    if (type == ModelType::MattingRefine)
        text += ", refiner kernel " + std::to_string(refineKernelSize);
    return text;
}

std::optional<Architecture> detectArchitecture(const StateDict& tensors)
{
    Architecture arch;
    if (tensors.contains("backbone.features.0.0.weight"))
        arch.backbone = Backbone::MobileNetV2;
    else if (tensors.contains("backbone.layer3.22.conv1.weight"))  // ResNet-101 has 23 blocks in layer3
        arch.backbone = Backbone::ResNet101;
    else if (tensors.contains("backbone.layer1.0.conv1.weight"))
        arch.backbone = Backbone::ResNet50;
    else
        return std::nullopt;

    const torch::Tensor* refinerConv = tensors.find("refiner.conv1.weight");
    arch.type = refinerConv ? ModelType::MattingRefine : ModelType::MattingBase;
    if (refinerConv && refinerConv->dim() == 4)
        arch.refineKernelSize = static_cast<int>(refinerConv->size(3));
    for (const auto& item : tensors) {
        ++arch.tensorCount;
        if (item.value().is_floating_point())
            arch.parameterElements += item.value().numel();
    }
    return arch;
}

ModelSpec specForCheckpoint(const StateDict& tensors, ModelSpec spec, bool typeGiven, bool backboneGiven)
{
    const auto arch = detectArchitecture(tensors);
    if (!arch) {
        if (typeGiven && backboneGiven)
            return spec;
        throw Error("this file holds no BackgroundMattingV2 network (no backbone keys were found); "
                    "pass --model-type and --model-backbone if it is one under other names");
    }
    if (!typeGiven)
        spec.type = arch->type;
    if (!backboneGiven)
        spec.backbone = arch->backbone;
    if (spec.type == ModelType::MattingRefine && arch->type == ModelType::MattingRefine)
        spec.refineKernelSize = arch->refineKernelSize;
    return spec;
}

}  // namespace ms
