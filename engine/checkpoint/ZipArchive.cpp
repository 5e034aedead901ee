#include "checkpoint/ZipArchive.h"

#include "core/Error.h"

#include <algorithm>
#include <cstring>

#include <ATen/Parallel.h>
#include <zlib.h>

namespace ms {

namespace {

constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kEnd64Sig = 0x06064b50;
constexpr uint32_t kEnd64LocatorSig = 0x07064b50;
constexpr size_t kEndSize = 22;
constexpr size_t kEnd64LocatorSize = 20;
constexpr size_t kEnd64Size = 56;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;

uint16_t le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t le32(const unsigned char* p) { return uint32_t(le16(p)) | (uint32_t(le16(p + 2)) << 16); }
uint64_t le64(const unsigned char* p) { return uint64_t(le32(p)) | (uint64_t(le32(p + 4)) << 32); }

// zlib's crc32 takes a uInt length; feed big buffers in chunks.
uint32_t crcUpdate(uint32_t crc, const unsigned char* data, uint64_t size)
{
    while (size > 0) {
        const uInt chunk = static_cast<uInt>(std::min<uint64_t>(size, 1u << 30));
        crc = static_cast<uint32_t>(::crc32(crc, data, chunk));
        data += chunk;
        size -= chunk;
    }
    return crc;
}

}  // namespace

ZipArchive::ZipArchive(const std::string& path)
    : m_file(path)
{
    readCentralDirectory();
}

bool ZipArchive::hasZipMagic(const char* head, size_t size)
{
    if (size < 4)
        return false;
    const uint32_t sig = le32(reinterpret_cast<const unsigned char*>(head));
    return sig == kLocalHeaderSig || sig == kEndSig;
}

void ZipArchive::corrupt(const std::string& what) const
{
    throw Error("checkpoint '" + m_file.path() + "' is not a valid ZIP archive (truncated or corrupt): " + what);
}

void ZipArchive::readCentralDirectory()
{
    const uint64_t fileSize = m_file.size();
    if (fileSize < kEndSize)
        corrupt("the file is too short to hold a ZIP directory");

    // The end record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
    const uint64_t tailSize = std::min<uint64_t>(fileSize, kEndSize + 0xffff);
    const std::string tail = m_file.readString(fileSize - tailSize, tailSize, "ZIP end record");
    const auto* t = reinterpret_cast<const unsigned char*>(tail.data());
    int64_t endPos = -1;
    for (int64_t i = static_cast<int64_t>(tailSize - kEndSize); i >= 0; --i) {
        if (le32(t + i) == kEndSig && i + kEndSize + le16(t + i + 20) <= tailSize) {
            endPos = i;
            break;
        }
    }
    if (endPos < 0)
        corrupt("no end-of-central-directory record (the file may be cut short)");
    const unsigned char* end = t + endPos;
    const uint64_t endOffset = fileSize - tailSize + static_cast<uint64_t>(endPos);
    uint64_t count = le16(end + 10);
    uint64_t cdSize = le32(end + 12);
    uint64_t cdOffset = le32(end + 16);

    // zip64: the locator sits right before the classic end record.
    if (endOffset >= kEnd64LocatorSize) {
        unsigned char loc[kEnd64LocatorSize];
        m_file.readAt(endOffset - kEnd64LocatorSize, loc, sizeof loc, "zip64 locator");
        if (le32(loc) == kEnd64LocatorSig) {
            const uint64_t end64Offset = le64(loc + 8);
            unsigned char e64[kEnd64Size];
            if (!m_file.contains(end64Offset, kEnd64Size))
                corrupt("the zip64 end record lies outside the file");
            m_file.readAt(end64Offset, e64, sizeof e64, "zip64 end record");
            if (le32(e64) != kEnd64Sig)
                corrupt("bad zip64 end record signature");
            count = le64(e64 + 32);
            cdSize = le64(e64 + 40);
            cdOffset = le64(e64 + 48);
        }
    }
    if (!m_file.contains(cdOffset, cdSize) || cdOffset + cdSize > endOffset)
        corrupt("the central directory lies outside the file");
    if (count > cdSize / kCentralHeaderSize)
        corrupt("the central directory claims " + std::to_string(count) + " entries but is only " +
                std::to_string(cdSize) + " bytes");

    const std::string cd = m_file.readString(cdOffset, cdSize, "ZIP central directory");
    const auto* c = reinterpret_cast<const unsigned char*>(cd.data());
    size_t pos = 0;
    m_entries.reserve(static_cast<size_t>(count));
    for (uint64_t i = 0; i < count; ++i) {
        if (pos + kCentralHeaderSize > cd.size() || le32(c + pos) != kCentralHeaderSig)
            corrupt("bad central directory entry #" + std::to_string(i));
        const unsigned char* h = c + pos;
        Entry e;
        e.method = le16(h + 10);
        e.crc32 = le32(h + 16);
        e.compressedSize = le32(h + 20);
        e.size = le32(h + 24);
        const size_t nameLen = le16(h + 28);
        const size_t extraLen = le16(h + 30);
        const size_t commentLen = le16(h + 32);
        e.localHeaderOffset = le32(h + 42);
        if (pos + kCentralHeaderSize + nameLen + extraLen + commentLen > cd.size())
            corrupt("central directory entry #" + std::to_string(i) + " runs past the directory");
        e.name.assign(cd.data() + pos + kCentralHeaderSize, nameLen);

        // zip64 extra field: only the fields saturated in the fixed header are present, in order.
        const unsigned char* x = h + kCentralHeaderSize + nameLen;
        for (size_t xp = 0; xp + 4 <= extraLen;) {
            const uint16_t id = le16(x + xp);
            const uint16_t len = le16(x + xp + 2);
            if (xp + 4 + len > extraLen)
                break;
            if (id == 0x0001) {
                const unsigned char* f = x + xp + 4;
                size_t left = len;
                auto take = [&](uint64_t& field) {
                    if (field != 0xffffffffu)
                        return;
                    if (left < 8)
                        corrupt("truncated zip64 field in entry '" + e.name + "'");
                    field = le64(f);
                    f += 8;
                    left -= 8;
                };
                take(e.size);
                take(e.compressedSize);
                take(e.localHeaderOffset);
            }
            xp += 4 + len;
        }
        if (!m_file.contains(e.localHeaderOffset, e.compressedSize))
            corrupt("entry '" + e.name + "' lies outside the file");
        if (e.method != 0 && e.method != 8)
            corrupt("entry '" + e.name + "' uses unsupported compression method " + std::to_string(e.method));
        if (e.method == 0 && e.size != e.compressedSize)
            corrupt("stored entry '" + e.name + "' has inconsistent sizes");
        m_index.emplace(e.name, m_entries.size());
        m_entries.push_back(std::move(e));
        pos += kCentralHeaderSize + nameLen + extraLen + commentLen;
    }
}

const ZipArchive::Entry* ZipArchive::find(const std::string& name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

uint64_t ZipArchive::dataOffset(const Entry& entry) const
{
    unsigned char h[kLocalHeaderSize];
    if (!m_file.contains(entry.localHeaderOffset, kLocalHeaderSize))
        corrupt("the local header of '" + entry.name + "' lies outside the file");
    m_file.readAt(entry.localHeaderOffset, h, sizeof h, "ZIP local header");
    if (le32(h) != kLocalHeaderSig)
        corrupt("bad local header signature for '" + entry.name + "'");
    // The local extra field may differ from the central one (torch pads records with it).
    const uint64_t offset = entry.localHeaderOffset + kLocalHeaderSize + le16(h + 26) + le16(h + 28);
    if (!m_file.contains(offset, entry.compressedSize))
        corrupt("the data of '" + entry.name + "' runs past the end of the file");
    return offset;
}

void ZipArchive::readInto(const Entry& entry, void* dst) const
{
    const uint64_t offset = dataOffset(entry);
    auto* out = static_cast<unsigned char*>(dst);
    uint32_t crc = static_cast<uint32_t>(::crc32(0, nullptr, 0));
    if (entry.method == 0) {
        // Read and checksum in chunks, in parallel: each chunk is checksummed while still in cache,
        // and the per-chunk CRCs are combined (zlib's CRC alone runs at well under 1 GB/s).
        constexpr uint64_t kChunk = 4u << 20;
        const int64_t chunks = static_cast<int64_t>((entry.size + kChunk - 1) / kChunk);
        std::vector<uint32_t> crcs(static_cast<size_t>(chunks));
        at::parallel_for(0, chunks, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const uint64_t at = static_cast<uint64_t>(i) * kChunk;
                const uint64_t n = std::min(kChunk, entry.size - at);
                m_file.readAt(offset + at, out + at, n, "ZIP record");
                crcs[static_cast<size_t>(i)] = crcUpdate(static_cast<uint32_t>(::crc32(0, nullptr, 0)), out + at, n);
            }
        });
        for (int64_t i = 0; i < chunks; ++i) {
            const uint64_t n = std::min(kChunk, entry.size - static_cast<uint64_t>(i) * kChunk);
            crc = static_cast<uint32_t>(::crc32_combine(crc, crcs[static_cast<size_t>(i)], static_cast<z_off_t>(n)));
        }
    } else {
        // Deflate: only small records (TorchScript code, pickles) use it; read the compressed bytes whole.
        // Deflate expands at most ~1032x; a larger claimed size is a corrupt header.
        if (entry.size / 1032 > entry.compressedSize + 1)
            corrupt("entry '" + entry.name + "' claims an impossible uncompressed size");
        const std::string packed = m_file.readString(offset, entry.compressedSize, "ZIP record");
        z_stream zs{};
        if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
            corrupt("cannot start decompressing '" + entry.name + "'");
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
        zs.avail_in = static_cast<uInt>(packed.size());
        zs.next_out = out;
        zs.avail_out = static_cast<uInt>(entry.size);
        const int rc = packed.size() > 0xffffffffu || entry.size > 0xffffffffu ? Z_DATA_ERROR : inflate(&zs, Z_FINISH);
        const uint64_t produced = zs.total_out;
        inflateEnd(&zs);
        if (rc != Z_STREAM_END || produced != entry.size)
            corrupt("cannot decompress '" + entry.name + "' (damaged data)");
        crc = crcUpdate(crc, out, entry.size);
    }
    if (crc != entry.crc32)
        throw Error("checkpoint '" + m_file.path() + "' is corrupt: the data of record '" + entry.name +
                    "' does not match its checksum (CRC-32); the file was damaged after it was written - "
                    "download or copy it again");
}

std::string ZipArchive::read(const Entry& entry) const
{
    if (!m_file.contains(0, entry.size) && entry.method == 0)
        corrupt("entry '" + entry.name + "' is larger than the file");
    if (entry.method == 8 && entry.size / 1032 > entry.compressedSize + 1)
        corrupt("entry '" + entry.name + "' claims an impossible uncompressed size");
    std::string out(static_cast<size_t>(entry.size), '\0');
    readInto(entry, out.data());
    return out;
}

}  // namespace ms
