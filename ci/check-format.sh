#!/usr/bin/env bash
# Fails when any C file of the project is not clang-format clean.
set -euo pipefail
cf=${1:-clang-format}
cd "$(dirname "$0")/.."
files=$(git ls-files -co --exclude-standard '*.c' '*.h' 2>/dev/null || find tls harness peers fuzzers tests -name '*.[ch]')
[ -n "$files" ] || exit 0
# shellcheck disable=SC2086
"$cf" --dry-run -Werror $files
echo "clang-format: $(echo "$files" | wc -l) files clean"
