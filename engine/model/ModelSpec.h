#pragma once
#include <optional>
#include <string>

namespace ms {

enum class ModelType { MattingBase, MattingRefine };
enum class Backbone { ResNet50, ResNet101, MobileNetV2 };
enum class RefineMode { Full, Sampling, Thresholding };

// Everything needed to construct a network, with the reference constructors' defaults.
struct ModelSpec {
    ModelType type = ModelType::MattingRefine;
    Backbone backbone = Backbone::ResNet50;
    double backboneScale = 0.25;
    RefineMode refineMode = RefineMode::Sampling;
    int refineSamplePixels = 80000;
    double refineThreshold = 0.1;
    int refineKernelSize = 3;
    bool refinePreventOversampling = true;
};

// Names as the reference's command line spells them ("mattingrefine", "resnet50", "sampling").
std::string toString(ModelType type);
std::string toString(Backbone backbone);
std::string toString(RefineMode mode);
std::optional<ModelType> parseModelType(const std::string& text);
std::optional<Backbone> parseBackbone(const std::string& text);
std::optional<RefineMode> parseRefineMode(const std::string& text);

// Throws ms::Error when a combination is impossible (scale > 1/2, kernel size not 1 or 3, ...).
void validate(const ModelSpec& spec);

}  // namespace ms
