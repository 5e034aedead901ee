#include "io/ImageHeader.h"
#include "platform/Paths.h"

#include <algorithm>
#include <cstdint>
#include <fstream>

namespace ms {
namespace {

uint32_t bigEndian(const unsigned char* p, int bytes)
{
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | p[i];
    return v;
}

// PNG: 8-byte signature, then the IHDR chunk (length, "IHDR", width, height).
cv::Size pngSize(std::ifstream& in)
{
    unsigned char h[24];
    if (!in.read(reinterpret_cast<char*>(h), sizeof h))
        return {};
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (!std::equal(signature, signature + 8, h) || std::string(reinterpret_cast<char*>(h) + 12, 4) != "IHDR")
        return {};
    const uint32_t w = bigEndian(h + 16, 4), hgt = bigEndian(h + 20, 4);
    if (w == 0 || hgt == 0 || w > (1u << 30) || hgt > (1u << 30))
        return {};
    return {static_cast<int>(w), static_cast<int>(hgt)};
}

// JPEG: walk the marker segments after SOI up to the first start-of-frame (SOF0..SOF15 except the
// DHT/JPG/DAC markers C4, C8, CC), which holds height and width.
cv::Size jpegSize(std::ifstream& in)
{
    unsigned char soi[2];
    if (!in.read(reinterpret_cast<char*>(soi), 2) || soi[0] != 0xFF || soi[1] != 0xD8)
        return {};
    for (int segments = 0; segments < 1000; ++segments) {
        int c = in.get();
        if (c != 0xFF)
            return {};
        while (c == 0xFF)  // fill bytes
            c = in.get();
        if (c == EOF)
            return {};
        const int marker = c;
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue;  // no length field
        if (marker == 0xD9 || marker == 0xDA)
            return {};  // end of image or start of scan before any frame header
        unsigned char len[2];
        if (!in.read(reinterpret_cast<char*>(len), 2))
            return {};
        const uint32_t length = bigEndian(len, 2);
        if (length < 2)
            return {};
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            unsigned char f[5];
            if (length < 7 || !in.read(reinterpret_cast<char*>(f), 5))
                return {};
            const uint32_t h = bigEndian(f + 1, 2), w = bigEndian(f + 3, 2);
            if (w == 0 || h == 0)
                return {};
            return {static_cast<int>(w), static_cast<int>(h)};
        }
        in.seekg(length - 2, std::ios::cur);
        if (!in)
            return {};
    }
    return {};
}

// PNG ends with the 12-byte IEND chunk. A JPEG ends with FF D9, though some writers append padding,
// so the marker is looked for in the last few kilobytes.
bool endsProperly(std::ifstream& in, bool png)
{
    in.clear();
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    const std::streamoff tail = std::min<std::streamoff>(size, png ? 12 : 4096);
    std::string bytes(static_cast<size_t>(tail), '\0');
    in.seekg(size - tail);
    if (tail < 2 || !in.read(bytes.data(), tail))
        return false;
    if (png)
        return bytes.compare(bytes.size() - 8, 8, std::string("IEND\xAE\x42\x60\x82", 8)) == 0;
    return bytes.find("\xFF\xD9") != std::string::npos;
}

}  // namespace

ImageHeader readImageHeader(const std::string& path)
{
    std::ifstream in(platform::fsPath(path), std::ios::binary);
    if (!in)
        return {};
    const int first = in.peek();
    const bool png = first == 0x89;
    ImageHeader header;
    if (png)
        header.size = pngSize(in);
    else if (first == 0xFF)
        header.size = jpegSize(in);
    if (!header.size.empty())
        header.complete = endsProperly(in, png);
    return header;
}

}  // namespace ms
