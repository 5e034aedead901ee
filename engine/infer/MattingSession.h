#pragma once
#include "checkpoint/CheckpointInfo.h"
#include "checkpoint/LoadReport.h"
#include "model/MattingModel.h"

#include <functional>
#include <memory>
#include <string>

namespace torch::jit {
struct Module;
}

namespace ms {

struct SessionOptions {
    std::string checkpoint;
    ModelSpec spec;          // refine settings; type/backbone only used where "given"
    bool typeGiven = false;  // false: the checkpoint's keys decide
    bool backboneGiven = false;
    std::string device = "cpu";  // "cpu", "cuda", "cuda:N"
    bool half = false;           // float16 weights and inputs (CUDA only)
    // Fold BatchNorms into convolutions (inference only; parity kept). Off: measured no faster on
    // LibTorch 1.13, where the folded BatchNorm still runs as an identity (docs/performance.md).
    bool foldBatchNorm = false;
    // Weights and inputs channels-last (NHWC): faster convolutions on CPU (oneDNN), same results
    // within float rounding. Outputs come back in the usual NCHW layout.
    bool channelsLast = true;
};

// A loaded network on its device, ready to matte (src, bgr) pairs. Loads native checkpoints
// (.pth, .safetensors) into the engine's models and TorchScript exports through torch::jit.
class MattingSession {
public:
    explicit MattingSession(const SessionOptions& options);
    ~MattingSession();

    // src, bgr: (B,3,H,W) RGB in [0,1], or integer pixels as readImagePixels gives them (converted on
    // the device); any device. Outputs live on the session's device.
    MattingOutput run(const torch::Tensor& src, const torch::Tensor& bgr);

    // Changes the refinement of the loaded network (mode, sample pixels, threshold, backbone scale;
    // validated, MattingRefine and TorchScript only) without reading the checkpoint again. Call it
    // between runs, on the thread that runs the session.
    void setRefineSettings(const ModelSpec& refine);

    const ModelSpec& spec() const { return m_spec; }
    const LoadReport& loadReport() const { return m_report; }
    bool isTorchScript() const { return m_script != nullptr; }
    torch::Device device() const { return m_device; }
    std::string describe() const;
    void setWarningHandler(std::function<void(const std::string&)> handler);

private:
    MattingOutput runScript(const torch::Tensor& src, const torch::Tensor& bgr);

    ModelSpec m_spec;
    torch::Device m_device;
    torch::ScalarType m_dtype = torch::kFloat32;
    bool m_channelsLast = false;
    LoadReport m_report;
    std::shared_ptr<MattingBase> m_model;
    std::unique_ptr<torch::jit::Module> m_script;
    std::function<void(const std::string&)> m_warn;
};

}  // namespace ms
