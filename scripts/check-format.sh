#!/bin/sh
# Fails when a C++ file of the tree is not formatted as .clang-format says (clang-format 14, as
# Debian 12 ships it: other versions format a few constructs differently). `--fix` formats them.
set -eu
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is missing (apt install clang-format)" >&2; exit 1; }
version=$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
if [ "$version" != 14 ]; then
    echo "check-format: needs clang-format 14 (Debian 12's; this is ${version:-unknown}): other versions format differently" >&2
    exit 1
fi
count=$(git ls-files '*.cpp' '*.h' | wc -l)
if [ "${1:-}" = "--fix" ]; then
    git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format -i
    exit 0
fi
if ! git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror 2>/tmp/check-format.$$; then
    grep -E '^[^ ].*: error:' /tmp/check-format.$$ | cut -d: -f1 | sort -u | sed 's/^/check-format: not formatted: /' >&2
    rm -f /tmp/check-format.$$
    echo "check-format: run scripts/check-format.sh --fix" >&2
    exit 1
fi
rm -f /tmp/check-format.$$
echo "check-format: $count files formatted as .clang-format says ($(clang-format --version | sed 's/.*version //'))"
