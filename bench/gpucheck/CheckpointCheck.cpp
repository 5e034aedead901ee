// checkpoint: a MattingRefine MobileNetV2 whose weights and BatchNorm statistics were changed on the
// device (random perturbation drawn there, two training-mode forwards) is written by the engine
// (.pth as torch.save, .safetensors, and a float16 .pth) straight from the device's tensors, read
// back on the CPU, and every tensor compared exactly: names in order, dtypes, shapes, bits.
// Options: --device, --work DIR (scratch folder).
#include "Check.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "core/Error.h"
#include "model/MattingModel.h"

#include <filesystem>

namespace gpucheck {
namespace {

ms::StateDict toHalf(const ms::StateDict& tensors)
{
    ms::StateDict half;
    for (const auto& item : tensors)
        half.insert(item.key(), item.value().is_floating_point() ? item.value().to(torch::kFloat16) : item.value());
    return half;
}

void compare(Item& item, const ms::StateDict& written, const ms::StateDict& read)
{
    int64_t differing = 0, bytes = 0;
    std::string first;
    if (written.size() != read.size())
        item.fail(std::to_string(read.size()) + " tensors read, " + std::to_string(written.size()) + " written");
    const size_t n = std::min(written.size(), read.size());
    for (size_t i = 0; i < n; ++i) {
        const auto& w = written[i];
        const auto& r = read[i];
        const torch::Tensor host = w.value().detach().to(torch::kCPU);
        bytes += host.numel() * int64_t(host.element_size());
        const bool same = w.key() == r.key() && r.value().device().is_cpu() &&
                          host.scalar_type() == r.value().scalar_type() && host.sizes() == r.value().sizes() &&
                          torch::equal(host, r.value());
        if (!same) {
            ++differing;
            if (first.empty())
                first = w.key() + " (read as " + r.key() + ", " + std::string(c10::toString(r.value().scalar_type())) +
                        " " + c10::str(r.value().sizes()) + ")";
        }
    }
    item.numbers["tensors"] = written.size();
    item.numbers["tensor_bytes"] = bytes;
    item.numbers["differing_tensors"] = differing;
    if (differing)
        item.fail(std::to_string(differing) + " tensor(s) differ, first " + first);
}

}  // namespace

void runCheckpoint(const Options& options, Result& result)
{
    const torch::Device device = parseDevice(options.get("device", "cpu"));
    const std::string work = options.require("work");
    std::filesystem::create_directories(work);

    torch::manual_seed(3);
    ms::ModelSpec spec;
    spec.backbone = ms::Backbone::MobileNetV2;
    spec.refineSamplePixels = 4000;
    auto model = ms::createModel(spec);
    model->to(device);
    {
        torch::NoGradGuard noGrad;
        for (auto& p : model->parameters())
            p.add_(torch::randn_like(p) * 1e-2);  // drawn by the device's generator
        model->train();
        for (int i = 0; i < 2; ++i)  // running statistics and num_batches_tracked move on the device
            model->forward(torch::rand({2, 3, 128, 160}, torch::TensorOptions().device(device)),
                           torch::rand({2, 3, 128, 160}, torch::TensorOptions().device(device)));
        model->eval();
    }
    synchronize(device);
    const ms::StateDict state = ms::stateDictOf(*model);
    if (state.size() == 0 || state[0].value().device().type() != device.type())
        throw ms::Error("internal: the state dict is not on " + device.str());
    result.numbers()["written_on"] = device.str();

    struct Format {
        const char* name;
        std::string file;
        ms::StateDict tensors;
        bool loadIntoModel;
    };
    const std::vector<Format> formats = {
        {"pth float32", work + "/written.pth", state, true},
        {"safetensors float32", work + "/written.safetensors", state, true},
        {"pth float16", work + "/written-half.pth", toHalf(state), false},
    };
    for (const Format& f : formats) {
        Item& item = result.add(std::string(f.name) + " written on " + device.str() + ", read on cpu");
        ms::writeCheckpointFile(f.file, f.tensors, ms::moduleVersions(*model));
        item.numbers["file_bytes"] = static_cast<int64_t>(std::filesystem::file_size(f.file));
        const ms::CheckpointFile file = ms::readCheckpointFile(f.file);
        compare(item, f.tensors, file.tensors);
        if (f.loadIntoModel) {
            auto cpuModel = ms::createModel(spec);
            const auto report = ms::loadStateDict(*cpuModel, file.tensors, ms::LoadMode::Strict);
            item.numbers["strict_load_exact"] = report.isExact();
            if (!report.isExact())
                item.fail("the file does not load strictly into a new CPU model");
        }
    }
}

}  // namespace gpucheck
