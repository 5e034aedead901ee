// Alpha matting metrics (SAD, MSE, gradient, connectivity): hand-computed cases, and agreement with
// the independent numpy implementation tests/scripts/matting_metrics.py on random alphas.
#include "TestSupport.h"

#include "train/Metrics.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>

namespace {

// (H,W) values -> (1,1,H,W) tensor.
torch::Tensor alpha(const torch::Tensor& hw) { return hw.to(torch::kFloat32).unsqueeze(0).unsqueeze(0); }

bool close(double a, double b, double rel = 1e-4, double abs = 1e-9)
{
    return std::abs(a - b) <= abs + rel * std::max(std::abs(a), std::abs(b));
}

void writeFloats(const std::string& path, const torch::Tensor& t)
{
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(c.data_ptr<float>()),
              static_cast<std::streamsize>(c.numel() * sizeof(float)));
}

#ifdef _WIN32
#define popen _popen
#define pclose _pclose
#endif

std::string runCommand(const std::string& command)
{
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return output;
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, n);
    ::pclose(pipe);
    return output;
}

bool pythonNumpyAvailable()
{
    const std::string cmd = std::string(MS_PYTHON) + " -c 'import numpy' >/dev/null 2>&1";
    return std::string(MS_PYTHON).size() > 0 && std::system(cmd.c_str()) == 0;
}

// Smooth random alphas with solid 0 and 1 areas (like real mattes), and a noisy prediction of them.
std::pair<torch::Tensor, torch::Tensor> randomPair(int64_t batch, int64_t size)
{
    namespace F = torch::nn::functional;
    const auto smooth = [&](int64_t cells) {
        return F::interpolate(torch::rand({batch, 1, cells, cells}), F::InterpolateFuncOptions()
                                                                         .size(std::vector<int64_t>{size, size})
                                                                         .mode(torch::kBilinear)
                                                                         .align_corners(false));
    };
    const torch::Tensor truth = ((smooth(6) - 0.5) * 3 + 0.5).clamp(0, 1);
    const torch::Tensor pred = (truth + (smooth(16) - 0.5) * 0.6 + (torch::rand_like(truth) - 0.5) * 0.1).clamp(0, 1);
    return {pred, truth};
}

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identicalIsZero()
    {
        torch::manual_seed(1);
        const torch::Tensor a = torch::rand({3, 1, 20, 30});
        const ms::MattingMetrics m = ms::computeMattingMetrics(a, a.clone());
        QCOMPARE(m.images, int64_t(3));
        QCOMPARE(m.sad, 0.0);
        QCOMPARE(m.mse, 0.0);
        QCOMPARE(m.grad, 0.0);
        QCOMPARE(m.conn, 0.0);
    }

    void constantOffset()
    {
        // truth in [0, 0.8], pred = truth + 0.1 (never clamped): SAD = 0.1 HW / 1000, MSE = 0.01, and
        // identical gradients.
        torch::manual_seed(2);
        const torch::Tensor truth = torch::rand({2, 1, 16, 24}).mul(0.8);
        const ms::MattingMetrics m = ms::computeMattingMetrics(truth + 0.1, truth);
        QCOMPARE(m.images, int64_t(2));
        QVERIFY(close(m.sad, 2 * 0.1 * 16 * 24 / 1000.0, 1e-6));
        QVERIFY(close(m.mse, 2 * 0.01, 1e-6));
        QVERIFY2(m.grad < 1e-12, std::to_string(m.grad).c_str());
        QVERIFY(m.conn >= 0);
    }

    void stepEdgeGradient()
    {
        // truth: a vertical step (columns 16.. are 1) on 16x32, pred: 0. Only d/dx of the truth is
        // non-zero: with the normalized kernels g, dg (radius 4, sigma 1.4) it is sum(g) times the
        // partial sums of dg across the edge, equal in every row.
        const int h = 16, w = 32, r = 4;
        const double s = 1.4, pi = 3.14159265358979323846;
        std::vector<double> g, dg;
        for (int x = -r; x <= r; ++x) {
            g.push_back(std::exp(-x * x / (2 * s * s)) / (s * std::sqrt(2 * pi)));
            dg.push_back(-x * g.back() / (s * s));
        }
        double gNorm = 0, dgNorm = 0, gSum = 0;
        for (int i = 0; i < 2 * r + 1; ++i) {
            gNorm += g[i] * g[i];
            dgNorm += dg[i] * dg[i];
            gSum += g[i];
        }
        gSum /= std::sqrt(gNorm);
        double rowSum = 0;
        for (int x = 0; x < w; ++x) {
            double response = 0;
            for (int k = -r; k <= r; ++k)
                response += dg[k + r] / std::sqrt(dgNorm) * (std::clamp(x + k, 0, w - 1) >= w / 2 ? 1 : 0);
            rowSum += response * gSum * response * gSum;
        }
        const double expected = h * rowSum / 1000;

        torch::Tensor truth = torch::zeros({h, w});
        truth.narrow(1, w / 2, w / 2).fill_(1);
        const ms::MattingMetrics m = ms::computeMattingMetrics(alpha(torch::zeros({h, w})), alpha(truth));
        QVERIFY2(close(m.grad, expected, 1e-9), (std::to_string(m.grad) + " vs " + std::to_string(expected)).c_str());
        QVERIFY(close(m.grad, 0.31345145610265934, 1e-9));  // the numpy script's value for this case
        QVERIFY(close(m.sad, h * (w / 2) / 1000.0, 1e-12));
        QVERIFY(close(m.mse, 0.5, 1e-12));
        // Symmetric, and the transposed edge gives the same error.
        QVERIFY(close(ms::computeMattingMetrics(alpha(truth), alpha(torch::zeros({h, w}))).grad, expected, 1e-9));
        QVERIFY(close(ms::computeMattingMetrics(alpha(torch::zeros({w, h})), alpha(truth.t().contiguous())).grad,
                      expected, 1e-9));
    }

    void connectivityByHand()
    {
        // One pixel at 0.5 in a field of 1: it leaves the largest component at threshold 0.6, so its
        // level is 0.5; d(pred) = 0 (phi 1), d(truth) = 0.5 (phi 0.5): Conn = 0.5 / 1000.
        torch::Tensor truth = torch::ones({8, 8}), pred = truth.clone();
        pred[3][4] = 0.5;
        QVERIFY(close(ms::computeMattingMetrics(alpha(pred), alpha(truth)).conn, 0.0005, 1e-12));

        // A zero column cuts the prediction in two (80 and 40 pixels): the smaller part and the column
        // get level 0 at threshold 0.1. The part is 1 in both (phi 0 = 0: no error); the column is
        // 0 in pred (phi 1) and 1 in truth (phi 0): Conn = 8 / 1000.
        truth = torch::ones({8, 16});
        pred = truth.clone();
        pred.select(1, 10).fill_(0);
        const ms::MattingMetrics m = ms::computeMattingMetrics(alpha(pred), alpha(truth));
        QVERIFY(close(m.conn, 0.008, 1e-12));
        QVERIFY(close(m.sad, 0.008, 1e-12));
        QVERIFY(close(m.mse, 8.0 / 128, 1e-12));

        // Nothing above the first threshold: every level is 0, phi = 1 - alpha where alpha >= 0.15.
        truth = torch::full({4, 4}, 0.05);
        pred = torch::full({4, 4}, 0.05);
        pred[0][0] = 0.4;  // above 0.1 in pred only: not in the intersection
        QVERIFY(close(ms::computeMattingMetrics(alpha(pred), alpha(truth)).conn, 0.4 / 1000, 1e-6));
    }

    void sumsAndMeans()
    {
        torch::manual_seed(3);
        auto [pred, truth] = randomPair(4, 32);
        const ms::MattingMetrics all = ms::computeMattingMetrics(pred, truth);
        ms::MattingMetrics parts;
        for (int64_t b = 0; b < 4; ++b)
            parts.add(ms::computeMattingMetrics(pred.narrow(0, b, 1), truth.narrow(0, b, 1)));
        QCOMPARE(parts.images, int64_t(4));
        QVERIFY(close(parts.sad, all.sad, 1e-12) && close(parts.mse, all.mse, 1e-12));
        QVERIFY(close(parts.grad, all.grad, 1e-12) && close(parts.conn, all.conn, 1e-12));
        const ms::MattingMetrics mean = all.mean();
        QCOMPARE(mean.images, int64_t(4));
        QVERIFY(close(mean.sad, all.sad / 4, 1e-12) && close(mean.conn, all.conn / 4, 1e-12));
        QCOMPARE(ms::MattingMetrics().mean().sad, 0.0);

        // Any floating dtype, out-of-range values clamped, non-contiguous input.
        const ms::MattingMetrics d = ms::computeMattingMetrics(pred.to(torch::kDouble), truth);
        QVERIFY(close(d.sad, all.sad, 1e-9));
        QCOMPARE(ms::computeMattingMetrics(truth * 3 - 1, (truth * 3 - 1).clamp(0, 1)).sad, 0.0);
        const torch::Tensor wide = torch::rand({2, 1, 10, 12});
        QVERIFY(close(
            ms::computeMattingMetrics(wide.transpose(2, 3), wide.transpose(2, 3).contiguous() * 0.5).sad,
            ms::computeMattingMetrics(wide.transpose(2, 3).contiguous(), wide.transpose(2, 3).contiguous() * 0.5).sad,
            1e-12));
    }

    void rejectsBadInputs()
    {
        const torch::Tensor a = torch::rand({2, 1, 8, 8});
        MS_VERIFY_ERROR(ms::computeMattingMetrics(a, torch::rand({2, 1, 8, 9})));
        MS_VERIFY_ERROR(ms::computeMattingMetrics(a.squeeze(1), a.squeeze(1)));
        MS_VERIFY_ERROR(ms::computeMattingMetrics(torch::rand({2, 3, 8, 8}), torch::rand({2, 3, 8, 8})));
        MS_VERIFY_ERROR(ms::computeMattingMetrics(a.to(torch::kUInt8), a.to(torch::kUInt8)));
        MS_VERIFY_ERROR(ms::computeMattingMetrics(a, torch::Tensor()));
        QCOMPARE(ms::computeMattingMetrics(torch::rand({0, 1, 8, 8}), torch::rand({0, 1, 8, 8})).images, int64_t(0));
    }

    void agreesWithNumpy()
    {
        MSTEST_REQUIRE(pythonNumpyAvailable(), "python3 with numpy (Debian: python3-numpy)");
        torch::manual_seed(4);
        const int64_t batch = 5, size = 64;
        auto [pred, truth] = randomPair(batch - 1, size);
        // Plus one pair of pure noise: many small components, equal sizes (tie-breaking) included.
        pred = torch::cat({pred, torch::rand({1, 1, size, size})});
        truth = torch::cat({truth, torch::rand({1, 1, size, size})});
        const std::string dir = mstest::scratchDir("metrics-numpy");
        writeFloats(dir + "/pred.bin", pred);
        writeFloats(dir + "/true.bin", truth);
        const std::string output = runCommand(
            std::string(MS_PYTHON) + " " + mstest::scriptsDir() + "/matting_metrics.py " + dir + "/pred.bin " + dir +
            "/true.bin " + std::to_string(batch) + " " + std::to_string(size) + " " + std::to_string(size));
        const nlohmann::json reference = nlohmann::json::parse(output, nullptr, false);
        QVERIFY2(reference.is_array() && reference.size() == size_t(batch), output.c_str());

        ms::MattingMetrics sum;
        for (int64_t b = 0; b < batch; ++b) {
            const ms::MattingMetrics m = ms::computeMattingMetrics(pred.narrow(0, b, 1), truth.narrow(0, b, 1));
            const nlohmann::json& r = reference[b];
            const std::string text = "image " + std::to_string(b) + ": C++ " + std::to_string(m.sad) + " " +
                                     std::to_string(m.mse) + " " + std::to_string(m.grad) + " " +
                                     std::to_string(m.conn) + ", numpy " + r.dump();
            QVERIFY2(close(m.sad, r["sad"]) && close(m.mse, r["mse"]) && close(m.grad, r["grad"]) &&
                         close(m.conn, r["conn"]),
                     text.c_str());
            QVERIFY2(m.conn > 0.01 && m.grad > 0.01, text.c_str());  // the cases are not trivial
            sum.add(m);
        }
        const ms::MattingMetrics batched = ms::computeMattingMetrics(pred, truth);
        QVERIFY(close(batched.conn, sum.conn, 1e-12) && close(batched.grad, sum.grad, 1e-12));
    }

    void speed()
    {
        // Validation: 50 images of up to 512x512. Reported, with a loose bound for a busy machine.
        torch::manual_seed(5);
        auto [pred, truth] = randomPair(4, 512);
        const auto start = std::chrono::steady_clock::now();
        ms::computeMattingMetrics(pred, truth);
        const double perImage = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 4;
        qInfo("matting metrics: %.1f ms per 512x512 image", perImage * 1000);
        QVERIFY(perImage < 1.0);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestMetrics)
#include "tst_metrics.moc"
