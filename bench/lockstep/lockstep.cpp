// MatteStudio's training step on fixed batches, from given weights: the same model, loss, Adam
// groups and gradient clearing the trainer uses, without data loading or augmentation, so that
// bench/reference/lockstep_training.py can run the reference's training step on the very same
// tensors and compare the two step by step.
//
//   mattestudio_lockstep --init INIT.pth --batches BATCHES.pth --steps N --out FINAL.pth
//       [--threads T] [--seed S] [--backbone mobilenetv2] [--alpha-gradient-through-clamp]
//
// BATCHES holds pha.<i>, fgr.<i> and bgr.<i> for every step i (N x 1|3 x H x W, float32, in [0, 1]).
// Prints one line per step: "<step> <loss>" (loss with 17 significant digits: exact); writes the weights
// after the last step to FINAL. Exits 1 with a message on any error.
#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "checkpoint/ModelLoading.h"
#include "core/Error.h"
#include "core/TorchCompat.h"
#include "model/MattingModel.h"
#include "train/Losses.h"
#include "train/OptimizerSetup.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace {

const torch::Tensor& find(const std::map<std::string, torch::Tensor>& tensors, const std::string& key)
{
    const auto it = tensors.find(key);
    if (it == tensors.end())
        throw ms::Error("the batches file has no tensor '" + key + "'");
    return it->second;
}

int run(int argc, char** argv)
{
    std::map<std::string, std::string> options{{"threads", "1"}, {"backbone", "mobilenetv2"}};
    bool throughClamp = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--alpha-gradient-through-clamp") {
            throughClamp = true;
            continue;
        }
        if (arg.rfind("--", 0) != 0 || i + 1 >= argc)
            throw ms::Error("usage: mattestudio_lockstep --init F --batches F --steps N --out F [--threads T] "
                            "[--seed S] [--backbone B] [--alpha-gradient-through-clamp]");
        options[arg.substr(2)] = argv[++i];
    }
    for (const char* required : {"init", "batches", "steps", "out"})
        if (!options.count(required))
            throw ms::Error(std::string("--") + required + " is required");
    const int steps = std::atoi(options["steps"].c_str());
    if (steps < 1)
        throw ms::Error("--steps must be at least 1");
    at::set_num_threads(std::atoi(options["threads"].c_str()));

    ms::ModelSpec requested;
    requested.type = ms::ModelType::MattingBase;
    requested.backbone = *ms::parseBackbone(options["backbone"]);
    ms::LoadedModel loaded =
        ms::loadModel(ms::readCheckpointFile(options["init"]).tensors, requested, true, true, ms::LoadMode::Strict);
    ms::MattingBase& model = *loaded.model;
    model.setAlphaGradientThroughClamp(throughClamp);
    model.train();
    const auto adam = ms::makeAdam(model, ms::ModelType::MattingBase);

    // The only random draws of a step are the ASPP dropout's masks; from the same seed both tools
    // draw the same ones (one Bernoulli per step from ATen's CPU generator, as torch.nn.Dropout).
    torch::manual_seed(std::atoll(options.count("seed") ? options["seed"].c_str() : "1"));
    std::map<std::string, torch::Tensor> batches;
    for (const auto& item : ms::readCheckpointFile(options["batches"]).tensors)
        batches[item.key()] = item.value();
    for (int step = 0; step < steps; ++step) {
        const std::string i = std::to_string(step);
        const torch::Tensor pha = find(batches, "pha." + i), fgr = find(batches, "fgr." + i),
                            bgr = find(batches, "bgr." + i);
        const torch::Tensor src = fgr * pha + bgr * (1 - pha);  // the trainer's composite, no augmentation
        const ms::MattingOutput out = model.forward(src, bgr);
        const torch::Tensor loss = ms::mattingLoss(ms::ModelType::MattingBase, out, pha, fgr).total;
        loss.backward();
        adam->step();
        ms::compat::clearGradients(*adam);
        std::printf("%d %.17g\n", step, loss.item<double>());
    }
    ms::writeCheckpointFile(options["out"], ms::stateDictOf(model));
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mattestudio_lockstep: %s\n", e.what());
        return 1;
    }
}
