// POSIX files: descriptors, pread/pwrite, mkstemp + flock for temporaries, rename for replacing.
#include "platform/Files.h"
#include "platform/Paths.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

namespace ms::platform {
namespace {

std::error_code lastError() { return {errno, std::generic_category()}; }

// The process's umask, read once while the program starts (static initialisation, before any
// thread exists): umask() can only be read by setting it, and doing that while other threads
// create files would race (two readers could leave the process with a umask of 0).
mode_t readUmask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}
const mode_t kUmask = readUmask();
int fdOf(intptr_t handle) { return static_cast<int>(handle); }

}  // namespace

File::~File()
{
    if (m_handle >= 0)
        ::close(fdOf(m_handle));
}

File File::open(const std::string& path, Open how, std::error_code& ec)
{
    int flags = O_CLOEXEC;
    switch (how) {
    case Open::Read: flags |= O_RDONLY; break;
    case Open::ReadWrite: flags |= O_RDWR | O_CREAT; break;
    case Open::Append: flags |= O_RDWR | O_CREAT | O_APPEND; break;
    case Open::CreateNew: flags |= O_WRONLY | O_CREAT | O_EXCL; break;
    }
    File f;
    const int fd = ::open(path.c_str(), flags, 0666);  // the umask decides, as for any document
    if (fd < 0) {
        ec = lastError();
        return f;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        ec = std::make_error_code(std::errc::is_a_directory);
        return f;
    }
    ec.clear();
    f.m_handle = fd;
    f.m_append = how == Open::Append;
    return f;
}

File File::createTemporary(const std::string& target, std::string& path, std::error_code& ec)
{
    std::string pattern = target + ".tmp-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    File f;
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        ec = lastError();
        return f;
    }
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    // Held until the descriptor closes, also when the process is killed; never contended.
    ::flock(fd, LOCK_EX | LOCK_NB);
    // mkstemp creates 0600; a checkpoint is an ordinary document.
    ::fchmod(fd, 0666 & ~kUmask);
    path = name.data();
    ec.clear();
    f.m_handle = fd;
    return f;
}

bool File::isOpen() const { return m_handle >= 0; }

uint64_t File::size(std::error_code& ec) const
{
    struct stat st {};
    if (::fstat(fdOf(m_handle), &st) != 0) {
        ec = lastError();
        return 0;
    }
    ec.clear();
    return static_cast<uint64_t>(st.st_size);
}

int64_t File::readAt(uint64_t offset, void* data, size_t size, std::error_code& ec) const
{
    for (;;) {
        const ssize_t n = ::pread(fdOf(m_handle), data, size, static_cast<off_t>(offset));
        if (n >= 0) {
            ec.clear();
            return n;
        }
        if (errno != EINTR) {
            ec = lastError();
            return -1;
        }
    }
}

namespace {

// Writes all of `data` with `once` (one write or pwrite at the running offset), retrying after
// signals; a write of 0 bytes means the disk is full.
template <typename WriteOnce>
bool writeFully(const char* data, size_t size, uint64_t offset, std::error_code& ec, WriteOnce once)
{
    while (size > 0) {
        const ssize_t n = once(data, size, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ec = n < 0 ? lastError() : std::make_error_code(std::errc::no_space_on_device);
            return false;
        }
        data += n;
        offset += static_cast<uint64_t>(n);
        size -= static_cast<size_t>(n);
    }
    ec.clear();
    return true;
}

}  // namespace

bool File::writeAt(uint64_t offset, const void* data, size_t size, std::error_code& ec)
{
    const int fd = fdOf(m_handle);
    const bool append = m_append;
    return writeFully(static_cast<const char*>(data), size, offset, ec,
                      [fd, append](const char* p, size_t n, uint64_t at) {
                          return append ? ::write(fd, p, n) : ::pwrite(fd, p, n, static_cast<off_t>(at));
                      });
}

bool File::write(const void* data, size_t size, std::error_code& ec)
{
    const int fd = fdOf(m_handle);
    return writeFully(static_cast<const char*>(data), size, 0, ec,
                      [fd](const char* p, size_t n, uint64_t) { return ::write(fd, p, n); });
}

bool File::truncate(uint64_t size, std::error_code& ec)
{
    if (::ftruncate(fdOf(m_handle), static_cast<off_t>(size)) != 0) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

bool File::sync(std::error_code& ec)
{
    if (::fsync(fdOf(m_handle)) != 0) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

bool File::tryLock() { return ::flock(fdOf(m_handle), LOCK_EX | LOCK_NB) == 0; }

bool File::close(std::error_code& ec)
{
    if (m_handle < 0) {
        ec.clear();
        return true;
    }
    const int result = ::close(fdOf(m_handle));
    m_handle = -1;
    if (result != 0) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

bool replaceFile(const std::string& from, const std::string& to, std::error_code& ec)
{
    if (::rename(from.c_str(), to.c_str()) != 0) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

bool removeFile(const std::string& path, std::error_code& ec)
{
    if (::unlink(path.c_str()) != 0) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

void syncFolder(const std::string& folder)
{
#ifdef O_DIRECTORY
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    (void)folder;
#endif
}

void* allocatePages(size_t bytes)
{
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return nullptr;
#ifdef MADV_HUGEPAGE
    ::madvise(p, bytes, MADV_HUGEPAGE);  // a hint (Linux); fewer page faults for large tensors
#endif
    return p;
}

void freePages(void* pages, size_t bytes)
{
    if (pages)
        ::munmap(pages, bytes);
}

std::string describe(const std::error_code& ec) { return std::strerror(ec.value()); }

bool isDiskFull(const std::error_code& ec)
{
#ifdef EDQUOT
    if (ec.value() == EDQUOT)
        return true;
#endif
    return ec.value() == ENOSPC;
}

bool isFileTooLarge(const std::error_code& ec) { return ec.value() == EFBIG; }

// POSIX file names are bytes: the UTF-8 name is the name.
std::string narrowPathForLibraries(const std::string& utf8) { return utf8; }

}  // namespace ms::platform
