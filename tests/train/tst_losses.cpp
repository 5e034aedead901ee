// The training losses against an independent PyTorch computation of spec 4.4 on fixed tensors.
#include "TestSupport.h"

#include "model/MattingModel.h"
#include "model/OutputClamp.h"
#include "train/Losses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <fstream>

class TestLosses : public QObject {
    Q_OBJECT

    std::map<std::string, torch::Tensor> inputs;
    QJsonObject expected;

    static void writeBin(const std::string& path, const torch::Tensor& t)
    {
        const torch::Tensor c = t.contiguous().to(torch::kFloat32);
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(c.data_ptr<float>()), c.numel() * sizeof(float));
    }

    ms::MattingOutput prediction() const
    {
        ms::MattingOutput out;
        out.pha = inputs.at("pha");
        out.fgr = inputs.at("fgr");
        out.err = inputs.at("err");
        out.phaSm = inputs.at("pha_sm");
        out.fgrSm = inputs.at("fgr_sm");
        out.errSm = inputs.at("err_sm");
        return out;
    }

    void compare(const ms::LossTerms& terms, const QJsonObject& want)
    {
        for (const auto& [name, value] : terms.terms) {
            QVERIFY2(want.contains(QString::fromStdString(name)), name.c_str());
            const double w = want[QString::fromStdString(name)].toDouble();
            const double got = value.item<double>();
            QVERIFY2(std::abs(got - w) <= 1e-6 + 1e-5 * std::abs(w),
                     qPrintable(QString("%1: %2 vs %3").arg(QString::fromStdString(name)).arg(got).arg(w)));
        }
        QCOMPARE(static_cast<int>(terms.terms.size()), static_cast<int>(want.size()) - 1);
        const double total = want["total"].toDouble();
        QVERIFY(std::abs(terms.total.item<double>() - total) <= 1e-5 * std::abs(total));
    }

private Q_SLOTS:
    // The alpha clamp with its gradient passed: the same values bit for bit, a gradient of one
    // where the plain clamp gives zero; a model applies it only in training and only when asked.
    void alphaClampPassesGradientOnlyWhenAsked()
    {
        const torch::Tensor x = torch::tensor({-2.0f, -0.25f, 0.0f, 0.3f, 1.0f, 1.7f}).requires_grad_();
        const torch::Tensor plain = ms::clampUnit(x, false), through = ms::clampUnit(x, true);
        QVERIFY(torch::equal(plain, through));
        const torch::Tensor plainGrad = torch::autograd::grad({plain.sum()}, {x})[0];
        const torch::Tensor throughGrad = torch::autograd::grad({through.sum()}, {x})[0];
        QVERIFY(torch::equal(plainGrad, torch::tensor({0.0f, 0.0f, 1.0f, 1.0f, 1.0f, 0.0f})));
        QVERIFY(torch::equal(throughGrad, torch::ones({6})));

        torch::manual_seed(4);
        ms::ModelSpec spec;
        spec.backbone = ms::Backbone::MobileNetV2;
        auto model = ms::createModel(spec);
        const torch::Tensor src = torch::rand({2, 3, 64, 64}), bgr = torch::rand({2, 3, 64, 64});
        model->train();
        torch::manual_seed(5);
        const ms::MattingOutput before = model->forward(src, bgr);
        const torch::Tensor gradBefore =
            torch::autograd::grad({before.pha.sum()}, {model->parameters().back()}, {}, true, false, true)[0];
        model->setAlphaGradientThroughClamp(true);
        torch::manual_seed(5);
        const ms::MattingOutput after = model->forward(src, bgr);
        QVERIFY(torch::equal(before.pha, after.pha));
        // Some alpha values lie outside [0, 1] at initialisation, so the gradients differ.
        QVERIFY((before.pha.detach() == 0).any().item<bool>() || (before.pha.detach() == 1).any().item<bool>());
        const torch::Tensor gradAfter =
            torch::autograd::grad({after.pha.sum()}, {model->parameters().back()}, {}, true, false, true)[0];
        QVERIFY(gradBefore.defined() && gradAfter.defined() && !torch::equal(gradBefore, gradAfter));
    }

    void initTestCase()
    {
        MSTEST_REQUIRE(mstest::pythonTorchAvailable(),
                       "python3 with torch for the independent loss values (Debian: python3-torch)");
        torch::manual_seed(7);
        auto alpha = [](std::vector<int64_t> shape) {
            // Values in [0,1] with exact zeros (background) and ones, as real alphas have.
            return (torch::rand(shape) * 1.6 - 0.3).clamp(0, 1);
        };
        inputs = {{"pha", alpha({2, 1, 16, 12})},
                  {"fgr", torch::rand({2, 3, 16, 12})},
                  {"err", torch::rand({2, 1, 16, 12})},
                  {"true_pha", alpha({2, 1, 16, 12})},
                  {"true_fgr", torch::rand({2, 3, 16, 12})},
                  {"pha_sm", alpha({2, 1, 4, 3})},
                  {"fgr_sm", torch::rand({2, 3, 4, 3})},
                  {"err_sm", torch::rand({2, 1, 4, 3})}};
        const std::string dir = mstest::scratchDir("losses");
        QJsonObject shapes;
        for (const auto& [name, t] : inputs) {
            writeBin(dir + "/" + name + ".bin", t);
            QJsonArray dims;
            for (auto d : t.sizes())
                dims.append(static_cast<qint64>(d));
            shapes[QString::fromStdString(name)] = dims;
        }
        QFile f(QString::fromStdString(dir + "/shapes.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(shapes).toJson());
        f.close();
        QProcess python;
        python.start(MS_PYTHON, {QString(MS_TEST_SCRIPTS_DIR) + "/reference_losses.py", QString::fromStdString(dir)});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        expected = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        QVERIFY(expected.contains("base"));
    }

    void baseLossMatchesIndependentValues()
    {
        compare(ms::baseLoss(prediction(), inputs["true_pha"], inputs["true_fgr"]), expected["base"].toObject());
    }

    void refineLossMatchesIndependentValues()
    {
        compare(ms::refineLoss(prediction(), inputs["true_pha"], inputs["true_fgr"]), expected["refine"].toObject());
    }

    void sobelOfFlatImageIsEpsilon()
    {
        const torch::Tensor g = ms::sobelMagnitude(torch::full({1, 1, 4, 4}, 0.5f));
        QVERIFY(std::abs(g[0][0][1][1].item<double>() - expected["sobel_flat"].toDouble()) < 1e-7);
        QVERIFY(std::abs(g[0][0][1][1].item<double>() - 1e-3) < 1e-6);
    }

    void baseErrorTargetIsDetached()
    {
        // The error-map term must not push gradients into alpha in MattingBase (it does in refine).
        ms::MattingOutput out = prediction();
        out.pha = out.pha.clone().requires_grad_(true);
        const torch::Tensor truth = inputs["true_pha"], fgr = inputs["true_fgr"];
        const ms::LossTerms terms = ms::baseLoss(out, truth, fgr);
        const torch::Tensor errTerm = terms.terms.back().second;
        QCOMPARE(QString::fromStdString(terms.terms.back().first), QString("err_mse"));
        QVERIFY(!errTerm.requires_grad());

        ms::MattingOutput r = prediction();
        r.phaSm = r.phaSm.clone().requires_grad_(true);
        const ms::LossTerms refine = ms::refineLoss(r, truth, fgr);
        torch::Tensor refineErr = refine.terms.back().second;
        refineErr.backward();
        QVERIFY(r.phaSm.grad().defined() && r.phaSm.grad().abs().sum().item<double>() > 0);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestLosses)
#include "tst_losses.moc"
