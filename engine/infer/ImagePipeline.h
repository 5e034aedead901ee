#pragma once
#include "core/CancelToken.h"
#include "core/Progress.h"
#include "infer/ImagePairs.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace ms {

class MattingSession;
class OutputWriter;

struct PipelineOptions {
    int decodeThreads = 2;
    int encodeThreads = 2;
    int queueCapacity = 4;  // decoded (and matted) images held at most per stage
    // Runs on a decode thread after both images are read, e.g. background alignment.
    std::function<torch::Tensor(const torch::Tensor& src, const torch::Tensor& bgr)> alignBackground;
};

struct PipelineResult {
    int succeeded = 0;
    std::vector<std::string> failures;  // one message per skipped pair, naming the file
    bool cancelled = false;
};

// Mattes image pairs with decoding, inference and encoding running concurrently: decode threads
// read and check the pairs, the calling thread runs the model, encode threads write the outputs.
// A pair that cannot be read or written is reported and skipped; the job goes on.
class ImagePipeline {
public:
    ImagePipeline(MattingSession& session, const OutputWriter& writer, PipelineOptions options = {});
    PipelineResult run(const std::vector<ImagePair>& pairs, const CancelToken* cancel = nullptr,
                       const ProgressCallback& progress = {});

private:
    MattingSession& m_session;
    const OutputWriter& m_writer;
    PipelineOptions m_options;
};

}  // namespace ms
