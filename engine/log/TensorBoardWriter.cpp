#include "log/TensorBoardWriter.h"

#include "core/Error.h"
#include "log/ProtoWire.h"
#include "log/TfRecord.h"
#include "platform/Paths.h"
#include "platform/Process.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <utility>
#include <vector>

namespace ms {

namespace {

constexpr size_t kFlushBytes = 1 << 20;  // write at once when this much is buffered (images)

// Field numbers of tensorflow/core/util/event.proto and framework/summary.proto.
enum : uint32_t { kEventWallTime = 1, kEventStep = 2, kEventFileVersion = 3, kEventSummary = 5 };
enum : uint32_t { kSummaryValue = 1 };
enum : uint32_t { kValueTag = 1, kValueSimpleValue = 2, kValueImage = 4 };
enum : uint32_t { kImageHeight = 1, kImageWidth = 2, kImageColorspace = 3, kImageEncoded = 4 };

double wallTime() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

// The host name as a file name part, like TensorFlow's.
std::string fileNameHost()
{
    std::string name = platform::hostName();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_')
            c = '_';
    return name;
}

// Event{wall_time, step, summary{value{...}}} around one encoded Summary.Value.
std::string summaryEvent(int64_t step, const std::string& value)
{
    std::string summary;
    proto::putBytesField(summary, kSummaryValue, value);
    std::string event;
    proto::putDoubleField(event, kEventWallTime, wallTime());
    proto::putVarintField(event, kEventStep, step);
    proto::putBytesField(event, kEventSummary, summary);
    return event;
}

void checkTag(const std::string& tag)
{
    if (tag.empty())
        throw Error("A TensorBoard tag must not be empty.");
}

}  // namespace

TensorBoardWriter::TensorBoardWriter(const std::string& logDir, std::chrono::milliseconds flushInterval)
    : m_interval(flushInterval)
{
    std::error_code ec;
    const std::filesystem::path folder = platform::fsPath(logDir);
    std::filesystem::create_directories(folder, ec);
    if (ec || !std::filesystem::is_directory(folder, ec))
        throw Error("Cannot create the TensorBoard log folder " + logDir + ": " +
                    (ec ? ec.message() : std::string("a file of that name is in the way")));

    // TensorBoard reads every file with "tfevents" in its name; the pid and a counter keep two
    // writers started in the same second apart.
    static std::atomic<unsigned> counter{0};
    const std::string base = logDir + "/events.out.tfevents." + std::to_string(std::time(nullptr)) + "." +
                             fileNameHost() + "." + std::to_string(platform::processId()) + ".";
    for (int attempt = 0; attempt < 100 && !m_file.isOpen(); ++attempt) {
        const std::string candidate = base + std::to_string(counter++);
        m_file = platform::File::open(candidate, platform::File::Open::CreateNew, ec);
        if (m_file.isOpen())
            m_path = candidate;
        else if (ec != std::errc::file_exists)
            throw Error("Cannot create the TensorBoard event file " + candidate + ": " + platform::describe(ec));
    }
    if (!m_file.isOpen())
        throw Error("Cannot create a new TensorBoard event file in " + logDir + ": too many files of the same name");

    std::string version;
    proto::putDoubleField(version, kEventWallTime, wallTime());
    proto::putBytesField(version, kEventFileVersion, "brain.Event:2");
    m_pending = frameTfRecord(version);
    try {
        writePending();
    } catch (...) {
        std::error_code ignored;
        m_file.close(ignored);
        platform::removeFile(m_path, ignored);
        throw;
    }
    m_flusher = std::thread([this] { flusherLoop(); });
}

TensorBoardWriter::~TensorBoardWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_flusher.join();
    try {
        writePending();
    } catch (...) {
        // Nothing to report to from a destructor; the file still ends with a complete record.
    }
}

void TensorBoardWriter::addScalar(const std::string& tag, double value, int64_t step)
{
    checkTag(tag);
    std::string v;
    proto::putBytesField(v, kValueTag, tag);
    proto::putFloatField(v, kValueSimpleValue, static_cast<float>(value));
    append(summaryEvent(step, v));
}

void TensorBoardWriter::addImage(const std::string& tag, const cv::Mat& image, int64_t step)
{
    checkTag(tag);
    if (image.empty() || image.depth() != CV_8U ||
        (image.channels() != 1 && image.channels() != 3 && image.channels() != 4))
        throw Error("TensorBoard image '" + tag + "': expected an 8-bit grey, RGB or RGBA image.");
    // imencode takes OpenCV's BGR(A) order; TensorBoard's colorspace codes are 1 grey, 3 RGB, 4 RGBA.
    // (A fresh Mat: converting into a copy of the header would overwrite the caller's pixels.)
    cv::Mat bgr;
    if (image.channels() == 3)
        cv::cvtColor(image, bgr, cv::COLOR_RGB2BGR);
    else if (image.channels() == 4)
        cv::cvtColor(image, bgr, cv::COLOR_RGBA2BGRA);
    else
        bgr = image;
    std::vector<uchar> png;
    if (!cv::imencode(".png", bgr, png, {cv::IMWRITE_PNG_COMPRESSION, 3}))
        throw Error("TensorBoard image '" + tag + "': PNG encoding failed.");

    std::string img;
    proto::putVarintField(img, kImageHeight, image.rows);
    proto::putVarintField(img, kImageWidth, image.cols);
    proto::putVarintField(img, kImageColorspace, image.channels());
    proto::putBytesField(img, kImageEncoded, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
    std::string v;
    proto::putBytesField(v, kValueTag, tag);
    proto::putBytesField(v, kValueImage, img);
    append(summaryEvent(step, v));
}

void TensorBoardWriter::flush()
{
    throwDeferredError();
    writePending();
}

void TensorBoardWriter::append(std::string&& event)
{
    const std::string record = frameTfRecord(event);
    bool large;
    {
        std::lock_guard lock(m_mutex);
        if (!m_deferredError.empty())
            throw Error(std::exchange(m_deferredError, {}));
        m_pending += record;
        large = m_pending.size() >= kFlushBytes;
    }
    if (large)
        writePending();
}

void TensorBoardWriter::throwDeferredError()
{
    std::lock_guard lock(m_mutex);
    if (!m_deferredError.empty())
        throw Error(std::exchange(m_deferredError, {}));
}

void TensorBoardWriter::writePending()
{
    std::lock_guard writeLock(m_writeMutex);
    std::string data;
    {
        std::lock_guard lock(m_mutex);
        data.swap(m_pending);
    }
    std::error_code ec;
    if (!m_file.writeAt(m_size, data.data(), data.size(), ec)) {
        // Cut a partly written record off, so the file ends with a complete one. Should that
        // fail too, the next write starts at m_size again and overwrites the fragment.
        std::error_code ignored;
        m_file.truncate(m_size, ignored);
        throw Error("Cannot write the TensorBoard event file " + m_path + ": " + platform::describe(ec) +
                    " (the last " + std::to_string(data.size()) + " bytes of logs are lost; earlier ones are kept)");
    }
    m_size += data.size();
}

void TensorBoardWriter::flusherLoop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, m_interval, [this] { return m_stop; });
        if (m_stop || m_pending.empty())
            continue;
        lock.unlock();  // writePending takes m_writeMutex first, then m_mutex
        std::string error;
        try {
            writePending();
        } catch (const std::exception& e) {
            error = e.what();
        }
        lock.lock();
        if (!error.empty() && m_deferredError.empty())
            m_deferredError = error;
    }
}

}  // namespace ms
