#pragma once
// The operating system's file calls, for POSIX and Win32, behind one small interface. Paths are
// UTF-8 everywhere (converted to UTF-16 on Windows). Files are always binary. Errors come back as a
// std::error_code (errno on POSIX, GetLastError on Windows); describe() and isDiskFull() read them.
// No Qt, no LibTorch, only the standard library: this layer also builds with mingw-w64 alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <system_error>

namespace ms::platform {

// An open file (a descriptor or a HANDLE), closed when destroyed. Readers open files so that a
// writer may still replace them (Windows: FILE_SHARE_DELETE), as the atomic writes here do.
class File {
public:
    File() = default;
    ~File();
    File(File&& other) noexcept;
    File& operator=(File&& other) noexcept;
    File(const File&) = delete;
    File& operator=(const File&) = delete;

    enum class Open {
        Read,       // existing file, read only
        ReadWrite,  // existing or new file, read and write, no truncation
        Append,     // existing or new file; write() appends
        CreateNew,  // a new file; fails when the name exists
    };
    static File open(const std::string& path, Open how, std::error_code& ec);
    // A new file <target>.tmp-XXXXXX (six letters or digits) beside `target`, locked while it is
    // open (also against other processes), readable by others like any document.
    static File createTemporary(const std::string& target, std::string& path, std::error_code& ec);

    bool isOpen() const;
    uint64_t size(std::error_code& ec) const;
    // Reads up to `size` bytes at `offset` (0 at the end of the file); -1 on error.
    int64_t readAt(uint64_t offset, void* data, size_t size, std::error_code& ec) const;
    // Writes all `size` bytes at `offset`, or at the end for Append; false on error.
    bool writeAt(uint64_t offset, const void* data, size_t size, std::error_code& ec);
    bool write(const void* data, size_t size, std::error_code& ec);  // at the current end
    bool truncate(uint64_t size, std::error_code& ec);
    bool sync(std::error_code& ec);  // to the disk: fsync, FlushFileBuffers
    // Takes an exclusive lock without waiting; false when another holder has it.
    bool tryLock();
    bool close(std::error_code& ec);

private:
    intptr_t m_handle = -1;  // fd, or HANDLE; -1 when closed
    bool m_append = false;
};

// Moves `from` over `to` in one step, also when `to` exists and a reader holds it open.
bool replaceFile(const std::string& from, const std::string& to, std::error_code& ec);
bool removeFile(const std::string& path, std::error_code& ec);
// Makes a rename in `folder` durable (fsync of the folder on POSIX; NTFS journals it itself).
void syncFolder(const std::string& folder);

// Zero-filled memory straight from the system (mmap, VirtualAlloc): for large buffers that should
// not stay in the allocator's heap. nullptr when the system refuses.
void* allocatePages(size_t bytes);
void freePages(void* pages, size_t bytes);

// An error's text in English, e.g. "No space left on device".
std::string describe(const std::error_code& ec);
bool isDiskFull(const std::error_code& ec);      // ENOSPC, EDQUOT; ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
bool isFileTooLarge(const std::error_code& ec);  // EFBIG; ERROR_FILE_TOO_LARGE

}  // namespace ms::platform
