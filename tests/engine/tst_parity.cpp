// Parity with the Python reference: each fixture's checkpoint, inputs and expected outputs
// (../shared/fixtures/parity, see its README for the comparison and tolerances).
#include "ParityFixture.h"

namespace {

using Fixture = mstest::ParityFixture;
using mstest::checkpointPath;
using mstest::loadFixture;
using mstest::specOf;

ms::MattingOutput run(ms::MattingBase& model, const Fixture& f) { return mstest::runFixture(model, f); }

}  // namespace

class TestParity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The fixtures were made with one intra-op thread; with it, outputs are expected bit-identical.
        torch::set_num_threads(1);
    }

    void inputsDecodeLikeTheReference()
    {
        const Fixture f = loadFixture("a-base-mobilenetv2");
        const double srcSum = mstest::readRgb(f.dir + "/src.png").to(torch::kFloat64).sum().item<double>();
        QVERIFY(std::abs(srcSum - f.manifest["input"]["src_float_sum"].get<double>()) < 1e-6);
    }

    void outputsMatchReference_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char* name :
             {"a-base-mobilenetv2", "b-refine-mobilenetv2-sampling", "c-refine-mobilenetv2-full", "d-base-resnet50"})
            QTest::newRow(name) << name;
    }

    void outputsMatchReference()
    {
        QFETCH(QString, fixture);
        const Fixture f = loadFixture(fixture.toStdString());
        auto model = ms::createModel(specOf(f.manifest));
        const auto file = ms::readCheckpointFile(checkpointPath(f));
        const auto report = ms::loadStateDict(*model, file.tensors, ms::LoadMode::Strict);
        QVERIFY(report.isExact());

        const ms::MattingOutput out = run(*model, f);
        for (const auto& expected : f.manifest.at("outputs")) {
            const std::string name = expected.at("name");
            const auto shape = expected.at("shape").get<std::vector<int64_t>>();
            const torch::Tensor want = mstest::readBin(f.dir + "/" + name + ".bin", shape);
            const torch::Tensor got = ms::referenceOutput(out, name);
            QVERIFY2(got.defined(), name.c_str());
            QCOMPARE(got.sizes().vec(), shape);
            const torch::Tensor diff = (got.to(torch::kFloat32) - want).abs();
            const double maxDiff = diff.max().item<double>(), meanDiff = diff.mean().item<double>();
            qInfo("%s %s: max |d| %.3g, mean |d| %.3g", fixture.toUtf8().constData(), name.c_str(), maxDiff, meanDiff);
            if (name == "ref_sm") {
                QCOMPARE(maxDiff, 0.0);
            } else {
                QVERIFY2(maxDiff <= 1e-3, name.c_str());
                QVERIFY2(meanDiff <= 1e-4, name.c_str());
            }
        }
    }

    void legacyFileGivesSameTensors()
    {
        const Fixture f = loadFixture("a-base-mobilenetv2");
        const auto zip = ms::readCheckpointFile(f.dir + "/model.pth");
        const auto legacy = ms::readCheckpointFile(f.dir + "/model-legacy.pth");
        QCOMPARE(legacy.format, ms::CheckpointFormat::PthLegacy);
        QCOMPARE(legacy.tensors.size(), zip.tensors.size());
        for (const auto& item : zip.tensors) {
            const torch::Tensor* other = legacy.tensors.find(item.key());
            QVERIFY2(other, item.key().c_str());
            QVERIFY2(torch::equal(*other, item.value()), item.key().c_str());
        }
    }

    // A checkpoint written by the engine and read back computes exactly what the original did.
    void engineWrittenCheckpointIsBitIdentical()
    {
        const Fixture f = loadFixture("b-refine-mobilenetv2-sampling");
        const ms::ModelSpec spec = specOf(f.manifest);
        auto original = ms::createModel(spec);
        ms::loadStateDict(*original, ms::readCheckpointFile(checkpointPath(f)).tensors, ms::LoadMode::Strict);
        const std::string path = mstest::scratchDir("parity-roundtrip") + "/b.pth";
        ms::writeCheckpointFile(path, ms::stateDictOf(*original), ms::moduleVersions(*original));

        auto reloaded = ms::createModel(spec);
        ms::loadStateDict(*reloaded, ms::readCheckpointFile(path).tensors, ms::LoadMode::Strict);
        const auto a = run(*original, f), b = run(*reloaded, f);
        QVERIFY(torch::equal(a.pha, b.pha));
        QVERIFY(torch::equal(a.fgr, b.fgr));
        QVERIFY(torch::equal(a.refSm, b.refSm));
    }

    // Reference strict=False semantics across model types (parity README, "Useful facts").
    void crossTypeLoadsReportTheRefiner()
    {
        const auto refine = ms::readCheckpointFile(mstest::parityDir("b-refine-mobilenetv2-sampling") + "/model.pth");
        ms::MattingBase base(ms::Backbone::MobileNetV2);
        const auto intoBase = ms::loadStateDict(base, refine.tensors);
        QCOMPARE(intoBase.unexpected.size(), size_t(20));
        for (const auto& key : intoBase.unexpected)
            QVERIFY(key.rfind("refiner.", 0) == 0);
        QVERIFY(intoBase.missing.empty());

        const auto baseFile = ms::readCheckpointFile(mstest::parityDir("a-base-mobilenetv2") + "/model.pth");
        ms::ModelSpec spec;
        spec.backbone = ms::Backbone::MobileNetV2;
        auto refineModel = ms::createModel(spec);
        const auto intoRefine = ms::loadStateDict(*refineModel, baseFile.tensors);
        QCOMPARE(intoRefine.missing.size(), size_t(17));
        for (const auto& key : intoRefine.missing)
            QVERIFY(key.rfind("refiner.", 0) == 0);
        QVERIFY(intoRefine.unexpected.empty());
        MS_VERIFY_ERROR(ms::loadStateDict(*refineModel, baseFile.tensors, ms::LoadMode::Strict));
    }

    void mismatchedCheckpointIsAnError()
    {
        // A MobileNetV2 file in a ResNet-50 model matches nothing: an error, not a silent no-op.
        const auto file = ms::readCheckpointFile(mstest::parityDir("a-base-mobilenetv2") + "/model.pth");
        ms::MattingBase resnet(ms::Backbone::ResNet50);
        MS_VERIFY_ERROR(ms::loadStateDict(resnet, file.tensors));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestParity)
#include "tst_parity.moc"
