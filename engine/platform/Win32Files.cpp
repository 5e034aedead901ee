// Win32 files: HANDLEs opened with full sharing (so an open reader never blocks a replace),
// overlapped offsets for positioned reads and writes, MoveFileExW for replacing, LockFileEx for
// temporaries. Always binary; paths UTF-8, converted to UTF-16.
#include "platform/Files.h"
#include "platform/Paths.h"
#include "platform/Win32Text.h"

#include <algorithm>
#include <random>
#include <vector>

namespace ms::platform {
namespace {

using win32::lastError;
using win32::wide;

HANDLE handleOf(intptr_t h) { return reinterpret_cast<HANDLE>(h); }
constexpr DWORD ShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

OVERLAPPED at(uint64_t offset)
{
    OVERLAPPED o{};
    o.Offset = DWORD(offset & 0xffffffffu);
    o.OffsetHigh = DWORD(offset >> 32);
    return o;
}

}  // namespace

File::~File()
{
    if (m_handle != -1)
        CloseHandle(handleOf(m_handle));
}

File File::open(const std::string& path, Open how, std::error_code& ec)
{
    DWORD access = GENERIC_READ, disposition = OPEN_EXISTING;
    switch (how) {
    case Open::Read: break;
    case Open::ReadWrite:
    case Open::Append:
        access = GENERIC_READ | GENERIC_WRITE;
        disposition = OPEN_ALWAYS;
        break;
    case Open::CreateNew:
        access = GENERIC_WRITE;
        disposition = CREATE_NEW;
        break;
    }
    File f;
    const std::wstring name = wide(path);
    const DWORD attributes = GetFileAttributesW(name.c_str());
    if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        ec = std::make_error_code(std::errc::is_a_directory);
        return f;
    }
    const HANDLE h = CreateFileW(name.c_str(), access, ShareAll, nullptr, disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        ec = lastError();
        return f;
    }
    ec.clear();
    f.m_handle = reinterpret_cast<intptr_t>(h);
    f.m_append = how == Open::Append;
    return f;
}

File File::createTemporary(const std::string& target, std::string& path, std::error_code& ec)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device seed;
    std::mt19937_64 random(seed());
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string candidate = target + ".tmp-";
        for (int i = 0; i < 6; ++i)
            candidate += letters[random() % (sizeof letters - 1)];
        File f = open(candidate, Open::CreateNew, ec);
        if (!ec) {
            // Reopen for read and write (CreateNew is write only), then lock: the lock ends with
            // the handle, also when the process is killed.
            f = open(candidate, Open::ReadWrite, ec);
            if (ec)
                return f;
            f.tryLock();
            path = candidate;
            return f;
        }
        if (ec.value() != ERROR_FILE_EXISTS && ec.value() != ERROR_ALREADY_EXISTS)
            return f;
    }
    ec = std::make_error_code(std::errc::file_exists);
    return {};
}

bool File::isOpen() const { return m_handle != -1; }

uint64_t File::size(std::error_code& ec) const
{
    LARGE_INTEGER size{};
    if (!GetFileSizeEx(handleOf(m_handle), &size)) {
        ec = lastError();
        return 0;
    }
    ec.clear();
    return uint64_t(size.QuadPart);
}

int64_t File::readAt(uint64_t offset, void* data, size_t size, std::error_code& ec) const
{
    OVERLAPPED o = at(offset);
    DWORD n = 0;
    const DWORD chunk = DWORD(size > 0x40000000u ? 0x40000000u : size);
    if (!ReadFile(handleOf(m_handle), data, chunk, &n, &o)) {
        if (GetLastError() == ERROR_HANDLE_EOF) {
            ec.clear();
            return 0;
        }
        ec = lastError();
        return -1;
    }
    ec.clear();
    return int64_t(n);
}

bool File::writeAt(uint64_t offset, const void* data, size_t size, std::error_code& ec)
{
    if (m_append)
        return write(data, size, ec);
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        OVERLAPPED o = at(offset);
        DWORD n = 0;
        const DWORD chunk = DWORD(size > 0x40000000u ? 0x40000000u : size);
        if (!WriteFile(handleOf(m_handle), p, chunk, &n, &o) || n == 0) {
            ec = n == 0 && GetLastError() == ERROR_SUCCESS ? std::make_error_code(std::errc::no_space_on_device)
                                                           : lastError();
            return false;
        }
        p += n;
        offset += n;
        size -= n;
    }
    ec.clear();
    return true;
}

bool File::write(const void* data, size_t size, std::error_code& ec)
{
    if (m_append) {
        LARGE_INTEGER zero{};
        SetFilePointerEx(handleOf(m_handle), zero, nullptr, FILE_END);
    }
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        DWORD n = 0;
        const DWORD chunk = DWORD(size > 0x40000000u ? 0x40000000u : size);
        if (!WriteFile(handleOf(m_handle), p, chunk, &n, nullptr) || n == 0) {
            ec = n == 0 && GetLastError() == ERROR_SUCCESS ? std::make_error_code(std::errc::no_space_on_device)
                                                           : lastError();
            return false;
        }
        p += n;
        size -= n;
    }
    ec.clear();
    return true;
}

bool File::truncate(uint64_t size, std::error_code& ec)
{
    FILE_END_OF_FILE_INFO info{};
    info.EndOfFile.QuadPart = LONGLONG(size);
    if (!SetFileInformationByHandle(handleOf(m_handle), FileEndOfFileInfo, &info, sizeof info)) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

bool File::sync(std::error_code& ec)
{
    if (!FlushFileBuffers(handleOf(m_handle))) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

bool File::tryLock()
{
    OVERLAPPED o{};
    return LockFileEx(handleOf(m_handle), LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD,
                      &o);
}

bool File::close(std::error_code& ec)
{
    if (m_handle == -1) {
        ec.clear();
        return true;
    }
    const BOOL ok = CloseHandle(handleOf(m_handle));
    m_handle = -1;
    if (!ok) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

namespace {

// FILE_RENAME_INFO as Windows 10 1709 extended it (FileRenameInfoEx), spelled out here because
// older SDK headers (mingw-w64 among them) lack the flags.
struct RenameInfoEx {
    DWORD flags;
    HANDLE rootDirectory;
    DWORD fileNameLength;
    WCHAR fileName[1];
};
constexpr DWORD RenameReplaceIfExists = 0x1, RenamePosixSemantics = 0x2;
constexpr int FileRenameInfoExClass = 22;

// POSIX rename semantics: the name moves to the new file at once, while readers that hold the
// old one open (with FILE_SHARE_DELETE, as ours do) keep reading it. Windows 10 1709 and later.
bool renamePosix(const std::wstring& from, const std::wstring& to)
{
    const HANDLE h = CreateFileW(from.c_str(), DELETE | SYNCHRONIZE, ShareAll, nullptr, OPEN_EXISTING, 0, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return false;
    std::vector<char> buffer(sizeof(RenameInfoEx) + to.size() * sizeof(WCHAR));
    auto* info = reinterpret_cast<RenameInfoEx*>(buffer.data());
    info->flags = RenameReplaceIfExists | RenamePosixSemantics;
    info->rootDirectory = nullptr;
    info->fileNameLength = DWORD(to.size() * sizeof(WCHAR));
    std::copy(to.begin(), to.end(), info->fileName);
    const BOOL ok =
        SetFileInformationByHandle(h, FILE_INFO_BY_HANDLE_CLASS(FileRenameInfoExClass), info, DWORD(buffer.size()));
    CloseHandle(h);
    return ok != 0;
}

}  // namespace

bool replaceFile(const std::string& from, const std::string& to, std::error_code& ec)
{
    const std::wstring source = wide(from), target = wide(to);
    if (renamePosix(source, target) ||
        MoveFileExW(source.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        ec.clear();
        return true;
    }
    // Older systems refuse to replace a file that a reader holds open. It can still be renamed
    // aside (readers share delete access) and removed once they close it: the new file then takes
    // the name. Between the two renames the name is briefly absent; nothing is lost either way.
    ec = lastError();
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device seed;
    std::wstring aside = target + L".old-";
    for (int i = 0; i < 6; ++i)
        aside += wchar_t(letters[seed() % (sizeof letters - 1)]);
    if (!MoveFileExW(target.c_str(), aside.c_str(), 0))
        return false;
    if (!MoveFileExW(source.c_str(), target.c_str(), MOVEFILE_WRITE_THROUGH)) {
        ec = lastError();
        MoveFileExW(aside.c_str(), target.c_str(), 0);  // put the old file back
        return false;
    }
    DeleteFileW(aside.c_str());  // gone when the last reader closes it
    ec.clear();
    return true;
}

bool removeFile(const std::string& path, std::error_code& ec)
{
    if (!DeleteFileW(wide(path).c_str())) {
        ec = lastError();
        return false;
    }
    ec.clear();
    return true;
}

void syncFolder(const std::string&) {}  // NTFS journals the rename; there is no folder fsync

void* allocatePages(size_t bytes) { return VirtualAlloc(nullptr, bytes, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE); }

void freePages(void* pages, size_t)
{
    if (pages)
        VirtualFree(pages, 0, MEM_RELEASE);
}

std::string describe(const std::error_code& ec)
{
    if (ec.category() == std::generic_category())
        return std::make_error_condition(std::errc(ec.value())).message();
    wchar_t* text = nullptr;
    const DWORD n = FormatMessageW(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
        DWORD(ec.value()), MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    std::string out = n ? win32::utf8(std::wstring(text, n)) : "error " + std::to_string(ec.value());
    if (text)
        LocalFree(text);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == '.'))
        out.pop_back();
    return out;
}

bool isDiskFull(const std::error_code& ec)
{
    return ec == std::errc::no_space_on_device || ec.value() == ERROR_DISK_FULL || ec.value() == ERROR_HANDLE_DISK_FULL;
}

bool isFileTooLarge(const std::error_code& ec)
{
    return ec == std::errc::file_too_large || ec.value() == ERROR_FILE_TOO_LARGE;
}

}  // namespace ms::platform

namespace ms::platform {
namespace {

bool isAscii(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The 8.3 name of an existing file or folder; empty when it has none or it is not ASCII.
std::string shortName(const std::wstring& path)
{
    const DWORD n = GetShortPathNameW(path.c_str(), nullptr, 0);
    if (n == 0)
        return {};
    std::wstring out(n, L'\0');
    const DWORD written = GetShortPathNameW(path.c_str(), out.data(), n);
    if (written == 0 || written >= n)
        return {};
    out.resize(written);
    const std::string narrow = win32::utf8(out);
    return isAscii(narrow) ? narrow : std::string();
}

}  // namespace

std::string narrowPathForLibraries(const std::string& utf8)
{
    if (isAscii(utf8))
        return utf8;
    const std::filesystem::path path = fsPath(utf8);
    if (GetFileAttributesW(path.c_str()) != INVALID_FILE_ATTRIBUTES)
        return shortName(path.wstring());
    // A file still to be written: its folder's short name and its own (ASCII) name.
    const std::string name = utf8Path(path.filename());
    const std::string folder = shortName(path.has_parent_path() ? path.parent_path().wstring() : std::wstring(L"."));
    if (folder.empty() || !isAscii(name))
        return {};
    return folder + "\\" + name;
}

}  // namespace ms::platform
