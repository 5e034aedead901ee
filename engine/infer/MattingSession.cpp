#include "infer/MattingSession.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/ModelLoading.h"
#include "core/Device.h"
#include "core/Error.h"
#include "io/ImageIO.h"
#include "model/BatchNormFolding.h"
#include "model/MemoryFormat.h"
#include "platform/Paths.h"

#include <torch/script.h>

#include <fstream>

namespace ms {

MattingSession::MattingSession(const SessionOptions& options)
    : m_spec(options.spec)
    , m_device(parseDevice(options.device))
{
    if (options.half) {
        if (!m_device.is_cuda())
            throw Error("float16 inference needs a CUDA device");
        m_dtype = torch::kFloat16;
    }
    if (isTorchScriptFile(options.checkpoint)) {
        // Through a stream we open: jit::load(path) opens the name narrowly, which misses non-ASCII
        // paths on Windows.
        std::ifstream file(platform::fsPath(options.checkpoint), std::ios::binary);
        if (!file)
            throw Error("cannot open TorchScript model " + options.checkpoint);
        try {
            m_script = std::make_unique<torch::jit::Module>(torch::jit::load(file, m_device));
        } catch (const std::exception& e) {
            throw Error("cannot load TorchScript model " + options.checkpoint + ": " + e.what());
        }
        m_spec.type = ModelType::MattingRefine;
        m_script->eval();
        m_script->to(m_dtype);
        return;
    }

    m_channelsLast = options.channelsLast;
    const CheckpointFile file = readCheckpointFile(options.checkpoint);
    try {
        LoadedModel loaded = loadModel(file.tensors, options.spec, options.typeGiven, options.backboneGiven);
        m_spec = loaded.spec;
        m_model = std::move(loaded.model);
        m_report = std::move(loaded.report);
    } catch (const Error& e) {
        throw Error(options.checkpoint + ": " + e.what());
    }
    m_model->eval();
    m_model->to(m_device, m_dtype);
    if (m_channelsLast)
        useChannelsLast(*m_model);  // before folding: the folded weights keep the layout
    if (options.foldBatchNorm)
        foldBatchNorms(*m_model);
}

MattingSession::~MattingSession() = default;

void MattingSession::setWarningHandler(std::function<void(const std::string&)> handler)
{
    m_warn = handler;
    if (auto* refine = dynamic_cast<MattingRefine*>(m_model.get()))
        refine->refiner()->setWarningHandler(std::move(handler));
}

void MattingSession::setRefineSettings(const ModelSpec& refine)
{
    ModelSpec next = m_spec;
    next.backboneScale = refine.backboneScale;
    next.refineMode = refine.refineMode;
    next.refineSamplePixels = refine.refineSamplePixels;
    next.refineThreshold = refine.refineThreshold;
    validate(next);
    if (auto* model = dynamic_cast<MattingRefine*>(m_model.get())) {
        model->setBackboneScale(next.backboneScale);
        model->refiner()->setMode(next.refineMode);
        model->refiner()->setSamplePixels(next.refineSamplePixels);
        model->refiner()->setThreshold(next.refineThreshold);
    }
    m_spec = next;  // TorchScript models read these on every call (runScript)
}

std::string MattingSession::describe() const
{
    std::string text =
        m_script ? "TorchScript MattingRefine" : toString(m_spec.type) + " / " + toString(m_spec.backbone);
    if (m_spec.type == ModelType::MattingRefine) {
        text += ", backbone scale " + std::to_string(m_spec.backboneScale).substr(0, 5) + ", refine " +
                toString(m_spec.refineMode);
        if (m_spec.refineMode == RefineMode::Sampling)
            text += " " + std::to_string(m_spec.refineSamplePixels) + " px";
        else if (m_spec.refineMode == RefineMode::Thresholding)
            text += " > " + std::to_string(m_spec.refineThreshold).substr(0, 4);
    }
    return text + " on " + m_device.str();
}

MattingOutput MattingSession::run(const torch::Tensor& src, const torch::Tensor& bgr)
{
    if (src.dim() != 4 || src.size(1) != 3 || src.sizes() != bgr.sizes())
        throw Error("source and background must be RGB images of the same size");
    torch::NoGradGuard noGrad;
    // Integer pixels travel to the device as they are (4x less to copy) and become floats there.
    auto prepare = [&](const torch::Tensor& t) { return pixelsToUnitFloat(t.to(m_device)).to(m_dtype); };
    const torch::Tensor s = prepare(src), b = prepare(bgr);
    if (m_script)
        return runScript(s, b);
    if (!m_channelsLast)
        return m_model->forward(s, b);
    MattingOutput out = m_model->forward(channelsLast(s), channelsLast(b));
    for (torch::Tensor* t : {&out.pha, &out.fgr, &out.err, &out.hid, &out.phaSm, &out.fgrSm, &out.errSm, &out.refSm})
        if (t->defined())
            *t = t->contiguous();
    return out;
}

MattingOutput MattingSession::runScript(const torch::Tensor& src, const torch::Tensor& bgr)
{
    // The reference's TorchScript export copies these attributes into its model on every call.
    m_script->setattr("backbone_scale", m_spec.backboneScale);
    m_script->setattr("refine_mode", toString(m_spec.refineMode));
    m_script->setattr("refine_sample_pixels", static_cast<int64_t>(m_spec.refineSamplePixels));
    m_script->setattr("refine_threshold", m_spec.refineThreshold);
    m_script->setattr("refine_prevent_oversampling", m_spec.refinePreventOversampling);
    // A copy of the (six, reference-counted) outputs: indexing the tuple's own storage past its
    // three inline slots is correct but trips GCC's -Warray-bounds inside LibTorch's inline code.
    const std::vector<c10::IValue> e = m_script->forward({src, bgr}).toTuple()->elements().vec();
    if (e.size() < 6)
        throw Error("the TorchScript model returned " + std::to_string(e.size()) + " outputs, expected 6");
    MattingOutput out;
    out.pha = e[0].toTensor();
    out.fgr = e[1].toTensor();
    out.phaSm = e[2].toTensor();
    out.fgrSm = e[3].toTensor();
    out.errSm = e[4].toTensor();
    out.refSm = e[5].toTensor();
    return out;
}

}  // namespace ms
