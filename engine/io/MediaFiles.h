#pragma once
// The files of a training folder: still images (.jpg, .jpeg, .png) and videos, whose frames are
// items of their own; and reading one such item.
#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace ms {

struct MediaFrame {
    std::string path;
    int frame = -1;  // -1: a still image; else the frame index in the video at `path`
};

struct MediaFile {
    std::string path;          // as found below the folder
    std::string relativeStem;  // "sub/name": relative path without extension, '/' separated
    bool video = false;
};

// True for the still-image endings the reference lists (.jpg, .png; also .jpeg; any case).
bool isTrainingImageFile(const std::string& path);

// Every image and video file below `folder`, recursively, sorted by relative path as a string
// (the reference sorts the full paths of one folder, which orders them the same way). Throws
// ms::Error when the folder does not exist.
std::vector<MediaFile> listMediaFiles(const std::string& folder);

struct VideoProbe {
    cv::Size size;
    int frames = 0;
};

// Opens a video and tells its frame size and frame count: the container's count, or, when
// `exactCount` is set or the container does not say, the number of frames that actually decode
// (slow for long videos). Throws ms::Error naming the file when it cannot be decoded.
VideoProbe probeVideo(const std::string& path, bool exactCount);

// Decodes one item like cv::imread(path, imreadFlags): still images through readImageFile, video frames
// converted to grey when the flags ask for it. Throws ms::Error naming the file (and frame) when it
// cannot be read. Video frames are read through a small per-thread cache of open videos, so
// consecutive frames of one video cost one decode each; far jumps seek.
cv::Mat readMediaFrame(const MediaFrame& item, int imreadFlags);

}  // namespace ms
