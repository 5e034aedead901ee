#pragma once
// Adam with the reference's per-module learning rates, and its state as named tensors so a
// training-state file can hold it in the same .pth format as the weights.
#include "checkpoint/StateDict.h"
#include "model/MattingModel.h"

#include <memory>
#include <vector>

namespace ms {

// base: backbone 1e-4, aspp 5e-4, decoder 5e-4; refine: backbone 5e-5, aspp 5e-5, decoder 1e-4,
// refiner 3e-4. Betas 0.9/0.999, eps 1e-8, no weight decay. `learningRateScale` multiplies every
// group's rate (1: the reference's).
std::unique_ptr<torch::optim::Adam> makeAdam(MattingBase& model, ModelType type, double learningRateScale = 1.0);

// The share of the initial learning rates at `step` of a run of `totalSteps`: 1 when constant;
// with the cosine schedule 0.5 * (1 + cos(pi * step / totalSteps)), from 1 down to nearly 0 at the
// last step. A function of the step alone, so a resumed run continues the same curve.
double learningRateFactor(bool cosine, int64_t step, int64_t totalSteps);

// Sets every group's rate to its initial rate (`initial`, in group order) times `factor`.
void scaleLearningRates(torch::optim::Adam& optimizer, const std::vector<double>& initial, double factor);
std::vector<double> learningRates(torch::optim::Adam& optimizer);

// "adam.<i>.exp_avg", "adam.<i>.exp_avg_sq", "adam.<i>.step" for the i-th parameter of the
// optimizer (in group order). Parameters without state (never stepped) are left out.
StateDict adamState(torch::optim::Adam& optimizer);
// Restores what adamState wrote. Throws ms::Error when shapes do not fit this optimizer.
void loadAdamState(torch::optim::Adam& optimizer, const StateDict& state);

}  // namespace ms
