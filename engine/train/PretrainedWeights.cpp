#include "train/PretrainedWeights.h"

#include <regex>

namespace ms {

namespace {

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool anyKeyStartsWith(const StateDict& tensors, const std::string& prefix)
{
    for (const auto& item : tensors)
        if (startsWith(item.key(), prefix))
            return true;
    return false;
}

std::string renameDeepLab(const std::string& key, Backbone backbone)
{
    static const std::string head = "classifier.classifier.0.";
    if (startsWith(key, head))
        return "aspp." + key.substr(head.size());
    if (backbone == Backbone::MobileNetV2) {
        // DeepLab splits torchvision's features into features[:4] and features[4:].
        static const std::regex split(R"(backbone\.(low|high)_level_features\.(\d+)\.(.*))");
        std::smatch m;
        if (std::regex_match(key, m, split)) {
            const int index = std::stoi(m[2].str()) + (m[1].str() == "high" ? 4 : 0);
            return "backbone.features." + std::to_string(index) + "." + m[3].str();
        }
    }
    return key;
}

}  // namespace

PretrainedWeights remapPretrained(const StateDict& tensors, Backbone backbone)
{
    PretrainedWeights out;
    if (anyKeyStartsWith(tensors, "classifier.classifier.0.")) {
        out.kind = PretrainedKind::DeepLabV3;
        for (const auto& item : tensors) {
            if (startsWith(item.key(), "classifier.") && !startsWith(item.key(), "classifier.classifier.0."))
                continue;  // DeepLab's own segmentation head
            out.tensors.insert(renameDeepLab(item.key(), backbone), item.value());
        }
        return out;
    }
    if (anyKeyStartsWith(tensors, "layer1.") || anyKeyStartsWith(tensors, "features.")) {
        out.kind = PretrainedKind::TorchvisionBackbone;
        for (const auto& item : tensors) {
            if (startsWith(item.key(), "fc.") || startsWith(item.key(), "classifier."))
                continue;  // ImageNet classifier
            out.tensors.insert("backbone." + item.key(), item.value());
        }
        return out;
    }
    out.kind = PretrainedKind::MattingModel;
    out.tensors = tensors;
    return out;
}

const char* pretrainedKindName(PretrainedKind kind)
{
    switch (kind) {
    case PretrainedKind::DeepLabV3: return "DeepLabV3 checkpoint";
    case PretrainedKind::TorchvisionBackbone: return "torchvision ImageNet backbone";
    case PretrainedKind::MattingModel: return "matting checkpoint";
    }
    return "?";
}

}  // namespace ms
