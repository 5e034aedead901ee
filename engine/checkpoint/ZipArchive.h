#pragma once
// A small read-only ZIP reader for checkpoint archives: stored and deflated records, zip64, and a
// CRC-32 check of every record read, so damaged tensor data is reported instead of loaded.
#include "io/AtomicFile.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ms {

class ZipArchive {
public:
    struct Entry {
        std::string name;
        uint16_t method = 0;  // 0 stored, 8 deflate
        uint32_t crc32 = 0;
        uint64_t compressedSize = 0;
        uint64_t size = 0;
        uint64_t localHeaderOffset = 0;
    };

    // Opens the file and reads the central directory. Throws ms::Error naming the file.
    explicit ZipArchive(const std::string& path);

    const std::string& path() const { return m_file.path(); }
    const std::vector<Entry>& entries() const { return m_entries; }
    const Entry* find(const std::string& name) const;

    // Reads a whole record (CRC checked) into `dst`, which must hold exactly entry.size bytes.
    void readInto(const Entry& entry, void* dst) const;
    std::string read(const Entry& entry) const;

    // True when the file starts with a ZIP local header (or is an empty archive).
    static bool hasZipMagic(const char* head, size_t size);

private:
    void readCentralDirectory();
    uint64_t dataOffset(const Entry& entry) const;
    [[noreturn]] void corrupt(const std::string& what) const;

    InputFile m_file;
    std::vector<Entry> m_entries;
    std::unordered_map<std::string, size_t> m_index;
};

}  // namespace ms
