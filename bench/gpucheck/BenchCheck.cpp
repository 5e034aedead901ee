// bench: the forward pass of MattingRefine (refine mode sampling, 80,000 sample pixels) for the
// three backbones at HD 1920x1080 (backbone scale 0.25) and 4K 3840x2160 (0.125), batch 1, float32
// and float16 - the reference's inference speed test, as the engine's runModelBenchmark measures
// it (refine_prevent_oversampling off, channels-last weights and inputs, random inputs, no
// gradients, the device synchronised after every run). Median, p10, p90 and frames/s.
// (engine/infer/Benchmark.cpp is not used: it is in the OpenCV part of the engine.)
// Options: --device, --warmup (3), --runs (10), --tiny (a fifth of each side and 80,000/25 sample
// pixels: the same work per pixel, fast enough for a CPU).
#include "Check.h"

#include "core/Error.h"
#include "core/Stopwatch.h"
#include "model/MattingModel.h"
#include "model/MemoryFormat.h"

#include <algorithm>

namespace gpucheck {
namespace {

// numpy's default (linear) percentile of sorted values, p in [0, 1].
double percentile(const std::vector<double>& sorted, double p)
{
    const double pos = p * double(sorted.size() - 1);
    const size_t lo = size_t(pos), hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - double(lo));
}

// One configuration: a fresh model with random weights, random inputs, `runs` timed forwards.
void benchOne(Item& item, ms::Backbone backbone, int width, int height, double scale, int samplePixels, bool half,
              const torch::Device& device, int warmup, int runs)
{
    ms::ModelSpec spec;
    spec.type = ms::ModelType::MattingRefine;
    spec.backbone = backbone;
    spec.backboneScale = scale;
    spec.refineMode = ms::RefineMode::Sampling;
    spec.refineSamplePixels = samplePixels;
    spec.refinePreventOversampling = false;  // the reference's speed test: always n patches
    const torch::ScalarType dtype = half ? torch::kFloat16 : torch::kFloat32;
    torch::manual_seed(1);
    auto model = ms::createModel(spec);
    model->eval();
    model->to(device, dtype);
    ms::useChannelsLast(*model);
    const torch::Tensor src = ms::channelsLast(torch::rand({1, 3, height, width}).to(device, dtype));
    const torch::Tensor bgr = ms::channelsLast(torch::rand({1, 3, height, width}).to(device, dtype));

    torch::NoGradGuard noGrad;
    std::vector<double> seconds;
    for (int i = 0; i < warmup + runs; ++i) {
        synchronize(device);
        const auto start = ms::Clock::now();
        const ms::MattingOutput out = model->forward(src, bgr);
        synchronize(device);
        const double s = ms::secondsSince(start);
        if (i >= warmup)
            seconds.push_back(s);
        if (i == 0 && !torch::isfinite(out.pha).all().item<bool>())
            item.fail("the output has non-finite values");
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = percentile(seconds, 0.5);
    item.numbers["width"] = width;
    item.numbers["height"] = height;
    item.numbers["backbone_scale"] = scale;
    item.numbers["dtype"] = half ? "float16" : "float32";
    item.numbers["median_ms"] = 1000 * median;
    item.numbers["p10_ms"] = 1000 * percentile(seconds, 0.1);
    item.numbers["p90_ms"] = 1000 * percentile(seconds, 0.9);
    item.numbers["frames_per_second"] = median > 0 ? 1.0 / median : 0.0;
}

}  // namespace

void runBenchmark(const Options& options, Result& result)
{
    const torch::Device device = parseDevice(options.get("device", "cpu"));
    const int warmup = options.getInt("warmup", 3), runs = options.getInt("runs", 10);
    const bool tiny = options.has("tiny");
    if (runs < 1 || warmup < 0)
        throw ms::Error("bench needs --runs >= 1 and --warmup >= 0");
    struct Size {
        const char* name;
        int width, height;
        double scale;
    };
    const int div = tiny ? 5 : 1;
    const std::vector<Size> sizes = {{"HD", 1920 / div, 1080 / div, 0.25}, {"4K", 3840 / div, 2160 / div, 0.125}};
    const int samplePixels = tiny ? 80000 / 25 : 80000;
    result.numbers()["device"] = device.str();
    result.numbers()["warmup"] = warmup;
    result.numbers()["runs"] = runs;
    result.numbers()["sample_pixels"] = samplePixels;
    result.numbers()["intra_op_threads"] = at::get_num_threads();
    result.numbers()["cudnn_benchmark"] = at::globalContext().benchmarkCuDNN();

    for (const ms::Backbone backbone : {ms::Backbone::MobileNetV2, ms::Backbone::ResNet50, ms::Backbone::ResNet101}) {
        for (const Size& size : sizes) {
            for (const bool half : {false, true}) {
                Item& item = result.add(ms::toString(backbone) + " " + size.name + " " + std::to_string(size.width) +
                                        "x" + std::to_string(size.height) + (half ? " float16" : " float32"));
                if (half && !device.is_cuda()) {
                    item.skip("float16 inference needs CUDA (--cpu)");
                    continue;
                }
                try {
                    benchOne(item, backbone, size.width, size.height, size.scale, samplePixels, half, device, warmup,
                             runs);
                } catch (const std::exception& e) {
                    item.fail(std::string("error: ") + e.what());
                }
            }
        }
    }
}

}  // namespace gpucheck
