#include "io/ImageIO.h"

#include "core/Error.h"
#include "io/AtomicFile.h"
#include "platform/Paths.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

namespace ms {

cv::Mat readImageFile(const std::string& path, int imreadFlags)
{
    std::error_code ec;
    const platform::File file = platform::File::open(path, platform::File::Open::Read, ec);
    const uint64_t size = ec ? 0 : file.size(ec);
    if (ec || size == 0 || size > uint64_t(INT32_MAX))  // cv::Mat's rows are an int
        return {};
    std::vector<uchar> bytes(static_cast<size_t>(size));
    size_t done = 0;
    while (done < bytes.size()) {
        const int64_t n = file.readAt(done, bytes.data() + done, bytes.size() - done, ec);
        if (n <= 0)
            return {};
        done += size_t(n);
    }
    try {
        return cv::imdecode(bytes, imreadFlags);
    } catch (const cv::Exception&) {
        return {};  // a decoder that throws on a damaged file, as imread would return empty
    }
}

torch::Tensor readImagePixels(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(platform::fsPath(path), ec))
        throw Error("image not found: " + path);
    cv::Mat image = readImageFile(path, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH);
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

torch::Tensor readImageRgb(const std::string& path) { return pixelsToUnitFloat(readImagePixels(path)); }

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
    const std::filesystem::path target = platform::fsPath(path);
    std::error_code ec;
    if (target.has_parent_path())
        std::filesystem::create_directories(target.parent_path(), ec);
    const std::string ext = platform::lowerExtension(target);
    std::vector<int> params;
    if (ext == ".jpg" || ext == ".jpeg")
        params = {cv::IMWRITE_JPEG_QUALITY, 75};
    std::vector<uchar> bytes;
    bool ok = false;
    try {
        ok = cv::imencode(ext, image, bytes, params);
    } catch (const cv::Exception& e) {
        throw Error("cannot write " + path + ": " + e.what());
    }
    if (!ok)
        throw Error("cannot write " + path + ": OpenCV has no encoder for '" + ext + "' files");
    // Atomic, but not flushed: image sequences and datasets write thousands of files. Throws naming
    // the file and the reason (a full disk, a read-only folder).
    AtomicFile out(path, AtomicFile::Durability::RenameOnly);
    out.write(bytes.data(), bytes.size());
    out.commit();
}

}  // namespace ms
