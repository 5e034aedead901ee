#include "train/Losses.h"

#include "model/Layers.h"

namespace ms {

namespace F = torch::nn::functional;

torch::Tensor sobelMagnitude(const torch::Tensor& x)
{
    const int64_t channels = x.size(1);
    const auto opts = x.options();
    // The Sobel kernel [-1 0 1; -2 0 2; -1 0 1] / 8 made on x's device: copying it from the host
    // would make every loss on CUDA wait for the device (a blocking copy from pageable memory).
    const torch::Tensor h = torch::arange(-1, 2, opts);  // -1 0 1
    const torch::Tensor kx = ((2 - h.abs()).view({3, 1}) * h.view({1, 3})).view({1, 1, 3, 3}) / 8;
    const torch::Tensor ky = kx.transpose(2, 3);
    // One depthwise convolution computes both gradients of every channel.
    const torch::Tensor kernels = torch::cat({kx, ky}, 0).repeat({channels, 1, 1, 1});
    const torch::Tensor padded = F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate));
    const torch::Tensor g = F::conv2d(padded, kernels, F::Conv2dFuncOptions().groups(channels));
    const torch::Tensor gx = g.slice(1, 0, 2 * channels, 2), gy = g.slice(1, 1, 2 * channels, 2);
    return torch::sqrt(gx * gx + gy * gy + 1e-6);
}

namespace {

torch::Tensor l1(const torch::Tensor& a, const torch::Tensor& b) { return F::l1_loss(a, b); }
torch::Tensor mse(const torch::Tensor& a, const torch::Tensor& b) { return F::mse_loss(a, b); }

LossTerms sum(std::vector<std::pair<std::string, torch::Tensor>> terms)
{
    torch::Tensor total = terms.front().second;
    for (size_t i = 1; i < terms.size(); ++i)
        total = total + terms[i].second;
    return {total, std::move(terms)};
}

}  // namespace

LossTerms baseLoss(const MattingOutput& pred, const torch::Tensor& truePha, const torch::Tensor& trueFgr)
{
    const torch::Tensor mask = (truePha != 0).to(trueFgr.scalar_type());
    return sum({
        {"pha_l1", l1(pred.pha, truePha)},
        {"pha_grad", l1(sobelMagnitude(pred.pha), sobelMagnitude(truePha))},
        {"fgr_l1", l1(pred.fgr * mask, trueFgr * mask)},
        {"err_mse", mse(pred.err, (pred.pha.detach() - truePha).abs())},
    });
}

LossTerms refineLoss(const MattingOutput& pred, const torch::Tensor& truePha, const torch::Tensor& trueFgr)
{
    const int64_t H = truePha.size(2), W = truePha.size(3);
    const torch::Tensor truePhaSm = resizeBilinearLike(truePha, pred.phaSm);
    const torch::Tensor trueFgrSm = resizeBilinearLike(trueFgr, pred.phaSm);
    const torch::Tensor mask = (truePha != 0).to(trueFgr.scalar_type());
    const torch::Tensor maskSm = (truePhaSm != 0).to(trueFgr.scalar_type());
    const torch::Tensor errUp = resizeBilinear(pred.errSm, H, W);
    const torch::Tensor phaSmUp = resizeBilinear(pred.phaSm, H, W);
    return sum({
        {"pha_l1", l1(pred.pha, truePha)},
        {"pha_sm_l1", l1(pred.phaSm, truePhaSm)},
        {"pha_grad", l1(sobelMagnitude(pred.pha), sobelMagnitude(truePha))},
        {"pha_sm_grad", l1(sobelMagnitude(pred.phaSm), sobelMagnitude(truePhaSm))},
        {"fgr_l1", l1(pred.fgr * mask, trueFgr * mask)},
        {"fgr_sm_l1", l1(pred.fgrSm * maskSm, trueFgrSm * maskSm)},
        {"err_mse", mse(errUp, (phaSmUp - truePha).abs())},
    });
}

LossTerms mattingLoss(ModelType type, const MattingOutput& pred, const torch::Tensor& truePha,
                      const torch::Tensor& trueFgr)
{
    return type == ModelType::MattingBase ? baseLoss(pred, truePha, trueFgr) : refineLoss(pred, truePha, trueFgr);
}

}  // namespace ms
