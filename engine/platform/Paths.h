#pragma once
// Paths are UTF-8 std::strings everywhere in MatteStudio (QString::toStdString, JSON, the command
// line through QCoreApplication::arguments). std::filesystem::path reads and writes a std::string
// in the ANSI code page on Windows, so a name outside it (Cyrillic on a German system, an emoji
// anywhere) is mangled or throws. Every std::string <-> std::filesystem::path conversion goes
// through these; scripts/check-portability.sh rejects path::string() outside this layer.
#include <filesystem>
#include <string>

namespace ms::platform {

std::filesystem::path fsPath(const std::string& utf8);
std::string utf8Path(const std::filesystem::path& path);
std::string utf8GenericPath(const std::filesystem::path& path);  // with '/' separators
// The extension of `path` with its ASCII letters in lower case: ".png" for "a/B.PNG", "" for none.
std::string lowerExtension(const std::filesystem::path& path);

// A name for `utf8` that a library taking a narrow (char) path can open; OpenCV's VideoCapture
// and VideoWriter are such libraries, and on Windows they read the name in the ANSI code page.
// POSIX: the path itself. Windows: the path when it is ASCII; otherwise its 8.3 short name, which
// is ASCII. The file, or for a file still to be written its folder, must exist. Empty when the
// volume keeps no short names (fsutil 8dot3name), which the caller reports.
std::string narrowPathForLibraries(const std::string& utf8);

}  // namespace ms::platform
