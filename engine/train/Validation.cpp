#include "train/Validation.h"

#include "core/Error.h"
#include "data/TrainingLoader.h"
#include "train/BatchAugment.h"
#include "train/DeviceBatchCopier.h"
#include "train/Losses.h"
#include "train/Metrics.h"

#include <cmath>

namespace ms {

ValidationReport validateModel(MattingBase& model, ModelType type, TrainingLoader& loader, torch::Device device,
                               int64_t step, const CancelToken* cancel)
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    ValidationReport report;
    report.step = step;
    double lossSum = 0, predictedAlphaSum = 0, trueAlphaSum = 0;
    int64_t pixels = 0;
    MattingMetrics metrics;
    DeviceBatchCopier copier(device);
    loader.startEpoch(0);
    while (auto batch = loader.next()) {
        if (cancel && cancel->isCancelled()) {
            loader.stop();
            break;
        }
        const AugmentedBatch b = compositeBatch(copier.to(batch->fgr), copier.to(batch->pha), copier.to(batch->bgr));
        const MattingOutput out = model.forward(b.src, b.bgr);
        const LossTerms loss = mattingLoss(type, out, b.truePha, b.trueFgr);
        const int64_t n = b.src.size(0);
        lossSum += loss.total.item<double>() * static_cast<double>(n);
        report.samples += n;
        predictedAlphaSum += out.pha.sum().item<double>();
        trueAlphaSum += b.truePha.sum().item<double>();  // also the empty matte's SAD x 1000
        pixels += b.truePha.numel();
        metrics.add(computeMattingMetrics(out.pha.to(torch::kCPU, torch::kFloat32),
                                          b.truePha.to(torch::kCPU, torch::kFloat32)));
    }
    model.train(wasTraining);
    report.loss = report.samples ? lossSum / static_cast<double>(report.samples) : NAN;
    if (pixels > 0) {
        report.predictedAlphaMean = predictedAlphaSum / double(pixels);
        report.trueAlphaMean = trueAlphaSum / double(pixels);
        report.emptyMatteSad = trueAlphaSum / 1000 / double(report.samples);
    }
    const MattingMetrics mean = metrics.mean();
    report.metrics = {{"sad", mean.sad}, {"mse", mean.mse}, {"grad", mean.grad}, {"conn", mean.conn}};
    return report;
}

}  // namespace ms
