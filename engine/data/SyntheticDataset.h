#pragma once
// The built-in dataset: procedurally painted foregrounds (soft edges and hair-thin strands) and
// textured backgrounds, written in the layout any other dataset uses, so a training run can be
// tried end to end without downloading anything.
#include "core/CancelToken.h"
#include "core/Progress.h"
#include "data/DatasetConfig.h"

#include <cstdint>
#include <string>

namespace ms {

struct SyntheticDatasetOptions {
    int trainCount = 200;  // foreground/alpha pairs
    int validCount = 50;
    int width = 512, height = 512;
    uint64_t seed = 1;
    int backgroundCount = 0;  // backgrounds per split; 0: as many as the split's pairs
    int threads = 0;          // 0: every core
};

// Writes DIR/{train,valid}/{fgr,pha,bgr}/NNNN.png and, last, DIR/dataset.json; returns that config.
// The same options give byte-identical files. Throws ms::Error when DIR exists and is not empty,
// on bad options or write errors, and when cancelled (DIR is then incomplete and has no dataset.json).
DatasetConfig writeSyntheticDataset(const std::string& dir, const SyntheticDatasetOptions& options,
                                    const ProgressCallback& progress = {}, CancelTokenPtr cancel = {});

}  // namespace ms
