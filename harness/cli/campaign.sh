# HELP: the main job: vectors, interop, benchmarks (more phases as they land); a summary at the end
# Each phase runs even if an earlier one failed; the summary lists every
# phase with its result and where its output went. Outputs go to
# out/campaign-<timestamp>/.
campaign_phase() {
    local name=$1 log=$2
    shift 2
    local t0=$SECONDS rc=0
    gt_log "phase $name: $*"
    "$@" >"$log" 2>&1 || rc=$?
    local last
    last=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
    [ -n "$last" ] || last=$(tail -n1 "$log")
    CAMPAIGN_ROWS+=("$(printf '%-10s %-5s %5ss  %s' "$name" "$([ $rc -eq 0 ] && echo ok || echo FAIL)" $((SECONDS - t0)) "$last")")
    [ $rc -eq 0 ] || CAMPAIGN_RC=1
}

cmd_campaign() {
    local out="$GT_ROOT/out/campaign-$(date +%Y%m%d-%H%M%S)"
    while [ $# -gt 0 ]; do
        case "$1" in
        --out)
            out=$2
            shift 2
            ;;
        *) gt_die "campaign: unknown option $1" ;;
        esac
    done
    mkdir -p "$out"
    CAMPAIGN_ROWS=()
    CAMPAIGN_RC=0
    gt_build default
    local self="$GT_ROOT/gauntlet"
    campaign_phase vectors "$out/vectors.log" "$self" vectors --json "$out/vectors.json"
    if [ -f "$GT_ROOT/harness/cli/interop.sh" ]; then
        campaign_phase interop "$out/interop.log" "$self" interop --out "$out/interop" \
            --json "$out/interop.json" --junit "$out/interop.xml"
    fi
    campaign_phase bench "$out/bench.log" "$self" bench all --json "$out/bench.json"
    echo
    echo "campaign summary ($out)"
    printf '%s\n' "${CAMPAIGN_ROWS[@]}"
    echo
    sed -n '/^benchmark/,$p' "$out/bench.log"
    return $CAMPAIGN_RC
}
