# HELP: build the default and asan presets and run every test (unit, vectors, ct, style)
cmd_test() {
    local presets=(default asan) rc=0 p
    [ $# -gt 0 ] && presets=("$@")
    for p in "${presets[@]}"; do
        gt_build "$p"
        gt_log "ctest ($p)"
        if ! (cd "$GT_ROOT" && ctest --preset "$p" -j "$GT_JOBS" --output-junit "$GT_ROOT/build/$p/junit.xml"); then
            rc=1
        fi
    done
    if [ $rc -ne 0 ]; then
        gt_log "FAILED (see ctest output above)"
    fi
    return $rc
}
