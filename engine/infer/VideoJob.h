#pragma once
#include "core/CancelToken.h"
#include "core/Progress.h"
#include "infer/Compositor.h"
#include "infer/OutputWriter.h"
#include "io/VideoIO.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ms {

class MattingSession;

enum class VideoOutputFormat { Video, ImageSequences };

struct VideoJobOptions {
    std::string source;      // video file
    std::string background;  // still image of the empty scene
    // Background of `com`: empty for the default (green in video mode, transparent in image
    // sequences, like the reference), a colour or an image (see parseCompositeTarget), or a video
    // file, which loops when it is shorter than the source.
    std::string target;
    int resizeWidth = 0, resizeHeight = 0;  // both > 0: frames and background resized before matting
    bool alignBackground = false;           // the reference's --preprocess-alignment, per frame
    std::string outputDir;
    std::vector<OutputType> types{OutputType::Com, OutputType::Pha, OutputType::Fgr};
    VideoOutputFormat format = VideoOutputFormat::Video;
    std::string imageFormat = "jpg";  // image sequences: pha, fgr, err, ref (com is always PNG)
    bool overwrite = false;
    int queueCapacity = 4;  // frames held at most between decoding, inference and each encoder
    int maxFrames = 0;      // 0: the whole video
};

struct VideoJobResult {
    int framesWritten = 0;  // complete frames in every output
    bool cancelled = false;
    double seconds = 0;
    std::vector<std::string> outputs;  // video files or image-sequence folders
};

// Mattes a video with a still background into one output per type (an mp4v video, or a folder of
// numbered images). Decoding (with resizing and alignment) runs on one thread, the model on the
// calling thread, and each output type is encoded on a thread of its own; bounded queues between
// them keep memory flat and the model busy. No Qt: usable from the CLI and from a GUI worker.
class VideoJob {
public:
    // Opens the source, reads the background and the target, checks sizes; throws ms::Error.
    VideoJob(MattingSession& session, VideoJobOptions options);
    ~VideoJob();

    const VideoInfo& sourceInfo() const { return m_info; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    // Frames the job expects to write (the container's count; 0 when unknown).
    int expectedFrames() const;
    // What run() writes: <dir>/<type>.mp4, or the folders <dir>/<type>.
    std::vector<std::string> outputPaths() const;
    // Outputs that exist already (videos, or numbered frames in a sequence folder).
    std::vector<std::string> existingOutputs() const;
    // Warnings (unknown frame rate, alignment fallbacks); may be called from the decode thread.
    void setWarningHandler(std::function<void(const std::string&)> handler) { m_warn = std::move(handler); }

    // Runs to the end, or until `cancel` is set: decoding stops, frames already matted are written,
    // and the outputs are closed so they stay playable. Progress is reported on the calling thread
    // after each matted frame. Throws ms::Error on failure (then no partial video is left behind),
    // and also when outputs exist and options.overwrite is false.
    VideoJobResult run(const CancelToken* cancel = nullptr, const ProgressCallback& progress = {});

private:
    struct Decoded;
    struct Matted;
    class Encoder;

    std::string pathFor(OutputType type) const;
    void warn(const std::string& message) const;

    MattingSession& m_session;
    VideoJobOptions m_options;
    VideoInfo m_info;
    int m_width = 0, m_height = 0;
    double m_fps = 25;
    torch::Tensor m_background;  // (1,3,H,W) at the frame size
    CompositeTarget m_target;    // when the target is not a video
    std::optional<std::string> m_targetVideo;
    std::function<void(const std::string&)> m_warn;
};

}  // namespace ms
