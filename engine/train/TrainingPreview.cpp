#include "train/TrainingPreview.h"

namespace ms {

namespace {

torch::Tensor toByteHwc(const torch::Tensor& chw)
{
    return chw.detach()
        .to(torch::kCPU, torch::kFloat32)
        .clamp(0, 1)
        .mul(255)
        .round()
        .to(torch::kUInt8)
        .permute({1, 2, 0})
        .contiguous();
}

cv::Mat toMat(const torch::Tensor& hwc)
{
    const int type = hwc.size(2) == 1 ? CV_8UC1 : CV_8UC3;
    return cv::Mat(static_cast<int>(hwc.size(0)), static_cast<int>(hwc.size(1)), type, hwc.data_ptr()).clone();
}

torch::Tensor checkerboard(int64_t h, int64_t w, const torch::TensorOptions& opts)
{
    const auto y = torch::arange(h, opts).div(16, "floor").view({h, 1});
    const auto x = torch::arange(w, opts).div(16, "floor").view({1, w});
    return (torch::fmod(x + y, 2) * 0.2 + 0.6).unsqueeze(0).expand({3, h, w});
}

}  // namespace

cv::Mat imageGrid(const torch::Tensor& images, int perRow)
{
    const int64_t B = images.size(0), C = images.size(1), H = images.size(2), W = images.size(3);
    const int64_t cols = std::min<int64_t>(B, perRow), rows = (B + perRow - 1) / perRow, pad = 2;
    torch::Tensor grid = torch::zeros({C, rows * (H + pad) + pad, cols * (W + pad) + pad});
    const torch::Tensor cpu = images.detach().to(torch::kCPU, torch::kFloat32);
    for (int64_t i = 0; i < B; ++i) {
        const int64_t r = i / perRow, c = i % perRow;
        grid.narrow(1, pad + r * (H + pad), H).narrow(2, pad + c * (W + pad), W).copy_(cpu[i]);
    }
    return toMat(toByteHwc(grid));
}

cv::Mat previewGrid(const torch::Tensor& predPha, const torch::Tensor& predFgr, const torch::Tensor& truePha,
                    int maxSamples)
{
    const int64_t n = std::min<int64_t>(predPha.size(0), maxSamples);
    const int64_t H = predPha.size(2), W = predPha.size(3);
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32);
    const torch::Tensor pha = predPha.detach().narrow(0, 0, n).to(torch::kCPU, torch::kFloat32);
    const torch::Tensor fgr = predFgr.detach().narrow(0, 0, n).to(torch::kCPU, torch::kFloat32);
    const torch::Tensor truth = truePha.detach().narrow(0, 0, n).to(torch::kCPU, torch::kFloat32);
    const torch::Tensor board = checkerboard(H, W, opts);
    std::vector<torch::Tensor> tiles;
    for (int64_t i = 0; i < n; ++i)
        tiles.push_back(pha[i].expand({3, H, W}));
    for (int64_t i = 0; i < n; ++i)
        tiles.push_back(fgr[i] * pha[i] + board * (1 - pha[i]));
    for (int64_t i = 0; i < n; ++i)
        tiles.push_back(truth[i].expand({3, H, W}));
    return imageGrid(torch::stack(tiles), static_cast<int>(n));
}

}  // namespace ms
