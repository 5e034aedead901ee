// Training logs: TensorBoard event files (framing, CRC-32C, round trip, damage) and the JSON-lines
// metrics log. The event files are also decoded by an independent decoder written here (bitwise
// CRC, hand-rolled field parser), so the writer is not only checked against its own reader.
#include "TestSupport.h"

#include "log/Crc32c.h"
#include "log/MetricsLog.h"
#include "log/TensorBoardReader.h"
#include "log/TensorBoardWriter.h"
#include "log/TfRecord.h"

#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <regex>
#include <thread>

#ifndef _WIN32  // POSIX: the tests that need it skip on Windows, saying why
#include <sys/resource.h>
#endif

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

using mstest::FileSizeLimit;
using mstest::readBytes;
using mstest::writeBytes;

// --- The independent decoder -------------------------------------------------------------------

uint32_t bitwiseCrc32c(const std::string& bytes)
{
    uint32_t crc = 0xffffffffu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}

uint32_t masked(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }

uint64_t le(const std::string& s, size_t at, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= uint64_t(uint8_t(s.at(at + i))) << (8 * i);
    return v;
}

// Splits a whole file into record payloads; throws std::runtime_error on any mismatch.
std::vector<std::string> splitRecords(const std::string& file)
{
    std::vector<std::string> records;
    size_t at = 0;
    while (at < file.size()) {
        const uint64_t length = le(file, at, 8);
        if (masked(bitwiseCrc32c(file.substr(at, 8))) != le(file, at + 8, 4))
            throw std::runtime_error("length crc");
        std::string data = file.substr(at + 12, length);
        if (data.size() != length || masked(bitwiseCrc32c(data)) != le(file, at + 12 + length, 4))
            throw std::runtime_error("data crc");
        records.push_back(std::move(data));
        at += 16 + length;
    }
    return records;
}

struct PbField {
    int number = 0, type = 0;
    uint64_t value = 0;  // varint, fixed32, fixed64 bits
    std::string bytes;
};

std::vector<PbField> parseMessage(const std::string& m)
{
    std::vector<PbField> fields;
    size_t at = 0;
    auto varint = [&] {
        uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            const uint8_t b = uint8_t(m.at(at++));
            v |= uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
    };
    while (at < m.size()) {
        PbField f;
        const uint64_t key = varint();
        f.number = int(key >> 3);
        f.type = int(key & 7);
        if (f.type == 0) {
            f.value = varint();
        } else if (f.type == 1 || f.type == 5) {
            const int n = f.type == 1 ? 8 : 4;
            f.value = le(m, at, n);
            at += n;
        } else if (f.type == 2) {
            const uint64_t n = varint();
            f.bytes = m.substr(at, n);
            at += n;
        } else {
            throw std::runtime_error("wire type");
        }
        fields.push_back(f);
    }
    return fields;
}

const PbField* field(const std::vector<PbField>& fields, int number)
{
    for (const PbField& f : fields)
        if (f.number == number)
            return &f;
    return nullptr;
}

double asDouble(uint64_t bits)
{
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

float asFloat(uint64_t bits)
{
    const auto b = uint32_t(bits);
    float f;
    std::memcpy(&f, &b, 4);
    return f;
}

// --- Helpers -----------------------------------------------------------------------------------

// Random-noise RGB image: PNG cannot compress it, so it is large on disk.
cv::Mat noiseImage(int size)
{
    cv::Mat image(size, size, CV_8UC3);
    cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(256));
    return image;
}

// Five scalars "loss" at steps 0..4, values 0.5, 1.5, ...; returns the event file.
std::string writeFiveScalars(const std::string& dir)
{
    ms::TensorBoardWriter writer(dir);
    for (int i = 0; i < 5; ++i)
        writer.addScalar("loss", i + 0.5, i);
    return writer.path();
}

// Byte offsets of the records of a file (by the independent decoder's reading of the lengths).
std::vector<size_t> recordOffsets(const std::string& file)
{
    std::vector<size_t> offsets;
    for (size_t at = 0; at < file.size(); at += 16 + le(file, at, 8))
        offsets.push_back(at);
    return offsets;
}

}  // namespace

class TestTensorBoard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void crc32cKnownVectors()
    {
        QCOMPARE(ms::crc32c("123456789"), 0xE3069283u);
        QCOMPARE(ms::crc32c(""), 0u);
        // RFC 3720 (iSCSI) B.4 test vectors.
        std::string ascending, descending;
        for (int i = 0; i < 32; ++i) {
            ascending.push_back(char(i));
            descending.push_back(char(31 - i));
        }
        QCOMPARE(ms::crc32c(std::string(32, '\0')), 0x8A9136AAu);
        QCOMPARE(ms::crc32c(std::string(32, '\xff')), 0x62A8AB43u);
        QCOMPARE(ms::crc32c(ascending), 0x46DD794Eu);
        QCOMPARE(ms::crc32c(descending), 0x113FDB5Cu);
        // Continuing over pieces equals the whole; table-driven equals bitwise.
        const std::string text = "The quick brown fox jumps over the lazy dog";
        QCOMPARE(ms::crc32c(text.data() + 10, text.size() - 10, ms::crc32c(text.data(), 10)), ms::crc32c(text));
        QCOMPARE(ms::crc32c(text), bitwiseCrc32c(text));
        QCOMPARE(ms::maskCrc32c(0xE3069283u), masked(0xE3069283u));
    }

    void recordFramingBytes()
    {
        const std::string framed = ms::frameTfRecord("hello");
        QCOMPARE(framed.size(), size_t(8 + 4 + 5 + 4));
        QCOMPARE(framed.substr(0, 8), std::string("\x05\0\0\0\0\0\0\0", 8));
        QCOMPARE(le(framed, 8, 4), uint64_t(masked(bitwiseCrc32c(framed.substr(0, 8)))));
        QCOMPARE(framed.substr(12, 5), std::string("hello"));
        QCOMPARE(le(framed, 17, 4), uint64_t(masked(bitwiseCrc32c("hello"))));

        // Every TensorFlow event file starts with the 24-byte version record, whose header is
        // 18 00 00 00 00 00 00 00 a3 7f 4b 22 (as seen at the start of any real tfevents file).
        const std::string dir = mstest::scratchDir("tb-framing");
        const std::string file = readBytes(writeFiveScalars(dir));
        QCOMPARE(file.substr(0, 12), std::string("\x18\0\0\0\0\0\0\0\xa3\x7f\x4b\x22", 12));
        const std::string version = splitRecords(file).at(0);
        QCOMPARE(uint8_t(version[0]), uint8_t(0x09));  // field 1 (wall_time), fixed64
        QCOMPARE(uint8_t(version[9]), uint8_t(0x1A));  // field 3 (file_version), bytes
        QCOMPARE(uint8_t(version[10]), uint8_t(13));
        QCOMPARE(version.substr(11), std::string("brain.Event:2"));
    }

    void independentDecoderReadsWriterOutput()
    {
        const std::string dir = mstest::scratchDir("tb-independent");
        const double before =
            std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        std::string path;
        {
            ms::TensorBoardWriter writer(dir);
            writer.addScalar("train/loss", 0.25, 7);
            writer.addScalar("valid/sad", -3.5, 123456789012LL);
            writer.addImage("pha", cv::Mat(2, 3, CV_8UC1, cv::Scalar(200)), 9);
            path = writer.path();
        }
        const std::vector<std::string> records = splitRecords(readBytes(path));
        QCOMPARE(records.size(), size_t(4));

        // Exact bytes of a scalar event after the wall time: step 7, summary{value{tag, simple_value}}.
        const std::string& scalar = records[1];
        QCOMPARE(uint8_t(scalar[0]), uint8_t(0x09));
        const double wallTime = asDouble(le(scalar, 1, 8));
        QVERIFY(wallTime >= before - 1 && wallTime < before + 60);
        std::string expected("\x10\x07\x2a\x13\x0a\x11\x0a\x0atrain/loss\x15", 19);
        const float quarter = 0.25f;
        expected.append(reinterpret_cast<const char*>(&quarter), 4);  // little-endian host
        QCOMPARE(scalar.substr(9), expected);

        const auto big = parseMessage(records[2]);
        QCOMPARE(field(big, 2)->value, uint64_t(123456789012LL));
        const auto value = parseMessage(field(parseMessage(field(big, 5)->bytes), 1)->bytes);
        QCOMPARE(field(value, 1)->bytes, std::string("valid/sad"));
        QCOMPARE(asFloat(field(value, 2)->value), -3.5f);

        const auto imageEvent = parseMessage(records[3]);
        QCOMPARE(field(imageEvent, 2)->value, uint64_t(9));
        const auto imageValue = parseMessage(field(parseMessage(field(imageEvent, 5)->bytes), 1)->bytes);
        QCOMPARE(field(imageValue, 1)->bytes, std::string("pha"));
        const auto image = parseMessage(field(imageValue, 4)->bytes);
        QCOMPARE(field(image, 1)->value, uint64_t(2));  // height
        QCOMPARE(field(image, 2)->value, uint64_t(3));  // width
        QCOMPARE(field(image, 3)->value, uint64_t(1));  // grey
        QCOMPARE(field(image, 4)->bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n"));
    }

    void scalarsAndImagesRoundTrip()
    {
        const std::string dir = mstest::scratchDir("tb-roundtrip");
        cv::Mat rgb(3, 4, CV_8UC3);
        cv::randu(rgb, cv::Scalar::all(0), cv::Scalar::all(256));
        rgb.at<cv::Vec3b>(0, 0) = cv::Vec3b(255, 0, 0);  // red, in RGB order
        cv::Mat grey(5, 2, CV_8UC1);
        cv::randu(grey, cv::Scalar::all(0), cv::Scalar::all(256));
        cv::Mat rgba(2, 2, CV_8UC4, cv::Scalar(10, 20, 30, 40));
        {
            ms::TensorBoardWriter writer(dir);
            for (int step = 0; step < 10; ++step) {
                writer.addScalar("loss", 1.0 / (step + 1), step);
                if (step % 3 == 0)
                    writer.addScalar("valid_loss", step * 0.1, step);
            }
            const cv::Mat rgbCopy = rgb.clone();
            writer.addImage("train_pred_com", rgb, 10);
            QCOMPARE(cv::norm(rgb, rgbCopy, cv::NORM_INF), 0.0);  // the caller's image is left alone
            writer.addImage("train_pred_pha", grey, 10);
            writer.addImage("rgba", rgba, 11);
            writer.flush();
            // Readable while the writer is open (flushed).
            QCOMPARE(ms::readTensorBoardScalars(writer.path()).size(), size_t(14));
        }
        const std::vector<ms::ScalarEvent> scalars = ms::readTensorBoardScalars(dir);
        QCOMPARE(scalars.size(), size_t(14));
        std::vector<ms::ScalarEvent> loss;
        for (const auto& s : scalars)
            if (s.tag == "loss")
                loss.push_back(s);
        QCOMPARE(loss.size(), size_t(10));
        for (int step = 0; step < 10; ++step) {
            QCOMPARE(loss[step].step, int64_t(step));
            QCOMPARE(loss[step].value, double(float(1.0 / (step + 1))));  // stored as float32
            QVERIFY(loss[step].wallTime > 1.6e9);
        }
        QCOMPARE(scalars[1].tag, std::string("valid_loss"));
        QCOMPARE(scalars[1].value, 0.0);

        const std::vector<ms::ImageEvent> images = ms::readTensorBoardImages(dir);
        QCOMPARE(images.size(), size_t(3));
        QCOMPARE(images[0].tag, std::string("train_pred_com"));
        QCOMPARE(images[0].step, int64_t(10));
        QCOMPARE(images[0].height, 3);
        QCOMPARE(images[0].width, 4);
        QCOMPARE(images[0].colorspace, 3);
        cv::Mat decoded =
            cv::imdecode(std::vector<uchar>(images[0].encoded.begin(), images[0].encoded.end()), cv::IMREAD_UNCHANGED);
        QCOMPARE(decoded.type(), CV_8UC3);
        QVERIFY(decoded.at<cv::Vec3b>(0, 0) == cv::Vec3b(0, 0, 255));  // PNG holds red (imdecode gives BGR)
        cv::cvtColor(decoded, decoded, cv::COLOR_BGR2RGB);
        QCOMPARE(cv::norm(decoded, rgb, cv::NORM_INF), 0.0);

        QCOMPARE(images[1].colorspace, 1);
        decoded =
            cv::imdecode(std::vector<uchar>(images[1].encoded.begin(), images[1].encoded.end()), cv::IMREAD_UNCHANGED);
        QCOMPARE(decoded.type(), CV_8UC1);
        QCOMPARE(cv::norm(decoded, grey, cv::NORM_INF), 0.0);

        QCOMPARE(images[2].colorspace, 4);
        decoded =
            cv::imdecode(std::vector<uchar>(images[2].encoded.begin(), images[2].encoded.end()), cv::IMREAD_UNCHANGED);
        QCOMPARE(decoded.type(), CV_8UC4);
        QVERIFY(decoded.at<cv::Vec4b>(1, 1) == cv::Vec4b(30, 20, 10, 40));  // BGRA of RGBA (10,20,30,40)
    }

    void fileNamesAndFolders()
    {
        const std::string dir = mstest::scratchDir("tb-names") + "/log/model";  // created by the writer
        const auto now = std::time(nullptr);
        ms::TensorBoardWriter first(dir), second(dir);
        QVERIFY(first.path() != second.path());
        const std::regex name("events\\.out\\.tfevents\\.(\\d+)\\.[A-Za-z0-9._-]+\\.\\d+\\.\\d+");
        std::smatch match;
        const std::string firstName = fs::path(first.path()).filename().string();
        QVERIFY2(std::regex_match(firstName, match, name), firstName.c_str());
        QVERIFY(std::abs(std::stoll(match[1].str()) - now) < 5);
        QCOMPARE(fs::path(first.path()).parent_path(), fs::path(dir));

        first.addScalar("a", 1, 1);
        second.addScalar("b", 2, 2);
        first.flush();
        second.flush();
        // A folder reads every event file in name order; a subfolder (another run) is not read.
        {
            ms::TensorBoardWriter(dir + "/other").addScalar("c", 3, 3);
        }
        QCOMPARE(ms::tensorBoardEventFiles(dir).size(), size_t(2));
        const auto scalars = ms::readTensorBoardScalars(dir);
        QCOMPARE(scalars.size(), size_t(2));
        QCOMPARE(scalars[0].tag, std::string(first.path() < second.path() ? "a" : "b"));
        QVERIFY(ms::readTensorBoardScalars(mstest::scratchDir("tb-empty")).empty());
    }

    void periodicAndDestructorFlush()
    {
        const std::string dir = mstest::scratchDir("tb-flush");
        std::string path;
        {
            ms::TensorBoardWriter writer(dir, 50ms);
            writer.addScalar("loss", 1, 1);
            path = writer.path();
            bool seen = false;
            for (int i = 0; i < 100 && !seen; ++i) {
                std::this_thread::sleep_for(20ms);
                seen = ms::readTensorBoardScalars(path).size() == 1;
            }
            QVERIFY2(seen, "the background flush did not write the scalar within 2 s");

            ms::TensorBoardWriter slow(dir, std::chrono::hours(1));
            slow.addScalar("late", 2, 2);
            path = slow.path();
            QVERIFY(ms::readTensorBoardScalars(path).empty());  // buffered
        }
        QCOMPARE(ms::readTensorBoardScalars(path).size(), size_t(1));  // written on destruction
    }

    void truncatedTailIsSkipped()
    {
        const std::string dir = mstest::scratchDir("tb-truncated");
        const std::string full = readBytes(writeFiveScalars(dir));
        const size_t last = recordOffsets(full).back();
        const std::string cut = dir + "/cut.tfevents";
        for (size_t keep :
             {full.size() - 1, full.size() - 4, full.size() - 5, last + 13, last + 12, last + 11, last + 1}) {
            writeBytes(cut, full.substr(0, keep));
            const auto scalars = ms::readTensorBoardScalars(cut);
            QCOMPARE(scalars.size(), size_t(4));
            QCOMPARE(scalars.back().step, int64_t(3));
        }
        // A zero-filled end (the data never reached the disk before a crash), with or without a cut.
        writeBytes(cut, full + std::string(100, '\0'));
        QCOMPARE(ms::readTensorBoardScalars(cut).size(), size_t(5));
        writeBytes(cut, full.substr(0, last + 5) + std::string(100, '\0'));
        QCOMPARE(ms::readTensorBoardScalars(cut).size(), size_t(4));
        writeBytes(cut, full.substr(0, last + 12) + std::string(full.size() - last - 12, '\0'));
        QCOMPARE(ms::readTensorBoardScalars(cut).size(), size_t(4));
    }

    void corruptRecordIsAnError()
    {
        const std::string dir = mstest::scratchDir("tb-corrupt");
        const std::string full = readBytes(writeFiveScalars(dir));
        const std::vector<size_t> offsets = recordOffsets(full);
        const std::string bad = dir + "/bad.tfevents";
        auto expectError = [&](std::string bytes, const char* what) {
            writeBytes(bad, bytes);
            const std::string message = mstest::errorOf([&] { ms::readTensorBoardScalars(bad); });
            QVERIFY2(!message.empty(), what);
            QVERIFY2(message.find("bad.tfevents") != std::string::npos, message.c_str());
            QVERIFY2(message.rfind("<not an ms::Error>", 0) != 0, message.c_str());
        };
        std::string flipped = full;
        flipped[offsets[2] + 20] ^= 0x01;  // inside the data of a middle record
        expectError(flipped, "flipped data byte");
        flipped = full;
        flipped[offsets[2] + 1] ^= 0x40;  // a middle record's length
        expectError(flipped, "flipped length byte");
        flipped = full;
        flipped[offsets[2] + 9] ^= 0x40;  // a middle record's length CRC
        expectError(flipped, "flipped length crc");
        expectError(full + std::string(40, 'x'), "garbage after the last record");
        // A record with good CRCs but not a protobuf Event.
        expectError(full.substr(0, offsets[2]) + ms::frameTfRecord("\x0f\xff") + full.substr(offsets[2]),
                    "bad protobuf");
        MS_VERIFY_ERROR(ms::readTensorBoardScalars(dir + "/no-such-file"));
    }

    void writeFailureKeepsEarlierRecords()
    {
#ifdef _WIN32
        QSKIP("needs POSIX: a file size limit (setrlimit) stands in for a full disk");
#else
        const std::string dir = mstest::scratchDir("tb-full");
        ms::TensorBoardWriter writer(dir, 50ms);
        writer.addScalar("loss", 1, 1);
        writer.flush();
        const auto goodSize = fs::file_size(writer.path());
        {
            FileSizeLimit limit(goodSize + 100);  // room for part of the next write only
            writer.addImage("noise", noiseImage(64), 2);
            const std::string message = mstest::errorOf([&] { writer.flush(); });
            QVERIFY2(message.find(writer.path()) != std::string::npos, message.c_str());
            QCOMPARE(fs::file_size(writer.path()), goodSize);  // the partial record was cut off

            // A failed background write (within the 300 ms, on all but a stalled machine) is reported
            // by the next call; flush() reports it either way.
            writer.addImage("noise", noiseImage(64), 3);
            std::this_thread::sleep_for(300ms);
            QCOMPARE(fs::file_size(writer.path()), goodSize);
            MS_VERIFY_ERROR(writer.flush());
        }
        writer.addScalar("loss", 4, 4);
        writer.flush();
        const auto scalars = ms::readTensorBoardScalars(writer.path());
        QCOMPARE(scalars.size(), size_t(2));
        QCOMPARE(scalars[0].step, int64_t(1));
        QCOMPARE(scalars[1].step, int64_t(4));
#endif
    }

    void badArguments()
    {
        const std::string dir = mstest::scratchDir("tb-bad");
        writeBytes(dir + "/file", "x");
        const std::string message = mstest::errorOf([&] { ms::TensorBoardWriter w(dir + "/file/sub"); });
        QVERIFY2(message.find(dir + "/file/sub") != std::string::npos, message.c_str());
        ms::TensorBoardWriter writer(dir);
        MS_VERIFY_ERROR(writer.addScalar("", 1, 1));
        MS_VERIFY_ERROR(writer.addImage("float", cv::Mat(2, 2, CV_32FC1, cv::Scalar(0.5)), 1));
        MS_VERIFY_ERROR(writer.addImage("empty", cv::Mat(), 1));
        MS_VERIFY_ERROR(writer.addImage("two", cv::Mat(2, 2, CV_8UC2, cv::Scalar(1)), 1));
    }

    // --- MetricsLog --------------------------------------------------------------------------

    void metricsLogRoundTrip()
    {
        const std::string path = mstest::scratchDir("metricslog") + "/run/metrics.jsonl";
        {
            ms::MetricsLog log(path);  // creates run/
            log.append("train", 10, 0, {{"loss", 0.5}});
            log.append("valid", 20, 1, {{"loss", 0.25}, {"sad", 12.5}, {"nan", std::nan("")}});
        }
        {
            ms::MetricsLog log(path);  // appends
            log.append("train", 30, 1, nullptr);
        }
        const std::vector<nlohmann::json> lines = ms::readMetricsLog(path);
        QCOMPARE(lines.size(), size_t(3));
        QCOMPARE(lines[0]["kind"].get<std::string>(), std::string("train"));
        QCOMPARE(lines[0]["step"].get<int64_t>(), int64_t(10));
        QCOMPARE(lines[0]["epoch"].get<int64_t>(), int64_t(0));
        QCOMPARE(lines[0]["loss"].get<double>(), 0.5);
        QCOMPARE(lines[1]["sad"].get<double>(), 12.5);
        QVERIFY(lines[1]["nan"].is_null());
        QCOMPARE(lines[2]["step"].get<int64_t>(), int64_t(30));
        const std::string time = lines[0]["time"].get<std::string>();
        QVERIFY2(std::regex_match(time, std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")),
                 time.c_str());
        QCOMPARE(time.substr(0, 4), ms::isoTimeNow().substr(0, 4));
        // One object per line.
        const std::string text = readBytes(path);
        QCOMPARE(std::count(text.begin(), text.end(), '\n'), std::ptrdiff_t(3));
    }

    void metricsLogTornLine()
    {
        const std::string path = mstest::scratchDir("metricslog-torn") + "/metrics.jsonl";
        {
            ms::MetricsLog(path).append("train", 1, 0, {{"loss", 1.0}});
        }
        {
            std::ofstream(path, std::ios::app) << "{\"time\": \"2026-01-01T00:00:00.000Z\", \"step\": 2, \"lo";
        }
        QCOMPARE(ms::readMetricsLog(path).size(), size_t(1));  // torn last line skipped
        {
            ms::MetricsLog(path).append("train", 3, 0, {{"loss", 3.0}});
        }  // cuts the torn line first
        const auto lines = ms::readMetricsLog(path);
        QCOMPARE(lines.size(), size_t(2));
        QCOMPARE(lines[1]["step"].get<int64_t>(), int64_t(3));

        // A file holding nothing but a torn line.
        const std::string only = mstest::scratchDir("metricslog-only") + "/m.jsonl";
        writeBytes(only, "{\"ste");
        QVERIFY(ms::readMetricsLog(only).empty());
        {
            ms::MetricsLog(only).append("valid", 5, 0, {});
        }
        QCOMPARE(ms::readMetricsLog(only).size(), size_t(1));
    }

    void metricsLogErrors()
    {
#ifdef _WIN32
        QSKIP("needs POSIX: a file size limit (setrlimit) stands in for a full disk");
#else
        const std::string dir = mstest::scratchDir("metricslog-bad");
        writeBytes(dir + "/middle.jsonl", "{\"step\": 1}\n{\"step\": oops}\n{\"step\": 3}\n");
        const std::string message = mstest::errorOf([&] { ms::readMetricsLog(dir + "/middle.jsonl"); });
        QVERIFY2(message.find("middle.jsonl") != std::string::npos && message.find("line 2") != std::string::npos,
                 message.c_str());
        MS_VERIFY_ERROR(ms::readMetricsLog(dir + "/missing.jsonl"));
        MS_VERIFY_ERROR(ms::MetricsLog(dir));  // a folder
        ms::MetricsLog log(dir + "/m.jsonl");
        MS_VERIFY_ERROR(log.append("train", 1, 0, {{"step", 2}}));
        MS_VERIFY_ERROR(log.append("train", 1, 0, nlohmann::json::array({1, 2})));

        // A failed write leaves the file as it was.
        log.append("train", 1, 0, {{"loss", 1.0}});
        const auto size = fs::file_size(log.path());
        {
            FileSizeLimit limit(size + 10);
            MS_VERIFY_ERROR(log.append("train", 2, 0, {{"loss", 2.0}}));
        }
        QCOMPARE(fs::file_size(log.path()), size);
        QCOMPARE(ms::readMetricsLog(log.path()).size(), size_t(1));
#endif
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestTensorBoard)
#include "tst_tensorboard.moc"
