// UTF-8 <-> std::filesystem::path through C++17's u8path and u8string, which convert to the
// native encoding (UTF-16 on Windows, bytes elsewhere). C++20 changes u8string's type to
// std::u8string: only this file then changes.
#include "platform/Paths.h"

namespace ms::platform {

std::filesystem::path fsPath(const std::string& utf8) { return std::filesystem::u8path(utf8); }

std::string utf8Path(const std::filesystem::path& path) { return path.u8string(); }

std::string utf8GenericPath(const std::filesystem::path& path) { return path.generic_u8string(); }

std::string lowerExtension(const std::filesystem::path& path)
{
    std::string ext = utf8Path(path.extension());
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

}  // namespace ms::platform
