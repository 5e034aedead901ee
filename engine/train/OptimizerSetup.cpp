#include "train/OptimizerSetup.h"

#include "core/Error.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <type_traits>

namespace ms {

namespace {

// The optimizer's state map is keyed by the parameter's TensorImpl: a string in LibTorch 1.x,
// the pointer itself in 2.x.
template <typename Map>
typename Map::key_type stateKey(const torch::Tensor& p)
{
    using Key = typename Map::key_type;
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream s;
        s << p.unsafeGetTensorImpl();
        return s.str();
    } else {
        return static_cast<Key>(p.unsafeGetTensorImpl());
    }
}

std::vector<torch::Tensor> parameters(torch::optim::Adam& optimizer)
{
    std::vector<torch::Tensor> all;
    for (auto& group : optimizer.param_groups())
        for (auto& p : group.params())
            all.push_back(p);
    return all;
}

}  // namespace

std::unique_ptr<torch::optim::Adam> makeAdam(MattingBase& model, ModelType type, double learningRateScale)
{
    const bool base = type == ModelType::MattingBase;
    const std::vector<std::pair<std::string, double>> rates =
        base ? std::vector<std::pair<std::string, double>>{{"backbone.", 1e-4}, {"aspp.", 5e-4}, {"decoder.", 5e-4}}
             : std::vector<std::pair<std::string, double>>{
                   {"backbone.", 5e-5}, {"aspp.", 5e-5}, {"decoder.", 1e-4}, {"refiner.", 3e-4}};
    std::vector<torch::optim::OptimizerParamGroup> groups;
    size_t assigned = 0;
    for (const auto& [prefix, lr] : rates) {
        std::vector<torch::Tensor> params;
        for (const auto& item : model.named_parameters())
            if (item.key().rfind(prefix, 0) == 0)
                params.push_back(item.value());
        assigned += params.size();
        auto options = std::make_unique<torch::optim::AdamOptions>(lr * learningRateScale);
        options->betas(std::make_tuple(0.9, 0.999)).eps(1e-8).weight_decay(0);
        groups.emplace_back(std::move(params), std::move(options));
    }
    if (assigned != model.parameters().size())
        throw Error("internal: " + std::to_string(model.parameters().size() - assigned) +
                    " model parameters belong to no optimizer group");
    return std::make_unique<torch::optim::Adam>(std::move(groups), torch::optim::AdamOptions(1e-4));
}

double learningRateFactor(bool cosine, int64_t step, int64_t totalSteps)
{
    if (!cosine || totalSteps <= 0)
        return 1.0;
    const double t = std::clamp(double(step) / double(totalSteps), 0.0, 1.0);
    return 0.5 * (1.0 + std::cos(3.14159265358979323846 * t));
}

std::vector<double> learningRates(torch::optim::Adam& optimizer)
{
    std::vector<double> rates;
    for (auto& group : optimizer.param_groups())
        rates.push_back(static_cast<torch::optim::AdamOptions&>(group.options()).lr());
    return rates;
}

void scaleLearningRates(torch::optim::Adam& optimizer, const std::vector<double>& initial, double factor)
{
    auto& groups = optimizer.param_groups();
    for (size_t i = 0; i < groups.size() && i < initial.size(); ++i)
        static_cast<torch::optim::AdamOptions&>(groups[i].options()).lr(initial[i] * factor);
}

StateDict adamState(torch::optim::Adam& optimizer)
{
    StateDict out;
    auto& states = optimizer.state();
    const auto params = parameters(optimizer);
    for (size_t i = 0; i < params.size(); ++i) {
        const auto it = states.find(stateKey<std::decay_t<decltype(states)>>(params[i]));
        if (it == states.end())
            continue;
        auto& s = static_cast<torch::optim::AdamParamState&>(*it->second);
        const std::string prefix = "adam." + std::to_string(i) + ".";
        out.insert(prefix + "exp_avg", s.exp_avg().detach().cpu().clone());
        out.insert(prefix + "exp_avg_sq", s.exp_avg_sq().detach().cpu().clone());
        out.insert(prefix + "step", torch::tensor(static_cast<int64_t>(s.step()), torch::kLong));
    }
    return out;
}

void loadAdamState(torch::optim::Adam& optimizer, const StateDict& state)
{
    auto& states = optimizer.state();
    const auto params = parameters(optimizer);
    for (size_t i = 0; i < params.size(); ++i) {
        const std::string prefix = "adam." + std::to_string(i) + ".";
        const torch::Tensor* avg = state.find(prefix + "exp_avg");
        const torch::Tensor* sq = state.find(prefix + "exp_avg_sq");
        const torch::Tensor* step = state.find(prefix + "step");
        if (!avg || !sq || !step)
            continue;
        if (avg->sizes() != params[i].sizes() || sq->sizes() != params[i].sizes())
            throw Error("training state does not fit this model: optimizer entry " + std::to_string(i) +
                        " has another shape (was the model changed?)");
        auto s = std::make_unique<torch::optim::AdamParamState>();
        s->exp_avg(avg->to(params[i].options()).clone());
        s->exp_avg_sq(sq->to(params[i].options()).clone());
        s->step(step->item<int64_t>());
        states[stateKey<std::decay_t<decltype(states)>>(params[i])] = std::move(s);
    }
}

}  // namespace ms
