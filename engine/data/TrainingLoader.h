#pragma once
// Loads training batches in the background: worker threads decode, augment and convert samples
// into float tensors while the trainer computes, within a bounded window of prefetched batches.
// Everything random depends only on the seed, the epoch and the sample's position, never on the
// threads, so runs are repeatable and an interrupted epoch resumes with identical batches.
#include "data/Augmentation.h"
#include "data/DatasetIndex.h"

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace ms {

struct TrainingBatch {
    torch::Tensor fgr, pha, bgr;  // Bx3xSxS, Bx1xSxS, Bx3xSxS float32 in [0,1], RGB channel order
    int64_t epoch = 0, index = 0;
    std::vector<int64_t> samples;  // the dataset item index of each row
};

struct LoaderOptions {
    int batchSize = 8;
    int workers = 4;          // loading threads (at least 1)
    int prefetchBatches = 4;  // batches being loaded or waiting, at most
    bool shuffle = true;
    bool dropLast = true;
    uint64_t seed = 0;
    SampleAugment augment;
    // > 0: only the fixed subset of items i * int(n / subsetSize), i < subsetSize, as the reference's
    // SampleDataset (validation: 50); all items when there are no more than that.
    int subsetSize = 0;
    // Validation: the random parameters depend only on the seed and the item (not on the epoch), so
    // successive validations see the same samples and their losses are comparable.
    bool fixedAugmentation = false;
    // Distributed training: an epoch's global batches hold batchSize * shards samples, and this
    // loader serves rows [shard * batchSize, (shard + 1) * batchSize) of each, with exactly the
    // samples and augmentation one loader of the global batch would give those rows.
    int shards = 1, shard = 0;
    // Batches in page-locked (pinned) memory, for asynchronous copies to a CUDA device (see
    // train/DeviceBatchCopier.h). Ignored when CUDA is not available at run time.
    bool pinMemory = false;
};

class TrainingLoader {
public:
    // Item i is (fgr[i % nf], pha[i % nf], backgrounds[i % nb]) for i < max(nf, nb), as the
    // reference's ZipDataset. Throws ms::Error when there are no samples, fgr and pha counts differ,
    // or an epoch would have no batch.
    TrainingLoader(SplitFiles files, LoaderOptions options);
    ~TrainingLoader();  // stops and joins
    TrainingLoader(const TrainingLoader&) = delete;
    TrainingLoader& operator=(const TrainingLoader&) = delete;

    int64_t samples() const;          // max(#fgr, #bgr), or the subset size
    int64_t batchesPerEpoch() const;  // global batches (batchSize * shards samples each)
    // Begins loading `epoch` in the background (stopping any epoch in progress). Resuming mid-epoch
    // at `firstBatch` gives exactly the batches an uninterrupted epoch would have from there on.
    void startEpoch(int64_t epoch, int64_t firstBatch = 0);
    // The next batch of the epoch, in order whatever the number of workers; blocks until it is
    // ready; nullopt at the end of the epoch or after stop(). A worker's failure is rethrown here as
    // ms::Error naming the file, after the batches before the failing one.
    std::optional<TrainingBatch> next();
    void stop();
    double waitedSeconds() const;  // total time next() spent blocked (data starvation)

    // The dataset items of `epoch` in the order they are served (the subset, shuffled or not).
    std::vector<int64_t> epochOrder(int64_t epoch) const;
    const std::vector<int64_t>& itemIndices() const;  // the subset (or every item), unshuffled
    int64_t samplesLoaded() const;                    // samples finished in the current epoch

private:
    struct State;
    std::unique_ptr<State> m;
};

// One sample as the loader makes it: item `item` of `files`, augmented with `rng`, as 8-bit
// S x S images: fgr and bgr in OpenCV's BGR order (the tensors are RGB), pha grey. Throws
// ms::Error naming the files on failure.
struct LoadedSample {
    cv::Mat fgr, pha, bgr;
};
LoadedSample loadTrainingSample(const SplitFiles& files, int64_t item, const SampleAugment& augment,
                                std::mt19937_64& rng);

}  // namespace ms
