#pragma once
// The checkpoint layer's two file primitives: an all-or-nothing writer and a bounds-checked reader.
#include "platform/Files.h"

#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

namespace ms {

// Writes to a temporary file beside the target and renames it over the target on commit(), so a
// crash, a full disk or an exception never leaves a half-written checkpoint behind. Without
// commit() the destructor removes the temporary file and the target stays untouched. The
// temporary, <target>.tmp-XXXXXX, is locked while its writer lives, which is how
// removeStaleTemporaries tells a killed writer's file from a live one.
class AtomicFile {
public:
    // ToDisk: commit() flushes the file and its folder to the disk first (checkpoints, configs: a
    // power cut never loses a committed file). RenameOnly: only the rename is atomic, for the many
    // files of a bulk job (image sequences, datasets), where a flush per file would cost minutes.
    enum class Durability { ToDisk, RenameOnly };
    explicit AtomicFile(std::string targetPath, Durability durability = Durability::ToDisk);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, size_t size);
    // fsync + rename + fsync of the folder. Throws ms::Error (and cleans up) on failure.
    void commit();

    const std::string& targetPath() const { return m_targetPath; }
    const std::string& tempPath() const { return m_tempPath; }

private:
    [[noreturn]] void fail(const std::string& what, const std::error_code& err);
    void discard();

    std::string m_targetPath;
    std::string m_tempPath;
    platform::File m_file;
    Durability m_durability = Durability::ToDisk;
    bool m_committed = false;
};

// Removes from `folder` (not its subfolders) the temporaries that AtomicFile writers killed before
// commit() left behind: regular files named <name>.tmp-XXXXXX (six letters or digits, mkstemp's
// pattern) that no live writer holds locked. Nothing else is touched. Returns the removed paths.
std::vector<std::string> removeStaleTemporaries(const std::string& folder);

// A read-only file read at offsets: every read is checked against the file size first, so corrupt
// lengths and offsets become an ms::Error instead of a huge allocation or a short read.
class InputFile {
public:
    explicit InputFile(std::string path);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    const std::string& path() const { return m_path; }
    uint64_t size() const { return m_size; }
    // Reads exactly `size` bytes at `offset`; `what` names the part for the error message.
    void readAt(uint64_t offset, void* dst, uint64_t size, const char* what) const;
    std::string readString(uint64_t offset, uint64_t size, const char* what) const;
    // True when [offset, offset + size) lies inside the file (overflow-safe).
    bool contains(uint64_t offset, uint64_t size) const { return offset <= m_size && size <= m_size - offset; }

private:
    std::string m_path;
    platform::File m_file;
    uint64_t m_size = 0;
};

}  // namespace ms
