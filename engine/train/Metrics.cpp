#include "train/Metrics.h"

#include "core/Error.h"

#include <ATen/Parallel.h>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <sstream>

namespace ms {

namespace {

constexpr double kGradSigma = 1.4;
constexpr double kGradEpsilon = 0.01;  // the kernel is cut where the Gaussian falls below this
constexpr int kConnSteps = 10;         // thresholds 0.1, 0.2, ..., 1.0
constexpr double kConnStep = 0.1;
constexpr double kConnMinDistance = 0.15;  // d below this counts as connected (phi = 1)

// The normalized 1-D Gaussian and Gaussian-derivative kernels (1 x (2r+1), CV_64F). The 2-D kernel
// g(i) dg(j) has L2 norm |g| |dg|, so normalizing each factor normalizes the product.
struct GaussKernels {
    cv::Mat smooth, derivative;
};

const GaussKernels& gaussKernels()
{
    static const GaussKernels kernels = [] {
        const double s = kGradSigma, pi = 3.14159265358979323846;
        const int r = static_cast<int>(std::ceil(s * std::sqrt(-2 * std::log(std::sqrt(2 * pi) * s * kGradEpsilon))));
        GaussKernels k{cv::Mat(1, 2 * r + 1, CV_64F), cv::Mat(1, 2 * r + 1, CV_64F)};
        for (int x = -r; x <= r; ++x) {
            const double g = std::exp(-x * x / (2 * s * s)) / (s * std::sqrt(2 * pi));
            k.smooth.at<double>(x + r) = g;
            k.derivative.at<double>(x + r) = -x * g / (s * s);
        }
        k.smooth /= cv::norm(k.smooth);
        k.derivative /= cv::norm(k.derivative);
        return k;
    }();
    return kernels;
}

// |G a|: filter2D correlates instead of convolving, which only flips the derivative's sign.
cv::Mat gradientMagnitude(const cv::Mat& alpha)
{
    const GaussKernels& k = gaussKernels();
    cv::Mat gx, gy, magnitude;
    cv::sepFilter2D(alpha, gx, CV_64F, k.derivative, k.smooth, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
    cv::sepFilter2D(alpha, gy, CV_64F, k.smooth, k.derivative, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
    cv::magnitude(gx, gy, magnitude);
    return magnitude;
}

// Label of the largest component (1..n-1), 0 when there is none; ties go to the component whose
// first pixel comes first in row-major order, so results do not depend on OpenCV's labelling order.
int largestComponent(int n, const cv::Mat& labels, const cv::Mat& stats)
{
    int best = 0, bestArea = 0, ties = 0;
    for (int label = 1; label < n; ++label) {
        const int area = stats.at<int>(label, cv::CC_STAT_AREA);
        if (area > bestArea) {
            best = label;
            bestArea = area;
            ties = 1;
        } else if (area == bestArea) {
            ++ties;
        }
    }
    if (ties <= 1)
        return best;
    const int* l = labels.ptr<int>();
    for (size_t i = 0, count = labels.total(); i < count; ++i)
        if (l[i] > 0 && stats.at<int>(l[i], cv::CC_STAT_AREA) == bestArea)
            return l[i];
    return best;
}

double connectivityError(const cv::Mat& pred, const cv::Mat& truth)
{
    const size_t count = pred.total();
    const double* p = pred.ptr<double>();
    const double* t = truth.ptr<double>();
    std::vector<double> level(count, -1.0);  // -1: still connected at every threshold so far
    cv::Mat mask(pred.size(), CV_8U), labels, stats, centroids;
    uint8_t* m = mask.ptr<uint8_t>();
    for (int i = 1; i <= kConnSteps; ++i) {
        const double threshold = i * kConnStep;
        for (size_t k = 0; k < count; ++k)
            m[k] = p[k] >= threshold && t[k] >= threshold;
        const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 4, CV_32S);
        const int best = largestComponent(n, labels, stats);
        const int* l = labels.ptr<int>();
        const double lost = (i - 1) * kConnStep;
        for (size_t k = 0; k < count; ++k)
            if (level[k] < 0 && (best == 0 || l[k] != best))
                level[k] = lost;
    }
    double sum = 0;
    for (size_t k = 0; k < count; ++k) {
        const double l = level[k] < 0 ? 1.0 : level[k];
        const double dp = p[k] - l, dt = t[k] - l;
        const double phiP = 1 - (dp >= kConnMinDistance ? dp : 0);
        const double phiT = 1 - (dt >= kConnMinDistance ? dt : 0);
        sum += std::abs(phiP - phiT);
    }
    return sum / 1000;
}

MattingMetrics imageMetrics(const cv::Mat& pred, const cv::Mat& truth)
{
    MattingMetrics m;
    m.sad = cv::norm(pred, truth, cv::NORM_L1) / 1000;
    m.mse = cv::norm(pred, truth, cv::NORM_L2SQR) / static_cast<double>(pred.total());
    m.grad = cv::norm(gradientMagnitude(pred), gradientMagnitude(truth), cv::NORM_L2SQR) / 1000;
    m.conn = connectivityError(pred, truth);
    m.images = 1;
    return m;
}

std::string shapeOf(const torch::Tensor& t)
{
    std::ostringstream s;
    s << t.sizes();
    return s.str();
}

}  // namespace

void MattingMetrics::add(const MattingMetrics& other)
{
    sad += other.sad;
    mse += other.mse;
    grad += other.grad;
    conn += other.conn;
    images += other.images;
}

MattingMetrics MattingMetrics::mean() const
{
    MattingMetrics m;
    m.images = images;
    if (images > 0) {
        const auto n = static_cast<double>(images);
        m.sad = sad / n;
        m.mse = mse / n;
        m.grad = grad / n;
        m.conn = conn / n;
    }
    return m;
}

MattingMetrics computeMattingMetrics(const torch::Tensor& predPha, const torch::Tensor& truePha)
{
    if (!predPha.defined() || !truePha.defined() || predPha.dim() != 4 || predPha.size(1) != 1 ||
        predPha.sizes() != truePha.sizes() || !predPha.is_floating_point() || !truePha.is_floating_point() ||
        predPha.size(2) == 0 || predPha.size(3) == 0)
        throw Error("Matting metrics need two floating-point alphas of the same shape (B,1,H,W); got " +
                    (predPha.defined() ? shapeOf(predPha) : "none") + " and " +
                    (truePha.defined() ? shapeOf(truePha) : "none") + ".");
    auto prepare = [](const torch::Tensor& t) {
        return t.detach().to(torch::kCPU, torch::kDouble).clamp(0, 1).contiguous();
    };
    const torch::Tensor pred = prepare(predPha), truth = prepare(truePha);
    const int64_t batch = pred.size(0);
    const int h = static_cast<int>(pred.size(2)), w = static_cast<int>(pred.size(3));

    std::vector<MattingMetrics> perImage(static_cast<size_t>(batch));
    at::parallel_for(0, batch, 1, [&](int64_t begin, int64_t end) {
        for (int64_t b = begin; b < end; ++b) {
            const int64_t offset = b * h * w;
            const cv::Mat p(h, w, CV_64F, pred.data_ptr<double>() + offset);
            const cv::Mat t(h, w, CV_64F, truth.data_ptr<double>() + offset);
            perImage[static_cast<size_t>(b)] = imageMetrics(p, t);
        }
    });
    MattingMetrics sum;  // added in order: the result does not depend on the thread count
    for (const MattingMetrics& m : perImage)
        sum.add(m);
    return sum;
}

}  // namespace ms
