#include "log/TfRecord.h"

#include "core/Error.h"
#include "log/Crc32c.h"
#include "platform/Paths.h"

#include <fstream>

namespace ms {

namespace {

void putLe(std::string& out, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xffu));
}

uint64_t getLe(const char* p, int bytes)
{
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i)
        value |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return value;
}

// Where the run of zero bytes that ends the file starts (`end` if the last byte is not zero): a
// crash can leave file space the data never reached, which reads as zeros.
uint64_t trailingZerosStart(std::ifstream& in, uint64_t end)
{
    char buffer[4096];
    while (end > 0) {
        const uint64_t start = end > sizeof buffer ? end - sizeof buffer : 0;
        in.clear();
        in.seekg(static_cast<std::streamoff>(start));
        if (!in.read(buffer, static_cast<std::streamsize>(end - start)))
            return end;
        for (uint64_t i = end - start; i > 0; --i)
            if (buffer[i - 1] != 0)
                return start + i;
        end = start;
    }
    return 0;
}

}  // namespace

std::string frameTfRecord(std::string_view payload)
{
    std::string out;
    out.reserve(payload.size() + 16);
    putLe(out, payload.size(), 8);
    putLe(out, maskCrc32c(crc32c(out.data(), 8)), 4);
    out.append(payload.data(), payload.size());
    putLe(out, maskCrc32c(crc32c(payload)), 4);
    return out;
}

bool forEachTfRecord(const std::string& path,
                     const std::function<void(std::string_view payload, uint64_t offset)>& onRecord)
{
    std::ifstream in(platform::fsPath(path), std::ios::binary);
    if (!in)
        throw Error("Cannot open the TensorBoard event file " + path);
    in.seekg(0, std::ios::end);
    const auto end = static_cast<uint64_t>(in.tellg());
    in.seekg(0);

    auto corrupt = [&](uint64_t offset, const std::string& what) {
        return Error("The TensorBoard event file " + path + " is damaged at byte " + std::to_string(offset) + " (" +
                     what + ").");
    };

    std::string payload;
    uint64_t offset = 0;
    while (offset < end) {
        if (end - offset < 12)
            return true;  // header cut short
        char header[12];
        in.seekg(static_cast<std::streamoff>(offset));
        if (!in.read(header, 12))
            throw Error("Cannot read the TensorBoard event file " + path);
        const uint64_t length = getLe(header, 8);
        if (maskCrc32c(crc32c(header, 8)) != static_cast<uint32_t>(getLe(header + 8, 4))) {
            if (trailingZerosStart(in, end) < offset + 12)
                return true;  // the zero-filled end reaches into this header
            throw corrupt(offset, "bad length checksum");
        }
        // The length is trustworthy now; a record reaching past the end was cut short.
        if (length > end - offset - 12 || end - offset - 12 - length < 4)
            return true;
        payload.resize(length);
        char footer[4];
        if (!in.read(payload.data(), static_cast<std::streamsize>(length)) || !in.read(footer, 4))
            throw Error("Cannot read the TensorBoard event file " + path);
        if (maskCrc32c(crc32c(payload)) != static_cast<uint32_t>(getLe(footer, 4))) {
            if (trailingZerosStart(in, end) < offset + 16 + length)
                return true;  // the zero-filled end reaches into this record
            throw corrupt(offset, "bad data checksum");
        }
        onRecord(payload, offset);
        offset += 16 + length;
    }
    return false;
}

}  // namespace ms
