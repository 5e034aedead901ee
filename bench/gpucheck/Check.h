#pragma once
// What every check of mattestudio_gpucheck shares: its command-line options, its result (items
// with pass/fail/skipped, a reason and numbers, written as one JSON file per check) and small
// tensor helpers. scripts/gpu-check.sh runs one check per process and merges the files.
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace gpucheck {

using json = nlohmann::json;

// --name value pairs and bare --flags after the subcommand.
class Options {
public:
    Options(int argc, char** argv, int first);
    bool has(const std::string& name) const { return m_values.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = "") const;
    int getInt(const std::string& name, int fallback) const;
    std::string require(const std::string& name) const;

private:
    std::map<std::string, std::string> m_values;
};

struct Item {
    std::string name;
    std::string status = "pass";  // pass, fail, skipped
    std::string reason;
    json numbers = json::object();

    void fail(const std::string& why)
    {
        status = "fail";
        reason = reason.empty() ? why : reason + "; " + why;
    }
    void skip(const std::string& why)
    {
        status = "skipped";
        reason = why;
    }
    // Records `value` under `key` and fails the item when it is above `limit`.
    void atMost(const std::string& key, double value, double limit);
};

class Result {
public:
    explicit Result(std::string name)
        : m_name(std::move(name))
    {}
    Item& add(const std::string& name);
    std::deque<Item>& items() { return m_items; }
    json& numbers() { return m_numbers; }
    // The whole check fails (an exception, a crashed rank) or is skipped (nothing to run).
    void fail(const std::string& why) { m_error = why; }
    void skip(const std::string& why) { m_skipped = why; }
    void setSeconds(double seconds) { m_seconds = seconds; }
    json toJson() const;
    void write(const std::string& path) const;

private:
    std::string m_name, m_error, m_skipped;
    std::deque<Item> m_items;  // a deque: add() keeps earlier items' references valid
    json m_numbers = json::object();
    double m_seconds = 0;
};

// "cpu" or "cuda" / "cuda:N"; throws when CUDA is asked for and absent.
torch::Device parseDevice(const std::string& text);
void synchronize(const torch::Device& device);

// max |a-b| and mean |a-b| in float64 (CPU copies; shapes must match).
struct Diff {
    double maxAbs = 0, meanAbs = 0;
};
Diff difference(const torch::Tensor& a, const torch::Tensor& b);
double maxAbs(const torch::Tensor& t);

// The checks, one per subcommand: options in, result out (exceptions become a failed result).
void runParity(const Options& options, Result& result);
void runTraining(const Options& options, Result& result);
void runCheckpoint(const Options& options, Result& result);
void runDistributed(const Options& options, Result& result);
int runDistributedRank(const Options& options);  // a child process of runDistributed
void runBenchmark(const Options& options, Result& result);
void runEnvironment(const Options& options, Result& result);

}  // namespace gpucheck
