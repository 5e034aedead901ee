#pragma once
// Inference fast path of the refiner's patch extraction. The refiner needs, for each selected
// location, a small window of several maps resized to half or full resolution and zero padded at
// the border. Resizing, padding and concatenating whole images only to keep a few percent of them
// dominated the refiner's time and memory (a 4K image: ~1 GB of temporaries), so this samples the
// windows straight from the unresized maps with the same bilinear arithmetic as PyTorch's
// interpolate(mode='bilinear', align_corners=False). No autograd: training keeps the composed ops.
#include <torch/torch.h>

#include <vector>

namespace ms {

// Where the windows are: rows (b, y, x) of `index` name windows of side size + 2*padding whose
// top-left corner is (size*y - padding, size*x - padding) in an image of outHeight x outWidth.
struct PatchGrid {
    torch::Tensor index;  // (P, 3) int64
    int64_t size = 0;
    int64_t padding = 0;
    int64_t outHeight = 0;
    int64_t outWidth = 0;

    int64_t window() const { return size + 2 * padding; }
    int64_t count() const { return index.size(0); }
};

// True when `sources` can take the fast path: float32 on the CPU, no gradient recorded.
bool canSamplePatches(const std::vector<torch::Tensor>& sources);

// The windows of cat(resize(s, outHeight, outWidth) for s in sources) on the channel axis: equals
// cropPatches(zero-padded resizeBilinear(cat(sources)), ...). Returns (P, C, win, win) in
// channels-last memory; `extraLeadingChannels` leaves that many (uninitialised) channels in front
// for the caller to fill (the refiner puts its upsampled features there).
torch::Tensor samplePatches(const std::vector<torch::Tensor>& sources, const PatchGrid& grid,
                            int64_t extraLeadingChannels = 0);

}  // namespace ms
