#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build script. Uses only OSS-Fuzz's variables:
#   CC, CFLAGS (sanitizer and coverage flags), LIB_FUZZING_ENGINE (the
#   engine's link flags), OUT (where fuzzers go), SRC, optionally WORK.
# For every target of fuzzers/ it installs into $OUT:
#   <target>                 the fuzzer
#   <target>_seed_corpus.zip corpus/<target>/ plus corpus/regressions/<target>/
#   <target>.dict            its dictionary (fuzzers/dict/), if it has one
# It works outside Docker too (ctest fuzz/clusterfuzzlite-build runs it with
# clang-19 and -fsanitize=fuzzer into a temporary $OUT).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# inside the OSS-Fuzz image the script is copied to $SRC; the tree is beside it
[ -f "$root/fuzzers/CMakeLists.txt" ] || root="$SRC/tlsgauntlet"
build="${WORK:-$(mktemp -d)}/tlsgauntlet-build"

# CXX/CXXFLAGS are unused (the project is C). GT_FUZZING: deterministic RNG
# and the check-skipping switch the engine targets use.
cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE=Debug \
    -DGT_FUZZING=ON -DGT_FUZZ_ENGINE=libfuzzer -DGT_FUZZ_LINK="$LIB_FUZZING_ENGINE" \
    -DGT_FUZZ_ONLY=ON -DGT_TESTS=OFF
cmake --build "$build" --target gt_fuzzers

mkdir -p "$OUT"
while read -r bin name dict; do
    [ -n "$bin" ] || continue
    short=${bin#fuzz_}
    cp "$build/fuzzers/$bin" "$OUT/$short"
    rm -f "$OUT/${short}_seed_corpus.zip"
    seeds=()
    for d in "$root/corpus/$name" "$root/corpus/regressions/$name"; do
        [ -d "$d" ] && seeds+=("$d")
    done
    # flat zip (-j), without the notes kept beside the regression inputs
    if [ ${#seeds[@]} -gt 0 ]; then
        find "${seeds[@]}" -type f ! -name '.*' ! -name 'README*' -print0 |
            xargs -0 -r zip -q -j "$OUT/${short}_seed_corpus.zip"
    fi
    if [ "$dict" != - ]; then
        cp "$root/fuzzers/dict/$dict.dict" "$OUT/$short.dict"
    fi
done <"$build/fuzzers/targets.txt"
