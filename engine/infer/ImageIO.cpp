#include "infer/ImageIO.h"

#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

namespace ms {

torch::Tensor readImagePixels(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw Error("image not found: " + path);
    cv::Mat image = cv::imread(path, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH);
    if (image.empty())
        throw Error("cannot read image " + path + ": not an image OpenCV can decode, or the file is damaged");
    cv::Mat rgb;
    switch (image.channels()) {
    case 1: cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB); break;
    case 3: cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(image, rgb, cv::COLOR_BGRA2RGB); break;
    default: throw Error("cannot read image " + path + ": unsupported channel count");
    }
    torch::Tensor t;
    if (rgb.depth() == CV_8U) {
        t = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kUInt8);
    } else if (rgb.depth() == CV_16U) {
        rgb.convertTo(rgb, CV_32S);  // LibTorch 1.13 has no uint16
        t = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kInt32);
    } else {
        throw Error("cannot read image " + path + ": only 8- and 16-bit images are supported");
    }
    return t.permute({2, 0, 1}).unsqueeze(0).contiguous();  // the copy owns its memory
}

torch::Tensor pixelsToUnitFloat(const torch::Tensor& pixels)
{
    if (pixels.is_floating_point())
        return pixels;
    const double scale = pixels.scalar_type() == torch::kUInt8 ? 255.0 : 65535.0;
    // reference: ToTensor divides (float(value) / 255), it does not multiply by 1/255.
    return pixels.to(torch::kFloat32).div(scale);
}

torch::Tensor readImageRgb(const std::string& path)
{
    return pixelsToUnitFloat(readImagePixels(path));
}

cv::Mat toCvImage(const torch::Tensor& image, int bitDepth)
{
    torch::Tensor t = image.detach().to(torch::kCPU, torch::kFloat32);
    if (t.dim() == 4)
        t = t.squeeze(0);
    const int channels = static_cast<int>(t.size(0));
    const double scale = bitDepth == 16 ? 65535.0 : 255.0;
    // reference: to_pil_image truncates (v * 255).byte(); clamp first so noise cannot wrap around.
    // Scaled in planar order (contiguous, one temporary), interleaved only once it is 8 or 32 bit.
    torch::Tensor scaled = t.mul(scale).clamp_(0, scale);
    scaled = (bitDepth == 16 ? scaled.to(torch::kInt32) : scaled.to(torch::kUInt8)).permute({1, 2, 0}).contiguous();
    const int height = static_cast<int>(scaled.size(0)), width = static_cast<int>(scaled.size(1));
    cv::Mat view;
    if (bitDepth == 16)
        cv::Mat(height, width, CV_32SC(channels), scaled.data_ptr<int32_t>()).convertTo(view, CV_16U);
    else
        view = cv::Mat(height, width, CV_8UC(channels), scaled.data_ptr<uint8_t>());
    cv::Mat mat;  // owns its pixels: the tensor's memory goes away on return
    if (channels == 3)
        cv::cvtColor(view, mat, cv::COLOR_RGB2BGR);
    else if (channels == 4)
        cv::cvtColor(view, mat, cv::COLOR_RGBA2BGRA);
    else
        mat = view.clone();
    return mat;
}

void writeImage(const std::string& path, const cv::Mat& image)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path())
        fs::create_directories(target.parent_path(), ec);
    // The temporary keeps the extension: OpenCV picks the encoder from it.
    const fs::path temp = target.parent_path() / (".partial-" + target.filename().string());
    std::vector<int> params;
    const std::string ext = target.extension().string();
    if (ext == ".jpg" || ext == ".jpeg")
        params = {cv::IMWRITE_JPEG_QUALITY, 75};
    bool ok = false;
    try {
        ok = cv::imwrite(temp.string(), image, params);
    } catch (const cv::Exception& e) {
        fs::remove(temp.string(), ec);
        throw Error("cannot write " + path + ": " + e.what());
    }
    if (!ok) {
        fs::remove(temp.string(), ec);
        throw Error("cannot write " + path + " (is the disk full or the folder read-only?)");
    }
    fs::rename(temp.string(), target, ec);
    if (ec) {
        fs::remove(temp.string(), ec);
        throw Error("cannot write " + path + ": " + ec.message());
    }
}

} // namespace ms
