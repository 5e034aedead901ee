// Damaged, hostile and unsupported files must end in an ms::Error naming the file - never a crash,
// a hang or a huge allocation - and failed writes must leave the target untouched.
#include "TestSupport.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/PthWriter.h"
#include "checkpoint/Unpickler.h"
#include "core/Error.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/version.h>

#include <csignal>
#include <random>

#ifndef _WIN32  // POSIX: the tests that need it skip on Windows, saying why
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace {

// A byte string literal with embedded NULs (its length without the terminator).
template <size_t N>
std::string bytesOf(const char (&literal)[N])
{
    return std::string(literal, N - 1);
}

using mstest::FileSizeLimit;
using mstest::readBytes;
using mstest::writeBytes;

// The error message of reading `path`, or "" if it (wrongly) succeeded.
std::string readError(const std::string& path)
{
    try {
        ms::readCheckpointFile(path);
    } catch (const ms::Error& e) {
        return e.what();
    }
    return {};
}

#define EXPECT_READ_ERROR(path, needle)                                                                                \
    do {                                                                                                               \
        const std::string p_ = (path);                                                                                 \
        const std::string msg_ = readError(p_);                                                                        \
        QVERIFY2(!msg_.empty(), ("no error for " + p_).c_str());                                                       \
        QVERIFY2(msg_.find(p_) != std::string::npos, ("message lacks the file name: " + msg_).c_str());                \
        QVERIFY2(msg_.find(needle) != std::string::npos,                                                               \
                 ("message lacks '" + std::string(needle) + "': " + msg_).c_str());                                    \
    } while (0)

// A small checkpoint with a recognisable tensor: 4096 floats of 1234.5.
ms::StateDict smallStateDict()
{
    ms::StateDict sd;
    sd.insert("conv.weight", torch::linspace(-1, 1, 300).reshape({3, 4, 5, 5}));
    sd.insert("marker", torch::full({4096}, 1234.5f));
    sd.insert("bn.num_batches_tracked", torch::tensor(int64_t(3)));
    return sd;
}

// A ZIP checkpoint whose data.pkl is `pickle` (valid CRC), as a hostile or buggy writer would make.
void writeZipWithPickle(const std::string& path, const std::string& pickle)
{
    std::string bytes;
    {
        caffe2::serialize::PyTorchStreamWriter w([&](const void* p, size_t n) {
            bytes.append(static_cast<const char*>(p), n);
            return n;
        });
        w.writeRecord("data.pkl", pickle.data(), pickle.size());
        const float data[4] = {1, 2, 3, 4};
        w.writeRecord("data/0", data, sizeof data);
        w.writeEndOfFile();
    }
    writeBytes(path, bytes);
}

std::vector<std::string> folderEntries(const std::string& dir)
{
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

class TestCheckpointCorruption : public QObject {
    Q_OBJECT

private:
    std::string m_dir;
    std::string m_pth;     // small C++-written zip checkpoint
    std::string m_st;      // small safetensors checkpoint
    std::string m_legacy;  // the Python legacy fixture

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = mstest::scratchDir("checkpointcorruption");
        m_pth = m_dir + "/small.pth";
        m_st = m_dir + "/small.safetensors";
        m_legacy = mstest::parityDir("a-base-mobilenetv2") + "/model-legacy.pth";
        ms::writeCheckpointFile(m_pth, smallStateDict(), {{"", 1}, {"bn", 2}});
        ms::writeCheckpointFile(m_st, smallStateDict(), {}, {{"k", "v"}});
    }

    void missingEmptyDirectoryText()
    {
        EXPECT_READ_ERROR(m_dir + "/missing.pth", "No such file");
        EXPECT_READ_ERROR(m_dir, "directory");
        writeBytes(m_dir + "/empty.pth", "");
        EXPECT_READ_ERROR(m_dir + "/empty.pth", "empty");
        writeBytes(m_dir + "/notes.pth", "These are not the weights you are looking for.\n");
        EXPECT_READ_ERROR(m_dir + "/notes.pth", "not a checkpoint");
        writeBytes(m_dir + "/tiny.pth", "PK");
        EXPECT_READ_ERROR(m_dir + "/tiny.pth", "not a checkpoint");
    }

    void randomBytes()
    {
        std::mt19937 rng(7);
        for (size_t size : {1u, 9u, 100u, 4096u, 100000u}) {
            std::string bytes(size, '\0');
            for (char& c : bytes)
                c = static_cast<char>(rng());
            const std::string path = m_dir + "/random-" + std::to_string(size) + ".pth";
            writeBytes(path, bytes);
            EXPECT_READ_ERROR(path, "");
            // The same noise behind each format's magic bytes.
            for (const std::string& magic :
                 {std::string("PK\x03\x04", 4),
                  std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19", 14),
                  std::string("\x10\x00\x00\x00\x00\x00\x00\x00{", 9)}) {
                writeBytes(path, magic + bytes);
                EXPECT_READ_ERROR(path, "");
            }
        }
    }

    void wrongMagic()
    {
        std::string bytes = readBytes(m_pth);
        bytes[0] = 'X';
        writeBytes(m_dir + "/badzip.pth", bytes);
        EXPECT_READ_ERROR(m_dir + "/badzip.pth", "not a checkpoint");
        bytes = readBytes(m_legacy).substr(0, 4096);
        bytes[5] ^= 0x40;  // inside the magic number
        writeBytes(m_dir + "/badlegacy.pth", bytes);
        EXPECT_READ_ERROR(m_dir + "/badlegacy.pth", "");
    }

    void truncatedFiles()
    {
        for (const std::string& source : {m_pth, m_st}) {
            const std::string bytes = readBytes(source);
            std::vector<size_t> cuts;
            for (size_t i = 1; i < 60; ++i)
                cuts.push_back(bytes.size() * i / 60);
            for (size_t back : {1u, 2u, 21u, 22u, 23u, 45u, 46u, 98u})
                cuts.push_back(bytes.size() - back);
            for (size_t cut : {1u, 4u, 8u, 9u, 30u, 64u})
                cuts.push_back(cut);
            const std::string path = m_dir + "/cut" + std::filesystem::path(source).extension().string();
            for (size_t cut : cuts) {
                writeBytes(path, bytes.substr(0, cut));
                const std::string msg = readError(path);
                QVERIFY2(!msg.empty(), ("cut at " + std::to_string(cut) + " was read").c_str());
                QVERIFY2(msg.find(path) != std::string::npos, msg.c_str());
            }
        }
        // Legacy: the header region byte by byte-ish, then the tensor data.
        const std::string legacy = readBytes(m_legacy);
        const std::string path = m_dir + "/cut-legacy.pth";
        std::vector<size_t> cuts;
        for (size_t cut = 1; cut < 70000; cut += 2333)
            cuts.push_back(cut);
        for (size_t cut : {legacy.size() / 2, legacy.size() - 4, legacy.size() - 1})
            cuts.push_back(cut);
        for (size_t cut : cuts) {
            writeBytes(path, legacy.substr(0, cut));
            const std::string msg = readError(path);
            QVERIFY2(!msg.empty(), ("legacy cut at " + std::to_string(cut) + " was read").c_str());
            QVERIFY2(msg.find(path) != std::string::npos, msg.c_str());
        }
    }

    void flippedTensorDataFailsCrc()
    {
        std::string bytes = readBytes(m_pth);
        const float marker = 1234.5f;
        const std::string pattern(reinterpret_cast<const char*>(&marker), sizeof marker);
        const size_t at = bytes.find(pattern + pattern + pattern + pattern);
        QVERIFY(at != std::string::npos);
        bytes[at + 1000] ^= 0x01;
        writeBytes(m_dir + "/flipped.pth", bytes);
        EXPECT_READ_ERROR(m_dir + "/flipped.pth", "checksum");
    }

    void flippedBytesAnywhere()
    {
        // Every flip either fails the CRC / structure checks or hits bytes nobody reads
        // (e.g. padding); none may crash. Most must be reported.
        const std::string bytes = readBytes(m_pth);
        std::mt19937 rng(11);
        int errors = 0;
        const int rounds = 150;
        for (int i = 0; i < rounds; ++i) {
            std::string damaged = bytes;
            const size_t pos = rng() % damaged.size();
            damaged[pos] = static_cast<char>(damaged[pos] ^ (1 + rng() % 255));
            writeBytes(m_dir + "/flip.pth", damaged);
            try {
                ms::readCheckpointFile(m_dir + "/flip.pth");
            } catch (const ms::Error& e) {
                QVERIFY2(std::string(e.what()).find(m_dir + "/flip.pth") != std::string::npos, e.what());
                ++errors;
            }
        }
        // The same on every LibTorch: on 2.x the file holds a few more records (version,
        // serialization id, alignment padding), so a flip or two more may land in bytes nobody reads.
        qInfo("LibTorch %s: %d of %d flips detected", TORCH_VERSION, errors, rounds);
        QVERIFY2(errors >= rounds * 9 / 10,
                 qPrintable(QString("only %1 of %2 flips detected").arg(errors).arg(rounds)));
    }

    void corruptPickleWithValidCrc()
    {
        // Mutations inside data.pkl, re-zipped with a correct CRC: only the unpickler stands guard.
        ms::StateDict sd = smallStateDict();
        const std::string pickle = ms::picklePthStateDict(sd, {{"", 1}});
        std::mt19937 rng(5);
        for (int i = 0; i < 300; ++i) {
            std::string mutated = pickle;
            const int flips = 1 + static_cast<int>(rng() % 3);
            for (int f = 0; f < flips; ++f)
                mutated[rng() % mutated.size()] = static_cast<char>(rng());
            if (i % 10 == 0)
                mutated.resize(rng() % mutated.size());
            // Exercise the unpickler directly (storages are plain buffers here).
            auto loader = [](const ms::PickleValue&) {
                auto s = std::make_shared<ms::PickleValue>(ms::PickleKind::Storage);
                s->tensor = torch::zeros({4096});
                return s;
            };
            try {
                ms::Unpickler(mutated.data(), mutated.size(), "'fuzz'", loader).load();
            } catch (const ms::Error&) {
            } catch (const ms::PickleTruncated&) {
            }
        }
        writeZipWithPickle(m_dir + "/badpickle.pth", pickle.substr(0, 30));
        EXPECT_READ_ERROR(m_dir + "/badpickle.pth", "truncated");
        writeZipWithPickle(m_dir + "/opcode.pth", std::string("\x80\x02\xff.", 4));
        EXPECT_READ_ERROR(m_dir + "/opcode.pth", "opcode");
    }

    void forbiddenGlobals()
    {
        // pickle of os.system("ls"): must be refused before anything could be called.
        const std::string osSystem = bytesOf("\x80\x02"
                                             "cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03.");
        writeZipWithPickle(m_dir + "/os_system.pth", osSystem);
        EXPECT_READ_ERROR(m_dir + "/os_system.pth", "global 'os.system' is not allowed");
        const std::string builtinsEval = bytesOf("\x80\x02"
                                                 "cbuiltins\neval\nX\x03\x00\x00\x00"
                                                 "1+1\x85R.");
        writeZipWithPickle(m_dir + "/eval.pth", builtinsEval);
        EXPECT_READ_ERROR(m_dir + "/eval.pth", "builtins.eval");
        // Protocol 4 spelling of a global.
        const std::string stackGlobal = bytesOf("\x80\x04\x8c\x02os\x8c\x06system\x93.");
        writeZipWithPickle(m_dir + "/stack_global.pth", stackGlobal);
        EXPECT_READ_ERROR(m_dir + "/stack_global.pth", "os.system");
    }

    void hostilePickleShapes()
    {
        // A million nested tuples: no stack exhaustion when freeing them.
        std::string deep("\x80\x02)", 3);
        deep.append(1000000, '\x85');
        deep += '.';
        writeZipWithPickle(m_dir + "/deep.pth", deep);
        EXPECT_READ_ERROR(m_dir + "/deep.pth", "not a state dict");
        // A tensor claiming more elements than its 4-float storage holds.
        std::string big = ms::picklePthStateDict(
            [] {
                ms::StateDict sd;
                sd.insert("w", torch::zeros({4}));
                return sd;
            }(),
            {});
        const std::string size4("K\x04\x85", 3);
        const auto at = big.find(size4);
        QVERIFY(at != std::string::npos);
        big.replace(at, size4.size(), std::string("J\x00\x00\x00\x10\x85", 6));
        writeZipWithPickle(m_dir + "/oversized.pth", big);
        EXPECT_READ_ERROR(m_dir + "/oversized.pth", "exceeds its storage");
    }

    void corruptSafetensors()
    {
        auto make = [&](const std::string& name, const std::string& header, size_t dataBytes) {
            std::string bytes(8, '\0');
            uint64_t n = header.size();
            for (int i = 0; i < 8; ++i, n >>= 8)
                bytes[i] = static_cast<char>(n & 0xff);
            bytes += header + std::string(dataBytes, '\0');
            writeBytes(m_dir + "/" + name, bytes);
            return m_dir + "/" + name;
        };
        EXPECT_READ_ERROR(make("json.safetensors", "{\"a\": [1, 2", 16), "JSON");
        EXPECT_READ_ERROR(make("range.safetensors", R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8),
                          "outside");
        EXPECT_READ_ERROR(make("shape.safetensors", R"({"a":{"dtype":"F32","shape":[5],"data_offsets":[0,16]}})", 16),
                          "shape");
        EXPECT_READ_ERROR(
            make("negative.safetensors", R"({"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", 16), "shape");
        EXPECT_READ_ERROR(make("huge.safetensors",
                               R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,16]}})", 16),
                          "larger than the file");
        EXPECT_READ_ERROR(
            make(
                "overlap.safetensors",
                R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
                16),
            "overlaps");
        EXPECT_READ_ERROR(make("dtype.safetensors", R"({"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}})", 8),
                          "unsupported dtype");
        EXPECT_READ_ERROR(make("meta.safetensors", R"({"__metadata__":{"n":1}})", 0), "__metadata__");
        std::string bytes = readBytes(m_st);
        bytes[3] = '\x7f';  // header length far beyond the file
        writeBytes(m_dir + "/length.safetensors", bytes);
        EXPECT_READ_ERROR(m_dir + "/length.safetensors", "");
    }

    void unwritableTargets()
    {
        const ms::StateDict sd = smallStateDict();
        auto expectWriteError = [&](const std::string& path) {
            try {
                ms::writeCheckpointFile(path, sd);
                QFAIL(("writing " + path + " succeeded").c_str());
            } catch (const ms::Error& e) {
                QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
            }
        };
        expectWriteError(m_dir + "/no-such-folder/x.pth");
        expectWriteError(m_pth + "/x.pth");  // parent is a file
        expectWriteError(m_dir);             // target is a directory
        for (const auto& name : folderEntries(m_dir))
            QVERIFY2(name.find(".tmp-") == std::string::npos, ("temporary file left behind: " + name).c_str());
        const std::string ro = mstest::scratchDir("checkpointcorruption-ro");
        std::filesystem::permissions(ro, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        if (::geteuid() != 0) {  // root ignores folder permissions
            expectWriteError(ro + "/x.pth");
            expectWriteError(ro + "/x.safetensors");
            QVERIFY(folderEntries(ro).empty());
        }
        std::filesystem::permissions(ro, std::filesystem::perms::owner_all);
    }

    void failedWriteKeepsTarget()
    {
#ifdef _WIN32
        QSKIP("needs POSIX: a file size limit (setrlimit) stands in for a full disk");
#else
        const std::string dir = mstest::scratchDir("checkpointcorruption-full");
        ms::StateDict sd;
        sd.insert("w", torch::ones({512, 1024}));  // 2 MiB
        for (const std::string name : {"model.pth", "model.safetensors"}) {
            const std::string target = dir + "/" + name;
            writeBytes(target, "previous checkpoint");
            {
                FileSizeLimit limit(256 * 1024);  // the "disk" fills after 256 KiB
                try {
                    ms::writeCheckpointFile(target, sd);
                    QFAIL("a write beyond the file size limit succeeded");
                } catch (const ms::Error& e) {
                    QVERIFY2(std::string(e.what()).find(target) != std::string::npos, e.what());
                }
            }
            QCOMPARE(readBytes(target), std::string("previous checkpoint"));
            QCOMPARE(folderEntries(dir), std::vector<std::string>{name});
            std::filesystem::remove(target);
        }
        // An unsupported dtype fails before anything is written.
        ms::StateDict complex;
        complex.insert("z", torch::zeros({2}, torch::kComplexFloat));
        writeBytes(dir + "/c.pth", "keep");
        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::writeCheckpointFile(dir + "/c.pth", complex));
        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::writeCheckpointFile(dir + "/c.safetensors", complex));
        QCOMPARE(readBytes(dir + "/c.pth"), std::string("keep"));
        QCOMPARE(folderEntries(dir), std::vector<std::string>{"c.pth"});
#endif
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestCheckpointCorruption)
#include "tst_checkpointcorruption.moc"
