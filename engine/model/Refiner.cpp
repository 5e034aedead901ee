#include "model/Refiner.h"

namespace ms {

RefinerImpl::RefinerImpl(RefineMode mode, int samplePixels, double threshold, int kernelSize, bool preventOversampling)
    : m_mode(mode)
    , m_samplePixels(samplePixels)
    , m_threshold(threshold)
    , m_kernelSize(kernelSize)
    , m_preventOversampling(preventOversampling)
{
    const int64_t k = kernelSize;
    // conv1 input: hid (32) + coarse pha (1) + coarse fgr residual (3) + src (3) + bgr (3).
    conv1 = register_module("conv1", makeConv(32 + 1 + 3 + 6, 24, k));
    bn1 = register_module("bn1", makeBatchNorm(24));
    conv2 = register_module("conv2", makeConv(24, 16, k));
    bn2 = register_module("bn2", makeBatchNorm(16));
    // conv3 input: conv2 features (16) + src (3) + bgr (3).
    conv3 = register_module("conv3", makeConv(16 + 6, 12, k));
    bn3 = register_module("bn3", makeBatchNorm(12));
    conv4 = register_module("conv4", makeConv(12, 4, k, 1, 0, 1, 1, /*bias=*/true));
}

RefinerOutput RefinerImpl::forward(const torch::Tensor& src, const torch::Tensor& bgr, const torch::Tensor& phaSm,
                                   const torch::Tensor& fgrResidualSm, const torch::Tensor& errSm,
                                   const torch::Tensor& hidSm)
{
    const int64_t H = src.size(2), W = src.size(3);
    // Coarse features in the reference's channel order: hid, pha, fgr residual; then src, bgr.
    const CoarseMaps maps{src, bgr, hidSm, phaSm, fgrResidualSm};
    if (m_mode == RefineMode::Full)
        return refineFull(maps);
    return refinePatches(maps, selectRegions(resizeBilinear(errSm, H / 4, W / 4)));
}

torch::Tensor RefinerImpl::selectRegions(const torch::Tensor& err)
{
    if (m_mode == RefineMode::Thresholding)
        return (err > m_threshold).to(err.scalar_type());

    const int64_t batch = err.size(0);
    const torch::Tensor flat = err.reshape({batch, -1});
    const int64_t locations = flat.size(1);
    int64_t count = m_samplePixels / 16;
    if (count > locations) {
        // The reference crashes in topk here; refining every location is the sensible reading.
        if (!m_warnedSampleClamp && m_warn)
            m_warn("refine sample pixels (" + std::to_string(m_samplePixels) + ") exceed the " +
                   std::to_string(locations * 16) + " pixels of this image: refining every location");
        m_warnedSampleClamp = true;
        count = locations;
    }
    const torch::Tensor index = std::get<1>(flat.topk(count, 1, /*largest=*/true, /*sorted=*/false));
    torch::Tensor ref = torch::zeros_like(flat).scatter_(1, index, 1.0);
    if (m_preventOversampling)
        ref.mul_((flat > 0).to(ref.scalar_type()));
    return ref.view({batch, 1, err.size(2), err.size(3)});
}

RefinerOutput RefinerImpl::refineFull(const CoarseMaps& maps)
{
    const torch::Tensor srcBgr = torch::cat({maps.src, maps.bgr}, 1);
    const int64_t H = srcBgr.size(2), W = srcBgr.size(3);
    const int64_t pad = m_kernelSize == 3 ? 3 : 0;
    torch::Tensor x = zeroPad(resizeBilinear(maps.coarse(), H / 2, W / 2), pad);
    torch::Tensor y = zeroPad(resizeBilinear(srcBgr, H / 2, W / 2), pad);
    x = torch::relu(bn1(conv1(torch::cat({x, y}, 1))));
    x = torch::relu(bn2(conv2(x)));
    // reference: default (legacy nearest) upsampling — exact pixel duplication here.
    const int64_t fullPad = m_kernelSize == 3 ? 2 : 0;
    x = resizeNearest(x, H + 2 * fullPad, W + 2 * fullPad);
    y = zeroPad(srcBgr, fullPad);
    x = torch::relu(bn3(conv3(torch::cat({x, y}, 1))));
    x = conv4(x);
    return {x.narrow(1, 0, 1), x.narrow(1, 1, 3), torch::ones({srcBgr.size(0), 1, H / 4, W / 4}, srcBgr.options())};
}

RefinerOutput RefinerImpl::refinePatches(const CoarseMaps& maps, const torch::Tensor& ref)
{
    const int64_t H = maps.src.size(2), W = maps.src.size(3);
    torch::Tensor out = resizeBilinear(torch::cat({maps.pha, maps.fgrResidual}, 1), H, W);
    const torch::Tensor index = ref.select(1, 0).nonzero();  // rows (b, y, x), row-major
    if (index.size(0) > 0) {
        const bool k3 = m_kernelSize == 3;
        // conv1/conv2 see 2x2 half-resolution patches, conv3/conv4 the matching 4x4 at full size,
        // each with the context its unpadded convolutions eat.
        const PatchGrid half{index, 2, k3 ? 3 : 0, H / 2, W / 2};
        const PatchGrid full{index, 4, k3 ? 2 : 0, H, W};
        const std::vector<torch::Tensor> halfSources{maps.hid, maps.pha, maps.fgrResidual, maps.src, maps.bgr};
        const bool sampled = canSamplePatches(halfSources);

        // Otherwise (training, GPU): the reference's composition - crops of the resized coarse maps,
        // then of the resized images - which autograd can differentiate.
        torch::Tensor x = sampled ? samplePatches(halfSources, half)
                                  : torch::cat({cropResized({maps.hid, maps.pha, maps.fgrResidual}, half),
                                                cropResized({maps.src, maps.bgr}, half)},
                                               1);
        x = torch::relu(bn1(conv1(x)));
        x = torch::relu(bn2(conv2(x)));
        if (sampled) {
            // src and bgr behind room for the features, which are upsampled (nearest, 2x) into it.
            torch::Tensor y = samplePatches({maps.src, maps.bgr}, full, x.size(1));
            upsampleNearest2xInto(x, y.narrow(1, 0, x.size(1)));
            x = y;
        } else {
            x = torch::cat({resizeNearest(x, full.window(), full.window()), cropResized({maps.src, maps.bgr}, full)},
                           1);
        }
        x = torch::relu(bn3(conv3(x)));
        x = conv4(x);
        out = replacePatches(out, x, index);
    }
    return {out.narrow(1, 0, 1), out.narrow(1, 1, 3), ref};
}

torch::Tensor RefinerImpl::cropResized(const std::vector<torch::Tensor>& sources, const PatchGrid& grid)
{
    torch::Tensor x = torch::cat(sources, 1);
    if (x.size(2) != grid.outHeight || x.size(3) != grid.outWidth)
        x = resizeBilinear(x, grid.outHeight, grid.outWidth);
    return cropPatches(x, grid.index, grid.size, grid.padding);
}

void upsampleNearest2xInto(const torch::Tensor& x, torch::Tensor dst)
{
    const int64_t P = x.size(0), C = x.size(1), h = x.size(2), w = x.size(3);
    TORCH_CHECK(dst.size(2) == 2 * h && dst.size(3) == 2 * w, "upsampleNearest2xInto: size mismatch");
    // Splitting each spatial axis in (pixel, repeat) is a view even of a strided dst; the copy
    // broadcasts each feature over its 2x2 block.
    dst.view({P, C, h, 2, w, 2}).copy_(x.unsqueeze(3).unsqueeze(5));
}

torch::Tensor cropPatches(const torch::Tensor& x, const torch::Tensor& index, int64_t size, int64_t padding)
{
    const int64_t window = size + 2 * padding;
    const int64_t P = index.size(0);
    const torch::Tensor padded = zeroPad(x, padding);
    const int64_t B = padded.size(0), C = padded.size(1), Hp = padded.size(2), Wp = padded.size(3);
    // The padded image as a (B, pixels, C) table; one gather of each window's pixel rows. Its
    // backward scatters into a table of the image's size, where unfold + index (the reference's
    // crop) needs a zero tensor of every possible window, (window / size)^2 = 16x the image.
    const torch::Tensor table = padded.permute({0, 2, 3, 1}).reshape({B, Hp * Wp, C});
    const torch::Tensor offsets = torch::arange(window, index.options());
    const torch::Tensor rows = index.select(1, 1).mul(size).unsqueeze(1) + offsets;  // (P, window)
    const torch::Tensor cols = index.select(1, 2).mul(size).unsqueeze(1) + offsets;
    const torch::Tensor pixels = (rows.unsqueeze(2) * Wp + cols.unsqueeze(1)).view({P, window * window});
    const torch::Tensor patches = table.index({index.select(1, 0).unsqueeze(1), pixels});  // (P, win*win, C)
    return patches.view({P, window, window, C}).permute({0, 3, 1, 2});
}

torch::Tensor replacePatches(torch::Tensor& x, const torch::Tensor& patches, const torch::Tensor& index)
{
    const int64_t B = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
    const int64_t ph = patches.size(2), pw = patches.size(3);
    // A (B, H/ph, W/pw, C, ph, pw) view of x: assigning through it writes x in place, no copies.
    // Channels-last x is NHWC in memory, so it is viewed from that order.
    if (!x.is_contiguous() && !x.is_contiguous(torch::MemoryFormat::ChannelsLast))
        x = x.contiguous();
    const torch::Tensor blocks =
        x.is_contiguous() ? x.view({B, C, H / ph, ph, W / pw, pw}).permute({0, 2, 4, 1, 3, 5})
                          : x.permute({0, 2, 3, 1}).view({B, H / ph, ph, W / pw, pw, C}).permute({0, 1, 3, 5, 2, 4});
    blocks.index_put_({index.select(1, 0), index.select(1, 1), index.select(1, 2)}, patches);
    return x;
}

}  // namespace ms
