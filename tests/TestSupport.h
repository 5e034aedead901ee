#pragma once
// Helpers shared by the Qt Test executables: fixture locations and fixture decoding.
#include "TestRegistry.h"
#include <QtTest/QtTest>
#include <csignal>
#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <torch/torch.h>
#include <vector>

#ifndef _WIN32  // POSIX: the tests that need it skip on Windows, saying why
#include <sys/resource.h>
#endif

namespace mstest {

inline std::string sharedDir() { return MS_SHARED_DIR; }
inline std::string parityDir(const std::string& name) { return sharedDir() + "/fixtures/parity/" + name; }
// Scratch files of the running class (removed after it passed), and the files shared by all
// classes that a CTest fixture unpacks once (the ResNet-50 checkpoint).
inline std::string workDir() { return classWorkDir(); }
inline std::string unpackedFixturesDir() { return MS_TEST_WORK_DIR; }
inline std::string scriptsDir() { return MS_TEST_SCRIPTS_DIR; }

// A fixture `.bin`: raw little-endian float32, C order.
inline torch::Tensor readBin(const std::string& path, std::vector<int64_t> shape)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    auto t = torch::empty(shape, torch::kFloat32);
    in.read(reinterpret_cast<char*>(t.data_ptr<float>()), t.numel() * sizeof(float));
    if (in.gcount() != static_cast<std::streamsize>(t.numel() * sizeof(float)))
        throw std::runtime_error("short read in " + path);
    return t;
}

// A fixture PNG as the reference feeds it: RGB, float32(value) / 255, 1x3xHxW.
inline torch::Tensor readRgb(const std::string& path)
{
    cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
    if (bgr.empty())
        throw std::runtime_error("cannot read image " + path);
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    auto t = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kUInt8).clone();
    return t.permute({2, 0, 1}).unsqueeze(0).to(torch::kFloat32).div(255).contiguous();
}

// A test dependency that is missing: skipped on a developer's machine, a failure under CI=true
// (CI installs every dependency, so a missing one means a check that silently did not run).
#define MSTEST_REQUIRE(condition, what)                                                                                \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            if (qgetenv("CI") == "true")                                                                               \
                QFAIL("missing test dependency with CI=true: " what);                                                  \
            QSKIP("missing test dependency: " what);                                                                   \
        }                                                                                                              \
    } while (0)

// A fresh, empty scratch folder in the class's work dir.
inline std::string scratchDir(const std::string& name)
{
    const std::string dir = workDir() + "/" + name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// A whole file as bytes ("" when unreadable), and bytes written over a file (folders made).
inline std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void writeBytes(const std::string& path, const std::string& bytes)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

#ifndef _WIN32
// Lowers the size limit of files this process may write while it lives: writes past it fail with
// EFBIG, as on a full disk (SIGXFSZ ignored so the process survives).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_old{};
#endif
    void (*m_oldHandler)(int) = nullptr;
};

inline bool pythonTorchAvailable()
{
    const std::string cmd = std::string(MS_PYTHON) + " -c 'import torch' >/dev/null 2>&1";
    return std::string(MS_PYTHON).size() > 0 && std::system(cmd.c_str()) == 0;
}

}  // namespace mstest

#include "core/Error.h"

namespace mstest {

// Runs f and returns the message of the ms::Error it throws; empty if it threw nothing.
// Any other exception type is reported as such, so a test can tell a crash-like path from a clean error.
template <typename F>
std::string errorOf(F&& f)
{
    try {
        f();
    } catch (const ms::Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<not an ms::Error> ") + e.what();
    }
    return {};
}

}  // namespace mstest

#define MS_VERIFY_ERROR(expr)                                                                                          \
    do {                                                                                                               \
        const std::string msMessage_ = mstest::errorOf([&] { (void)(expr); });                                         \
        QVERIFY2(!msMessage_.empty(), "expected an ms::Error from " #expr);                                            \
        QVERIFY2(msMessage_.rfind("<not an ms::Error>", 0) != 0, msMessage_.c_str());                                  \
    } while (false)
