#include "infer/VideoIO.h"

#include "core/Error.h"
#include "infer/ImageIO.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <filesystem>

namespace ms {

bool hasVideoExtension(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* known : {".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".wmv", ".flv", ".ts",
                              ".mts", ".ogv", ".gif"})
        if (ext == known)
            return true;
    return false;
}

VideoReader::VideoReader(const std::string& path)
    : m_path(path)
{
    if (!std::filesystem::is_regular_file(path))
        throw Error("video not found: " + path);
    open();
}

void VideoReader::open()
{
    // FFmpeg first: it reads what its own writer wrote, frame-exactly; other backends as a fallback.
    if (!m_capture.open(m_path, cv::CAP_FFMPEG))
        m_capture.open(m_path, cv::CAP_ANY);
    if (!m_capture.isOpened())
        throw Error("cannot open video " + m_path + ": not a video OpenCV can decode, or the file is damaged");
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
        if (m_capture.set(cv::CAP_PROP_POS_FRAMES, index)
            && static_cast<int>(m_capture.get(cv::CAP_PROP_POS_FRAMES)) == index) {
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

torch::Tensor frameToTensor(const cv::Mat& frame)
{
    return pixelsToUnitFloat(frameToPixels(frame));
}

VideoFileWriter::VideoFileWriter(std::string path, double fps, cv::Size size)
    : m_path(std::move(path))
    , m_size(size)
{
    namespace fs = std::filesystem;
    const fs::path target(m_path);
    std::error_code ec;
    if (target.has_parent_path())
        fs::create_directories(target.parent_path(), ec);
    m_temp = (target.parent_path() / (".partial-" + target.filename().string())).string();
    const int fourcc = cv::VideoWriter::fourcc('m', 'p', '4', 'v');
    if (!m_writer.open(m_temp, cv::CAP_FFMPEG, fourcc, fps, size, true))
        m_writer.open(m_temp, cv::CAP_ANY, fourcc, fps, size, true);
    if (!m_writer.isOpened())
        throw Error("cannot create video " + m_path + " (" + std::to_string(size.width) + "x"
                    + std::to_string(size.height) + ", mp4v): is the folder writable, and does this OpenCV have an "
                    "MPEG-4 encoder?");
}

VideoFileWriter::~VideoFileWriter()
{
    if (m_done)
        return;
    m_writer.release();
    std::error_code ec;
    std::filesystem::remove(m_temp, ec);
}

void VideoFileWriter::write(const cv::Mat& frame)
{
    if (frame.cols != m_size.width || frame.rows != m_size.height || frame.depth() != CV_8U)
        throw Error("cannot write a frame to " + m_path + ": expected 8-bit " + std::to_string(m_size.width) + "x"
                    + std::to_string(m_size.height));
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
    std::filesystem::rename(m_temp, m_path, ec);
    if (ec) {
        const std::string why = ec.message();
        std::filesystem::remove(m_temp, ec);
        m_done = true;
        throw Error("cannot write " + m_path + ": " + why);
    }
    m_done = true;
}

} // namespace ms
