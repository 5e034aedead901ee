#!/bin/sh
# Fails when code outside the platform layer (engine/platform) calls the operating system directly
# or uses what a compiler of another system lacks: POSIX or Windows headers (unistd.h, fcntl.h,
# sys/*.h, windows.h, io.h), __int128 (MSVC) or M_PI (MSVC without _USE_MATH_DEFINES). Checks
# engine/, app/ and ui/; tests/ may use POSIX where a test needs it, and say so where it skips.
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
echo "check-portability: engine/, app/ and ui/ reach the operating system only through engine/platform"
