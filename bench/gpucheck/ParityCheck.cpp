// parity: every fixture of ../shared/fixtures/parity through the engine's model.
//   CPU against the fixture's .bin files, with tst_parity's tolerances (max |d| <= 1e-3, mean |d|
//   <= 1e-4, ref_sm exact); CUDA float32 (TF32 off) against the CPU outputs (max |d| <= 1e-3, ref_sm
//   exact); CUDA float16 against the CPU outputs (max |d| <= 1e-2 * max(1, max |cpu|)).
// Options: --fixtures DIR (the parity folder), --inputs DIR (what bench/gpucheck/gpucheck.py
// prepare-inputs made: <fixture>/src.u8, bgr.u8 and unpacked checkpoints), --device cpu|cuda.
#include "Check.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "core/Error.h"
#include "core/TorchCompat.h"
#include "model/MattingModel.h"
#include "model/ReferenceNames.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace gpucheck {
namespace {

namespace fs = std::filesystem;

json readJson(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw ms::Error("cannot open " + path);
    return json::parse(in);
}

std::string readFile(const std::string& path, size_t expectedBytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ms::Error("cannot open " + path);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() != expectedBytes)
        throw ms::Error(path + " holds " + std::to_string(bytes.size()) + " bytes, " + std::to_string(expectedBytes) +
                        " expected");
    return bytes;
}

// A fixture .bin: raw little-endian float32, C order.
torch::Tensor readBin(const std::string& path, const std::vector<int64_t>& shape)
{
    int64_t count = 1;
    for (int64_t s : shape)
        count *= s;
    const std::string bytes = readFile(path, size_t(count) * 4);
    return torch::from_blob(const_cast<char*>(bytes.data()), shape, torch::kFloat32).clone();
}

// gpucheck.py's decoded PNG: H x W x 3 uint8, RGB; the model's input is float32(value) / 255,
// 1x3xHxW, as torchvision's ToTensor.
torch::Tensor readRgb(const std::string& path, int64_t h, int64_t w)
{
    const std::string bytes = readFile(path, size_t(h * w * 3));
    const torch::Tensor hwc = torch::from_blob(const_cast<char*>(bytes.data()), {h, w, 3}, torch::kUInt8).clone();
    return hwc.permute({2, 0, 1}).unsqueeze(0).to(torch::kFloat32).div(255).contiguous();
}

// The manifest's constructor arguments (all refiner settings included).
ms::ModelSpec specOf(const json& manifest)
{
    return ms::modelSpecFromReference(manifest.at("model").get<std::string>(), manifest.at("constructor_full"));
}

std::map<std::string, torch::Tensor> run(ms::MattingBase& model, const torch::Tensor& src, const torch::Tensor& bgr,
                                         const json& outputs, const torch::Device& device, torch::ScalarType dtype)
{
    torch::NoGradGuard noGrad;
    model.eval();
    model.to(device, dtype);
    const ms::MattingOutput out = model.forward(src.to(device, dtype), bgr.to(device, dtype));
    synchronize(device);
    std::map<std::string, torch::Tensor> byName;
    for (const auto& o : outputs) {
        const std::string name = o.at("name");
        const torch::Tensor t = ms::referenceOutput(out, name);
        if (!t.defined())
            throw ms::Error("the model returned no '" + name + "'");
        byName[name] = t.detach().to(torch::kCPU, torch::kFloat32);
    }
    return byName;
}

bool sameShape(Item& item, const std::string& name, const torch::Tensor& got, const std::vector<int64_t>& want)
{
    if (got.sizes().vec() == want)
        return true;
    item.fail(name + " has shape " + c10::str(got.sizes()) + ", " + c10::str(c10::IntArrayRef(want)) + " expected");
    return false;
}

// Full-resolution mask of the 4x4 patches whose refinement selection is the same in a and b.
torch::Tensor samePatchMask(const torch::Tensor& refA, const torch::Tensor& refB, int64_t h, int64_t w)
{
    const torch::Tensor same = (refA == refB).to(torch::kFloat32);
    const torch::Tensor up = same.repeat_interleave(4, 2).repeat_interleave(4, 3);
    return up.narrow(2, 0, std::min<int64_t>(h, up.size(2))).narrow(3, 0, std::min<int64_t>(w, up.size(3))) > 0.5;
}

using Outputs = std::map<std::string, torch::Tensor>;

// CUDA float32 (TF32 off) against the CPU: max |d| <= 1e-3, the same refined patches.
void compareFloat32(Item& item, ms::MattingBase& model, const torch::Tensor& src, const torch::Tensor& bgr,
                    const json& manifest, const std::string& dir, const torch::Device& device, const Outputs& reference)
{
    const Outputs gpu = run(model, src, bgr, manifest.at("outputs"), device, torch::kFloat32);
    double worst = 0, worstVsReference = 0;
    for (const auto& o : manifest.at("outputs")) {
        const std::string out = o.at("name");
        const torch::Tensor& got = gpu.at(out);
        if (!sameShape(item, out, got, reference.at(out).sizes().vec()))
            continue;
        const Diff d = difference(got, reference.at(out));
        item.numbers[out] = {{"max_abs", d.maxAbs}, {"mean_abs", d.meanAbs}};
        if (out == "ref_sm") {
            if (d.maxAbs != 0)
                item.fail("ref_sm: CUDA refined other patches than the CPU");
            continue;
        }
        worst = std::max(worst, d.maxAbs);
        const auto shape = o.at("shape").get<std::vector<int64_t>>();
        worstVsReference = std::max(worstVsReference, difference(got, readBin(dir + "/" + out + ".bin", shape)).maxAbs);
    }
    item.atMost("max_abs", worst, 1e-3);
    item.numbers["max_abs_vs_reference"] = worstVsReference;
}

// CUDA float16 against the CPU: max |d| <= 1e-2 * max(1, max |cpu|) per output. The refiner's
// top-k may pick a few other patches where err is within float16's error of the k-th value: at
// most a tenth of the selection may differ, and those 4x4 patches are left out of the
// full-resolution comparison (the coarse outputs are compared everywhere).
void compareFloat16(Item& item, ms::MattingBase& model, const torch::Tensor& src, const torch::Tensor& bgr,
                    const json& manifest, const torch::Device& device, const Outputs& reference)
{
    const int64_t h = manifest.at("input").at("H"), w = manifest.at("input").at("W");
    const Outputs gpu = run(model, src, bgr, manifest.at("outputs"), device, torch::kFloat16);
    torch::Tensor keep;
    if (gpu.count("ref_sm")) {
        const torch::Tensor& a = reference.at("ref_sm");
        const torch::Tensor& b = gpu.at("ref_sm");
        const double selected = a.sum().item<double>();
        item.numbers["ref_sm_selected"] = selected;
        item.atMost("ref_sm_differing", (a != b).sum().item<double>(), std::max(1.0, 0.1 * selected));
        keep = samePatchMask(a, b, h, w);
    }
    double worst = 0;
    for (const auto& o : manifest.at("outputs")) {
        const std::string out = o.at("name");
        if (out == "ref_sm")
            continue;
        torch::Tensor got = gpu.at(out), want = reference.at(out);
        if (!sameShape(item, out, got, want.sizes().vec()))
            continue;
        if (keep.defined() && got.size(2) == keep.size(2) && got.size(3) == keep.size(3)) {
            const torch::Tensor mask = keep.expand_as(got);
            got = got.masked_select(mask);
            want = want.masked_select(mask);
        }
        const Diff d = difference(got, want);
        const double bound = 1e-2 * std::max(1.0, maxAbs(want));
        item.numbers[out] = {{"max_abs", d.maxAbs}, {"mean_abs", d.meanAbs}, {"bound", bound}};
        worst = std::max(worst, d.maxAbs / bound);
    }
    item.atMost("max_abs_over_bound", worst, 1.0);
}

}  // namespace

void runParity(const Options& options, Result& result)
{
    const std::string fixtures = options.require("fixtures");
    const std::string inputs = options.require("inputs");
    const torch::Device device = parseDevice(options.get("device", "cpu"));
    const bool cuda = device.is_cuda();
    if (cuda)
        ms::compat::disableTf32();  // float32 on CUDA comparable with the CPU (parity README)

    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(fixtures))
        if (entry.is_directory() && fs::exists(entry.path() / "manifest.json"))
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    if (names.empty())
        throw ms::Error("no fixtures (folders with manifest.json) in " + fixtures);
    result.numbers()["fixtures"] = names.size();
    result.numbers()["device"] = device.str();

    const int threads = at::get_num_threads();
    for (const std::string& name : names) {
        const std::string dir = fixtures + "/" + name;
        const json manifest = readJson(dir + "/manifest.json");
        const ms::ModelSpec spec = specOf(manifest);
        const int64_t h = manifest.at("input").at("H"), w = manifest.at("input").at("W");
        const json& outputs = manifest.at("outputs");

        Item& cpu = result.add(name + ": cpu float32 vs reference");
        std::string checkpoint = manifest.at("checkpoint").at("file");
        if (checkpoint.size() > 7 && checkpoint.compare(checkpoint.size() - 7, 7, ".tar.xz") == 0)
            checkpoint = inputs + "/" + name + "/model.pth";  // unpacked by gpucheck.py prepare-inputs
        else
            checkpoint = fixtures + "/" + checkpoint;
        const torch::Tensor src = readRgb(inputs + "/" + name + "/src.u8", h, w);
        const torch::Tensor bgr = readRgb(inputs + "/" + name + "/bgr.u8", h, w);
        const double srcSum = src.to(torch::kFloat64).sum().item<double>();
        const double bgrSum = bgr.to(torch::kFloat64).sum().item<double>();
        cpu.atMost("input_sum_delta",
                   std::max(std::abs(srcSum - manifest["input"]["src_float_sum"].get<double>()),
                            std::abs(bgrSum - manifest["input"]["bgr_float_sum"].get<double>())),
                   1e-6);

        auto model = ms::createModel(spec);
        const auto report = ms::loadStateDict(*model, ms::readCheckpointFile(checkpoint).tensors, ms::LoadMode::Strict);
        if (!report.isExact())
            cpu.fail("the checkpoint does not load exactly");

        // The fixtures were made with one intra-op thread; with it, Debian's 1.13 is bit-identical.
        torch::set_num_threads(1);
        const auto reference = run(*model, src, bgr, outputs, torch::kCPU, torch::kFloat32);
        torch::set_num_threads(threads);
        double worstMax = 0, worstMean = 0;
        for (const auto& o : outputs) {
            const std::string out = o.at("name");
            const auto shape = o.at("shape").get<std::vector<int64_t>>();
            const torch::Tensor& got = reference.at(out);
            if (!sameShape(cpu, out, got, shape))
                continue;
            const Diff d = difference(got, readBin(dir + "/" + out + ".bin", shape));
            cpu.numbers[out] = {{"max_abs", d.maxAbs}, {"mean_abs", d.meanAbs}};
            if (out == "ref_sm") {
                if (d.maxAbs != 0)
                    cpu.fail("ref_sm differs from the reference (max |d| " + std::to_string(d.maxAbs) + ")");
                continue;
            }
            worstMax = std::max(worstMax, d.maxAbs);
            worstMean = std::max(worstMean, d.meanAbs);
        }
        cpu.atMost("max_abs", worstMax, 1e-3);
        cpu.atMost("mean_abs", worstMean, 1e-4);

        Item& fp32 = result.add(name + ": cuda float32 vs cpu");
        Item& fp16 = result.add(name + ": cuda float16 vs cpu");
        if (!cuda) {
            fp32.skip("--cpu: no CUDA device to compare (CPU against the reference only)");
            fp16.skip("float16 inference needs CUDA (--cpu)");
            continue;
        }

        // Each comparison on its own: an error in one (say float16) is that item's failure.
        try {
            compareFloat32(fp32, *model, src, bgr, manifest, dir, device, reference);
        } catch (const std::exception& e) {
            fp32.fail(std::string("error: ") + e.what());
        }
        try {
            compareFloat16(fp16, *model, src, bgr, manifest, device, reference);
        } catch (const std::exception& e) {
            fp16.fail(std::string("error: ") + e.what());
        }
    }
}

}  // namespace gpucheck
