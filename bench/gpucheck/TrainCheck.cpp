// train: MattingBase MobileNetV2 trained from scratch on a synthetic dataset made here with torch
// ops (soft-edged ellipses and boxes for alpha, smooth random colour fields for foreground and
// background), through the engine's batch augmentation, losses, Adam groups and - on CUDA - mixed
// precision (autocast from core/TorchCompat.h, train/LossScaler.h), as the trainer runs a step.
// Passes when no loss is non-finite, the loss scaler skipped few steps, and the mean loss of the
// last steps is clearly below that of the first.
// Options: --device, --steps (200), --size (256), --batch (8), --pool (64 samples), --amp on|off
// (default on for CUDA), --augment on|off (the engine's batch augmentation, or the plain composite),
// --factor (0.7: last mean < factor * first mean), --window (20).
#include "Check.h"

#include "core/Error.h"
#include "core/Stopwatch.h"
#include "core/TorchCompat.h"
#include "model/MattingModel.h"
#include "train/BatchAugment.h"
#include "train/LossScaler.h"
#include "train/Losses.h"
#include "train/OptimizerSetup.h"

#include <cmath>
#include <numeric>

namespace gpucheck {
namespace {

struct Pool {
    torch::Tensor fgr, pha, bgr;  // (N,3,S,S), (N,1,S,S), (N,3,S,S) in [0,1]
};

// A smooth random colour field: a coarse random grid resized up, plus a little fine texture.
torch::Tensor colourField(int64_t n, int64_t size, int64_t grid)
{
    const torch::Tensor coarse = torch::rand({n, 3, grid, grid});
    namespace F = torch::nn::functional;
    torch::Tensor field = F::interpolate(
        coarse,
        F::InterpolateFuncOptions().size(std::vector<int64_t>{size, size}).mode(torch::kBilinear).align_corners(false));
    return (field + 0.05 * torch::randn({n, 3, size, size})).clamp(0, 1);
}

// Alpha: the union (max) of one to three soft-edged ellipses or boxes per sample.
torch::Tensor shapes(int64_t n, int64_t size)
{
    const torch::Tensor coords = (torch::arange(size, torch::kFloat32) + 0.5) / double(size);
    const torch::Tensor y = coords.view({size, 1}).expand({size, size});
    const torch::Tensor x = coords.view({1, size}).expand({size, size});
    torch::Tensor pha = torch::zeros({n, 1, size, size});
    for (int64_t i = 0; i < n; ++i) {
        const int count = 1 + static_cast<int>(torch::randint(3, {1}).item<int64_t>());
        torch::Tensor alpha = torch::zeros({size, size});
        for (int k = 0; k < count; ++k) {
            const torch::Tensor p = torch::rand({6});
            const double cx = 0.2 + 0.6 * p[0].item<double>(), cy = 0.2 + 0.6 * p[1].item<double>();
            const double rx = 0.1 + 0.25 * p[2].item<double>(), ry = 0.1 + 0.25 * p[3].item<double>();
            const double soft = 0.01 + 0.08 * p[4].item<double>();  // edge width, relative to the radius
            torch::Tensor inside;
            if (p[5].item<double>() < 0.5) {
                const torch::Tensor d = (((x - cx) / rx).square() + ((y - cy) / ry).square()).sqrt();
                inside = torch::sigmoid((1 - d) / soft);
            } else {
                inside = torch::sigmoid((1 - ((x - cx) / rx).abs()) / soft) *
                         torch::sigmoid((1 - ((y - cy) / ry).abs()) / soft);
            }
            alpha = torch::maximum(alpha, inside);
        }
        pha[i][0] = alpha;
    }
    return pha;
}

Pool makePool(int64_t n, int64_t size, uint64_t seed)
{
    torch::manual_seed(seed);  // made on the CPU: the same samples on every device
    Pool pool;
    pool.pha = shapes(n, size);
    pool.fgr = colourField(n, size, 6);
    pool.bgr = colourField(n, size, 4);
    return pool;
}

double mean(const std::vector<double>& v, size_t from, size_t count)
{
    return std::accumulate(v.begin() + from, v.begin() + from + count, 0.0) / double(count);
}

}  // namespace

void runTraining(const Options& options, Result& result)
{
    const torch::Device device = parseDevice(options.get("device", "cpu"));
    const int steps = options.getInt("steps", 200), size = options.getInt("size", 256);
    const int batch = options.getInt("batch", 8), poolSize = options.getInt("pool", 64);
    const bool amp = options.get("amp", device.is_cuda() ? "on" : "off") == "on";
    const double factor = std::stod(options.get("factor", "0.7"));
    const int window = std::min(options.getInt("window", 20), std::max(1, steps / 4));
    if (steps < 4 || batch < 1 || poolSize < batch || size < 64)
        throw ms::Error("train needs --steps >= 4, --batch >= 1, --pool >= --batch and --size >= 64");
    if (amp && !device.is_cuda())
        throw ms::Error("--amp on needs CUDA (autocast and loss scaling are for float16 on the GPU)");

    const uint64_t seed = 12;
    const Pool pool = makePool(poolSize, size, seed);
    const torch::Tensor fgr = pool.fgr.to(device), pha = pool.pha.to(device), bgr = pool.bgr.to(device);

    torch::manual_seed(seed);
    ms::ModelSpec spec;
    spec.type = ms::ModelType::MattingBase;
    spec.backbone = ms::Backbone::MobileNetV2;
    auto model = ms::createModel(spec);
    model->to(device);
    model->train();
    auto optimizer = ms::makeAdam(*model, spec.type);
    ms::LossScaler scaler(amp);
    ms::AugmentSwitches augment;  // everything the reference's training does, or (--augment off) the
    const bool augmented = options.get("augment", "on") != "off";  // plain composite

    Item& item =
        result.add(std::string("MattingBase mobilenetv2, ") + std::to_string(steps) + " steps, batch " +
                   std::to_string(batch) + ", " + std::to_string(size) + " px" + (amp ? ", AMP" : ", float32"));
    item.numbers["device"] = device.str();
    item.numbers["amp"] = amp;
    item.numbers["augmentation"] = augmented;
    std::vector<double> losses;
    int nonFinite = 0, skipped = 0;
    const auto start = ms::Clock::now();
    double firstStepSeconds = 0;
    for (int step = 0; step < steps; ++step) {
        const torch::Tensor index =
            (torch::arange(batch, torch::kLong) + int64_t(step) * batch).remainder(poolSize).to(device);
        const torch::Tensor f = fgr.index_select(0, index), p = pha.index_select(0, index),
                            g = bgr.index_select(0, index);
        const ms::AugmentedBatch b =
            augmented ? ms::augmentBatch(f, p, g, spec.type, augment, seed, step) : ms::compositeBatch(f, p, g);
        torch::manual_seed(seed * 1000 + uint64_t(step));  // the model's own randomness (ASPP dropout)
        ms::compat::CudaAutocastGuard autocast(scaler.enabled());
        const ms::MattingOutput out = model->forward(b.src, b.bgr);
        ms::LossTerms loss = ms::mattingLoss(spec.type, out, b.truePha, b.trueFgr);
        autocast.restore();
        const double value = loss.total.item<double>();
        losses.push_back(value);
        if (!std::isfinite(value))
            ++nonFinite;
        scaler.scaled(loss.total).backward();
        if (!scaler.step(*optimizer))
            ++skipped;
        ms::compat::clearGradients(*optimizer);
        if (step == 0) {
            synchronize(device);
            firstStepSeconds = ms::secondsSince(start);
        }
    }
    synchronize(device);
    const double seconds = ms::secondsSince(start);

    const double first = mean(losses, 0, size_t(window)),
                 last = mean(losses, losses.size() - size_t(window), size_t(window));
    item.numbers["window"] = window;
    item.numbers["loss_first_mean"] = first;
    item.numbers["loss_last_mean"] = last;
    item.numbers["loss_ratio"] = last / first;
    item.numbers["loss_min"] = *std::min_element(losses.begin(), losses.end());
    item.numbers["losses"] = losses;
    item.numbers["non_finite_losses"] = nonFinite;
    item.numbers["skipped_steps"] = skipped;
    item.numbers["final_loss_scale"] = scaler.scale();
    item.numbers["seconds"] = seconds;
    item.numbers["first_step_seconds"] = firstStepSeconds;
    item.numbers["ms_per_step_after_first"] = steps > 1 ? 1000 * (seconds - firstStepSeconds) / (steps - 1) : 0.0;
    if (nonFinite > 0)
        item.fail(std::to_string(nonFinite) + " step(s) with a non-finite loss");
    // GradScaler's start (2^16) overflows float16 gradients a few times before it settles.
    item.atMost("skipped_steps_share", double(skipped) / steps, 0.1);
    if (!(last < factor * first))
        item.fail("the loss did not fall enough: last " + std::to_string(window) + " steps' mean " +
                  std::to_string(last) + " is not below " + std::to_string(factor) + " x the first's " +
                  std::to_string(first));
}

}  // namespace gpucheck
