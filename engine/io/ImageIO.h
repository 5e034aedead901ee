#pragma once
#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <string>

namespace ms {

// Reads an image file as the reference feeds it: RGB, float32(value) / 255 (a true division),
// shape (1,3,H,W). 16-bit files are scaled by 1/65535; alpha is dropped; grey is expanded.
// Throws ms::Error naming the file when it is missing or not a readable image.
torch::Tensor readImageRgb(const std::string& path);
// The same image as integers, (1,3,H,W): uint8, or int32 holding 16-bit values. A quarter of the
// float image's memory while it waits in a queue; pixelsToUnitFloat makes it what readImageRgb gives.
torch::Tensor readImagePixels(const std::string& path);
// uint8 / 255 or int32 (16-bit) / 65535 as float32; floating tensors are returned unchanged.
torch::Tensor pixelsToUnitFloat(const torch::Tensor& pixels);

// Converts (1,C,H,W) or (C,H,W) values in [0,1] to 8 bits like torchvision's to_pil_image
// (uint8(v * 255), truncating), or to 16 bits (uint16(v * 65535)). Returns an OpenCV image in
// OpenCV channel order (BGR / BGRA / grey).
cv::Mat toCvImage(const torch::Tensor& image, int bitDepth = 8);

// cv::imread for a UTF-8 path on every system: the bytes come through the platform layer and
// cv::imdecode decodes them (imread takes the name in the ANSI code page on Windows). Empty when
// the file is missing, unreadable or not an image, like imread.
cv::Mat readImageFile(const std::string& path, int imreadFlags);

// Writes atomically (AtomicFile: temporary file and rename, without a flush to the disk per file),
// encoded by cv::imencode from the extension. JPEG quality 75 like PIL's default.
void writeImage(const std::string& path, const cv::Mat& image);

}  // namespace ms
