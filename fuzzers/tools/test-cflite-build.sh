#!/usr/bin/env bash
# ctest fuzz/clusterfuzzlite-build: runs .clusterfuzzlite/build.sh outside
# Docker the way OSS-Fuzz does (clang-19, ASan+UBSan, -fsanitize=fuzzer)
# into a temporary $OUT, then checks that every fuzzer, its seed corpus zip
# and its dictionary landed there, and that each fuzzer runs its seeds and
# a few hundred mutations cleanly.
#   test-cflite-build.sh WORKDIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:?usage: test-cflite-build.sh WORKDIR}
rm -rf "$work"
mkdir -p "$work/out" "$work/work" "$work/src"
export CC=clang-19 CXX=clang++-19
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link"
export CXXFLAGS=$CFLAGS
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
export OUT="$work/out" SRC="$work/src" WORK="$work/work"
"$root/.clusterfuzzlite/build.sh" >"$work/build.log" 2>&1 || {
    tail -n 40 "$work/build.log"
    echo "FAIL: build.sh failed"
    exit 1
}
list="$WORK/tlsgauntlet-build/fuzzers/targets.txt"
fail=0 n=0
while read -r bin name dict; do
    [ -n "$bin" ] || continue
    short=${bin#fuzz_}
    n=$((n + 1))
    [ -x "$OUT/$short" ] || { echo "FAIL: $short: no fuzzer in \$OUT"; fail=1; continue; }
    if [ -n "$(find "$root/corpus/$name" -type f ! -name '.*' 2>/dev/null | head -n1)" ]; then
        [ -s "$OUT/${short}_seed_corpus.zip" ] || { echo "FAIL: $short: no seed corpus zip"; fail=1; }
        unzip -tq "$OUT/${short}_seed_corpus.zip" >/dev/null || { echo "FAIL: $short: bad zip"; fail=1; }
    fi
    if [ "$dict" != - ]; then
        [ -s "$OUT/$short.dict" ] || { echo "FAIL: $short: no dictionary"; fail=1; }
    fi
    # unpack the seeds and run them plus some mutations, as the runner would
    seeds="$work/seeds-$short"
    mkdir -p "$seeds"
    [ -f "$OUT/${short}_seed_corpus.zip" ] && unzip -q -o "$OUT/${short}_seed_corpus.zip" -d "$seeds"
    n_seeds=$(ls "$seeds" | wc -l)
    dict_arg=()
    [ -f "$OUT/$short.dict" ] && dict_arg=(-dict="$OUT/$short.dict")
    if ! (cd "$work" && "$OUT/$short" -runs=300 -seed=1 -timeout=30 "${dict_arg[@]}" "$seeds" \
        >"$work/run-$short.log" 2>&1); then
        tail -n 30 "$work/run-$short.log"
        echo "FAIL: $short did not run cleanly"
        fail=1
        continue
    fi
    echo "ok: $short ($n_seeds seeds)"
done <"$list"
[ "$n" -gt 0 ] || { echo "FAIL: no targets built"; exit 1; }
exit $fail
