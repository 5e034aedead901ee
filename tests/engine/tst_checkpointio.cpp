// Reading the reference checkpoints (.pth zip + legacy, safetensors), writing them back, and
// interchange with Python's torch.save/torch.load.
#include "TestSupport.h"

#include <QRegularExpression>

#include "checkpoint/CheckpointFile.h"
#include "core/Error.h"

#include <QElapsedTimer>
#include <QProcess>

#include <cstring>
#include <sstream>

namespace {

struct KeyLine {
    std::string name;
    std::vector<int64_t> shape;
    std::string dtype;
};

// The reference key lists: "name<TAB>[d0, d1, ...]<TAB>dtype" per line.
std::vector<KeyLine> readKeyList(const std::string& file)
{
    std::ifstream in(mstest::sharedDir() + "/reference/" + file);
    if (!in)
        throw std::runtime_error("cannot open key list " + file);
    std::vector<KeyLine> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::istringstream fields(line);
        KeyLine k;
        std::string shape;
        std::getline(fields, k.name, '\t');
        std::getline(fields, shape, '\t');
        std::getline(fields, k.dtype, '\t');
        for (char& c : shape)
            if (c == '[' || c == ']' || c == ',')
                c = ' ';
        std::istringstream dims(shape);
        for (int64_t d; dims >> d;)
            k.shape.push_back(d);
        out.push_back(std::move(k));
    }
    return out;
}

std::string dtypeName(const torch::Tensor& t)
{
    switch (t.scalar_type()) {
    case torch::kFloat32: return "float32";
    case torch::kInt64: return "int64";
    default: return c10::toString(t.scalar_type());
    }
}

// Empty string when the state dict matches the list in order, names, shapes and dtypes.
std::string compareWithKeyList(const ms::StateDict& sd, const std::string& file)
{
    const auto keys = readKeyList(file);
    if (keys.size() != sd.size())
        return "entry count " + std::to_string(sd.size()) + " vs " + std::to_string(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
        const auto& item = sd.items()[i];
        if (item.key() != keys[i].name)
            return "entry " + std::to_string(i) + " is " + item.key() + ", expected " + keys[i].name;
        if (item.value().sizes().vec() != keys[i].shape)
            return "shape of " + item.key();
        if (dtypeName(item.value()) != keys[i].dtype)
            return "dtype of " + item.key() + ": " + dtypeName(item.value());
    }
    return {};
}

bool sameBits(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.scalar_type() != b.scalar_type() || a.sizes() != b.sizes())
        return false;
    const auto ca = a.contiguous(), cb = b.contiguous();
    return std::memcmp(ca.data_ptr(), cb.data_ptr(), ca.numel() * ca.element_size()) == 0;
}

// Empty string when both hold the same keys in the same order with bit-identical tensors.
std::string compareStateDicts(const ms::StateDict& got, const ms::StateDict& want)
{
    if (got.size() != want.size())
        return "entry count " + std::to_string(got.size()) + " vs " + std::to_string(want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        if (got.items()[i].key() != want.items()[i].key())
            return "key " + std::to_string(i) + ": " + got.items()[i].key() + " vs " + want.items()[i].key();
        if (!sameBits(got.items()[i].value(), want.items()[i].value()))
            return "tensor " + want.items()[i].key() + " differs";
    }
    return {};
}

// A Python with torch: MS_PYTHON, else the system one (Debian's python3-torch).
std::string pythonWithTorch()
{
    for (const std::string& candidate : {std::string(MS_PYTHON), std::string("/usr/bin/python3")}) {
        if (candidate.empty())
            continue;
        const std::string cmd = candidate + " -c 'import torch' >/dev/null 2>&1";
        if (std::system(cmd.c_str()) == 0)
            return candidate;
    }
    return {};
}

// Runs tests/scripts/checkpoint_tool.py; returns its output, fails the test on a non-zero exit.
bool runTool(const std::string& python, const QStringList& args, QString* output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QString::fromStdString(python),
            QStringList{QString::fromStdString(mstest::scriptsDir() + "/checkpoint_tool.py")} + args);
    const bool finished = p.waitForFinished(300000);
    *output = QString::fromLocal8Bit(p.readAll());
    return finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

}  // namespace

class TestCheckpointIo : public QObject {
    Q_OBJECT

private:
    std::string m_aPath = mstest::parityDir("a-base-mobilenetv2") + "/model.pth";
    ms::CheckpointFile m_a;
    std::string m_python;

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        m_a = ms::readCheckpointFile(m_aPath);
        qInfo("read a/model.pth (20 MB) in %lld ms", static_cast<long long>(timer.elapsed()));
        m_python = pythonWithTorch();
    }

    void readsZipCheckpoint()
    {
        QCOMPARE(m_a.tensors.size(), size_t(362));
        QVERIFY(m_a.format == ms::CheckpointFormat::PthZip);
        QCOMPARE(m_a.containerKey, std::string());
        QVERIFY(!m_a.strippedModulePrefix);
        QVERIFY(m_a.metadata.empty());
        const std::string diff = compareWithKeyList(m_a.tensors, "keys-mattingbase-mobilenetv2.txt");
        QVERIFY2(diff.empty(), diff.c_str());
        for (const auto& item : m_a.tensors)
            QVERIFY(item.value().device().is_cpu());
        const auto& nbt = m_a.tensors["backbone.features.0.1.num_batches_tracked"];
        QCOMPARE(nbt.dim(), int64_t(0));
        // Python's _metadata: the root module has version 1, BatchNorms version 2.
        QVERIFY(!m_a.moduleVersions.empty());
        QCOMPARE(m_a.moduleVersions.front(), (std::pair<std::string, int>("", 1)));
        const auto bn = std::find(m_a.moduleVersions.begin(), m_a.moduleVersions.end(),
                                  std::pair<std::string, int>("backbone.features.0.1", 2));
        QVERIFY(bn != m_a.moduleVersions.end());
    }

    void readsLegacyCheckpoint()
    {
        const auto legacy = ms::readCheckpointFile(mstest::parityDir("a-base-mobilenetv2") + "/model-legacy.pth");
        QVERIFY(legacy.format == ms::CheckpointFormat::PthLegacy);
        const std::string diff = compareStateDicts(legacy.tensors, m_a.tensors);
        QVERIFY2(diff.empty(), diff.c_str());
        QCOMPARE(legacy.moduleVersions, m_a.moduleVersions);
    }

    void readsRefineCheckpoint()
    {
        const auto b = ms::readCheckpointFile(mstest::parityDir("b-refine-mobilenetv2-sampling") + "/model.pth");
        const std::string diff = compareWithKeyList(b.tensors, "keys-mattingrefine-mobilenetv2.txt");
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void readsResNet50Quickly()
    {
        const std::string path = mstest::unpackedFixturesDir() + "/model.pth";
        MSTEST_REQUIRE(std::filesystem::exists(path),
                       "the unpacked ResNet-50 fixture (the fixture_unpack_resnet50 CTest fixture unpacks it)");
        QElapsedTimer timer;
        timer.start();
        const auto d = ms::readCheckpointFile(path);
        const qint64 ms = timer.elapsed();
        qInfo("read d/model.pth (161 MB, CRC checked) in %lld ms", static_cast<long long>(ms));
        const std::string diff = compareWithKeyList(d.tensors, "keys-mattingbase-resnet50.txt");
        QVERIFY2(diff.empty(), diff.c_str());
        QVERIFY2(ms < 10000, "reading the 161 MB checkpoint took over 10 s");
    }

    void recognisesTorchScript()
    {
        const std::string ts = mstest::sharedDir() + "/fixtures/torchscript/refine-mobilenetv2.torchscript.pth";
        QVERIFY(ms::isTorchScriptFile(ts));
        QVERIFY(!ms::isTorchScriptFile(m_aPath));
        QVERIFY(!ms::isTorchScriptFile(mstest::workDir() + "/does-not-exist.pth"));
        try {
            ms::readCheckpointFile(ts);
            QFAIL("a TorchScript archive was read as a state dict");
        } catch (const ms::Error& e) {
            QVERIFY2(std::string(e.what()).find("TorchScript") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find(ts) != std::string::npos, e.what());
        }
    }

    void roundTripsPth()
    {
        const std::string dir = mstest::scratchDir("checkpointio-pth");
        const std::string path = dir + "/a.pth";
        ms::writeCheckpointFile(path, m_a.tensors, m_a.moduleVersions);
        const auto back = ms::readCheckpointFile(path);
        QVERIFY(back.format == ms::CheckpointFormat::PthZip);
        const std::string diff = compareStateDicts(back.tensors, m_a.tensors);
        QVERIFY2(diff.empty(), diff.c_str());
        QCOMPARE(back.moduleVersions, m_a.moduleVersions);
        QCOMPARE(back.tensors["decoder.bn1.num_batches_tracked"].dim(), int64_t(0));
        // Only the target remains in the folder: no temporary files.
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir), {}), 1L);
    }

    void roundTripsSafetensors()
    {
        const std::string dir = mstest::scratchDir("checkpointio-st");
        const std::string path = dir + "/a.safetensors";
        const std::map<std::string, std::string> meta{{"format", "pt"}, {"model", "MattingBase(mobilenetv2)"}};
        ms::writeCheckpointFile(path, m_a.tensors, {}, meta);
        const auto back = ms::readCheckpointFile(path);
        QVERIFY(back.format == ms::CheckpointFormat::Safetensors);
        const std::string diff = compareStateDicts(back.tensors, m_a.tensors);
        QVERIFY2(diff.empty(), diff.c_str());
        QCOMPARE(back.metadata, meta);

        // The content decides the format, not the extension.
        std::filesystem::copy_file(path, dir + "/a.pth");
        QVERIFY(ms::readCheckpointFile(dir + "/a.pth").format == ms::CheckpointFormat::Safetensors);
        ms::writeCheckpointFile(dir + "/b.ckpt", m_a.tensors);
        QVERIFY(ms::readCheckpointFile(dir + "/b.ckpt").format == ms::CheckpointFormat::PthZip);
    }

    void roundTripsDtypesAndViews()
    {
        const auto base = torch::arange(60, torch::kFloat32).reshape({6, 10});
        ms::StateDict sd;
        sd.insert("half", torch::linspace(-2, 2, 7).to(torch::kHalf));
        sd.insert("bf16", torch::linspace(-1, 1, 5).to(torch::kBFloat16));
        sd.insert("double", torch::linspace(0, 1, 3, torch::kFloat64));
        sd.insert("int32", torch::arange(-3, 3, torch::kInt32));
        sd.insert("int16", torch::arange(-3, 3, torch::kInt16));
        sd.insert("int8", torch::arange(-3, 3, torch::kInt8));
        sd.insert("uint8", torch::arange(250, 256, torch::kUInt8));
        sd.insert("flags", torch::tensor({true, false, true}));
        sd.insert("view", base.slice(0, 1, 4).slice(1, 2, 10, 3));
        sd.insert("transposed", base.t());
        sd.insert("scalar", torch::tensor(int64_t(7)));
        sd.insert("empty", torch::empty({0, 4}));
        sd.insert("big", torch::tensor(int64_t(1) << 40));
        for (const char* name : {"v.pth", "v.safetensors"}) {
            const std::string path = mstest::scratchDir("checkpointio-dtypes") + "/" + name;
            ms::writeCheckpointFile(path, sd);
            const auto back = ms::readCheckpointFile(path);
            const std::string diff = compareStateDicts(back.tensors, sd);
            QVERIFY2(diff.empty(), (std::string(name) + ": " + diff).c_str());
            QCOMPARE(back.tensors["scalar"].dim(), int64_t(0));
        }
    }

    void pythonLoadsCppPth()
    {
        MSTEST_REQUIRE(!m_python.empty(), "python3 with torch (Debian: python3-torch)");
        const std::string dir = mstest::scratchDir("checkpointio-py-pth");
        ms::writeCheckpointFile(dir + "/with_meta.pth", m_a.tensors, m_a.moduleVersions);
        ms::writeCheckpointFile(dir + "/plain.pth", m_a.tensors);
        QString out;
        QVERIFY2(runTool(m_python,
                         {"compare", QString::fromStdString(dir + "/with_meta.pth"), QString::fromStdString(m_aPath),
                          "--metadata"},
                         &out),
                 qPrintable(out));
        QVERIFY2(runTool(m_python,
                         {"compare", QString::fromStdString(dir + "/plain.pth"), QString::fromStdString(m_aPath)},
                         &out),
                 qPrintable(out));
    }

    void readsPythonVariants()
    {
        MSTEST_REQUIRE(!m_python.empty(), "python3 with torch (Debian: python3-torch)");
        const std::string dir = mstest::scratchDir("checkpointio-py-variants");
        QString out;
        QVERIFY2(runTool(m_python, {"variants", QString::fromStdString(dir), QString::fromStdString(m_aPath)}, &out),
                 qPrintable(out));
        auto check = [&](const char* file, ms::CheckpointFormat format, const char* container, bool stripped) {
            const auto c = ms::readCheckpointFile(dir + "/" + file);
            QVERIFY2(c.format == format, file);
            QCOMPARE(c.containerKey, std::string(container));
            QCOMPARE(c.strippedModulePrefix, stripped);
            const std::string diff = compareStateDicts(c.tensors, m_a.tensors);
            QVERIFY2(diff.empty(), (std::string(file) + ": " + diff).c_str());
        };
        // What this PyTorch wrote: 2.1 and later align every tensor record to 64 bytes and newer
        // 2.x add a .data/serialization_id record; the engine must read those files all the same.
        const QRegularExpression features("features torch=(\\d+)\\.(\\d+) serialization_id=(\\d) aligned=(\\d)");
        const auto found = features.match(out);
        QVERIFY2(found.hasMatch(), qPrintable(out));
        const int major = found.captured(1).toInt(), minor = found.captured(2).toInt();
        qInfo("Python torch %d.%d wrote the variants: serialization_id=%s aligned=%s", major, minor,
              qPrintable(found.captured(3)), qPrintable(found.captured(4)));
        if (major > 2 || (major == 2 && minor >= 1))
            QVERIFY2(found.captured(4) == "1", "torch >= 2.1 wrote unaligned records: the check of them is void");
        if (major > 2 || (major == 2 && minor >= 6))
            QVERIFY2(found.captured(3) == "1", "torch >= 2.6 wrote no serialization_id: the check of it is void");
        check("plain_dict.pth", ms::CheckpointFormat::PthZip, "", false);
        check("nested_model.pth", ms::CheckpointFormat::PthZip, "model", false);
        check("nested_state_dict.pth", ms::CheckpointFormat::PthZip, "state_dict", false);
        check("module_prefix.pth", ms::CheckpointFormat::PthZip, "", true);
        check("legacy.pth", ms::CheckpointFormat::PthLegacy, "", false);
        check("protocol4.pth", ms::CheckpointFormat::PthZip, "", false);
        QCOMPARE(ms::readCheckpointFile(dir + "/module_prefix.pth").moduleVersions, m_a.moduleVersions);

        // Shared storages, offsets, strides and other dtypes, as checkpoint_tool.py builds them.
        const auto base = torch::arange(60, torch::kFloat32).reshape({6, 10});
        ms::StateDict special;
        special.insert("half", torch::linspace(-2, 2, 7).to(torch::kHalf));
        special.insert("base", base);
        special.insert("view", base.slice(0, 1, 4).slice(1, 2, 10, 3));
        special.insert("transposed", base.t());
        special.insert("scalar", torch::tensor(int64_t(7)));
        special.insert("bf16", torch::linspace(-1, 1, 5).to(torch::kBFloat16));
        special.insert("flags", torch::tensor({true, false, true}));
        special.insert("double", torch::linspace(0, 1, 3, torch::kFloat64));
        for (const char* file : {"special.pth", "special_legacy.pth", "special_deflated.pth", "special_zip64.pth"}) {
            const auto c = ms::readCheckpointFile(dir + "/" + file);
            const std::string diff = compareStateDicts(c.tensors, special);
            QVERIFY2(diff.empty(), (std::string(file) + ": " + diff).c_str());
            QCOMPARE(c.tensors["view"].strides().vec(), (std::vector<int64_t>{10, 3}));
            QCOMPARE(c.tensors["view"].storage_offset(), int64_t(12));
            QVERIFY(c.tensors["view"].is_alias_of(c.tensors["base"]));
        }
        const auto param = ms::readCheckpointFile(dir + "/parameter.pth");
        QVERIFY(sameBits(param.tensors["w"], torch::ones({2, 3})));

        for (const auto& [file, needle] : {std::pair<const char*, const char*>{"forbidden.pth", "posix.system"},
                                           {"no_state_dict.pth", "no state dict"}}) {
            try {
                ms::readCheckpointFile(dir + "/" + file);
                QFAIL(file);
            } catch (const ms::Error& e) {
                QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
                QVERIFY2(std::string(e.what()).find(file) != std::string::npos, e.what());
            }
        }
    }

    void pythonParsesCppSafetensors()
    {
        MSTEST_REQUIRE(!m_python.empty(), "python3 with torch (Debian: python3-torch)");
        const std::string path = mstest::scratchDir("checkpointio-py-st") + "/a.safetensors";
        ms::writeCheckpointFile(path, m_a.tensors, {}, {{"format", "pt"}, {"note", "caf\xc3\xa9"}});
        QString out;
        QVERIFY2(runTool(m_python,
                         {"read-safetensors", QString::fromStdString(path), QString::fromStdString(m_aPath),
                          QString::fromUtf8("{\"format\": \"pt\", \"note\": \"caf\xc3\xa9\"}")},
                         &out),
                 qPrintable(out));
    }

    void cleanupTestCase() { std::filesystem::remove_all(mstest::workDir() + "/checkpointio-py-variants"); }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestCheckpointIo)
#include "tst_checkpointio.moc"
