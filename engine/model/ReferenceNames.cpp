#include "model/ReferenceNames.h"

#include "core/Error.h"

#include <nlohmann/json.hpp>

namespace ms {

ModelSpec modelSpecFromReference(const std::string& model, const nlohmann::json& kwargs)
{
    ModelSpec spec;
    if (model == "MattingBase")
        spec.type = ModelType::MattingBase;
    else if (model == "MattingRefine")
        spec.type = ModelType::MattingRefine;
    else
        throw Error("unknown reference model '" + model + "' (MattingBase or MattingRefine)");
    const std::string backbone = kwargs.at("backbone").get<std::string>();
    const auto parsedBackbone = parseBackbone(backbone);
    if (!parsedBackbone)
        throw Error("unknown backbone '" + backbone + "'");
    spec.backbone = *parsedBackbone;
    spec.backboneScale = kwargs.value("backbone_scale", 0.25);
    const std::string mode = kwargs.value("refine_mode", std::string("sampling"));
    const auto parsedMode = parseRefineMode(mode);
    if (!parsedMode)
        throw Error("unknown refine mode '" + mode + "'");
    spec.refineMode = *parsedMode;
    spec.refineSamplePixels = kwargs.value("refine_sample_pixels", 80000);
    spec.refineThreshold = kwargs.value("refine_threshold", 0.1);
    spec.refineKernelSize = kwargs.value("refine_kernel_size", 3);
    spec.refinePreventOversampling = kwargs.value("refine_prevent_oversampling", true);
    return spec;
}

torch::Tensor referenceOutput(const MattingOutput& out, const std::string& name)
{
    if (name == "pha")
        return out.pha;
    if (name == "fgr")
        return out.fgr;
    if (name == "err")
        return out.err;
    if (name == "hid")
        return out.hid;
    if (name == "pha_sm")
        return out.phaSm;
    if (name == "fgr_sm")
        return out.fgrSm;
    if (name == "err_sm")
        return out.errSm;
    if (name == "ref_sm")
        return out.refSm;
    return {};
}

}  // namespace ms
