#!/bin/sh
# Fails when code outside the platform layer (engine/platform) calls the operating system directly
# or uses what a compiler of another system lacks: POSIX or Windows headers (unistd.h, fcntl.h,
# sys/*.h, windows.h, io.h), __int128 (MSVC) or M_PI (MSVC without _USE_MATH_DEFINES); or converts
# a path as if it were in the system's narrow encoding, which on Windows is the ANSI code page and
# not UTF-8: std::filesystem::path from or to std::string (path(), .string(), u8path...), fstreams
# opened on a std::string, cv::imread/imwrite and jit::load on a name. Those go through
# platform/Paths.h (fsPath, utf8Path), io/ImageIO.h (readImageFile, writeImage) and
# io/VideoIO.h (openVideoFile). Checks engine/, app/ and ui/; tests/ may use POSIX where a test
# needs it, and say so where it skips.
set -eu
cd "$(dirname "$0")/.."
found=$(grep -rnE --include='*.cpp' --include='*.h' \
    -e '#[[:space:]]*include[[:space:]]*<(unistd\.h|fcntl\.h|sys/[a-z_/]+\.h|windows\.h|io\.h|winsock2?\.h)>' \
    -e '__int128' -e '\bM_PI\b' \
    engine app ui | grep -v '^engine/platform/' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true)
if [ -n "$found" ]; then
    echo "check-portability: operating-system calls or non-portable code outside engine/platform:" >&2
    echo "$found" >&2
    echo "(move the call into engine/platform, use core/CheckedMath.h for sizes and ms::Pi for pi)" >&2
    exit 1
fi
# One Perl pattern (grep -P takes one); grep's own errors (status 2) fail the check.
narrow='\.(string|generic_string|u8string|generic_u8string)\(\)|\bu8path\(|\b(fs|filesystem)::path\('
narrow="$narrow"'|\b(fs|filesystem)::path [A-Za-z_]+\((?!platform::)|std::[io]?fstream [A-Za-z_]+\((?!platform::fsPath|")'
narrow="$narrow"'|\bcv::im(read|write)\(|\bjit::load\((?!file)'
paths=$(grep -rnP --include='*.cpp' --include='*.h' "$narrow" engine app ui || [ $? -eq 1 ])
paths=$(printf '%s\n' "$paths" | grep -v '^engine/platform/' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true)
if [ -n "$paths" ]; then
    echo "check-portability: paths converted in the narrow encoding (the ANSI code page on Windows, not UTF-8):" >&2
    echo "$paths" >&2
    echo "(use platform::fsPath / utf8Path, readImageFile / writeImage, openVideoFile)" >&2
    exit 1
fi
echo "check-portability: engine/, app/ and ui/ reach the operating system only through engine/platform, and convert paths as UTF-8"
