#include "infer/Alignment.h"

#include "core/Error.h"

#include <opencv2/calib3d.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace ms {
namespace {

constexpr double KeepFraction = 0.15;  // the reference keeps the best 15% of matches
constexpr size_t MinMatches = 4;       // a homography needs four correspondences

// (3,H,W) float CPU -> HxW float32 RGB Mat (a copy).
cv::Mat toFloatMat(const torch::Tensor& chw)
{
    torch::Tensor hwc = chw.permute({1, 2, 0}).contiguous();
    return cv::Mat(static_cast<int>(hwc.size(0)), static_cast<int>(hwc.size(1)), CV_32FC3, hwc.data_ptr<float>())
        .clone();
}

// ORB works on 8-bit grey; quantise like the reference (which aligned the decoded 8-bit images).
cv::Mat toGrey8(const cv::Mat& rgbFloat)
{
    cv::Mat bytes, grey;
    rgbFloat.convertTo(bytes, CV_8UC3, 255.0);
    cv::cvtColor(bytes, grey, cv::COLOR_RGB2GRAY);
    return grey;
}

// A homography that folds or collapses the image is worse than none.
bool usable(const cv::Mat& h)
{
    if (h.empty() || !cv::checkRange(h))
        return false;
    const double det = h.at<double>(0, 0) * h.at<double>(1, 1) - h.at<double>(0, 1) * h.at<double>(1, 0);
    return det > 1e-3 && det < 1e3;
}

// Aligns one pair; an empty Mat means "keep the background", with the reason in `why`.
cv::Mat alignOne(const cv::Mat& src, const cv::Mat& bgr, std::string& why)
{
    cv::Ptr<cv::ORB> orb = cv::ORB::create();
    std::vector<cv::KeyPoint> srcPoints, bgrPoints;
    cv::Mat srcDesc, bgrDesc;
    orb->detectAndCompute(toGrey8(src), cv::noArray(), srcPoints, srcDesc);
    orb->detectAndCompute(toGrey8(bgr), cv::noArray(), bgrPoints, bgrDesc);
    if (srcDesc.empty() || bgrDesc.empty()) {
        why = "no ORB keypoints found (" + std::to_string(srcPoints.size()) + " in the source, " +
              std::to_string(bgrPoints.size()) + " in the background)";
        return {};
    }
    std::vector<cv::DMatch> matches;
    cv::BFMatcher(cv::NORM_HAMMING).match(bgrDesc, srcDesc, matches);
    std::sort(matches.begin(), matches.end(),
              [](const cv::DMatch& a, const cv::DMatch& b) { return a.distance < b.distance; });
    matches.resize(static_cast<size_t>(static_cast<double>(matches.size()) * KeepFraction));
    if (matches.size() < MinMatches) {
        why = "only " + std::to_string(matches.size()) + " good keypoint matches (at least 4 are needed)";
        return {};
    }
    std::vector<cv::Point2f> from, to;
    for (const cv::DMatch& m : matches) {
        from.push_back(bgrPoints[m.queryIdx].pt);
        to.push_back(srcPoints[m.trainIdx].pt);
    }
    const cv::Mat h = cv::findHomography(from, to, cv::RANSAC);
    if (!usable(h)) {
        why = "no usable homography from " + std::to_string(matches.size()) + " matches";
        return {};
    }
    cv::Mat warped, covered;
    cv::warpPerspective(bgr, warped, h, src.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    // Where the warp is not fully inside the background (borders, interpolated edges), use src.
    cv::warpPerspective(cv::Mat(bgr.size(), CV_32F, cv::Scalar(1.0)), covered, h, src.size(), cv::INTER_LINEAR,
                        cv::BORDER_CONSTANT);
    cv::Mat outside = covered < 1.0f - 1e-6f;
    src.copyTo(warped, outside);
    return warped;
}

}  // namespace

torch::Tensor alignBackground(const torch::Tensor& src, const torch::Tensor& bgr,
                              const std::function<void(const std::string&)>& warn)
{
    if (src.dim() != 4 || src.size(1) != 3 || bgr.dim() != 4 || bgr.size(1) != 3 || src.size(0) != bgr.size(0))
        throw Error("alignment expects source and background as RGB images (B,3,H,W) of the same batch size");
    const torch::Tensor s = src.detach().to(torch::kCPU, torch::kFloat32);
    const torch::Tensor b = bgr.detach().to(torch::kCPU, torch::kFloat32);
    std::vector<torch::Tensor> aligned;
    for (int64_t i = 0; i < s.size(0); ++i) {
        std::string why;
        cv::Mat out = alignOne(toFloatMat(s[i]), toFloatMat(b[i]), why);
        if (out.empty()) {
            if (warn)
                warn("background alignment skipped: " + why + "; using the background as it is");
            aligned.push_back(b[i].contiguous());
            continue;
        }
        aligned.push_back(
            torch::from_blob(out.data, {out.rows, out.cols, 3}, torch::kFloat32).permute({2, 0, 1}).clone());
    }
    return torch::stack(aligned).to(bgr.device(), bgr.scalar_type());
}

}  // namespace ms
