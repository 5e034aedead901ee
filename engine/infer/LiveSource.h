#pragma once
// Where the live view's frames come from: a camera through OpenCV's VideoCapture, or a video file
// that stands in for one (paced at its frame rate, looping), so both drive the same pipeline.
#include "core/Stopwatch.h"

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include <string>

namespace ms {

struct LiveSourceOptions {
    enum class Kind { Camera, File };
    Kind kind = Kind::File;
    int camera = 0;             // camera index, as the operating system numbers them
    std::string file;           // video file standing in for a camera
    int width = 0, height = 0;  // both > 0: frames are delivered at this size (cameras are asked for it first)
    bool loop = true;           // file: starts again at the end, as a camera never ends
    double fps = 0;             // file: pace; 0: the file's own rate (25 when it does not say)
};

class LiveSource {
public:
    // Opens the camera or the file; throws ms::Error saying which one cannot be opened.
    explicit LiveSource(LiveSourceOptions options);

    // The next frame (8-bit BGR). A camera blocks until it has one; a file waits until the frame
    // is due at its pace. False at the end of a file that does not loop, or when the camera fails.
    bool read(cv::Mat& frame);
    double fps() const { return m_fps; }
    cv::Size size() const { return m_size; }
    std::string describe() const;

private:
    bool readRaw(cv::Mat& frame);
    void openFile();

    LiveSourceOptions m_options;
    cv::VideoCapture m_capture;
    double m_fps = 25;
    cv::Size m_size;
    Clock::time_point m_next;  // file: when the next frame is due
    bool m_started = false;
};

}  // namespace ms
