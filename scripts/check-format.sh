#!/bin/sh
# Fails when a C++ file of the tree is not formatted as .clang-format says (clang-format 14, as
# Debian 12 ships it: other versions format a few constructs differently). `--fix` formats them.
set -eu
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is missing (apt install clang-format)" >&2; exit 1; }
files=$(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
    echo "$files" | xargs clang-format -i
    exit 0
fi
if ! echo "$files" | xargs clang-format --dry-run --Werror 2>/tmp/check-format.$$; then
    grep -E '^[^ ].*: error:' /tmp/check-format.$$ | cut -d: -f1 | sort -u | sed 's/^/check-format: not formatted: /' >&2
    rm -f /tmp/check-format.$$
    echo "check-format: run scripts/check-format.sh --fix" >&2
    exit 1
fi
rm -f /tmp/check-format.$$
echo "check-format: $(echo "$files" | wc -l) files formatted as .clang-format says ($(clang-format --version | sed 's/.*version //'))"
