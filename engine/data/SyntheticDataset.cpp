#include "data/SyntheticDataset.h"

#include "core/Error.h"
#include "core/ParallelFor.h"
#include "data/Random.h"
#include "data/SyntheticPainting.h"
#include "io/ImageIO.h"
#include "platform/Paths.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace ms {
namespace {

// One image (or fgr/pha pair) to paint: which split, which kind, which index.
struct Job {
    int split;  // 0 train, 1 valid
    bool foreground;
    int index;
};

std::string fileName(int index, int count)
{
    std::string digits = std::to_string(index);
    const size_t width = std::max<size_t>(4, std::to_string(std::max(0, count - 1)).size());
    return std::string(width - std::min(width, digits.size()), '0') + digits + ".png";
}

void checkOptions(const SyntheticDatasetOptions& o)
{
    if (o.trainCount < 1 || o.validCount < 1)
        throw Error("synthetic dataset: at least one training and one validation sample are needed");
    if (o.width < 16 || o.height < 16 || o.width > 8192 || o.height > 8192)
        throw Error("synthetic dataset: image size " + std::to_string(o.width) + "x" + std::to_string(o.height) +
                    " is outside 16..8192");
    if (o.backgroundCount < 0)
        throw Error("synthetic dataset: the background count cannot be negative");
}

}  // namespace

DatasetConfig writeSyntheticDataset(const std::string& dir, const SyntheticDatasetOptions& o,
                                    const ProgressCallback& progress, CancelTokenPtr cancel)
{
    checkOptions(o);
    std::error_code ec;
    const fs::path given = platform::fsPath(dir);
    if (fs::exists(given, ec) && !(fs::is_directory(given, ec) && fs::is_empty(given, ec)))
        throw Error("cannot make a dataset in " + dir + ": it exists and is not an empty folder");
    const fs::path root = fs::absolute(given).lexically_normal();
    auto utf8 = [](const fs::path& p) { return platform::utf8Path(p); };
    const char* splits[2] = {"train", "valid"};
    const int pairs[2] = {o.trainCount, o.validCount};
    int backgrounds[2];
    std::vector<Job> jobs;
    for (int s = 0; s < 2; ++s) {
        backgrounds[s] = o.backgroundCount > 0 ? o.backgroundCount : pairs[s];
        for (const char* kind : {"fgr", "pha", "bgr"}) {
            fs::create_directories(root / splits[s] / kind, ec);
            if (ec)
                throw Error("cannot create folder " + utf8(root / splits[s] / kind) + ": " + ec.message());
        }
        for (int i = 0; i < pairs[s]; ++i)
            jobs.push_back({s, true, i});
        for (int i = 0; i < backgrounds[s]; ++i)
            jobs.push_back({s, false, i});
    }

    const cv::Size size(o.width, o.height);
    auto paint = [&](const Job& job) {
        // Each image has its own generator, so the result does not depend on the threads.
        std::mt19937_64 rng(deriveSeed({o.seed, uint64_t(job.split), uint64_t(job.foreground), uint64_t(job.index)}));
        const fs::path base = root / splits[job.split];
        if (job.foreground) {
            const PaintedForeground f = paintForeground(size, rng);
            const std::string name = fileName(job.index, pairs[job.split]);
            writeImage(utf8(base / "fgr" / name), f.fgr);
            writeImage(utf8(base / "pha" / name), f.pha);
        } else {
            writeImage(utf8(base / "bgr" / fileName(job.index, backgrounds[job.split])), paintBackground(size, rng));
        }
    };

    // Painting waits on the encoder and the disk as much as on the CPU: a thread per core.
    const int total = static_cast<int>(jobs.size());
    ParallelForOptions parallel;
    parallel.threads = o.threads;
    parallel.cancel = cancel.get();
    parallel.progress = [&](size_t done) {
        if (progress)
            progress(static_cast<int>(done), total, "painting images");
    };
    size_t painted = 0;
    try {
        painted = parallelFor(
            jobs.size(), [&](size_t i) { paint(jobs[i]); }, parallel);
    } catch (const std::exception& e) {
        throw Error(std::string("synthetic dataset: ") + e.what());
    }
    if (painted < jobs.size())
        throw Error("synthetic dataset cancelled; " + utf8(root) + " is incomplete (no dataset.json was written)");
    if (progress)
        progress(total, total, "done");

    DatasetConfig config;
    config.name = "synthetic";
    config.file = utf8(root / "dataset.json");
    for (int s = 0; s < 2; ++s) {
        DatasetSplit& split = s == 0 ? config.train : config.valid;
        split = {utf8(root / splits[s] / "fgr"), utf8(root / splits[s] / "pha"), utf8(root / splits[s] / "bgr")};
    }
    saveDatasetConfig(config, config.file);
    return config;
}

}  // namespace ms
