#pragma once
// Dynamic loss scaling for float16 training on CUDA, with the defaults of PyTorch's GradScaler
// (initial scale 2^16, x2 after 2000 finite steps, x0.5 and skip the step on inf/NaN gradients).
// LibTorch 1.13 has no C++ GradScaler. Disabled, it is a pass-through.
#include <torch/torch.h>

namespace ms {

class LossScaler {
public:
    explicit LossScaler(bool enabled) : m_enabled(enabled) {}

    bool enabled() const { return m_enabled; }
    double scale() const { return m_scale; }
    int64_t growthTracker() const { return m_growthTracker; }
    void restore(double scale, int64_t growthTracker)
    {
        m_scale = scale;
        m_growthTracker = growthTracker;
    }

    torch::Tensor scaled(const torch::Tensor& loss) const { return m_enabled ? loss * m_scale : loss; }

    // Unscales the gradients and steps the optimizer unless a gradient is not finite; updates the
    // scale. Returns whether the optimizer stepped.
    bool step(torch::optim::Optimizer& optimizer)
    {
        if (!m_enabled) {
            optimizer.step();
            return true;
        }
        bool finite = true;
        for (auto& group : optimizer.param_groups())
            for (auto& p : group.params())
                if (p.grad().defined()) {
                    p.mutable_grad().div_(m_scale);
                    finite = finite && torch::isfinite(p.grad()).all().item<bool>();
                }
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
    bool m_enabled;
    double m_scale = 65536.0;
    int64_t m_growthTracker = 0;
};

} // namespace ms
