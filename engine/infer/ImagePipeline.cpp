#include "infer/ImagePipeline.h"

#include "core/BoundedQueue.h"
#include "core/Error.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"
#include "io/ImageIO.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace ms {
namespace {

struct Decoded {
    size_t index;
    torch::Tensor src, bgr;
};

struct Matted {
    size_t index;
    MattingOutput output;
};

std::string sizeText(const torch::Tensor& t) { return std::to_string(t.size(3)) + "x" + std::to_string(t.size(2)); }

}  // namespace

ImagePipeline::ImagePipeline(MattingSession& session, const OutputWriter& writer, PipelineOptions options)
    : m_session(session)
    , m_writer(writer)
    , m_options(std::move(options))
{}

PipelineResult ImagePipeline::run(const std::vector<ImagePair>& pairs, const CancelToken* cancel,
                                  const ProgressCallback& progress)
{
    PipelineResult result;
    std::mutex resultMutex;
    auto fail = [&](const std::string& message) {
        std::lock_guard lock(resultMutex);
        result.failures.push_back(message);
    };
    auto cancelled = [&] { return cancel && cancel->isCancelled(); };
    const int total = static_cast<int>(pairs.size());
    int finished = 0;
    std::mutex progressMutex;  // callers' progress code need not be thread-safe
    auto report = [&](size_t index) {
        std::lock_guard lock(progressMutex);
        ++finished;
        if (progress)
            progress(finished, total, pairs[index].source.relativeStem);
    };

    BoundedQueue<Decoded> decoded(static_cast<size_t>(m_options.queueCapacity));
    BoundedQueue<Matted> matted(static_cast<size_t>(m_options.queueCapacity));
    std::atomic<size_t> nextPair{0};

    auto decodeWorker = [&] {
        for (size_t i = nextPair++; i < pairs.size() && !cancelled(); i = nextPair++) {
            try {
                // Integer pixels in the queue; the session makes them floats on its thread.
                torch::Tensor src = readImagePixels(pairs[i].source.path);
                torch::Tensor bgr = readImagePixels(pairs[i].background);
                if (src.sizes() != bgr.sizes())
                    throw Error(pairs[i].source.path + " is " + sizeText(src) + " but its background " +
                                pairs[i].background + " is " + sizeText(bgr));
                if (m_options.alignBackground) {
                    src = pixelsToUnitFloat(src);
                    bgr = m_options.alignBackground(src, pixelsToUnitFloat(bgr));
                }
                if (!decoded.push({i, src, bgr}))
                    return;
            } catch (const std::exception& e) {
                fail(e.what());
                report(i);
            }
        }
    };
    auto encodeWorker = [&] {
        while (auto item = matted.pop()) {
            try {
                m_writer.write(pairs[item->index].source.relativeStem, item->output);
                std::lock_guard lock(resultMutex);
                ++result.succeeded;
            } catch (const std::exception& e) {
                fail(e.what());
            }
            report(item->index);
        }
    };

    std::vector<std::thread> decoders, encoders;
    for (int i = 0; i < std::max(1, m_options.decodeThreads); ++i)
        decoders.emplace_back(decodeWorker);
    for (int i = 0; i < std::max(1, m_options.encodeThreads); ++i)
        encoders.emplace_back(encodeWorker);
    // Closes the decoded queue once every decoder is done, so the inference loop below ends.
    std::thread decodeCloser([&] {
        for (auto& t : decoders)
            t.join();
        decoded.close();
    });

    try {
        while (auto item = decoded.pop()) {
            if (cancelled())
                continue;  // drain: decoders may be blocked on a full queue
            try {
                MattingOutput out = m_session.run(item->src, item->bgr);
                // Outputs go to the encoders on the CPU; the device is free for the next frame.
                for (torch::Tensor* t :
                     {&out.pha, &out.fgr, &out.err, &out.hid, &out.phaSm, &out.fgrSm, &out.errSm, &out.refSm})
                    if (t->defined())
                        *t = t->to(torch::kCPU, torch::kFloat32);
                out.hid = torch::Tensor();  // never written; don't hold 32 channels per queued frame
                matted.push({item->index, std::move(out)});
            } catch (const std::exception& e) {
                fail(pairs[item->index].source.path + ": " + e.what());
                report(item->index);
            }
        }
    } catch (...) {
        decoded.close();
        matted.close();
        decodeCloser.join();
        for (auto& t : encoders)
            t.join();
        throw;
    }
    decodeCloser.join();
    matted.close();
    for (auto& t : encoders)
        t.join();
    result.cancelled = cancelled();
    return result;
}

}  // namespace ms
