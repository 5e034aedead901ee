#include "io/AtomicFile.h"

#include "core/Error.h"

#include "platform/Files.h"
#include "platform/Paths.h"

#include <filesystem>
#include <vector>

namespace ms {

namespace {

std::string folderOf(const std::string& path)
{
    const std::filesystem::path parent = platform::fsPath(path).parent_path();
    return parent.empty() ? std::string(".") : platform::utf8Path(parent);
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

}  // namespace

std::vector<std::string> removeStaleTemporaries(const std::string& folder)
{
    std::vector<std::string> removed;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(platform::fsPath(folder), ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string path = platform::utf8Path(it->path());
        if (!isTemporaryName(platform::utf8Path(it->path().filename())) || !it->is_regular_file(ec) ||
            it->is_symlink(ec))
            continue;
        std::error_code openError;
        platform::File file = platform::File::open(path, platform::File::Open::Read, openError);
        // A lock we can take means no writer holds the file any more.
        if (!openError && file.tryLock()) {
            file.close(openError);
            if (platform::removeFile(path, openError))
                removed.push_back(path);
        }
    }
    return removed;
}

AtomicFile::AtomicFile(std::string targetPath, Durability durability)
    : m_targetPath(std::move(targetPath))
    , m_durability(durability)
{
    if (m_targetPath.empty())
        throw Error("cannot write a file: the output path is empty");
    std::error_code ec;
    if (std::filesystem::is_directory(platform::fsPath(m_targetPath), ec))
        throw Error("cannot write '" + m_targetPath + "': it is a directory");
    // Same folder as the target, so the final rename never crosses file systems.
    m_file = platform::File::createTemporary(m_targetPath, m_tempPath, ec);
    if (ec)
        throw Error("cannot write '" + m_targetPath + "': cannot create a file in folder '" + folderOf(m_targetPath) +
                    "' (" + platform::describe(ec) + ")");
}

AtomicFile::~AtomicFile()
{
    if (!m_committed)
        discard();
}

void AtomicFile::discard()
{
    std::error_code ignored;
    m_file.close(ignored);
    if (!m_tempPath.empty()) {
        platform::removeFile(m_tempPath, ignored);
        m_tempPath.clear();
    }
}

void AtomicFile::fail(const std::string& what, const std::error_code& err)
{
    discard();
    std::string hint;
    if (platform::isDiskFull(err))
        hint = "; free some disk space and try again";
    else if (platform::isFileTooLarge(err))
        hint = "; the file is larger than this file system or process allows";
    throw Error("cannot write '" + m_targetPath + "': " + what + " failed (" + platform::describe(err) + ")" + hint +
                "; the existing file, if any, was left unchanged");
}

void AtomicFile::write(const void* data, size_t size)
{
    if (!m_file.isOpen())
        throw Error("cannot write '" + m_targetPath + "': the file is already closed");
    std::error_code ec;
    if (!m_file.write(data, size, ec))
        fail("writing", ec);
}

void AtomicFile::commit()
{
    if (!m_file.isOpen())
        throw Error("cannot write '" + m_targetPath + "': the file is already closed");
    std::error_code ec;
    if (m_durability == Durability::ToDisk && !m_file.sync(ec))
        fail("flushing to disk", ec);
    if (!m_file.close(ec))
        fail("closing", ec);
    if (!platform::replaceFile(m_tempPath, m_targetPath, ec))
        fail("renaming the temporary file into place", ec);
    m_tempPath.clear();
    m_committed = true;
    // Make the rename itself durable; a failure here does not undo a completed write.
    if (m_durability == Durability::ToDisk)
        platform::syncFolder(folderOf(m_targetPath));
}

InputFile::InputFile(std::string path)
    : m_path(std::move(path))
{
    std::error_code ec;
    const auto status = std::filesystem::status(platform::fsPath(m_path), ec);
    if (ec)
        throw Error("cannot open checkpoint '" + m_path + "': " + platform::describe(ec));
    if (std::filesystem::is_directory(status))
        throw Error("cannot open checkpoint '" + m_path + "': it is a directory, not a checkpoint file");
    if (!std::filesystem::is_regular_file(status))
        throw Error("cannot open checkpoint '" + m_path + "': it is not a regular file");
    m_file = platform::File::open(m_path, platform::File::Open::Read, ec);
    if (!ec)
        m_size = m_file.size(ec);
    if (ec)
        throw Error("cannot open checkpoint '" + m_path + "': " + platform::describe(ec));
}

InputFile::~InputFile() = default;

void InputFile::readAt(uint64_t offset, void* dst, uint64_t size, const char* what) const
{
    if (!contains(offset, size))
        throw Error("checkpoint '" + m_path + "' is truncated or corrupt: " + what + " (" + std::to_string(size) +
                    " bytes at offset " + std::to_string(offset) + ") lies beyond the end of the file (" +
                    std::to_string(m_size) + " bytes)");
    char* p = static_cast<char*>(dst);
    while (size > 0) {
        const size_t chunk = static_cast<size_t>(std::min<uint64_t>(size, 1u << 30));
        std::error_code ec;
        const int64_t n = m_file.readAt(offset, p, chunk, ec);
        if (n < 0)
            throw Error("cannot read checkpoint '" + m_path + "': " + platform::describe(ec));
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
        readAt(offset, nullptr, size, what);  // throws the bounds error
    std::string out(static_cast<size_t>(size), '\0');
    readAt(offset, out.data(), size, what);
    return out;
}

}  // namespace ms
