// BatchNorm folding: folded and unfolded models agree on the parity fixtures, the state dict (and
// so any checkpoint saved from a folded model) is untouched, and misuse is refused.
#include "ParityFixture.h"

#include "model/BatchNormFolding.h"

namespace {

using Fixture = mstest::ParityFixture;
using mstest::checkpointPath;
using mstest::loadFixture;
using mstest::loadModel;
using mstest::specOf;

ms::MattingOutput run(ms::MattingBase& model, const Fixture& f) { return mstest::runFixture(model, f); }

std::vector<std::pair<std::string, torch::Tensor>> outputsOf(const ms::MattingOutput& o)
{
    std::vector<std::pair<std::string, torch::Tensor>> all{
        {"pha", o.pha},      {"fgr", o.fgr},      {"err", o.err},      {"hid", o.hid},
        {"pha_sm", o.phaSm}, {"fgr_sm", o.fgrSm}, {"err_sm", o.errSm}, {"ref_sm", o.refSm}};
    std::vector<std::pair<std::string, torch::Tensor>> defined;
    for (auto& item : all)
        if (item.second.defined())
            defined.push_back(item);
    return defined;
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

int countBatchNorms(const torch::nn::Module& model)
{
    int n = 0;
    for (const auto& m : model.modules())
        n += m->as<ms::BatchNormLayerImpl>() != nullptr;
    return n;
}

}  // namespace

class TestBnFolding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void foldedMatchesUnfolded_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char* name :
             {"a-base-mobilenetv2", "b-refine-mobilenetv2-sampling", "c-refine-mobilenetv2-full", "d-base-resnet50"})
            QTest::newRow(name) << name;
    }

    void foldedMatchesUnfolded()
    {
        QFETCH(QString, fixture);
        const Fixture f = loadFixture(fixture.toStdString());
        auto model = loadModel(f);
        const ms::MattingOutput plain = run(*model, f);
        const ms::StateDict before = ms::stateDictOf(*model);

        const ms::FoldReport report = ms::foldBatchNorms(*model);
        QCOMPARE(report.folded, countBatchNorms(*model));  // every BN follows a convolution
        QVERIFY(ms::isBatchNormFolded(*model));
        const ms::MattingOutput folded = run(*model, f);
        for (const auto& [name, tensor] : outputsOf(plain)) {
            torch::Tensor got;
            for (const auto& item : outputsOf(folded))
                if (item.first == name)
                    got = item.second;
            QVERIFY2(got.defined(), name.c_str());
            const double d = maxDiff(tensor, got);
            const double mean = (tensor - got).abs().mean().item<double>();
            qInfo("%s %s: max |folded - unfolded| %.3g, mean %.3g", qPrintable(fixture), name.c_str(), d, mean);
            // Folding reorders float32 arithmetic: held to the parity thresholds of the fixtures' README.
            if (name == "ref_sm") {
                QVERIFY2(d == 0.0, "the refined patches must not change");
            } else {
                QVERIFY2(d <= 1e-3, name.c_str());
                QVERIFY2(mean <= 1e-4, name.c_str());
            }
        }

        // The registered parameters and buffers are untouched, bit for bit.
        const ms::StateDict after = ms::stateDictOf(*model);
        QCOMPARE(after.size(), before.size());
        for (const auto& item : before) {
            const torch::Tensor* other = after.find(item.key());
            QVERIFY2(other, item.key().c_str());
            if (item.value().defined())
                QVERIFY2(other->is_same(item.value()) && torch::equal(*other, item.value()), item.key().c_str());
        }

        // Unfolding gives back the original computation exactly.
        ms::unfoldBatchNorms(*model);
        QVERIFY(!ms::isBatchNormFolded(*model));
        QVERIFY(torch::equal(run(*model, f).pha, plain.pha));
    }

    // Saving a folded model writes the original weights: a reload computes the unfolded outputs.
    void savedFoldedModelIsTheOriginalCheckpoint()
    {
        const Fixture f = loadFixture("b-refine-mobilenetv2-sampling");
        auto model = loadModel(f);
        const ms::MattingOutput plain = run(*model, f);
        ms::foldBatchNorms(*model);
        ms::foldBatchNorms(*model);  // twice: still folded once
        const ms::MattingOutput folded = run(*model, f);
        QVERIFY(maxDiff(folded.pha, plain.pha) <= 1e-3);

        const std::string path = mstest::scratchDir("bnfolding") + "/folded.pth";
        ms::writeCheckpointFile(path, ms::stateDictOf(*model), ms::moduleVersions(*model));
        auto reloaded = ms::createModel(specOf(f.manifest));
        const auto report = ms::loadStateDict(*reloaded, ms::readCheckpointFile(path).tensors, ms::LoadMode::Strict);
        QVERIFY(report.isExact());
        reloaded->eval();
        const ms::MattingOutput again = run(*reloaded, f);
        QVERIFY(torch::equal(again.pha, plain.pha));
        QVERIFY(torch::equal(again.fgr, plain.fgr));
    }

    void trainingModelIsRefused()
    {
        ms::ModelSpec spec;
        spec.backbone = ms::Backbone::MobileNetV2;
        auto model = ms::createModel(spec);
        model->train();
        MS_VERIFY_ERROR(ms::foldBatchNorms(*model));
        QVERIFY(!ms::isBatchNormFolded(*model));
    }

    void everyBackbonePairsAllBatchNorms_data()
    {
        QTest::addColumn<QString>("backbone");
        for (const char* name : {"resnet50", "resnet101", "mobilenetv2"})
            QTest::newRow(name) << name;
    }

    void everyBackbonePairsAllBatchNorms()
    {
        QFETCH(QString, backbone);
        ms::ModelSpec spec;
        spec.backbone = *ms::parseBackbone(backbone.toStdString());
        auto model = ms::createModel(spec);
        model->eval();
        const ms::FoldReport report = ms::foldBatchNorms(*model);
        QCOMPARE(report.folded, countBatchNorms(*model));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestBnFolding)
#include "tst_bnfolding.moc"
