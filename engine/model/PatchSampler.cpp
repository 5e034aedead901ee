#include "model/PatchSampler.h"

#include <ATen/Parallel.h>

#include <algorithm>

namespace ms {
namespace patch_sampling {

// One axis of a bilinear resize at one output coordinate: the two source indices and their
// weights, computed as PyTorch's CPU kernel does (float scale, half-pixel centres, clamped at 0).
struct Tap {
    int64_t i0 = 0, i1 = 0;
    float w0 = 0.f, w1 = 0.f;
    bool inside = false;  // false in the zero padding around the resized image
};

Tap tapAt(int64_t o, int64_t inSize, int64_t outSize)
{
    Tap t;
    if (o < 0 || o >= outSize)
        return t;
    t.inside = true;
    if (inSize == outSize) {
        t.i0 = t.i1 = o;
        t.w0 = 1.f;
        return t;
    }
    const float scale = static_cast<float>(inSize) / static_cast<float>(outSize);
    const float real = std::max(static_cast<float>(scale * (static_cast<double>(o) + 0.5) - 0.5), 0.f);
    t.i0 = static_cast<int64_t>(real);
    t.i1 = t.i0 < inSize - 1 ? t.i0 + 1 : t.i0;
    t.w1 = std::min(std::max(real - static_cast<float>(t.i0), 0.f), 1.f);
    t.w0 = 1.f - t.w1;
    return t;
}

// A (B, C, H, W) float map read through its strides, whatever its memory format.
struct SourceMap {
    const float* data;
    int64_t channels, height, width;
    int64_t sB, sC, sH, sW;
};

SourceMap describe(const torch::Tensor& t)
{
    return {t.data_ptr<float>(), t.size(1), t.size(2), t.size(3), t.stride(0), t.stride(1), t.stride(2), t.stride(3)};
}

// Writes one window pixel of one source: `channels` floats at dst.
inline void samplePixel(const SourceMap& s, int64_t b, const Tap& ty, const Tap& tx, float* dst)
{
    if (!ty.inside || !tx.inside) {
        std::fill(dst, dst + s.channels, 0.f);
        return;
    }
    const float* base = s.data + b * s.sB;
    const float* p00 = base + ty.i0 * s.sH + tx.i0 * s.sW;
    const float* p01 = base + ty.i0 * s.sH + tx.i1 * s.sW;
    const float* p10 = base + ty.i1 * s.sH + tx.i0 * s.sW;
    const float* p11 = base + ty.i1 * s.sH + tx.i1 * s.sW;
    for (int64_t c = 0; c < s.channels; ++c) {
        const int64_t o = c * s.sC;
        dst[c] = ty.w0 * (tx.w0 * p00[o] + tx.w1 * p01[o]) + ty.w1 * (tx.w0 * p10[o] + tx.w1 * p11[o]);
    }
}

}  // namespace patch_sampling

bool canSamplePatches(const std::vector<torch::Tensor>& sources)
{
    if (torch::GradMode::is_enabled())
        return false;
    return std::all_of(sources.begin(), sources.end(), [](const torch::Tensor& t) {
        return t.device().is_cpu() && t.scalar_type() == torch::kFloat32 && t.dim() == 4;
    });
}

torch::Tensor samplePatches(const std::vector<torch::Tensor>& sources, const PatchGrid& grid,
                            int64_t extraLeadingChannels)
{
    using namespace patch_sampling;
    TORCH_CHECK(canSamplePatches(sources), "samplePatches: float32 CPU maps without autograd only");
    std::vector<SourceMap> maps;
    int64_t channels = extraLeadingChannels;
    for (const torch::Tensor& s : sources) {
        maps.push_back(describe(s));
        channels += s.size(1);
    }
    const int64_t P = grid.count(), win = grid.window();
    // (P, win, win, C) storage = (P, C, win, win) in channels-last: what the refiner's convs take.
    torch::Tensor out = torch::empty({P, win, win, channels}, torch::kFloat32);
    const torch::Tensor index = grid.index.to(torch::kInt64).contiguous();
    const int64_t* rows = index.data_ptr<int64_t>();
    float* outData = out.data_ptr<float>();

    at::parallel_for(0, P, 64, [&](int64_t first, int64_t last) {
        std::vector<Tap> ty(static_cast<size_t>(win)), tx(static_cast<size_t>(win));
        for (int64_t p = first; p < last; ++p) {
            const int64_t b = rows[3 * p], top = grid.size * rows[3 * p + 1] - grid.padding,
                          left = grid.size * rows[3 * p + 2] - grid.padding;
            int64_t offset = extraLeadingChannels;
            for (const SourceMap& s : maps) {
                for (int64_t i = 0; i < win; ++i) {
                    ty[i] = tapAt(top + i, s.height, grid.outHeight);
                    tx[i] = tapAt(left + i, s.width, grid.outWidth);
                }
                float* dst = outData + p * win * win * channels + offset;
                for (int64_t y = 0; y < win; ++y)
                    for (int64_t x = 0; x < win; ++x)
                        samplePixel(s, b, ty[y], tx[x], dst + (y * win + x) * channels);
                offset += s.channels;
            }
        }
    });
    return out.permute({0, 3, 1, 2});
}

}  // namespace ms
