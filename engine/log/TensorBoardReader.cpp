#include "log/TensorBoardReader.h"

#include "core/Error.h"
#include "log/ProtoWire.h"
#include "log/TfRecord.h"
#include "platform/Paths.h"

#include <algorithm>
#include <filesystem>
#include <functional>

namespace fs = std::filesystem;

namespace ms {

namespace {

// One Summary.Value with the event's step and time; `image` is set for image values.
struct DecodedValue {
    std::string_view tag;
    bool hasSimpleValue = false;
    float simpleValue = 0;
    bool hasImage = false;
    std::string_view image;
};

void expectType(const proto::Field& f, proto::WireType type, const char* what)
{
    if (f.type != type)
        throw Error(std::string("malformed protobuf: wrong wire type for ") + what);
}

DecodedValue decodeValue(std::string_view bytes)
{
    DecodedValue v;
    proto::FieldReader reader(bytes);
    proto::Field f;
    while (reader.next(f)) {
        if (f.number == 1) {
            expectType(f, proto::WireType::Bytes, "Summary.Value.tag");
            v.tag = f.bytes;
        } else if (f.number == 2) {
            expectType(f, proto::WireType::Fixed32, "Summary.Value.simple_value");
            v.hasSimpleValue = true;
            v.simpleValue = f.asFloat();
        } else if (f.number == 4) {
            expectType(f, proto::WireType::Bytes, "Summary.Value.image");
            v.hasImage = true;
            v.image = f.bytes;
        }
    }
    return v;
}

ImageEvent decodeImage(std::string_view bytes)
{
    ImageEvent image;
    proto::FieldReader reader(bytes);
    proto::Field f;
    while (reader.next(f)) {
        if (f.number >= 1 && f.number <= 3) {
            expectType(f, proto::WireType::Varint, "Summary.Image size");
            const int value = static_cast<int>(f.value);
            (f.number == 1 ? image.height : f.number == 2 ? image.width : image.colorspace) = value;
        } else if (f.number == 4) {
            expectType(f, proto::WireType::Bytes, "Summary.Image.encoded_image_string");
            image.encoded.assign(f.bytes.data(), f.bytes.size());
        }
    }
    return image;
}

using ValueHandler = std::function<void(const DecodedValue&, int64_t step, double wallTime)>;

// Decodes every Event of a file and hands each Summary.Value to onValue.
void readEventFile(const std::string& path, const ValueHandler& onValue)
{
    forEachTfRecord(path, [&](std::string_view record, uint64_t offset) {
        try {
            double wallTime = 0;
            int64_t step = 0;
            std::vector<std::string_view> summaries;
            proto::FieldReader event(record);
            proto::Field f;
            while (event.next(f)) {
                if (f.number == 1) {
                    expectType(f, proto::WireType::Fixed64, "Event.wall_time");
                    wallTime = f.asDouble();
                } else if (f.number == 2) {
                    expectType(f, proto::WireType::Varint, "Event.step");
                    step = static_cast<int64_t>(f.value);
                } else if (f.number == 5) {
                    expectType(f, proto::WireType::Bytes, "Event.summary");
                    summaries.push_back(f.bytes);
                }
            }
            // Fields may come in any order, so the values are decoded once step and time are known.
            for (std::string_view summary : summaries) {
                proto::FieldReader values(summary);
                while (values.next(f))
                    if (f.number == 1) {
                        expectType(f, proto::WireType::Bytes, "Summary.value");
                        onValue(decodeValue(f.bytes), step, wallTime);
                    }
            }
        } catch (const Error& e) {
            throw Error("The TensorBoard event file " + path + " has an unreadable event at byte " +
                        std::to_string(offset) + ": " + e.what());
        }
    });
}

void readEvents(const std::string& fileOrDir, const ValueHandler& onValue)
{
    std::error_code ec;
    if (fs::is_directory(platform::fsPath(fileOrDir), ec)) {
        for (const std::string& file : tensorBoardEventFiles(fileOrDir))
            readEventFile(file, onValue);
    } else {
        readEventFile(fileOrDir, onValue);  // throws naming the path when it does not exist
    }
}

}  // namespace

std::vector<std::string> tensorBoardEventFiles(const std::string& dir)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::directory_iterator it(platform::fsPath(dir), ec), end; !ec && it != end; it.increment(ec))
        if (platform::utf8Path(it->path().filename()).find("tfevents") != std::string::npos && it->is_regular_file(ec))
            files.push_back(platform::utf8Path(it->path()));
    if (ec)
        throw Error("Cannot list the TensorBoard log folder " + dir + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<ScalarEvent> readTensorBoardScalars(const std::string& fileOrDir)
{
    std::vector<ScalarEvent> scalars;
    readEvents(fileOrDir, [&](const DecodedValue& v, int64_t step, double wallTime) {
        if (v.hasSimpleValue)
            scalars.push_back({std::string(v.tag), step, wallTime, static_cast<double>(v.simpleValue)});
    });
    return scalars;
}

std::vector<ImageEvent> readTensorBoardImages(const std::string& fileOrDir)
{
    std::vector<ImageEvent> images;
    readEvents(fileOrDir, [&](const DecodedValue& v, int64_t step, double wallTime) {
        if (!v.hasImage)
            return;
        ImageEvent image = decodeImage(v.image);
        image.tag = std::string(v.tag);
        image.step = step;
        image.wallTime = wallTime;
        images.push_back(std::move(image));
    });
    return images;
}

}  // namespace ms
