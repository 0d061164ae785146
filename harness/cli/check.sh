# HELP: the sanitizer sweep CI runs after `test`: MemorySanitizer build (preset msan: libgt, unit tests, corpus replay) and Valgrind memcheck over the handshake/record tests
# check [msan|valgrind ...]: both by default.
#   msan      configure/build preset msan (clang-19 -fsanitize=memory with
#             origins; libgt, tests/, fuzzers/ replay binaries only) and run
#             ctest --preset msan (tests that need uninstrumented libraries
#             are excluded there, with the reason, in CMakePresets.json)
#   valgrind  build preset default and run ctest --preset valgrind: every
#             tests/handshake and tests/record binary under memcheck
#             (--error-exitcode, definite and indirect leaks are errors)
cmd_check() {
    local parts=(msan valgrind) rc=0 p
    [ $# -gt 0 ] && parts=("$@")
    for p in "${parts[@]}"; do
        case $p in
        msan)
            gt_build msan
            gt_log "ctest (msan)"
            (cd "$GT_ROOT" && ctest --preset msan -j "$GT_JOBS" --output-junit "$GT_ROOT/build/msan/junit.xml") || rc=1
            ;;
        valgrind)
            gt_build default
            gt_log "ctest (valgrind memcheck)"
            (cd "$GT_ROOT" && ctest --preset valgrind -j "$GT_JOBS" --output-junit "$GT_ROOT/build/default/junit-valgrind.xml") || rc=1
            ;;
        *) gt_die "check: unknown part $p (msan, valgrind)" ;;
        esac
    done
    [ $rc -eq 0 ] || gt_log "FAILED (see ctest output above)"
    return $rc
}
