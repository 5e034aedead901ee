#pragma once
// Lists a dataset's files and checks them before a training run starts: missing folders, alpha
// mattes without a foreground (and the reverse), unreadable or truncated files, pairs whose sizes
// differ, too few samples. Each problem names the files concerned.
#include "data/DatasetConfig.h"
#include "io/MediaFiles.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ms {

// fgr[i] and pha[i] belong together; backgrounds are independent. Every video frame is an item.
struct SplitFiles {
    std::vector<MediaFrame> fgr, pha, backgrounds;
};

struct DatasetProblem {
    std::string message;             // "train: 3 alpha mattes have no foreground of the same name (in DIR)"
    std::vector<std::string> files;  // every offending file or folder
};

struct DatasetCheck {
    DatasetConfig config;
    SplitFiles train, valid;  // the usable items (files with problems left out)
    std::vector<DatasetProblem> problems;

    bool ok() const { return problems.empty(); }
    // Counts per split, then each problem with its files (at most 20 each, then "... and N more").
    std::string report() const;
};

struct DatasetCheckOptions {
    int minTrainSamples = 1;
    int minValidSamples = 1;
    // Read every image's header (size, readability, truncation) to find unreadable files and
    // pairs of different sizes. Videos are always opened: their frame counts are needed.
    bool readEveryFile = true;
    // Count video frames by decoding them instead of trusting the container (slow, exact).
    bool exactVideoFrameCounts = false;
    int threads = 0;  // file probing threads; 0: a few (probing waits on the disk, not the CPU)
};

// Never throws for problems in the data; they are collected in DatasetCheck::problems.
DatasetCheck checkDataset(const DatasetConfig& config, const DatasetCheckOptions& options = {});

// What training with batches of `batchSize` needs: a full batch of training samples and one to
// validate. The trainer and the GUI's dataset check use the same.
inline DatasetCheckOptions trainingDatasetCheck(int batchSize)
{
    DatasetCheckOptions o;
    o.minTrainSamples = std::max(1, batchSize);
    o.minValidSamples = 1;
    return o;
}

}  // namespace ms
