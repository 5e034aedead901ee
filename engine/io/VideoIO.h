#pragma once
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>
#include <torch/torch.h>

#include <string>

namespace ms {

struct VideoInfo {
    int width = 0, height = 0;
    double fps = 0;      // 0 when the container does not say
    int frameCount = 0;  // as the container says; may be approximate, 0 when unknown
};

// True for file names with a usual video extension (.mp4, .avi, .mov, .mkv, .webm, .m4v, ...).
bool hasVideoExtension(const std::string& path);

// Opens the video file `path` (UTF-8) for reading: FFmpeg first (it seeks frame-exactly and
// reads what its own writer wrote), other backends as a fallback. OpenCV takes a narrow name, so
// on Windows a non-ASCII path goes in as its short name (platform::narrowPathForLibraries).
// Throws ms::Error naming the file when it is missing or cannot be decoded.
void openVideoFile(cv::VideoCapture& capture, const std::string& path);

// Sequential frames of a video file as 8-bit BGR images (OpenCV's order).
class VideoReader {
public:
    // Throws ms::Error naming the file when it is missing or cannot be decoded.
    explicit VideoReader(const std::string& path);
    const VideoInfo& info() const { return m_info; }
    const std::string& path() const { return m_path; }
    // Next frame; false at the end of the video.
    bool read(cv::Mat& frame);
    // Back to the first frame (reopens when the backend cannot seek).
    void rewind();
    // Positions the reader so that read() returns frame `index` (0-based); reads forward from the
    // current position when that is close or the backend cannot seek. False past the end.
    bool seek(int index);
    // The index of the frame read() returns next.
    int position() const { return m_position; }

private:
    void open();
    std::string m_path;
    cv::VideoCapture m_capture;
    VideoInfo m_info;
    int m_position = 0;
};

// Makes a decoded frame 8-bit BGR (16-bit, grey and BGRA frames occur in the wild).
void toBgr8(cv::Mat& frame);

// Resizes a frame like the reference's PIL bilinear Resize: bilinear when enlarging, area
// averaging when shrinking (PIL's bilinear filter widens with the scale, i.e. it antialiases).
cv::Mat resizeFrame(const cv::Mat& frame, int width, int height);

// An 8-bit BGR (or grey) frame as the reference feeds it: (1,3,H,W) RGB, value / 255.
torch::Tensor frameToTensor(const cv::Mat& frame);
// The same frame as uint8 pixels (1,3,H,W), for queues; MattingSession::run takes them as they are.
torch::Tensor frameToPixels(const cv::Mat& frame);

// A video being written: frames go to a temporary file beside the target (same extension, so
// OpenCV picks the same container), which finish() renames into place. A writer destroyed without
// finish() removes its temporary file, so a failed job never leaves a half-written video behind.
class VideoFileWriter {
public:
    // fourcc mp4v; throws ms::Error when OpenCV cannot create the file.
    VideoFileWriter(std::string path, double fps, cv::Size size);
    ~VideoFileWriter();
    VideoFileWriter(const VideoFileWriter&) = delete;
    VideoFileWriter& operator=(const VideoFileWriter&) = delete;

    // An 8-bit BGR frame, or a grey one (written as three equal channels so players show it).
    void write(const cv::Mat& frame);
    int framesWritten() const { return m_frames; }
    const std::string& path() const { return m_path; }
    // Closes the file (making it playable) and moves it into place.
    void finish();

private:
    std::string m_path, m_temp;
    cv::Size m_size;
    cv::VideoWriter m_writer;
    int m_frames = 0;
    bool m_done = false;
};

}  // namespace ms
