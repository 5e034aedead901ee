#include "infer/LiveSource.h"

#include "core/Error.h"
#include "io/VideoIO.h"
#include "platform/Paths.h"

#include <cmath>
#include <filesystem>
#include <thread>

namespace ms {

LiveSource::LiveSource(LiveSourceOptions options)
    : m_options(std::move(options))
{
    if (m_options.kind == LiveSourceOptions::Kind::File) {
        openFile();
    } else {
        if (!m_capture.open(m_options.camera, cv::CAP_ANY))
            throw Error("cannot open camera " + std::to_string(m_options.camera) +
                        ": no such camera, or it is in use by another program");
        if (m_options.width > 0 && m_options.height > 0) {
            m_capture.set(cv::CAP_PROP_FRAME_WIDTH, m_options.width);
            m_capture.set(cv::CAP_PROP_FRAME_HEIGHT, m_options.height);
        }
        const double fps = m_capture.get(cv::CAP_PROP_FPS);
        m_fps = std::isfinite(fps) && fps > 0 ? fps : 30;
    }
    // The first frame tells the real size (cameras may not honour the requested one).
    cv::Mat first;
    if (!readRaw(first))
        throw Error(describe() + " delivers no frames");
    m_size = first.size();
    if (m_options.width > 0 && m_options.height > 0)
        m_size = cv::Size(m_options.width, m_options.height);
    if (m_options.kind == LiveSourceOptions::Kind::File)
        openFile();  // from the first frame again
}

void LiveSource::openFile()
{
    openVideoFile(m_capture, m_options.file);
    const double fps = m_capture.get(cv::CAP_PROP_FPS);
    m_fps = m_options.fps > 0 ? m_options.fps : (std::isfinite(fps) && fps > 0 ? fps : 25);
}

std::string LiveSource::describe() const
{
    if (m_options.kind == LiveSourceOptions::Kind::Camera)
        return "camera " + std::to_string(m_options.camera);
    return platform::utf8Path(platform::fsPath(m_options.file).filename()) + " (standing in for a camera)";
}

bool LiveSource::readRaw(cv::Mat& frame)
{
    if (!m_capture.read(frame) || frame.empty())
        return false;
    toBgr8(frame);
    return true;
}

bool LiveSource::read(cv::Mat& frame)
{
    if (m_options.kind == LiveSourceOptions::Kind::File) {
        // A camera delivers frames at its own rate; a file is read as fast as it decodes, so it
        // waits here until the frame is due.
        const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / m_fps));
        if (!m_started) {
            m_next = Clock::now();
            m_started = true;
        }
        std::this_thread::sleep_until(m_next);
        m_next += period;
        if (Clock::now() > m_next + 4 * period)
            m_next = Clock::now();  // decoding fell behind: no burst of catch-up frames
        if (!readRaw(frame)) {
            if (!m_options.loop)
                return false;
            openFile();
            if (!readRaw(frame))
                return false;
        }
    } else if (!readRaw(frame)) {
        return false;
    }
    if (frame.size() != m_size)
        frame = resizeFrame(frame, m_size.width, m_size.height);
    return true;
}

}  // namespace ms
