#include "model/MattingModel.h"

#include "model/OutputClamp.h"

#include "core/Error.h"
#include "model/MobileNetV2Encoder.h"
#include "model/ResNetEncoder.h"

#include <cmath>

namespace ms {
namespace {

constexpr int64_t kInputChannels = 6;        // src and bgr, RGB each
constexpr int64_t kBaseOutputChannels = 37;  // alpha, fgr residual (3), error, hidden (32)

std::shared_ptr<Encoder> makeEncoder(Backbone backbone)
{
    switch (backbone) {
    case Backbone::ResNet50: return ResNetEncoder::resnet50(kInputChannels);
    case Backbone::ResNet101: return ResNetEncoder::resnet101(kInputChannels);
    case Backbone::MobileNetV2: return std::make_shared<MobileNetV2Encoder>(kInputChannels);
    }
    throw Error("unknown backbone");
}

}  // namespace

MattingBase::MattingBase(Backbone backboneType)
{
    backbone = register_module("backbone", makeEncoder(backboneType));
    aspp = register_module("aspp", Aspp(backbone->outChannels()));
    decoder = register_module("decoder", Decoder(backbone->shortcutChannels(), kBaseOutputChannels));
}

torch::Tensor MattingBase::runBase(const torch::Tensor& x)
{
    EncoderFeatures features = backbone->forward(x);
    return decoder->forward(aspp->forward(features.x4), features);
}

torch::Tensor MattingBase::clampAlpha(const torch::Tensor& x) const
{
    return clampUnit(x, m_alphaGradientThrough && is_training());
}

MattingOutput MattingBase::forward(const torch::Tensor& src, const torch::Tensor& bgr)
{
    const torch::Tensor x = runBase(torch::cat({src, bgr}, 1));
    MattingOutput out;
    out.pha = clampAlpha(x.narrow(1, 0, 1));
    // reference: the network predicts the foreground as a residual over the source.
    out.fgr = (x.narrow(1, 1, 3) + src).clamp(0, 1);
    out.err = x.narrow(1, 4, 1).clamp(0, 1);
    out.hid = torch::relu(x.narrow(1, 5, 32));
    return out;
}

MattingRefine::MattingRefine(const ModelSpec& spec)
    : MattingBase(spec.backbone)
    , m_backboneScale(spec.backboneScale)
{
    m_refiner = register_module("refiner", Refiner(spec.refineMode, spec.refineSamplePixels, spec.refineThreshold,
                                                   spec.refineKernelSize, spec.refinePreventOversampling));
}

void MattingRefine::setBackboneScale(double scale)
{
    if (!(scale > 0.0 && scale <= 0.5))
        throw Error("backbone scale must be in (0, 1/2], got " + std::to_string(scale));
    m_backboneScale = scale;
}

MattingOutput MattingRefine::forward(const torch::Tensor& src, const torch::Tensor& bgr)
{
    if (src.sizes() != bgr.sizes())
        throw Error("source and background must have the same size");
    const int64_t H = src.size(2), W = src.size(3);
    const int64_t padBottom = (4 - H % 4) % 4, padRight = (4 - W % 4) % 4;
    if (padBottom == 0 && padRight == 0)
        return forwardAligned(src, bgr);

    namespace F = torch::nn::functional;
    const auto pad = F::PadFuncOptions({0, padRight, 0, padBottom}).mode(torch::kReplicate);
    MattingOutput out = forwardAligned(F::pad(src, pad), F::pad(bgr, pad));
    auto crop = [](const torch::Tensor& t, int64_t h, int64_t w) { return t.narrow(2, 0, h).narrow(3, 0, w); };
    const int64_t hc =
        std::min<int64_t>(out.phaSm.size(2), static_cast<int64_t>(std::ceil(static_cast<double>(H) * m_backboneScale)));
    const int64_t wc =
        std::min<int64_t>(out.phaSm.size(3), static_cast<int64_t>(std::ceil(static_cast<double>(W) * m_backboneScale)));
    out.pha = crop(out.pha, H, W);
    out.fgr = crop(out.fgr, H, W);
    out.phaSm = crop(out.phaSm, hc, wc);
    out.fgrSm = crop(out.fgrSm, hc, wc);
    out.errSm = crop(out.errSm, hc, wc);
    out.refSm = crop(out.refSm, (H + 3) / 4, (W + 3) / 4);
    return out;
}

MattingOutput MattingRefine::forwardAligned(const torch::Tensor& src, const torch::Tensor& bgr)
{
    const int64_t H = src.size(2), W = src.size(3);
    // reference: scale_factor with recompute_scale_factor=True, i.e. a resize to floor(H*s) x floor(W*s).
    const auto Hc = static_cast<int64_t>(std::floor(static_cast<double>(H) * m_backboneScale));
    const auto Wc = static_cast<int64_t>(std::floor(static_cast<double>(W) * m_backboneScale));
    if (Hc < 1 || Wc < 1)
        throw Error("image of " + std::to_string(W) + "x" + std::to_string(H) + " is too small for backbone scale " +
                    std::to_string(m_backboneScale));
    const torch::Tensor srcSm = resizeBilinear(src, Hc, Wc);
    const torch::Tensor bgrSm = resizeBilinear(bgr, Hc, Wc);

    const torch::Tensor x = runBase(torch::cat({srcSm, bgrSm}, 1));
    const torch::Tensor phaSm = clampAlpha(x.narrow(1, 0, 1));
    const torch::Tensor fgrResidualSm = x.narrow(1, 1, 3);
    const torch::Tensor errSm = x.narrow(1, 4, 1).clamp(0, 1);
    const torch::Tensor hidSm = torch::relu(x.narrow(1, 5, 32));

    RefinerOutput refined = m_refiner->forward(src, bgr, phaSm, fgrResidualSm, errSm, hidSm);
    MattingOutput out;
    out.pha = clampAlpha(refined.pha);
    out.fgr = (refined.fgrResidual + src).clamp(0, 1);
    out.phaSm = phaSm;
    out.fgrSm = (srcSm + fgrResidualSm).clamp(0, 1);
    out.errSm = errSm;
    out.refSm = refined.ref;
    return out;
}

std::shared_ptr<MattingBase> createModel(const ModelSpec& spec)
{
    validate(spec);
    if (spec.type == ModelType::MattingBase)
        return std::make_shared<MattingBase>(spec.backbone);
    return std::make_shared<MattingRefine>(spec);
}

std::vector<std::pair<std::string, int>> moduleVersions(const torch::nn::Module& model)
{
    std::vector<std::pair<std::string, int>> versions{{"", 1}};
    for (const auto& item : model.named_modules("", /*include_self=*/false)) {
        const bool batchNorm = item.value()->as<BatchNormLayerImpl>() != nullptr;
        versions.emplace_back(item.key(), batchNorm ? 2 : 1);
    }
    return versions;
}

}  // namespace ms
