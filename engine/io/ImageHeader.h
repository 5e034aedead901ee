#pragma once
#include <opencv2/core.hpp>

#include <string>

namespace ms {

struct ImageHeader {
    cv::Size size;          // empty: missing file, neither format, or a damaged header
    bool complete = false;  // the file ends as it should (PNG: IEND chunk, JPEG: EOI marker)
};

// The pixel size of a PNG or JPEG file from its header, plus a look at its last bytes to catch
// truncated files: a few hundred bytes read, never the pixels, so a dataset of thousands of images
// is checked in a moment. Files are recognised by content, not by name.
ImageHeader readImageHeader(const std::string& path);

}  // namespace ms
