// The platform layer's tests, one plain C++ program (no Qt, no LibTorch) that runs natively and,
// built with mingw-w64, under wine: replacing files (also while a reader holds them), non-ASCII
// paths and the narrow names libraries get, temporaries and their locks, binary round trips, pages, time, and stopping a child
// process group. Exit code: the number of failed checks (0 = all passed).
#include "platform/Files.h"
#include "platform/Paths.h"
#include "platform/Process.h"
#include "platform/Terminal.h"
#include "platform/Time.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#ifndef _WIN32
#include <sys/stat.h>  // the umask and file modes of POSIX temporaries
#endif

namespace fs = std::filesystem;
using namespace ms::platform;

namespace {

int g_failures = 0;
std::string g_root;  // a scratch folder (UTF-8)
#ifndef _WIN32
mode_t g_umask = 022;  // the process's, as main() found it
#endif

#define CHECK(condition)                                                                                               \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "  FAIL %s:%d: %s\n", __FILE__, __LINE__, #condition);                                \
            ++g_failures;                                                                                              \
        }                                                                                                              \
    } while (0)

fs::path native(const std::string& utf8) { return fs::u8path(utf8); }

constexpr bool isWindows()
{
#ifdef _WIN32
    return true;
#else
    return false;
#endif
}

bool writeWhole(const std::string& path, const std::string& bytes)
{
    std::error_code ec;
    File f = File::open(path, File::Open::ReadWrite, ec);
    return !ec && f.truncate(0, ec) && f.writeAt(0, bytes.data(), bytes.size(), ec) && f.close(ec);
}

std::string readWhole(const File& f)
{
    std::error_code ec;
    std::string out(size_t(f.size(ec)), '\0');
    size_t done = 0;
    while (done < out.size()) {
        const int64_t n = f.readAt(done, out.data() + done, out.size() - done, ec);
        if (n <= 0)
            break;
        done += size_t(n);
    }
    out.resize(done);
    return out;
}

std::string readWhole(const std::string& path)
{
    std::error_code ec;
    const File f = File::open(path, File::Open::Read, ec);
    return ec ? std::string("<cannot open: ") + describe(ec) + ">" : readWhole(f);
}

void binaryRoundTrip()
{
    std::string bytes;
    for (int round = 0; round < 4; ++round)
        for (int b = 0; b < 256; ++b)
            bytes.push_back(char(b));
    bytes.append("\r\n\n\r\x1a\0 end", 10);  // text-mode traps: CR LF, Ctrl-Z, NUL
    const std::string path = g_root + "/binary.bin";
    std::error_code ec;
    {
        File f = File::open(path, File::Open::CreateNew, ec);
        CHECK(!ec && f.isOpen());
        CHECK(f.write(bytes.data(), bytes.size(), ec));
        CHECK(f.sync(ec));
        CHECK(f.close(ec));
    }
    const File f = File::open(path, File::Open::Read, ec);
    CHECK(!ec);
    CHECK(f.size(ec) == bytes.size());
    CHECK(readWhole(f) == bytes);
    char tail[4] = {};
    CHECK(f.readAt(bytes.size() - 3, tail, 3, ec) == 3 && std::string(tail) == "end");
    CHECK(f.readAt(bytes.size(), tail, 3, ec) == 0);  // at the end: nothing, no error
    CHECK(!ec);
    File again = File::open(path, File::Open::CreateNew, ec);
    CHECK(ec && !again.isOpen());  // CreateNew never opens an existing file
}

void appendAndTruncate()
{
    const std::string path = g_root + "/log.jsonl";
    std::error_code ec;
    {
        File f = File::open(path, File::Open::Append, ec);
        CHECK(f.write("one\n", 4, ec));
    }
    {
        File f = File::open(path, File::Open::Append, ec);
        CHECK(f.size(ec) == 4);
        CHECK(f.write("two\n", 4, ec));
        CHECK(f.writeAt(0, "three\n", 6, ec));  // Append: positioned writes append too
        CHECK(f.truncate(8, ec));
    }
    CHECK(readWhole(path) == "one\ntwo\n");
}

void replacesOverAnExistingFile()
{
    const std::string target = g_root + "/best.pth";
    CHECK(writeWhole(target, "old"));
    std::error_code ec;
    std::string temp;
    File f = File::createTemporary(target, temp, ec);
    CHECK(!ec && f.isOpen());
    CHECK(f.write("new", 3, ec) && f.sync(ec) && f.close(ec));
    CHECK(replaceFile(temp, target, ec));
    CHECK(readWhole(target) == "new");
    CHECK(!fs::exists(native(temp)));
}

void replacesWhileAReaderHoldsTheFile()
{
    const std::string target = g_root + "/latest.pth";
    CHECK(writeWhole(target, "first version"));
    std::error_code ec;
    const File reader = File::open(target, File::Open::Read, ec);
    CHECK(!ec);
    char head[5] = {};
    CHECK(reader.readAt(0, head, 5, ec) == 5);
    std::string temp;
    File f = File::createTemporary(target, temp, ec);
    CHECK(f.write("second", 6, ec) && f.close(ec));
    CHECK(replaceFile(temp, target, ec));
    if (ec)
        std::fprintf(stderr, "  replace: %s\n", describe(ec).c_str());
    CHECK(readWhole(target) == "second");         // a new reader sees the new file...
    CHECK(readWhole(reader) == "first version");  // ... the open one keeps reading the old one
}

void handlesNonAsciiPaths()
{
    const std::string folder = g_root + "/Grüße 测试 файл";
    fs::create_directories(native(folder));
    const std::string path = folder + "/ß-清单-📷.bin";
    CHECK(writeWhole(path, "ünïcödé"));
    CHECK(fs::exists(native(path)));
    CHECK(readWhole(path) == "ünïcödé");
    std::error_code ec;
    std::string temp;
    File f = File::createTemporary(path, temp, ec);
    CHECK(!ec && temp.rfind(path + ".tmp-", 0) == 0);
    CHECK(f.write("replaced", 8, ec) && f.close(ec));
    CHECK(replaceFile(temp, path, ec));
    CHECK(readWhole(path) == "replaced");
    bool listed = false;
    for (const auto& entry : fs::directory_iterator(native(folder)))
        listed = listed || entry.path().filename().u8string() == "ß-清单-📷.bin";
    CHECK(listed);
    CHECK(removeFile(path, ec));
    CHECK(!fs::exists(native(path)));
}

// The UTF-8 <-> std::filesystem::path conversions, and the narrow names that OpenCV's video
// classes get: on Windows ASCII short names that the ANSI fopen opens, for an existing file and
// for a file still to be written in an existing non-ASCII folder.
void convertsPathsForLibraries()
{
    const std::string folder = g_root + "/Видео 视频";
    const std::filesystem::path native = fsPath(folder);
    CHECK(utf8Path(native) == folder);
    CHECK(lowerExtension(native / "Clip-É.MP4") == ".mp4");
    CHECK(lowerExtension(native / "no extension").empty());
    const std::string generic = utf8GenericPath(native / "clip.mp4");
    CHECK(generic.find('\\') == std::string::npos && generic.size() > 9 &&
          generic.compare(generic.size() - 9, 9, "/clip.mp4") == 0);
    CHECK(utf8Path(native.filename()) == "Видео 视频");
    std::error_code ec;
    fs::create_directories(native, ec);
    CHECK(!ec);
    const std::string existing = folder + "/clip-é.mp4";
    CHECK(writeWhole(existing, "frames"));

    const std::string narrow = narrowPathForLibraries(existing);
    CHECK(!narrow.empty());
#ifdef _WIN32
    for (char c : narrow)
        CHECK(static_cast<unsigned char>(c) < 0x80);
#endif
    char buffer[16] = {};
    if (std::FILE* f = std::fopen(narrow.c_str(), "rb")) {
        CHECK(std::fread(buffer, 1, sizeof buffer, f) == 6);
        std::fclose(f);
    }
    CHECK(std::string(buffer) == "frames");

    const std::string toWrite = folder + "/.partial-out.mp4";
    const std::string narrowNew = narrowPathForLibraries(toWrite);
    CHECK(!narrowNew.empty());
    if (std::FILE* f = std::fopen(narrowNew.c_str(), "wb")) {
        std::fwrite("written", 1, 7, f);
        std::fclose(f);
    }
    CHECK(readWhole(toWrite) == "written");
    CHECK(narrowPathForLibraries(g_root + "/no such folder ü/x.mp4").empty() == isWindows());
}

// Temporaries made on many threads at once (image sequences, datasets) get the permissions the
// umask gives, and leave the process's umask as it was (reading it takes setting it, which raced).
void temporariesOnManyThreadsKeepTheUmask()
{
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([t, &failures] {
            for (int i = 0; i < 100; ++i) {
                std::error_code ec;
                std::string temp;
                File f = File::createTemporary(g_root + "/many-" + std::to_string(t) + ".png", temp, ec);
                if (ec || !f.close(ec) || !removeFile(temp, ec))
                    ++failures;
            }
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(failures == 0);
#ifndef _WIN32
    const mode_t now = ::umask(022);
    ::umask(now);
    CHECK(now == g_umask);
    std::error_code ec;
    std::string temp;
    File f = File::createTemporary(g_root + "/mode.png", temp, ec);
    struct stat st {};
    CHECK(!ec && ::stat(temp.c_str(), &st) == 0 && (st.st_mode & 0777) == (0666 & ~g_umask));
    f.close(ec);
    removeFile(temp, ec);
#endif
}

void temporariesAreLockedWhileTheirWriterLives()
{
    const std::string target = g_root + "/epoch-3.pth";
    std::error_code ec;
    std::string temp;
    File writer = File::createTemporary(target, temp, ec);
    CHECK(!ec);
    const std::string suffix = temp.substr(target.size());
    CHECK(suffix.size() == 11 && suffix.rfind(".tmp-", 0) == 0);
    {
        File other = File::open(temp, File::Open::Read, ec);
        CHECK(!ec && !other.tryLock());  // a live writer holds it: not stale
    }
    CHECK(writer.close(ec));  // a writer gone without committing, as after a kill
    {
        File other = File::open(temp, File::Open::Read, ec);
        CHECK(!ec && other.tryLock());  // now stale: whoever finds it may remove it
    }
    CHECK(removeFile(temp, ec));
    CHECK(!fs::exists(native(temp)));
    File missing = File::open(g_root + "/does-not-exist", File::Open::Read, ec);
    CHECK(ec && !missing.isOpen() && !describe(ec).empty());
    File folder = File::open(g_root, File::Open::Read, ec);
    CHECK(ec == std::errc::is_a_directory && !folder.isOpen());
}

void pagesAndTime()
{
    const size_t bytes = 4 << 20;
    auto* p = static_cast<unsigned char*>(allocatePages(bytes));
    CHECK(p != nullptr);
    if (p) {
        CHECK(p[0] == 0 && p[bytes - 1] == 0);
        std::memset(p, 0xab, bytes);
        CHECK(p[bytes / 2] == 0xab);
        freePages(p, bytes);
    }
    const std::tm epoch = utcTime(0);
    CHECK(epoch.tm_year == 70 && epoch.tm_mon == 0 && epoch.tm_mday == 1 && epoch.tm_hour == 0);
    const std::tm later = utcTime(951782400);  // 2000-02-29 00:00:00 UTC
    CHECK(later.tm_year == 100 && later.tm_mon == 1 && later.tm_mday == 29);
    CHECK(processId() > 0);
    CHECK(!hostName().empty());
    const int port = findFreeLocalPort(-1);
    CHECK(port == -1 || (port > 0 && port < 65536));
    isTerminal(Stream::Err);  // either answer is right; it must not fail
    writeRaw(Stream::Err, "  (raw write)\n", 14);
}

void stopsAChildProcessGroup(const std::string& self)
{
    const std::string ready = g_root + "/child-ready";
    std::error_code ec;
    ChildProcess child =
        ChildProcess::start(self, {"--child-wait-for-stop", ready}, {{"MS_PLATFORM_CHILD", "yes"}}, ec);
    CHECK(!ec && child.id() > 0);
    if (ec) {
        std::fprintf(stderr, "  start: %s\n", describe(ec).c_str());
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!fs::exists(native(ready)) && child.isRunning() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(fs::exists(native(ready)));
    CHECK(child.isRunning());
    child.requestStop();
    int code = -1;
    CHECK(child.wait(60000, code));
    CHECK(code == 130);  // it heard the stop and ended by itself, as a rank finishing its step
    if (code != 130)
        std::fprintf(stderr, "  child exit code %d\n", code);

    ChildProcess stubborn = ChildProcess::start(self, {"--child-sleep"}, {}, ec);
    CHECK(!ec && stubborn.isRunning());
    stubborn.kill();
    CHECK(stubborn.wait(60000, code) && code != 0);

    ChildProcess missing = ChildProcess::start(g_root + "/no-such-program", {}, {}, ec);
    CHECK(ec && missing.id() <= 0);
}

// The child side of stopsAChildProcessGroup.
std::atomic<bool> g_stopped{false};
void onStop() { g_stopped = true; }

int childWaitForStop(const std::string& ready)
{
    if (!std::getenv("MS_PLATFORM_CHILD"))
        return 3;  // the environment did not arrive
    installInterruptHandler(onStop);
    writeWhole(ready, "ready");
    for (int i = 0; i < 6000 && !g_stopped; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return g_stopped ? 130 : 1;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc >= 3 && std::string(argv[1]) == "--child-wait-for-stop")
        return childWaitForStop(argv[2]);
    if (argc >= 2 && std::string(argv[1]) == "--child-sleep") {
        std::this_thread::sleep_for(std::chrono::seconds(120));
        return 0;
    }
#ifndef _WIN32
    g_umask = ::umask(022);  // read while no other thread runs, and put back
    ::umask(g_umask);
#endif
    const fs::path root = fs::temp_directory_path() / ("mattestudio-platform-" + std::to_string(processId()));
    fs::remove_all(root);
    fs::create_directories(root);
    g_root = root.u8string();
    const std::vector<std::pair<const char*, std::function<void()>>> tests{
        {"binaryRoundTrip", binaryRoundTrip},
        {"appendAndTruncate", appendAndTruncate},
        {"replacesOverAnExistingFile", replacesOverAnExistingFile},
        {"replacesWhileAReaderHoldsTheFile", replacesWhileAReaderHoldsTheFile},
        {"handlesNonAsciiPaths", handlesNonAsciiPaths},
        {"convertsPathsForLibraries", convertsPathsForLibraries},
        {"temporariesOnManyThreadsKeepTheUmask", temporariesOnManyThreadsKeepTheUmask},
        {"temporariesAreLockedWhileTheirWriterLives", temporariesAreLockedWhileTheirWriterLives},
        {"pagesAndTime", pagesAndTime},
        {"stopsAChildProcessGroup", [&] { stopsAChildProcessGroup(argv[0]); }},
    };
    for (const auto& [name, test] : tests) {
        const int before = g_failures;
        test();
        std::printf("%s %s\n", g_failures == before ? "PASS" : "FAIL", name);
    }
    std::error_code ec;
    fs::remove_all(root, ec);
    std::printf("%d check(s) failed\n", g_failures);
    return g_failures;
}
