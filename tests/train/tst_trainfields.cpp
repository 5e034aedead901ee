// train/TrainFields: the one description of the training settings that TrainConfig's JSON, the
// `train` flags and resume's merge are built from. Every field survives a JSON round trip with a
// value other than its default; JSON written before the table reads the same; text values are
// checked against kind, range and choices; resuming keeps identity and takes schedule fields.
#include "TestSupport.h"

#include "train/TrainFields.h"

#include <nlohmann/json.hpp>

#include <clocale>
#include <set>

using ms::TrainField;

class TestTrainFields : public QObject {
    Q_OBJECT

    // A value of `f` that differs from `now` and passes the field's own checks.
    static ms::FieldValue otherValue(const TrainField& f, const ms::FieldValue& now)
    {
        switch (f.kind) {
        case TrainField::Kind::Bool: return !std::get<bool>(now);
        case TrainField::Kind::Int: {
            const int64_t v = std::get<int64_t>(now);
            return static_cast<double>(v + 1) <= f.maximum ? v + 1 : v - 1;
        }
        case TrainField::Kind::Real: {
            const double v = std::get<double>(now);
            return v * 0.5 >= f.minimum && v > 0 ? v * 0.5 : (v + f.maximum) / 2;
        }
        case TrainField::Kind::Choice:
            for (const std::string& c : f.choices)
                if (c != std::get<std::string>(now))
                    return c;
            return now;
        case TrainField::Kind::Text:
        case TrainField::Kind::Path: return std::get<std::string>(now) + "-other/ü";
        }
        return now;
    }

private Q_SLOTS:
    void keysAndFlagsAreUnique()
    {
        std::set<std::string> keys, flags;
        for (const TrainField& f : ms::trainFields()) {
            QVERIFY2(keys.insert(f.key).second, f.key.c_str());
            if (f.flagStyle != TrainField::Flag::None)
                QVERIFY2(!f.flag.empty() && flags.insert(f.flag).second, f.key.c_str());
            QVERIFY2(!f.label.empty() && !f.group.empty() && !f.help.empty(), f.key.c_str());
            QVERIFY2(f.get && f.set, f.key.c_str());
            if (f.kind == TrainField::Kind::Choice)
                QVERIFY2(f.choices.size() >= 2, f.key.c_str());
        }
        QCOMPARE(ms::augmentFields().size(), size_t(10));
    }

    // One field at a time set to another value: it comes back from JSON, and no other field moves.
    void everyFieldRoundTripsThroughJson()
    {
        for (const TrainField& f : ms::trainFields()) {
            for (ms::ModelType stage : {ms::ModelType::MattingBase, ms::ModelType::MattingRefine}) {
                ms::TrainConfig c = ms::defaultTrainConfig(stage);
                if (f.key == "model_type")
                    continue;  // the stage picks the defaults; checked below
                const ms::FieldValue before = f.get(c);
                const ms::FieldValue changed = otherValue(f, before);
                QVERIFY2(changed != before, f.key.c_str());
                f.set(c, changed);
                const ms::TrainConfig back = ms::trainConfigFromJson(ms::toJson(c));
                QVERIFY2(f.get(back) == changed, f.key.c_str());
                for (const TrainField& g : ms::trainFields())
                    QVERIFY2(g.get(back) == g.get(c), (f.key + " moved " + g.key).c_str());
            }
        }
        const ms::TrainConfig refine = ms::trainConfigFromJson(R"({"model_type": "mattingrefine"})");
        QCOMPARE(refine.batchSize, 4);  // the stage's defaults fill in the rest
        QCOMPARE(refine.trainSize, 2048);
    }

    // A project file written before the table (nested augment, Qt's 8.0 for integers) reads the same.
    void readsEarlierFiles()
    {
        const ms::TrainConfig c = ms::trainConfigFromJson(R"({
            "model_type": "mattingbase", "model_backbone": "mobilenetv2", "batch_size": 6.0,
            "train_size": 256, "seed": 7, "learning_rate_scale": 2, "keep_best": true,
            "dist_backend": "gloo", "augment": {"color_jitter": false, "flip": true}, "unknown": 1})");
        QCOMPARE(int(c.model.backbone), int(ms::Backbone::MobileNetV2));
        QCOMPARE(c.batchSize, 6);
        QCOMPARE(c.trainSize, 256);
        QCOMPARE(c.seed, uint64_t(7));
        QCOMPARE(c.learningRateScale, 2.0);
        QVERIFY(c.keepBest);
        QCOMPARE(int(c.distBackend), int(ms::DistBackend::Gloo));
        QVERIFY(!c.augment.colorJitter && c.augment.flip && c.augment.shadow);
        QCOMPARE(mstest::errorOf([] { ms::trainConfigFromJson(R"({"batch_size": "8"})"); }),
                 std::string("training config: 'batch_size' has the wrong type (\"8\")"));
        QCOMPARE(mstest::errorOf([] { ms::trainConfigFromJson(R"({"batch_size": 8.5})"); }),
                 std::string("training config: 'batch_size' has the wrong type (8.5)"));
        QCOMPARE(mstest::errorOf([] { ms::trainConfigFromJson(R"({"model_backbone": "vgg"})"); }),
                 std::string("training config: 'model_backbone' has an unknown value 'vgg'"));
        // The JSON nests the augmentations as before.
        const nlohmann::json j = nlohmann::json::parse(ms::toJson(c));
        QVERIFY(j.at("augment").at("color_jitter") == false);
        QVERIFY(j.at("model_refine_threshold").is_number());
    }

    void textValuesAreChecked()
    {
        ms::TrainConfig c = ms::defaultTrainConfig(ms::ModelType::MattingBase);
        ms::setFieldFromText(ms::trainField("batch_size"), c, "3");
        QCOMPARE(c.batchSize, 3);
        ms::setFieldFromText(ms::trainField("model_refine_threshold"), c, "0.25");
        QCOMPARE(c.model.refineThreshold, 0.25);
        ms::setFieldFromText(ms::trainField("amp"), c, "off");
        QVERIFY(!c.amp);
        ms::setFieldFromText(ms::trainField("model_refine_mode"), c, "thresholding");
        QCOMPARE(int(c.model.refineMode), int(ms::RefineMode::Thresholding));
        QCOMPARE(mstest::errorOf([&] { ms::setFieldFromText(ms::trainField("batch_size"), c, "0"); }),
                 std::string("--batch-size expects an integer from 1 to 1000000, got '0'"));
        QCOMPARE(mstest::errorOf([&] { ms::setFieldFromText(ms::trainField("batch_size"), c, "4x"); }),
                 std::string("--batch-size expects an integer, got '4x'"));
        QCOMPARE(mstest::errorOf([&] { ms::setFieldFromText(ms::trainField("batch_size"), c, "2.5"); }),
                 std::string("--batch-size expects an integer, got '2.5'"));
        ms::setFieldFromText(ms::trainField("max_steps"), c, "1e5");  // as argparse's float options take it
        QCOMPARE(c.maxSteps, int64_t(100000));
        ms::setFieldFromText(ms::trainField("seed"), c, "9007199254740991");
        QCOMPARE(c.seed, uint64_t(9007199254740991ull));
        // Numbers are read in the C locale, whatever the process's: "0.5" stays a half under a
        // locale that writes "0,5" (where the system has one).
        const char* before = std::setlocale(LC_NUMERIC, nullptr);
        const std::string saved = before ? before : "C";
        const bool comma = std::setlocale(LC_NUMERIC, "de_DE.UTF-8") || std::setlocale(LC_NUMERIC, "fr_FR.UTF-8");
        ms::setFieldFromText(ms::trainField("learning_rate_scale"), c, "0.5");
        QCOMPARE(c.learningRateScale, 0.5);
        QVERIFY(
            !mstest::errorOf([&] { ms::setFieldFromText(ms::trainField("learning_rate_scale"), c, "0,5"); }).empty());
        std::setlocale(LC_NUMERIC, saved.c_str());
        if (!comma)
            qInfo("no comma-decimal locale installed: checked in the C locale only");
        QCOMPARE(mstest::errorOf([&] { ms::setFieldFromText(ms::trainField("model_refine_threshold"), c, "2"); }),
                 std::string("--model-refine-thresholding expects a number from 0 to 1, got '2'"));
        QCOMPARE(mstest::errorOf([&] { ms::setFieldFromText(ms::trainField("model_backbone"), c, "vgg"); }),
                 std::string("--model-backbone must be resnet50, resnet101 or mobilenetv2, got 'vgg'"));
        QCOMPARE(mstest::errorOf([&] { ms::setFieldFromText(ms::trainField("amp"), c, "maybe"); }),
                 std::string("--amp must be on or off, got 'maybe'"));
        QCOMPARE(c.batchSize, 3);  // a rejected value changes nothing
        QCOMPARE(ms::defaultsText(ms::trainField("batch_size")), std::string("base 8, refine 4"));
        QCOMPARE(ms::defaultsText(ms::trainField("seed")), std::string("0"));
        QCOMPARE(ms::defaultsText(ms::trainField("amp")), std::string("on"));
        QCOMPARE(ms::augmentFlagName(ms::trainField("augment.color_jitter")), std::string("color-jitter"));
    }

    void resumeKeepsIdentityAndTakesSchedule()
    {
        ms::TrainConfig saved = ms::defaultTrainConfig(ms::ModelType::MattingBase);
        saved.modelName = "run";
        saved.batchSize = 5;
        saved.model.backbone = ms::Backbone::MobileNetV2;
        saved.epochEnd = 3;
        saved.device = "cpu";
        ms::TrainConfig request = ms::defaultTrainConfig(ms::ModelType::MattingRefine);
        request.modelName = "other";
        request.batchSize = 9;
        request.epochEnd = 10;
        request.maxSteps = 77;
        request.device = "cuda:1";
        request.keepBest = true;
        request.logValidInterval = 3;
        const ms::TrainConfig merged = ms::mergeForResume(saved, request);
        QCOMPARE(int(merged.model.type), int(ms::ModelType::MattingBase));
        QCOMPARE(merged.modelName, std::string("run"));
        QCOMPARE(merged.batchSize, 5);
        QCOMPARE(int(merged.model.backbone), int(ms::Backbone::MobileNetV2));
        QCOMPARE(merged.epochEnd, 10);
        QCOMPARE(merged.maxSteps, int64_t(77));
        QCOMPARE(merged.device, std::string("cuda:1"));
        QVERIFY(merged.keepBest);
        QCOMPARE(merged.logValidInterval, 3);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestTrainFields)
#include "tst_trainfields.moc"
