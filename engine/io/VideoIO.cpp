#include "io/VideoIO.h"

#include "core/Error.h"
#include "io/ImageIO.h"
#include "platform/Files.h"
#include "platform/Paths.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>

namespace ms {

namespace {

// The name OpenCV's video classes can open (see openVideoFile); throws when Windows has none.
std::string narrowVideoPath(const std::string& path, const std::string& shown, const char* action)
{
    std::string narrow = platform::narrowPathForLibraries(path);
    if (narrow.empty())
        throw Error(std::string("cannot ") + action + " video " + shown +
                    ": OpenCV's video library takes this name only "
                    "through its Windows short (8.3) name, and this drive keeps none; rename the file or its folder "
                    "with letters of the system's code page");
    return narrow;
}

}  // namespace

void openVideoFile(cv::VideoCapture& capture, const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(platform::fsPath(path), ec))
        throw Error("video not found: " + path);
    const std::string narrow = narrowVideoPath(path, path, "open");
    capture.release();
    if (!capture.open(narrow, cv::CAP_FFMPEG))
        capture.open(narrow, cv::CAP_ANY);
    if (!capture.isOpened())
        throw Error("cannot open video " + path + ": not a video OpenCV can decode, or the file is damaged");
}

bool hasVideoExtension(const std::string& path)
{
    const std::string ext = platform::lowerExtension(platform::fsPath(path));
    for (const char* known : {".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".wmv", ".flv", ".ts",
                              ".mts", ".ogv", ".gif"})
        if (ext == known)
            return true;
    return false;
}

VideoReader::VideoReader(const std::string& path)
    : m_path(path)
{
    open();
}

void VideoReader::open()
{
    openVideoFile(m_capture, m_path);
    m_info.width = static_cast<int>(m_capture.get(cv::CAP_PROP_FRAME_WIDTH));
    m_info.height = static_cast<int>(m_capture.get(cv::CAP_PROP_FRAME_HEIGHT));
    const double fps = m_capture.get(cv::CAP_PROP_FPS);
    m_info.fps = std::isfinite(fps) && fps > 0 ? fps : 0;
    const double count = m_capture.get(cv::CAP_PROP_FRAME_COUNT);
    m_info.frameCount = std::isfinite(count) && count > 0 ? static_cast<int>(count) : 0;
    if (m_info.width <= 0 || m_info.height <= 0)
        throw Error("cannot open video " + m_path + ": no video stream found");
}

bool VideoReader::read(cv::Mat& frame)
{
    if (!m_capture.read(frame) || frame.empty())
        return false;
    ++m_position;
    toBgr8(frame);
    return true;
}

void toBgr8(cv::Mat& frame)
{
    if (frame.depth() != CV_8U)
        frame.convertTo(frame, CV_8U, frame.depth() == CV_16U ? 1.0 / 257 : 1.0);
    if (frame.channels() == 1)
        cv::cvtColor(frame, frame, cv::COLOR_GRAY2BGR);
    else if (frame.channels() == 4)
        cv::cvtColor(frame, frame, cv::COLOR_BGRA2BGR);
}

void VideoReader::rewind()
{
    m_position = 0;
    if (m_capture.set(cv::CAP_PROP_POS_FRAMES, 0) && m_capture.get(cv::CAP_PROP_POS_FRAMES) == 0)
        return;
    m_capture.release();
    open();
}

bool VideoReader::seek(int index)
{
    if (index < 0)
        return false;
    if (index == m_position)
        return true;
    // A short step forward decodes the frames between (exact); a jump asks the demuxer to seek,
    // which FFmpeg does frame-exactly for the files it writes.
    constexpr int DecodeAhead = 12;
    if (index < m_position || index - m_position > DecodeAhead) {
        if (m_capture.set(cv::CAP_PROP_POS_FRAMES, index) &&
            static_cast<int>(m_capture.get(cv::CAP_PROP_POS_FRAMES)) == index) {
            m_position = index;
            return true;
        }
        rewind();
    }
    for (; m_position < index; ++m_position)
        if (!m_capture.grab())
            return false;
    return true;
}

cv::Mat resizeFrame(const cv::Mat& frame, int width, int height)
{
    if (width <= 0 || height <= 0 || (frame.cols == width && frame.rows == height))
        return frame;
    const bool shrinking = width < frame.cols || height < frame.rows;
    cv::Mat out;
    cv::resize(frame, out, cv::Size(width, height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return out;
}

torch::Tensor frameToPixels(const cv::Mat& frame)
{
    cv::Mat rgb;
    cv::cvtColor(frame, rgb, frame.channels() == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_BGR2RGB);
    const torch::Tensor t = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kUInt8);
    return t.permute({2, 0, 1}).unsqueeze(0).contiguous();  // the copy owns its memory
}

torch::Tensor frameToTensor(const cv::Mat& frame) { return pixelsToUnitFloat(frameToPixels(frame)); }

VideoFileWriter::VideoFileWriter(std::string path, double fps, cv::Size size)
    : m_path(std::move(path))
    , m_size(size)
{
    namespace fs = std::filesystem;
    const fs::path target = platform::fsPath(m_path);
    std::error_code ec;
    if (target.has_parent_path())
        fs::create_directories(target.parent_path(), ec);
    // An ASCII name for the temporary, so that only its folder needs a short name on Windows; it
    // keeps the extension, from which OpenCV picks the container.
    const std::string name = platform::utf8Path(target.filename());
    const bool ascii =
        std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const std::string tempName =
        ascii ? name : std::to_string(std::hash<std::string>{}(name)) + platform::utf8Path(target.extension());
    m_temp = platform::utf8Path(target.parent_path() / (".partial-" + tempName));
    const std::string narrow = narrowVideoPath(m_temp, m_path, "create");
    const int fourcc = cv::VideoWriter::fourcc('m', 'p', '4', 'v');
    if (!m_writer.open(narrow, cv::CAP_FFMPEG, fourcc, fps, size, true))
        m_writer.open(narrow, cv::CAP_ANY, fourcc, fps, size, true);
    if (!m_writer.isOpened())
        throw Error("cannot create video " + m_path + " (" + std::to_string(size.width) + "x" +
                    std::to_string(size.height) +
                    ", mp4v): is the folder writable, and does this OpenCV have an "
                    "MPEG-4 encoder?");
}

VideoFileWriter::~VideoFileWriter()
{
    if (m_done)
        return;
    m_writer.release();
    std::error_code ec;
    std::filesystem::remove(platform::fsPath(m_temp), ec);
}

void VideoFileWriter::write(const cv::Mat& frame)
{
    if (frame.cols != m_size.width || frame.rows != m_size.height || frame.depth() != CV_8U)
        throw Error("cannot write a frame to " + m_path + ": expected 8-bit " + std::to_string(m_size.width) + "x" +
                    std::to_string(m_size.height));
    if (frame.channels() == 1) {
        // The reference's cvtColor(RGB2BGR) fails on one channel; grey goes out as three equal channels.
        cv::Mat bgr;
        cv::cvtColor(frame, bgr, cv::COLOR_GRAY2BGR);
        m_writer.write(bgr);
    } else {
        m_writer.write(frame);
    }
    ++m_frames;
}

void VideoFileWriter::finish()
{
    if (m_done)
        return;
    m_writer.release();
    std::error_code ec;
    if (!platform::replaceFile(m_temp, m_path, ec)) {
        const std::string why = platform::describe(ec);
        std::filesystem::remove(platform::fsPath(m_temp), ec);
        m_done = true;
        throw Error("cannot write " + m_path + ": " + why);
    }
    m_done = true;
}

}  // namespace ms
