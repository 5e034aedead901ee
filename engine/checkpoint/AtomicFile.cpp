#include "checkpoint/AtomicFile.h"

#include "core/Error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ms {

namespace {

std::string folderOf(const std::string& path)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

// <name>.tmp-XXXXXX as mkstemp fills it in: six ASCII letters or digits.
bool isTemporaryName(const std::string& name)
{
    const std::string marker = ".tmp-";
    constexpr size_t suffix = 6;
    if (name.size() < marker.size() + suffix + 1)
        return false;
    const size_t at = name.size() - suffix - marker.size();
    if (name.compare(at, marker.size(), marker) != 0)
        return false;
    for (size_t i = name.size() - suffix; i < name.size(); ++i) {
        const char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

} // namespace

std::vector<std::string> removeStaleTemporaries(const std::string& folder)
{
    std::vector<std::string> removed;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::filesystem::path path = it->path();
        if (!isTemporaryName(path.filename().string()) || !it->is_regular_file(ec) || it->is_symlink(ec))
            continue;
        const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        // A lock we can take means no writer holds the file any more.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(path.c_str()) == 0)
            removed.push_back(path.string());
        ::close(fd);
    }
    return removed;
}

AtomicFile::AtomicFile(std::string targetPath) : m_targetPath(std::move(targetPath))
{
    if (m_targetPath.empty())
        throw Error("cannot write checkpoint: the output path is empty");
    std::error_code ec;
    if (std::filesystem::is_directory(m_targetPath, ec))
        throw Error("cannot write checkpoint '" + m_targetPath + "': it is a directory");
    // Same folder as the target, so the final rename never crosses file systems.
    std::string pattern = m_targetPath + ".tmp-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    m_fd = ::mkstemp(name.data());
    if (m_fd < 0) {
        const int err = errno;
        throw Error("cannot write checkpoint '" + m_targetPath + "': cannot create a file in folder '"
                    + folderOf(m_targetPath) + "' (" + std::strerror(err) + ")");
    }
    m_tempPath = name.data();
    // Held until the descriptor closes, also when the process is killed; never contended (the
    // name is new), so it cannot block.
    ::flock(m_fd, LOCK_EX | LOCK_NB);
    // mkstemp creates 0600; a checkpoint is an ordinary document, readable like any other file.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(m_fd, 0666 & ~mask);
}

AtomicFile::~AtomicFile()
{
    if (!m_committed)
        discard();
}

void AtomicFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_tempPath.empty()) {
        ::unlink(m_tempPath.c_str());
        m_tempPath.clear();
    }
}

void AtomicFile::fail(const std::string& what, int err)
{
    discard();
    std::string hint;
    if (err == ENOSPC || err == EDQUOT)
        hint = "; free some disk space and try again";
    else if (err == EFBIG)
        hint = "; the file is larger than this file system or process allows";
    throw Error("cannot write checkpoint '" + m_targetPath + "': " + what + " failed (" + std::strerror(err) + ")"
                + hint + "; the existing file, if any, was left unchanged");
}

void AtomicFile::write(const void* data, size_t size)
{
    if (m_fd < 0)
        throw Error("cannot write checkpoint '" + m_targetPath + "': the file is already closed");
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("writing", errno);
        }
        if (n == 0)
            fail("writing", ENOSPC);
        p += n;
        size -= static_cast<size_t>(n);
        m_written += static_cast<uint64_t>(n);
    }
}

void AtomicFile::commit()
{
    if (m_fd < 0)
        throw Error("cannot write checkpoint '" + m_targetPath + "': the file is already closed");
    if (::fsync(m_fd) != 0)
        fail("flushing to disk", errno);
    if (::close(m_fd) != 0) {
        m_fd = -1;
        fail("closing", errno);
    }
    m_fd = -1;
    if (::rename(m_tempPath.c_str(), m_targetPath.c_str()) != 0)
        fail("renaming the temporary file into place", errno);
    m_tempPath.clear();
    m_committed = true;
    // Make the rename itself durable; a failure here does not undo a completed write.
    const int dir = ::open(folderOf(m_targetPath).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

InputFile::InputFile(std::string path) : m_path(std::move(path))
{
    struct stat st {};
    if (::stat(m_path.c_str(), &st) != 0) {
        const int err = errno;
        throw Error("cannot open checkpoint '" + m_path + "': " + std::strerror(err));
    }
    if (S_ISDIR(st.st_mode))
        throw Error("cannot open checkpoint '" + m_path + "': it is a directory, not a checkpoint file");
    if (!S_ISREG(st.st_mode))
        throw Error("cannot open checkpoint '" + m_path + "': it is not a regular file");
    m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        const int err = errno;
        throw Error("cannot open checkpoint '" + m_path + "': " + std::strerror(err));
    }
    if (::fstat(m_fd, &st) != 0) {
        const int err = errno;
        ::close(m_fd);
        throw Error("cannot open checkpoint '" + m_path + "': " + std::strerror(err));
    }
    m_size = static_cast<uint64_t>(st.st_size);
}

InputFile::~InputFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void InputFile::readAt(uint64_t offset, void* dst, uint64_t size, const char* what) const
{
    if (!contains(offset, size))
        throw Error("checkpoint '" + m_path + "' is truncated or corrupt: " + what + " (" + std::to_string(size)
                    + " bytes at offset " + std::to_string(offset) + ") lies beyond the end of the file ("
                    + std::to_string(m_size) + " bytes)");
    char* p = static_cast<char*>(dst);
    while (size > 0) {
        const size_t chunk = static_cast<size_t>(std::min<uint64_t>(size, 1u << 30));
        const ssize_t n = ::pread(m_fd, p, chunk, static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            throw Error("cannot read checkpoint '" + m_path + "': " + std::strerror(err));
        }
        if (n == 0)
            throw Error("cannot read checkpoint '" + m_path + "': the file became shorter while reading it");
        p += n;
        offset += static_cast<uint64_t>(n);
        size -= static_cast<uint64_t>(n);
    }
}

std::string InputFile::readString(uint64_t offset, uint64_t size, const char* what) const
{
    if (!contains(offset, size))
        readAt(offset, nullptr, size, what); // throws the bounds error
    std::string out(static_cast<size_t>(size), '\0');
    readAt(offset, out.data(), size, what);
    return out;
}

} // namespace ms
