// The state_dict keys ARE the architecture: every model/backbone pair must list exactly the
// reference's keys, in order, with the same shapes and dtypes.
#include "TestSupport.h"

#include "checkpoint/LoadReport.h"
#include "model/MattingModel.h"

#include <fstream>
#include <sstream>

class TestModelKeys : public QObject {
    Q_OBJECT

private:
    struct KeyLine {
        std::string key, shape, dtype;
    };

    static std::vector<KeyLine> readKeyList(const std::string& path)
    {
        std::ifstream in(path);
        if (!in)
            throw std::runtime_error("cannot open " + path);
        std::vector<KeyLine> lines;
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            std::istringstream fields(line);
            KeyLine k;
            std::getline(fields, k.key, '\t');
            std::getline(fields, k.shape, '\t');
            std::getline(fields, k.dtype, '\t');
            lines.push_back(k);
        }
        return lines;
    }

    static std::string shapeText(const torch::Tensor& t)
    {
        std::string s = "[";
        for (int64_t i = 0; i < t.dim(); ++i)
            s += (i ? ", " : "") + std::to_string(t.size(i));
        return s + "]";
    }

    static std::string dtypeText(const torch::Tensor& t)
    {
        return t.scalar_type() == torch::kLong ? "int64" : "float32";
    }

private Q_SLOTS:
    void keysAndShapes_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("backbone");
        for (const char* type : {"mattingbase", "mattingrefine"})
            for (const char* backbone : {"resnet50", "resnet101", "mobilenetv2"})
                QTest::newRow((std::string(type) + "-" + backbone).c_str()) << type << backbone;
    }

    void keysAndShapes()
    {
        QFETCH(QString, type);
        QFETCH(QString, backbone);
        ms::ModelSpec spec;
        spec.type = *ms::parseModelType(type.toStdString());
        spec.backbone = *ms::parseBackbone(backbone.toStdString());
        auto model = ms::createModel(spec);
        const ms::StateDict dict = ms::stateDictOf(*model);
        const auto expected = readKeyList(mstest::sharedDir() + "/reference/keys-" + type.toStdString() + "-" +
                                          backbone.toStdString() + ".txt");
        QCOMPARE(dict.size(), expected.size());
        size_t i = 0;
        for (const auto& item : dict) {
            const KeyLine& want = expected[i++];
            QCOMPARE(QString::fromStdString(item.key()), QString::fromStdString(want.key));
            QCOMPARE(QString::fromStdString(shapeText(item.value())), QString::fromStdString(want.shape));
            QCOMPARE(QString::fromStdString(dtypeText(item.value())), QString::fromStdString(want.dtype));
        }
    }

    void refinerKernelSizeOne()
    {
        ms::ModelSpec spec;
        spec.backbone = ms::Backbone::MobileNetV2;
        spec.refineKernelSize = 1;
        auto dict = ms::stateDictOf(*ms::createModel(spec));
        QCOMPARE(dict["refiner.conv1.weight"].sizes().vec(), (std::vector<int64_t>{24, 42, 1, 1}));
        QCOMPARE(dict["refiner.conv4.weight"].sizes().vec(), (std::vector<int64_t>{4, 12, 1, 1}));
    }

    void invalidSpecsAreRejected()
    {
        ms::ModelSpec spec;
        spec.backboneScale = 0.75;
        MS_VERIFY_ERROR(ms::createModel(spec));
        spec.backboneScale = 0.25;
        spec.refineKernelSize = 2;
        MS_VERIFY_ERROR(ms::createModel(spec));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestModelKeys)
#include "tst_modelkeys.moc"
