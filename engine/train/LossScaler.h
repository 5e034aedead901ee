#pragma once
// Dynamic loss scaling for float16 training on CUDA, with the defaults of PyTorch's GradScaler
// (initial scale 2^16, x2 after 2000 finite steps, x0.5 and skip the step on inf/NaN gradients).
// LibTorch 1.13 has no C++ GradScaler. Disabled, it is a pass-through.
//
// A step reads one flag from the device (one host synchronisation), whatever the number of
// parameters: the gradients are unscaled and checked on the device, as GradScaler does, with the
// fused multi-tensor kernel where LibTorch has one (CUDA; CPU from 2.6) and otherwise with
// per-gradient reductions that stay on the device until the single read.
#include "core/TorchCompat.h"

#include <torch/torch.h>

#include <iterator>
#include <utility>
#include <vector>

namespace ms {

class LossScaler {
public:
    explicit LossScaler(bool enabled)
        : m_enabled(enabled)
    {}

    bool enabled() const { return m_enabled; }
    double scale() const { return m_scale; }
    int64_t growthTracker() const { return m_growthTracker; }
    void restore(double scale, int64_t growthTracker)
    {
        m_scale = scale;
        m_growthTracker = growthTracker;
    }
    // Values read back from a device so far (each waits for the device): one per enabled step.
    int64_t hostSyncs() const { return m_hostSyncs; }

    torch::Tensor scaled(const torch::Tensor& loss) const { return m_enabled ? loss * m_scale : loss; }

    // Unscales the gradients and steps the optimizer unless a gradient is not finite; updates the
    // scale. Returns whether the optimizer stepped.
    bool step(torch::optim::Optimizer& optimizer)
    {
        if (!m_enabled) {
            optimizer.step();
            return true;
        }
        const bool finite = unscale(optimizer);
        if (finite) {
            optimizer.step();
            if (++m_growthTracker >= 2000) {
                m_scale *= 2.0;
                m_growthTracker = 0;
            }
        } else {
            m_scale *= 0.5;
            m_growthTracker = 0;
        }
        return finite;
    }

private:
    // Divides every gradient by the scale in place; whether all of them are finite.
    bool unscale(torch::optim::Optimizer& optimizer)
    {
        std::vector<std::pair<torch::Device, std::vector<torch::Tensor>>> perDevice;
        for (auto& group : optimizer.param_groups())
            for (auto& p : group.params()) {
                torch::Tensor g = p.grad();  // shares the gradient: in-place ops change it
                if (!g.defined())
                    continue;
                auto it = perDevice.begin();
                while (it != perDevice.end() && it->first != g.device())
                    ++it;
                if (it == perDevice.end()) {
                    perDevice.emplace_back(g.device(), std::vector<torch::Tensor>{});
                    it = std::prev(perDevice.end());
                }
                it->second.push_back(std::move(g));
            }
        std::vector<torch::Tensor> found;  // per device: 1 (float) when a gradient is not finite
        {
            torch::NoGradGuard noGrad;
            for (auto& [device, grads] : perDevice) {
                const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(device);
                torch::Tensor foundInf = torch::zeros({1}, opts);
                // As GradScaler, times the reciprocal (exact for its power-of-2 scales).
                const torch::Tensor invScale = torch::full({1}, 1.0 / m_scale, opts);
                if (compat::hasFusedUnscale(device)) {
                    at::_amp_foreach_non_finite_check_and_unscale_(grads, foundInf, invScale);
                } else {
                    std::vector<torch::Tensor> finite;
                    finite.reserve(grads.size());
                    for (torch::Tensor& g : grads) {
                        g.mul_(invScale);
                        finite.push_back(torch::isfinite(g).all());
                    }
                    foundInf = torch::stack(finite).all().logical_not().to(torch::kFloat32).view({1});
                }
                found.push_back(foundInf);
            }
        }
        bool finite = true;
        for (const torch::Tensor& f : found) {  // the only reads from the device
            ++m_hostSyncs;
            finite = finite && f.item<float>() == 0.f;
        }
        return finite;
    }

    bool m_enabled;
    double m_scale = 65536.0;
    int64_t m_growthTracker = 0;
    int64_t m_hostSyncs = 0;
};

}  // namespace ms
