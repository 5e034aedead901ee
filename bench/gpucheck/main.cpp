// mattestudio_gpucheck: the GPU check's checks, one per subcommand, each writing one JSON result.
//   mattestudio_gpucheck CHECK --out FILE [--device cpu|cuda] [options]
// CHECK: env, parity, train, checkpoint, dist, bench (dist-rank is dist's child process).
// scripts/gpu-check.sh builds this (without Qt or OpenCV) and runs every check; docs/performance.md.
#include "Check.h"

#include "core/Error.h"
#include "core/Stopwatch.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace gpucheck {

Options::Options(int argc, char** argv, int first)
{
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
            throw ms::Error("unexpected argument '" + arg + "' (options are --name [value])");
        arg = arg.substr(2);
        if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0)
            m_values[arg] = argv[++i];
        else
            m_values[arg] = "";
    }
}

std::string Options::get(const std::string& name, const std::string& fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

int Options::getInt(const std::string& name, int fallback) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    try {
        return std::stoi(it->second);
    } catch (const std::exception&) {
        throw ms::Error("--" + name + " needs a whole number, not '" + it->second + "'");
    }
}

std::string Options::require(const std::string& name) const
{
    if (!has(name) || get(name).empty())
        throw ms::Error("--" + name + " is required");
    return get(name);
}

void Item::atMost(const std::string& key, double value, double limit)
{
    numbers[key] = value;
    if (!(value <= limit)) {  // NaN fails too
        char text[160];
        std::snprintf(text, sizeof text, "%s %.3g > %.3g", key.c_str(), value, limit);
        fail(text);
    }
}

Item& Result::add(const std::string& name)
{
    m_items.emplace_back();
    m_items.back().name = name;
    return m_items.back();
}

json Result::toJson() const
{
    json j;
    j["name"] = m_name;
    bool anyFail = !m_error.empty(), anyPass = false;
    json items = json::array();
    for (const Item& item : m_items) {
        anyFail = anyFail || item.status == "fail";
        anyPass = anyPass || item.status == "pass";
        json i = {{"name", item.name}, {"status", item.status}, {"numbers", item.numbers}};
        if (!item.reason.empty())
            i["reason"] = item.reason;
        items.push_back(i);
    }
    std::string reason;
    if (anyFail) {
        j["status"] = "fail";
        if (!m_error.empty())
            reason = m_error;
        else
            for (const Item& item : m_items)
                if (item.status == "fail")
                    reason += (reason.empty() ? "" : "; ") + item.name + ": " + item.reason;
    } else if (!m_skipped.empty() || !anyPass) {
        j["status"] = "skipped";
        reason = !m_skipped.empty() ? m_skipped : "nothing ran";
        for (const Item& item : m_items)
            if (m_skipped.empty() && item.status == "skipped" && !item.reason.empty()) {
                reason = item.reason;
                break;
            }
    } else {
        j["status"] = "pass";
    }
    if (!reason.empty())
        j["reason"] = reason;
    j["seconds"] = std::round(m_seconds * 1000) / 1000;
    j["numbers"] = m_numbers;
    j["items"] = items;
    return j;
}

void Result::write(const std::string& path) const
{
    std::ofstream out(path);
    out << toJson().dump(2) << "\n";
    if (!out)
        throw ms::Error("cannot write " + path);
}

torch::Device parseDevice(const std::string& text)
{
    if (text.empty() || text == "cpu")
        return torch::kCPU;
    if (text.rfind("cuda", 0) != 0)
        throw ms::Error("unknown device '" + text + "': use cpu or cuda");
    if (!torch::cuda::is_available())
        throw ms::Error("CUDA was asked for, but this LibTorch sees no CUDA device (torch::cuda::is_available() is "
                        "false: a CPU-only LibTorch, libtorch_cuda not loaded, or no driver/GPU)");
    torch::Device device(text);
    if (!device.has_index())
        device = torch::Device(torch::kCUDA, 0);
    return device;
}

void synchronize(const torch::Device& device)
{
    if (device.is_cuda())
        torch::cuda::synchronize(device.index());
}

Diff difference(const torch::Tensor& a, const torch::Tensor& b)
{
    const torch::Tensor d =
        (a.detach().to(torch::kCPU, torch::kFloat64) - b.detach().to(torch::kCPU, torch::kFloat64)).abs();
    Diff r;
    if (d.numel() == 0)
        return r;
    r.maxAbs = d.max().item<double>();
    r.meanAbs = d.mean().item<double>();
    return r;
}

double maxAbs(const torch::Tensor& t)
{
    return t.numel() == 0 ? 0.0 : t.detach().to(torch::kCPU, torch::kFloat64).abs().max().item<double>();
}

}  // namespace gpucheck

namespace {

int usage()
{
    std::cerr << "usage: mattestudio_gpucheck env|parity|train|checkpoint|dist|bench --out FILE [--device cpu|cuda] "
                 "[options]\n(scripts/gpu-check.sh runs them all; see docs/performance.md)\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
        return usage();
    const std::string check = argv[1];
    std::string out;
    try {
        const gpucheck::Options options(argc, argv, 2);
        if (check == "dist-rank")
            return gpucheck::runDistributedRank(options);
        out = options.require("out");
        if (options.has("threads"))
            torch::set_num_threads(options.getInt("threads", 1));
        gpucheck::Result result(check);
        const auto start = ms::Clock::now();
        try {
            if (check == "env")
                gpucheck::runEnvironment(options, result);
            else if (check == "parity")
                gpucheck::runParity(options, result);
            else if (check == "train")
                gpucheck::runTraining(options, result);
            else if (check == "checkpoint")
                gpucheck::runCheckpoint(options, result);
            else if (check == "dist")
                gpucheck::runDistributed(options, result);
            else if (check == "bench")
                gpucheck::runBenchmark(options, result);
            else
                return usage();
        } catch (const std::exception& e) {
            result.fail(std::string("stopped by an error: ") + e.what());
        }
        result.setSeconds(ms::secondsSince(start));
        result.write(out);
        const nlohmann::json summary = result.toJson();
        std::cout << check << ": " << summary["status"].get<std::string>();
        if (summary.contains("reason"))
            std::cout << " (" << summary["reason"].get<std::string>() << ")";
        std::cout << std::endl;
        return summary["status"] == "fail" ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "mattestudio_gpucheck " << check << ": " << e.what() << std::endl;
        return 2;
    }
}
