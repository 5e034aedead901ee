#include "train/BatchAugment.h"

#include "core/CheckedMath.h"

#include "core/Error.h"
#include "model/Layers.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>

namespace ms {

namespace F = torch::nn::functional;

namespace augment {

torch::Tensor affine(const torch::Tensor& x, const AffineParams& p)
{
    const double H = static_cast<double>(x.size(2)), W = static_cast<double>(x.size(3));
    const double a = p.angleDeg * Pi / 180.0, sh = p.shearXDeg * Pi / 180.0;
    // Forward map in pixel coordinates about the centre: translate * rotate * shear * scale.
    const double m00 = p.scale * std::cos(a), m01 = p.scale * (std::cos(a) * std::tan(sh) - std::sin(a));
    const double m10 = p.scale * std::sin(a), m11 = p.scale * (std::sin(a) * std::tan(sh) + std::cos(a));
    const double det = m00 * m11 - m01 * m10;
    // grid_sample needs the inverse (output -> input), in normalised coordinates (align_corners=False:
    // normalised u = pixel offset from the centre / (size / 2)).
    const double i00 = m11 / det, i01 = -m01 / det, i10 = -m10 / det, i11 = m00 / det;
    const double t0 = -(i00 * p.translateX + i01 * p.translateY), t1 = -(i10 * p.translateX + i11 * p.translateY);
    const torch::Tensor theta =
        torch::tensor({static_cast<float>(i00), static_cast<float>(i01 * H / W), static_cast<float>(t0 * 2 / W),
                       static_cast<float>(i10 * W / H), static_cast<float>(i11), static_cast<float>(t1 * 2 / H)})
            .view({1, 2, 3})
            .expand({x.size(0), 2, 3})
            .to(x.options());
    const torch::Tensor grid = F::affine_grid(theta, x.sizes(), /*align_corners=*/false);
    return F::grid_sample(
        x, grid, F::GridSampleFuncOptions().mode(torch::kNearest).padding_mode(torch::kZeros).align_corners(false));
}

torch::Tensor boxBlur(const torch::Tensor& x, int64_t k)
{
    const int64_t before = (k - 1) / 2, after = k / 2;
    const torch::Tensor padded = F::pad(x, F::PadFuncOptions({before, after, before, after}).mode(torch::kReflect));
    return F::avg_pool2d(padded, F::AvgPool2dFuncOptions(k).stride(1));
}

namespace {

torch::Tensor cropAxis(const torch::Tensor& x, int64_t dim, int64_t size)
{
    const int64_t diff = x.size(dim) - size;
    const int64_t start = diff / 2;
    if (diff % 2 == 0)
        return x.narrow(dim, start, size);
    return (x.narrow(dim, start, size) + x.narrow(dim, start + 1, size)) * 0.5;
}

}  // namespace

torch::Tensor centerCrop(const torch::Tensor& x, int64_t h, int64_t w) { return cropAxis(cropAxis(x, 2, h), 3, w); }

torch::Tensor rgbToHsv(const torch::Tensor& rgb)
{
    const torch::Tensor r = rgb.select(1, 0), g = rgb.select(1, 1), b = rgb.select(1, 2);
    const auto [maxc, argmax] = rgb.max(1);
    const torch::Tensor minc = std::get<0>(rgb.min(1));
    const torch::Tensor delta = maxc - minc;
    const torch::Tensor safe = torch::where(delta == 0, torch::ones_like(delta), delta);
    torch::Tensor h = torch::where(argmax == 0, torch::fmod((g - b) / safe + 6, 6),
                                   torch::where(argmax == 1, (b - r) / safe + 2, (r - g) / safe + 4));
    h = torch::where(delta == 0, torch::zeros_like(h), h) * (Pi / 3.0);
    const torch::Tensor s = delta / (maxc + 1e-8);
    return torch::stack({h, s, maxc}, 1);
}

torch::Tensor hsvToRgb(const torch::Tensor& hsv)
{
    const torch::Tensor h = hsv.select(1, 0) / (Pi / 3.0), s = hsv.select(1, 1), v = hsv.select(1, 2);
    const torch::Tensor hi = torch::fmod(torch::floor(h), 6);
    const torch::Tensor f = h - torch::floor(h);
    const torch::Tensor p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
    // For sector i the (r, g, b) are picked from (v, q, p, t) as in the usual table.
    const torch::Tensor choices = torch::stack({v, q, p, t}, 1);  // B,4,H,W
    static const int64_t table[6][3] = {{0, 3, 2}, {1, 0, 2}, {2, 0, 3}, {2, 1, 0}, {3, 2, 0}, {0, 2, 1}};
    const torch::Tensor lut =
        torch::from_blob(const_cast<int64_t*>(&table[0][0]), {6, 3}, torch::kLong).clone().to(hsv.device());
    const torch::Tensor idx =
        lut.index_select(0, hi.to(torch::kLong).flatten()).view({h.size(0), h.size(1), h.size(2), 3});
    return choices.gather(1, idx.permute({0, 3, 1, 2}));
}

torch::Tensor colorJitter(const torch::Tensor& rgb, const torch::Tensor& brightness, const torch::Tensor& contrast,
                          const torch::Tensor& saturation, const torch::Tensor& hue, const std::vector<int>& order)
{
    auto perSample = [&](const torch::Tensor& f) { return f.to(rgb.options()).view({-1, 1, 1, 1}); };
    torch::Tensor x = rgb;
    for (int op : order) {
        if (op == 0) {
            x = (x + perSample(brightness) - 1).clamp(0, 1);
        } else if (op == 1) {
            x = (x * perSample(contrast)).clamp(0, 1);
        } else if (op == 2) {
            torch::Tensor hsv = rgbToHsv(x);
            const torch::Tensor s = (hsv.narrow(1, 1, 1) * perSample(saturation)).clamp(0, 1);
            x = hsvToRgb(torch::cat({hsv.narrow(1, 0, 1), s, hsv.narrow(1, 2, 1)}, 1));
        } else {
            torch::Tensor hsv = rgbToHsv(x);
            const torch::Tensor h = torch::fmod(hsv.narrow(1, 0, 1) + 2 * Pi * perSample(hue) + 2 * Pi, 2 * Pi);
            x = hsvToRgb(torch::cat({h, hsv.narrow(1, 1, 2)}, 1));
        }
    }
    return x;
}

}  // namespace augment

namespace {

using namespace augment;

struct Selection {
    torch::Tensor local;             // indices into this process's rows
    std::vector<int64_t> positions;  // their places among the globally selected samples
    int64_t globalCount = 0;         // samples selected in the whole global batch
};

// Per-step random source: all parameters come from one engine seeded by (seed, step), drawn for
// the global batch in the same order on every process.
struct StepRandom {
    std::mt19937_64 engine;
    at::Generator torchGen;

    StepRandom(uint64_t seed, int64_t step)
        : engine(seedFor(seed, step))
        , torchGen(at::detail::createCPUGenerator(engine()))
    {}

    static std::mt19937_64 seedFor(uint64_t seed, int64_t step)
    {
        std::seed_seq sequence{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                               static_cast<uint32_t>(step), static_cast<uint32_t>(static_cast<uint64_t>(step) >> 32),
                               0x6d617474u};
        return std::mt19937_64(sequence);
    }
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(engine); }
    int64_t integer(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(engine); }
    bool chance(double p) { return uniform(0, 1) < p; }
    // A per-sample coin with probability p over the global batch; `local` indexes this process's
    // rows of it, `positions` says where each of them sits among the globally selected samples.
    Selection select(const BatchRows& rows, double p)
    {
        Selection s;
        std::vector<int64_t> local;
        for (int64_t i = 0; i < rows.global; ++i) {
            if (!chance(p))
                continue;
            if (i >= rows.offset && i < rows.offset + rows.local) {
                local.push_back(i - rows.offset);
                s.positions.push_back(s.globalCount);
            }
            ++s.globalCount;
        }
        s.local = torch::tensor(local, torch::kLong);
        return s;
    }
    AffineParams affine(double degrees, double translate, double scaleLo, double scaleHi, double shear, int64_t h,
                        int64_t w)
    {
        AffineParams p;
        p.angleDeg = uniform(-degrees, degrees);
        p.translateX = std::round(uniform(-translate * static_cast<double>(w), translate * static_cast<double>(w)));
        p.translateY = std::round(uniform(-translate * static_cast<double>(h), translate * static_cast<double>(h)));
        p.scale = scaleLo == scaleHi ? scaleLo : uniform(scaleLo, scaleHi);
        p.shearXDeg = shear > 0 ? uniform(-shear, shear) : 0;
        return p;
    }
    // Noise for this process's selected samples: drawn for every selected sample of the global
    // batch, so each row gets the noise one process training the whole batch would give it.
    torch::Tensor normal(const Selection& sel, const torch::Tensor& like)
    {
        auto sizes = like.sizes().vec();
        sizes[0] = sel.globalCount;
        const torch::Tensor all = at::randn(sizes, torchGen, torch::TensorOptions().dtype(torch::kFloat32));
        return all.index_select(0, torch::tensor(sel.positions, torch::kLong)).to(like.options());
    }
    // One factor in [lo, hi) per globally selected sample; this process's share.
    torch::Tensor factors(const Selection& sel, double lo, double hi)
    {
        std::vector<float> all(static_cast<size_t>(sel.globalCount));
        for (auto& v : all)
            v = static_cast<float>(uniform(lo, hi));
        std::vector<float> mine;
        for (int64_t position : sel.positions)
            mine.push_back(all[static_cast<size_t>(position)]);
        return torch::tensor(mine);
    }
};

struct Cropped {
    torch::Tensor fgr, pha, bgr;
};

Cropped randomCrop(StepRandom& rnd, const torch::Tensor& fgr, const torch::Tensor& pha, const torch::Tensor& bgr,
                   ModelType type)
{
    const int64_t H = fgr.size(2), W = fgr.size(3);
    int64_t h, w, rh, rw;
    if (type == ModelType::MattingBase) {
        w = rnd.integer(W / 2, W - 1);
        h = rnd.integer(H / 2, H - 1);
        rh = rw = std::max(h, w);
    } else {
        w = rnd.integer(W / 2, W - 1) / 4 * 4;
        h = rnd.integer(H / 2, H - 1) / 4 * 4;
        const double scale = std::max(double(w) / double(W), double(h) / double(H));
        rh = static_cast<int64_t>(double(H) * scale);
        rw = static_cast<int64_t>(double(W) * scale);
    }
    auto crop = [&](const torch::Tensor& x) { return centerCrop(resizeBilinear(x, rh, rw), h, w); };
    return {crop(fgr), crop(pha), crop(bgr)};
}

}  // namespace

AugmentedBatch augmentBatch(const torch::Tensor& fgrIn, const torch::Tensor& phaIn, const torch::Tensor& bgrIn,
                            ModelType type, const AugmentSwitches& on, uint64_t seed, int64_t step, BatchRows rows)
{
    torch::NoGradGuard noGrad;
    rows.local = fgrIn.size(0);
    if (rows.global <= 0)
        rows.global = rows.local;
    if (rows.offset < 0 || rows.offset + rows.local > rows.global)
        throw Error("internal: batch rows [" + std::to_string(rows.offset) + ", " +
                    std::to_string(rows.offset + rows.local) + ") outside a global batch of " +
                    std::to_string(rows.global));
    StepRandom rnd(seed, step);
    Cropped c{fgrIn, phaIn, bgrIn};
    if (on.randomCrop)
        c = randomCrop(rnd, fgrIn, phaIn, bgrIn, type);
    const int64_t H = c.fgr.size(2), W = c.fgr.size(3);
    torch::Tensor bgr = c.bgr.contiguous();
    torch::Tensor src = bgr.clone();

    // A soft shadow of the subject cast on the background before compositing.
    if (on.shadow) {
        const Selection sel = rnd.select(rows, 0.3);
        if (sel.globalCount > 0) {
            const double strength = 0.3 * rnd.uniform(0, 1);
            const AffineParams warp = rnd.affine(5, 0.2, 0.5, 1.5, 5, H, W);
            const int64_t blur = rnd.integer(20, 39);
            if (!sel.positions.empty()) {
                const torch::Tensor idx = sel.local.to(bgr.device());
                const torch::Tensor shadow = boxBlur(affine(c.pha.index_select(0, idx) * strength, warp), blur);
                src.index_copy_(0, idx, (src.index_select(0, idx) - shadow).clamp(0, 1));
            }
        }
    }
    src = c.fgr * c.pha + src * (1 - c.pha);

    if (on.noise) {
        const Selection sel = rnd.select(rows, 0.4);
        if (sel.globalCount > 0) {
            const double s1 = 0.03 * rnd.uniform(0, 1), s2 = 0.03 * rnd.uniform(0, 1);
            const torch::Tensor idx = sel.local.to(bgr.device());
            const torch::Tensor srcSel = src.index_select(0, idx), bgrSel = bgr.index_select(0, idx);
            const torch::Tensor srcNoise = rnd.normal(sel, srcSel), bgrNoise = rnd.normal(sel, bgrSel);
            if (!sel.positions.empty()) {
                src.index_copy_(0, idx, (srcSel + srcNoise * s1).clamp(0, 1));
                bgr.index_copy_(0, idx, (bgrSel + bgrNoise * s2).clamp(0, 1));
            }
        }
    }
    // The captured background never matches the plate exactly: colour and a slight misalignment.
    if (on.backgroundJitter) {
        const Selection sel = rnd.select(rows, 0.8);
        if (sel.globalCount > 0) {
            const torch::Tensor b = rnd.factors(sel, 0.82, 1.18), ct = rnd.factors(sel, 0.82, 1.18),
                                s = rnd.factors(sel, 0.82, 1.18), h = rnd.factors(sel, -0.1, 0.1);
            std::vector<int> order{0, 1, 2, 3};
            std::shuffle(order.begin(), order.end(), rnd.engine);
            if (!sel.positions.empty()) {
                const torch::Tensor idx = sel.local.to(bgr.device());
                bgr.index_copy_(0, idx, colorJitter(bgr.index_select(0, idx), b, ct, s, h, order));
            }
        }
    }
    if (on.backgroundAffine) {
        const Selection sel = rnd.select(rows, 0.3);
        if (sel.globalCount > 0) {
            const AffineParams warp = rnd.affine(1, 0.01, 1, 1, 0, H, W);
            if (!sel.positions.empty()) {
                const torch::Tensor idx = sel.local.to(bgr.device());
                bgr.index_copy_(0, idx, affine(bgr.index_select(0, idx), warp));
            }
        }
    }
    return {src, bgr, c.pha, c.fgr};
}

AugmentedBatch compositeBatch(const torch::Tensor& fgr, const torch::Tensor& pha, const torch::Tensor& bgr)
{
    return {fgr * pha + bgr * (1 - pha), bgr, pha, fgr};
}

}  // namespace ms
