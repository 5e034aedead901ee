#include "infer/ImageIO.h"

#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

namespace ms {

torch::Tensor readImageRgb(const std::string& path)
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
    double scale = 255.0;
    if (rgb.depth() == CV_8U) {
        t = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kUInt8);
    } else if (rgb.depth() == CV_16U) {
        cv::Mat wide;
        rgb.convertTo(wide, CV_32S);
        t = torch::from_blob(wide.data, {wide.rows, wide.cols, 3}, torch::kInt32).clone();
        scale = 65535.0;
    } else {
        throw Error("cannot read image " + path + ": only 8- and 16-bit images are supported");
    }
    // reference: ToTensor divides (float(value) / 255), it does not multiply by 1/255.
    return t.permute({2, 0, 1}).unsqueeze(0).to(torch::kFloat32).div(scale).contiguous();
}

cv::Mat toCvImage(const torch::Tensor& image, int bitDepth)
{
    torch::Tensor t = image.detach().to(torch::kCPU, torch::kFloat32);
    if (t.dim() == 4)
        t = t.squeeze(0);
    const int64_t channels = t.size(0);
    const double scale = bitDepth == 16 ? 65535.0 : 255.0;
    // reference: to_pil_image truncates (v * 255).byte(); clamp first so noise cannot wrap around.
    torch::Tensor scaled = t.permute({1, 2, 0}).mul(scale).clamp(0, scale);
    scaled = (bitDepth == 16 ? scaled.to(torch::kInt32) : scaled.to(torch::kUInt8)).contiguous();
    const int height = static_cast<int>(scaled.size(0)), width = static_cast<int>(scaled.size(1));
    cv::Mat mat;
    if (bitDepth == 16) {
        cv::Mat wide(height, width, CV_32SC(static_cast<int>(channels)), scaled.data_ptr<int32_t>());
        wide.convertTo(mat, CV_16U);
    } else {
        mat = cv::Mat(height, width, CV_8UC(static_cast<int>(channels)), scaled.data_ptr<uint8_t>()).clone();
    }
    if (channels == 3)
        cv::cvtColor(mat, mat, cv::COLOR_RGB2BGR);
    else if (channels == 4)
        cv::cvtColor(mat, mat, cv::COLOR_RGBA2BGRA);
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
