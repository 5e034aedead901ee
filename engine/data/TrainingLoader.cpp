#include "data/TrainingLoader.h"

#include "core/Error.h"
#include "core/Stopwatch.h"
#include "data/Random.h"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <condition_variable>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

namespace ms {
namespace {

// Seed domains, so the epoch order and the sample draws never share a stream.
constexpr uint64_t kOrderStream = 0x4f52444552ull, kSampleStream = 0x53414d504c45ull, kFixedStream = 0x4649584544ull;

// value / 255 for every byte, computed as a true division as the reference's ToTensor does.
const float* byteToUnit()
{
    static const auto table = [] {
        std::array<float, 256> t{};
        for (int i = 0; i < 256; ++i)
            t[i] = static_cast<float>(i) / 255.f;
        return t;
    }();
    return table.data();
}

// HxWxC 8-bit -> CxHxW float planes at dst; colour images go from BGR to RGB on the way.
void toPlanes(const cv::Mat& image, float* dst)
{
    const float* unit = byteToUnit();
    const int channels = image.channels();
    const size_t plane = static_cast<size_t>(image.rows) * image.cols;
    for (int y = 0; y < image.rows; ++y) {
        const uint8_t* p = image.ptr<uint8_t>(y);
        float* row = dst + static_cast<size_t>(y) * image.cols;
        for (int c = 0; c < channels; ++c) {
            float* out = row + (channels - 1 - c) * plane;  // source channel c is BGR, planes are RGB
            for (int x = 0; x < image.cols; ++x)
                out[x] = unit[p[x * channels + c]];
        }
    }
}

std::string describe(const MediaFrame& item)
{
    return item.frame < 0 ? item.path : item.path + " (frame " + std::to_string(item.frame) + ")";
}

}  // namespace

// Named, not anonymous: TrainingLoader::State holds one (GCC warns otherwise in unity builds).
namespace loader_detail {

// OpenCV runs one parallel region at a time process-wide, on a pool as large as the machine. The
// loader's parallelism is its workers (one sample each), and the trainer's tensor work already
// uses every core, so while any loader exists OpenCV is kept to the calling thread: exactly
// `workers` loading threads, no helper threads competing with them or with LibTorch. The previous
// setting comes back when the last loader goes.
class OpenCvThreadsGuard {
public:
    OpenCvThreadsGuard()
    {
        std::lock_guard lock(mutex());
        if (users()++ == 0) {
            saved() = cv::getNumThreads();
            cv::setNumThreads(1);
        }
    }
    ~OpenCvThreadsGuard()
    {
        std::lock_guard lock(mutex());
        if (--users() == 0)
            cv::setNumThreads(saved());
    }

private:
    static std::mutex& mutex()
    {
        static std::mutex m;
        return m;
    }
    static int& users()
    {
        static int n = 0;
        return n;
    }
    static int& saved()
    {
        static int n = 0;
        return n;
    }
};

}  // namespace loader_detail

LoadedSample loadTrainingSample(const SplitFiles& files, int64_t item, const SampleAugment& augment,
                                std::mt19937_64& rng)
{
    const size_t nf = files.fgr.size(), nb = files.backgrounds.size();
    const MediaFrame& fgrItem = files.fgr[static_cast<size_t>(item) % nf];
    const MediaFrame& phaItem = files.pha[static_cast<size_t>(item) % nf];
    const MediaFrame& bgrItem = files.backgrounds[static_cast<size_t>(item) % nb];
    LoadedSample s;
    try {
        s.fgr = readMediaFrame(fgrItem, cv::IMREAD_COLOR);
        s.pha = readMediaFrame(phaItem, cv::IMREAD_GRAYSCALE);
        s.bgr = readMediaFrame(bgrItem, cv::IMREAD_COLOR);
        augmentForeground(s.fgr, s.pha, augment, rng, ChannelOrder::Bgr);
        augmentBackground(s.bgr, augment, rng, ChannelOrder::Bgr);
    } catch (const Error& e) {
        throw Error("training sample " + std::to_string(item) + " (foreground " + describe(fgrItem) + ", alpha " +
                    describe(phaItem) + ", background " + describe(bgrItem) + "): " + e.what());
    } catch (const cv::Exception& e) {
        throw Error("training sample " + std::to_string(item) + " (foreground " + describe(fgrItem) + ", alpha " +
                    describe(phaItem) + ", background " + describe(bgrItem) + "): OpenCV failed: " + e.what());
    }
    return s;
}

struct TrainingLoader::State {
    SplitFiles files;
    LoaderOptions options;
    std::vector<int64_t> items;
    loader_detail::OpenCvThreadsGuard cvThreads;

    struct Pending {
        TrainingBatch batch;
        int remaining = 0;
    };

    mutable std::mutex mutex;
    std::condition_variable workReady, batchReady;
    std::vector<std::thread> workers;
    std::map<int64_t, Pending> pending;    // batches being filled or waiting, by index
    std::vector<int64_t> order;            // this shard's items, in serving order
    std::vector<int64_t> globalPositions;  // sharded: each served position's place in the global order
    int64_t epoch = 0;
    int64_t nextBatch = 0, endBatch = 0;        // next to hand out; one past the last
    int64_t nextPosition = 0, endPosition = 0;  // next sample position to load; one past the last
    int64_t loaded = 0;
    int64_t failedBatch = std::numeric_limits<int64_t>::max();
    std::string failure;
    bool started = false, stopping = false;
    double waited = 0;

    // Batch memory is recycled: fresh pages cost more to fault in and clear than filling them does
    // (measured: 12 ms against 0.7 ms per 512x512 image), so up to a few batch-sized buffers are
    // kept, and one is reused once the trainer holds no tensor of it any more. Batches are views,
    // so a buffer is free exactly when only the pool references its storage. (An asynchronous copy
    // to CUDA still reading a batch keeps it referenced: train/DeviceBatchCopier.h.)
    struct BufferSet {
        torch::Tensor fgr, pha, bgr;
    };
    std::vector<BufferSet> pool;

    static bool unused(const torch::Tensor& t) { return t.use_count() == 1 && t.storage().use_count() == 1; }

    BufferSet acquireBuffers(int64_t rows)  // under the mutex
    {
        const BufferSet* found = nullptr;
        for (const BufferSet& set : pool)
            if (unused(set.fgr) && unused(set.pha) && unused(set.bgr)) {
                found = &set;
                break;
            }
        if (!found) {
            const int64_t B = options.batchSize, S = options.augment.size;
            const auto opts = torch::TensorOptions().dtype(torch::kFloat32).pinned_memory(options.pinMemory);
            BufferSet set{torch::empty({B, 3, S, S}, opts), torch::empty({B, 1, S, S}, opts),
                          torch::empty({B, 3, S, S}, opts)};
            if (pool.size() >= static_cast<size_t>(options.prefetchBatches) + 2)
                return {set.fgr.narrow(0, 0, rows), set.pha.narrow(0, 0, rows), set.bgr.narrow(0, 0, rows)};
            pool.push_back(std::move(set));
            found = &pool.back();
        }
        return {found->fgr.narrow(0, 0, rows), found->pha.narrow(0, 0, rows), found->bgr.narrow(0, 0, rows)};
    }

    int64_t batchOf(int64_t position) const { return position / options.batchSize; }
    int64_t rowsOf(int64_t batch) const
    {
        return std::min<int64_t>(options.batchSize, endPosition - batch * options.batchSize);
    }

    uint64_t sampleSeed(int64_t position) const
    {
        if (options.fixedAugmentation)
            return deriveSeed({options.seed, kFixedStream, static_cast<uint64_t>(order[position])});
        const int64_t global = globalPositions.empty() ? position : globalPositions[position];
        return deriveSeed({options.seed, kSampleStream, static_cast<uint64_t>(epoch), static_cast<uint64_t>(global)});
    }

    void work()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            workReady.wait(lock, [&] {
                return stopping || !failure.empty() || nextPosition >= endPosition ||
                       batchOf(nextPosition) < nextBatch + options.prefetchBatches;
            });
            if (stopping || !failure.empty() || nextPosition >= endPosition)
                return;
            const int64_t position = nextPosition++;
            const int64_t b = batchOf(position);
            Pending& slot = pending[b];
            if (!slot.batch.fgr.defined()) {
                const int64_t rows = rowsOf(b);
                BufferSet buffers = acquireBuffers(rows);
                slot.batch.fgr = buffers.fgr;
                slot.batch.pha = buffers.pha;
                slot.batch.bgr = buffers.bgr;
                slot.batch.epoch = epoch;
                slot.batch.index = b;
                slot.batch.samples.assign(order.begin() + b * options.batchSize,
                                          order.begin() + b * options.batchSize + rows);
                slot.remaining = static_cast<int>(rows);
            }
            TrainingBatch* batch = &slot.batch;  // std::map nodes stay put while others are added
            const int64_t row = position - b * options.batchSize, item = order[position];
            std::mt19937_64 rng(sampleSeed(position));
            lock.unlock();
            std::string error;
            try {
                const LoadedSample s = loadTrainingSample(files, item, options.augment, rng);
                toPlanes(s.fgr, batch->fgr[row].data_ptr<float>());
                toPlanes(s.pha, batch->pha[row].data_ptr<float>());
                toPlanes(s.bgr, batch->bgr[row].data_ptr<float>());
            } catch (const std::exception& e) {
                error = e.what();
            }
            lock.lock();
            if (!error.empty()) {
                if (b < failedBatch) {  // the earliest failure is the one reported
                    failedBatch = b;
                    failure = error;
                }
                batchReady.notify_all();
                workReady.notify_all();
                continue;
            }
            ++loaded;
            if (--pending[b].remaining == 0)
                batchReady.notify_all();
        }
    }

    void halt()
    {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        workReady.notify_all();
        batchReady.notify_all();
        for (std::thread& t : workers)
            t.join();
        workers.clear();
        pending.clear();
    }
};

TrainingLoader::TrainingLoader(SplitFiles files, LoaderOptions options)
    : m(std::make_unique<State>())
{
    if (files.fgr.size() != files.pha.size())
        throw Error("training data: " + std::to_string(files.fgr.size()) + " foregrounds but " +
                    std::to_string(files.pha.size()) + " alpha mattes; they must pair up");
    if (files.fgr.empty())
        throw Error("training data: no foreground/alpha pairs");
    if (files.backgrounds.empty())
        throw Error("training data: no background images");
    if (options.batchSize < 1)
        throw Error("training data: the batch size must be at least 1");
    if (options.shards < 1 || options.shard < 0 || options.shard >= options.shards)
        throw Error("training data: shard " + std::to_string(options.shard) + " of " + std::to_string(options.shards) +
                    " does not exist");
    if (options.shards > 1)
        options.dropLast = true;  // every rank needs a full share of every global batch
    if (options.augment.size < 8)
        throw Error("training data: the sample size must be at least 8 pixels (got " +
                    std::to_string(options.augment.size) + ")");
    options.pinMemory = options.pinMemory && torch::cuda::is_available();
    options.workers = std::max(1, options.workers);
    options.prefetchBatches = std::max(1, options.prefetchBatches);
    m->files = std::move(files);
    m->options = options;

    const int64_t n = static_cast<int64_t>(std::max(m->files.fgr.size(), m->files.backgrounds.size()));
    if (options.subsetSize > 0 && n > options.subsetSize) {
        const int64_t step = n / options.subsetSize;
        for (int64_t i = 0; i < options.subsetSize; ++i)
            m->items.push_back(i * step);
    } else {
        for (int64_t i = 0; i < n; ++i)
            m->items.push_back(i);
    }
    if (batchesPerEpoch() == 0)
        throw Error("training data: " + std::to_string(samples()) + " samples are fewer than one batch of " +
                    std::to_string(int64_t(options.batchSize) * options.shards) +
                    " (incomplete batches are dropped); use a smaller batch size");
}

TrainingLoader::~TrainingLoader() { m->halt(); }

int64_t TrainingLoader::samples() const { return static_cast<int64_t>(m->items.size()); }

int64_t TrainingLoader::batchesPerEpoch() const
{
    const int64_t n = samples(), b = int64_t(m->options.batchSize) * m->options.shards;
    return m->options.dropLast ? n / b : (n + b - 1) / b;
}

std::vector<int64_t> TrainingLoader::epochOrder(int64_t epoch) const
{
    std::vector<int64_t> order = m->items;
    if (m->options.shuffle) {
        std::mt19937_64 rng(deriveSeed({m->options.seed, kOrderStream, static_cast<uint64_t>(epoch)}));
        for (size_t i = order.size(); i > 1; --i)  // Fisher-Yates
            std::swap(order[i - 1], order[static_cast<size_t>(uniformInt(rng, 0, static_cast<int>(i - 1)))]);
    }
    return order;
}

const std::vector<int64_t>& TrainingLoader::itemIndices() const { return m->items; }

void TrainingLoader::startEpoch(int64_t epoch, int64_t firstBatch)
{
    const int64_t batches = batchesPerEpoch();
    if (firstBatch < 0 || firstBatch > batches)
        throw Error("training data: cannot start epoch " + std::to_string(epoch) + " at batch " +
                    std::to_string(firstBatch) + "; an epoch has " + std::to_string(batches) + " batches");
    m->halt();
    std::vector<int64_t> order = epochOrder(epoch), globalPositions;
    if (m->options.shards > 1) {
        // This shard's rows of every global batch, remembering where each sat in the global order.
        const int64_t B = m->options.batchSize, G = B * m->options.shards;
        std::vector<int64_t> shardOrder;
        for (int64_t g = 0; g < batches; ++g)
            for (int64_t j = 0; j < B; ++j) {
                const int64_t position = g * G + m->options.shard * B + j;
                shardOrder.push_back(order[position]);
                globalPositions.push_back(position);
            }
        order = std::move(shardOrder);
    }
    std::lock_guard lock(m->mutex);
    m->order = std::move(order);
    m->globalPositions = std::move(globalPositions);
    m->epoch = epoch;
    m->nextBatch = firstBatch;
    m->endBatch = batches;
    m->endPosition = m->options.dropLast ? batches * m->options.batchSize : samples();
    m->nextPosition = std::min(firstBatch * m->options.batchSize, m->endPosition);
    m->loaded = 0;
    m->failedBatch = std::numeric_limits<int64_t>::max();
    m->failure.clear();
    m->stopping = false;
    m->started = true;
    const int64_t toLoad = m->endPosition - m->nextPosition;
    const int threads = static_cast<int>(std::min<int64_t>(m->options.workers, toLoad));
    for (int t = 0; t < threads; ++t)
        m->workers.emplace_back([state = m.get()] { state->work(); });
}

std::optional<TrainingBatch> TrainingLoader::next()
{
    std::unique_lock lock(m->mutex);
    if (!m->started)
        throw Error("training data: next() called before startEpoch()");
    const auto ready = [&] {
        if (m->stopping || m->nextBatch >= m->endBatch || m->nextBatch >= m->failedBatch)
            return true;
        const auto it = m->pending.find(m->nextBatch);
        return it != m->pending.end() && it->second.remaining == 0;
    };
    if (!ready()) {
        const auto start = Clock::now();
        m->batchReady.wait(lock, ready);
        m->waited += secondsSince(start);
    }
    if (m->nextBatch >= m->failedBatch && !m->stopping)
        throw Error(m->failure);
    if (m->stopping || m->nextBatch >= m->endBatch)
        return std::nullopt;
    auto node = m->pending.extract(m->nextBatch);
    ++m->nextBatch;
    lock.unlock();
    m->workReady.notify_all();
    return std::move(node.mapped().batch);
}

void TrainingLoader::stop() { m->halt(); }

double TrainingLoader::waitedSeconds() const
{
    std::lock_guard lock(m->mutex);
    return m->waited;
}

int64_t TrainingLoader::samplesLoaded() const
{
    std::lock_guard lock(m->mutex);
    return m->loaded;
}

}  // namespace ms
