#pragma once
// Small helpers for the data tests: writing tiny images, videos and datasets.
#include "TestSupport.h"
#include "data/SyntheticDataset.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace mstest {

inline void writePng(const std::string& path, const cv::Mat& image)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    if (!cv::imwrite(path, image))
        throw std::runtime_error("cannot write " + path);
}

inline cv::Mat solid(int w, int h, int type, cv::Scalar value) { return cv::Mat(h, w, type, value); }

// An MJPG .avi whose frame i is a flat colour of value `base + step * i` (grey when `grey`).
inline void writeVideo(const std::string& path, int frames, int w, int h, int base, int step)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10, cv::Size(w, h));
    if (!writer.isOpened())
        throw std::runtime_error("cannot write video " + path);
    for (int i = 0; i < frames; ++i)
        writer.write(cv::Mat(h, w, CV_8UC3, cv::Scalar::all(base + step * i)));
}

// Options for a small synthetic dataset (backgrounds 0: as many as pairs).
inline ms::SyntheticDatasetOptions syntheticOptions(int train, int valid, int width, int height, int backgrounds = 0)
{
    ms::SyntheticDatasetOptions o;
    o.trainCount = train;
    o.validCount = valid;
    o.width = width;
    o.height = height;
    o.backgroundCount = backgrounds;
    return o;
}

// Writes a synthetic dataset into a fresh folder `dir` (removed first).
inline ms::DatasetConfig freshSyntheticDataset(const std::string& dir, const ms::SyntheticDatasetOptions& o)
{
    std::filesystem::remove_all(dir);
    return ms::writeSyntheticDataset(dir, o);
}

}  // namespace mstest
