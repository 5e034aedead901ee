#include "io/MediaFiles.h"

#include "core/Error.h"
#include "io/ImageIO.h"
#include "io/VideoIO.h"
#include "platform/Paths.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace ms {
namespace {

bool isHidden(const fs::path& name)
{
    const std::string s = platform::utf8Path(name.filename());
    return !s.empty() && s[0] == '.';
}

cv::VideoCapture openCapture(const std::string& path)
{
    cv::VideoCapture capture;
    openVideoFile(capture, path);
    return capture;
}

// A few open videos per thread: a worker reading frame after frame of one video decodes each frame
// once instead of seeking every time.
struct OpenVideo {
    std::string path;
    cv::VideoCapture capture;
    int next = 0;  // index of the frame read() returns next
    uint64_t lastUse = 0;
};

constexpr size_t kVideosPerThread = 4;
constexpr int kMaxSkip = 48;                // frames decoded forward rather than seeking
constexpr int kUnknownPosition = -1000000;  // after a failed read: seek next time

OpenVideo& openVideo(const std::string& path)
{
    thread_local std::vector<OpenVideo> cache;
    thread_local uint64_t clock = 0;
    ++clock;
    for (OpenVideo& v : cache)
        if (v.path == path) {
            v.lastUse = clock;
            return v;
        }
    if (cache.size() >= kVideosPerThread)
        cache.erase(std::min_element(cache.begin(), cache.end(),
                                     [](const OpenVideo& a, const OpenVideo& b) { return a.lastUse < b.lastUse; }));
    cache.push_back({path, openCapture(path), 0, clock});
    return cache.back();
}

cv::Mat readVideoFrame(const std::string& path, int frame)
{
    OpenVideo& video = openVideo(path);
    const std::string what = "frame " + std::to_string(frame) + " of video " + path;
    if (frame < video.next || frame > video.next + kMaxSkip) {
        if (!video.capture.set(cv::CAP_PROP_POS_FRAMES, frame))
            throw Error("cannot seek to " + what);
        video.next = frame;
    }
    cv::Mat image;
    while (video.next < frame && video.capture.grab())
        ++video.next;
    if (video.next != frame || !video.capture.read(image) || image.empty()) {
        video.next = kUnknownPosition;
        throw Error("cannot read " + what + ": the video ends early or is damaged");
    }
    ++video.next;
    return image;
}

}  // namespace

bool isTrainingImageFile(const std::string& path)
{
    const std::string ext = platform::lowerExtension(platform::fsPath(path));
    return ext == ".jpg" || ext == ".jpeg" || ext == ".png";
}

std::vector<MediaFile> listMediaFiles(const std::string& folder)
{
    std::error_code ec;
    const fs::path root = platform::fsPath(folder);
    if (!fs::is_directory(root, ec))
        throw Error(fs::exists(root, ec) ? "not a folder: " + folder : "folder not found: " + folder);
    std::vector<MediaFile> files;
    // Hidden files and folders are skipped, as Python's glob('**/*.jpg') skips them.
    auto it = fs::recursive_directory_iterator(
        root, fs::directory_options::follow_directory_symlink | fs::directory_options::skip_permission_denied, ec);
    if (ec)
        throw Error("cannot list folder " + folder + ": " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            throw Error("cannot list folder " + folder + ": " + ec.message());
        const fs::path& path = it->path();
        if (isHidden(path)) {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec))
            continue;
        const std::string file = platform::utf8Path(path);
        const bool video = hasVideoExtension(file);
        if (!video && !isTrainingImageFile(file))
            continue;
        const fs::path relative = path.lexically_relative(root);
        files.push_back({file, platform::utf8GenericPath(relative.parent_path() / relative.stem()), video});
    }
    // By full path as a string, as the reference sorts its glob results.
    std::sort(files.begin(), files.end(), [&](const MediaFile& a, const MediaFile& b) { return a.path < b.path; });
    return files;
}

VideoProbe probeVideo(const std::string& path, bool exactCount)
{
    cv::VideoCapture capture = openCapture(path);
    VideoProbe probe;
    probe.size = cv::Size(static_cast<int>(capture.get(cv::CAP_PROP_FRAME_WIDTH)),
                          static_cast<int>(capture.get(cv::CAP_PROP_FRAME_HEIGHT)));
    if (probe.size.empty())
        throw Error("cannot open video " + path + ": no video stream found");
    const double count = capture.get(cv::CAP_PROP_FRAME_COUNT);
    if (!exactCount && std::isfinite(count) && count > 0) {
        probe.frames = static_cast<int>(count);
        return probe;
    }
    while (capture.grab())
        ++probe.frames;
    if (probe.frames == 0)
        throw Error("video " + path + " has no frames that can be decoded");
    return probe;
}

cv::Mat readMediaFrame(const MediaFrame& item, int imreadFlags)
{
    if (item.frame < 0) {
        std::error_code ec;
        if (!fs::is_regular_file(platform::fsPath(item.path), ec))
            throw Error("image not found: " + item.path);
        cv::Mat image = readImageFile(item.path, imreadFlags);
        if (image.empty())
            throw Error("cannot read image " + item.path + ": not an image OpenCV can decode, or the file is damaged");
        return image;
    }
    cv::Mat frame = readVideoFrame(item.path, item.frame);
    if (imreadFlags == cv::IMREAD_GRAYSCALE && frame.channels() == 3)
        cv::cvtColor(frame, frame, cv::COLOR_BGR2GRAY);
    return frame;
}

}  // namespace ms
