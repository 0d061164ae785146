# HELP: the main job: build, vectors, conformance, interop, fuzzing, coverage, benchmarks in one time budget; summary.json + index.html
# ./gauntlet campaign [--minutes N] [--phases LIST] [--out DIR] [--compare DIR]
#   --minutes N     time budget (default 15); fuzzing gets what the other phases leave
#   --phases LIST   comma list of build,vectors,conform,interop,fuzz,coverage,bench (default all)
#   --out DIR       where everything goes (default out/campaign-<timestamp>)
#   --compare DIR   an earlier campaign directory: print and report what changed
# Every phase runs even if an earlier one failed; a phase whose tool is not
# written yet is reported "not available" with the reason, never as passed.
# Ctrl-C stops the running phase and still writes summary.json and
# index.html with what was gathered. Exit: 0 all ran phases passed, 1 a
# phase failed, 130 interrupted.

CAMPAIGN_ALL=(build vectors conform interop fuzz coverage bench)
# Rough cost of each fixed-length phase (seconds, 2 cores) for the budget:
# fuzzing gets the rest. Measured on the reference machine; see docs/campaign.md.
declare -A CAMPAIGN_EST=([vectors]=15 [conform]=120 [interop]=120 [coverage]=240 [bench]=60)
CAMPAIGN_REFS=(openssl wolfssl gnutls)

# --- small helpers -----------------------------------------------------------

camp_mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }

# One line of a phase's log suitable for a status line: the last non-empty
# line, control characters removed.
camp_last_line() {
    [ -f "$1" ] || return 0
    tail -c 4000 "$1" 2>/dev/null | tr '\r' '\n' | tr -d '\000-\010\013-\037' |
        grep -v '^[[:space:]]*$' | tail -n1
}

# The phase's one-line summary for the table: a runner's closing
# "N passed, M failed, K skipped" line when it printed one.
camp_note() {
    local log=$1 line
    line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$log" 2>/dev/null | tail -n1)
    [ -n "$line" ] || line=$(camp_last_line "$log")
    printf '%s' "${line:0:200}" | tr '\t' ' '
}

camp_tool() { [ -f "$GT_ROOT/harness/cli/$1.sh" ]; }

# Marks the running phase "not available" with a reason (called inside it).
camp_na() {
    printf '%s\n' "$*" >"$CAMP_OUT/.state/$CAMP_PHASE.na"
    echo "not available: $*"
}

camp_fuzz_targets() {
    grep -l 'LLVMFuzzerTestOneInput' "$GT_ROOT"/fuzzers/*.c 2>/dev/null | wc -l
}

# --- the phases (each runs in its own process group, output to its log) -----

phase_build() {
    local rc=0
    gt_build default gt-report || rc=1 # the report first: it must exist whatever else breaks
    gt_build default || rc=1
    if camp_tool fuzz; then gt_build fuzz || rc=1; fi
    return $rc
}

phase_vectors() {
    camp_tool vectors || {
        camp_na "harness/cli/vectors.sh not written yet"
        return 0
    }
    "$CAMP_SELF" vectors --json "$CAMP_OUT/vectors.json"
}

# Conformance against one reference server: a fresh gt-peer-<lib> server per
# case (gt-conform --server-cmd), the test PKI's RSA certificate.
conform_reference() {
    local lib=$1 bin pki="$GT_ROOT/vectors/pki"
    bin=$(gt_bin peers/gt-peer-"$lib")
    [ -x "$bin" ] || bin=$(gt_bin peers/"$lib"/gt-peer-"$lib")
    if [ ! -x "$bin" ]; then
        echo "gt-peer-$lib was not built" >"$CAMP_OUT/conform/$lib.na"
        return 1
    fi
    echo "== conform against $lib"
    "$CAMP_SELF" conform --server-cmd "$bin --role server --port 0 --cert $pki/server-rsa2048.chain.pem --key $pki/server-rsa2048.key --ca $pki/ca-bundle.pem --suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 --timeout 10" \
        --json "$CAMP_OUT/conform/$lib.json" --junit "$CAMP_OUT/junit/conform-$lib.xml"
}

phase_conform() {
    camp_tool conform || {
        camp_na "harness/cli/conform.sh not written yet (gt-conform is being built)"
        return 0
    }
    mkdir -p "$CAMP_OUT/conform"
    local rc=0 r lib
    echo "== conform against the IUT (in-process)"
    "$CAMP_SELF" conform --json "$CAMP_OUT/conform/gt.json" --junit "$CAMP_OUT/junit/conform-gt.xml" || r=$?
    r=${r:-0}
    if [ "$r" -eq 2 ] && [ ! -s "$CAMP_OUT/conform/gt.json" ]; then
        # The runner says why it cannot score the IUT (no engine yet).
        grep -aiE 'not built|engine' "$CAMP_OUT/logs/conform.log" | head -n1 |
            sed 's/^gt-conform: //' >"$CAMP_OUT/conform/gt.na"
        [ -s "$CAMP_OUT/conform/gt.na" ] || echo "in-process run unavailable (exit 2)" >"$CAMP_OUT/conform/gt.na"
    elif [ "$r" -ne 0 ]; then
        rc=1
    fi
    gt_build default "${CAMPAIGN_REFS[@]/#/gt-peer-}" || true
    # A reference implementation failing cases is a score for the table,
    # not a failure of the campaign (exit 1); only a runner that could not
    # run (exit 2 or worse) fails the phase. The IUT's failures above do.
    for lib in "${CAMPAIGN_REFS[@]}"; do
        r=0
        conform_reference "$lib" || r=$?
        [ "$r" -le 1 ] || rc=1
    done
    return $rc
}

phase_interop() {
    camp_tool interop || {
        camp_na "harness/cli/interop.sh not written yet"
        return 0
    }
    local args=(--out "$CAMP_OUT/interop" --json "$CAMP_OUT/interop/results.json"
        --junit "$CAMP_OUT/junit/interop.xml" --markdown "$CAMP_OUT/interop/matrix.md")
    # The IUT joins the matrix once its peer program exists.
    if grep -qs 'gt-peer-gt' "$GT_ROOT/peers/CMakeLists.txt" "$GT_ROOT"/peers/*/CMakeLists.txt; then
        gt_build default gt-peer-gt && args+=(--iut)
    else
        echo "gt-peer-gt does not exist yet: reference peers only"
    fi
    [ "$CAMP_MINUTES" -lt 5 ] && args+=(--quick)
    mkdir -p "$CAMP_OUT/interop"
    "$CAMP_SELF" interop "${args[@]}"
}

phase_fuzz() {
    camp_tool fuzz || {
        camp_na "harness/cli/fuzz.sh not written yet (fuzzers/ is being built)"
        return 0
    }
    mkdir -p "$CAMP_OUT/fuzz"
    echo "== fuzzing $(camp_fuzz_targets) targets, $CAMP_FUZZ_SECONDS s each"
    # new coverage merges into a copy under the out dir, never into corpus/
    "$CAMP_SELF" fuzz all --seconds "$CAMP_FUZZ_SECONDS" --json "$CAMP_OUT/fuzz/fuzz.json" \
        --corpus-root "$CAMP_OUT/fuzz/corpus"
}

phase_coverage() {
    camp_tool coverage || {
        camp_na "harness/cli/coverage.sh not written yet (fuzzers/ is being built)"
        return 0
    }
    mkdir -p "$CAMP_OUT/coverage"
    "$CAMP_SELF" coverage
}

phase_bench() {
    camp_tool bench || {
        camp_na "harness/cli/bench.sh not written yet"
        return 0
    }
    "$CAMP_SELF" bench all --json "$CAMP_OUT/bench.json"
}

# --- progress -----------------------------------------------------------------

# On a terminal: one status line redrawn in place. Otherwise (CI=true, a
# pipe, a file): plain lines, one per step, and a heartbeat every minute.
camp_status() {
    local idx=$1 name=$2 log=$3 el=$((SECONDS - CAMP_T0))
    local left=$((CAMP_BUDGET - el)) width=24 fill item cols
    [ $left -lt 0 ] && left=0
    fill=$((el * width / CAMP_BUDGET))
    [ $fill -gt $width ] && fill=$width
    cols=${COLUMNS:-$(tput cols 2>/dev/null || echo 100)}
    item=$(camp_last_line "$log")
    local bar
    bar=$(printf '%*s' "$fill" '' | tr ' ' '#')$(printf '%*s' $((width - fill)) '' | tr ' ' '.')
    local head
    head=$(printf '[%d/%d %-8s] %s elapsed, ~%s left [%s] ' "$idx" "$CAMP_N" "$name" \
        "$(camp_mmss $el)" "$(camp_mmss $left)" "$bar")
    local room=$((cols - ${#head} - 1))
    [ $room -lt 0 ] && room=0
    printf '\r\033[K%s%s' "$head" "${item:0:$room}" >&2
}

camp_say() { printf '[campaign %s] %s\n' "$(camp_mmss $((SECONDS - CAMP_T0)))" "$*" >&2; }

# --- running one phase --------------------------------------------------------

camp_interrupt() {
    CAMP_STOP=1
    if [ -n "${CAMP_PID:-}" ]; then kill -TERM -- -"$CAMP_PID" 2>/dev/null; fi
}

# Runs phase $2 (index $1) in its own process group so Ctrl-C can stop all
# of it (fuzzers, servers, builds) and nothing else; records the result.
camp_run() {
    local idx=$1 name=$2 log="$CAMP_OUT/logs/$2.log" t0=$SECONDS rc=0 beat=$SECONDS
    CAMP_PHASE=$name
    [ "$CAMP_TTY" = 1 ] || camp_say "phase $idx/$CAMP_N $name: started"
    set -m
    (
        trap - INT TERM
        "phase_$name"
    ) >"$log" 2>&1 &
    CAMP_PID=$!
    set +m
    local killed_at=0
    while kill -0 "$CAMP_PID" 2>/dev/null; do
        if [ "$CAMP_TTY" = 1 ]; then
            camp_status "$idx" "$name" "$log"
        elif [ $((SECONDS - beat)) -ge 60 ]; then
            beat=$SECONDS
            camp_say "phase $idx/$CAMP_N $name: running, $(camp_last_line "$log" | cut -c1-120)"
        fi
        # Something that ignores SIGTERM gets SIGKILL after 10 seconds.
        if [ "$CAMP_STOP" = 1 ]; then
            [ $killed_at = 0 ] && killed_at=$SECONDS
            [ $((SECONDS - killed_at)) -ge 10 ] && kill -KILL -- -"$CAMP_PID" 2>/dev/null
        fi
        sleep 1 &
        wait $! 2>/dev/null
    done
    wait "$CAMP_PID" 2>/dev/null || rc=$?
    CAMP_PID=
    local secs=$((SECONDS - t0)) status note
    note=$(camp_note "$log")
    if [ "$name" = build ]; then
        note="presets: $(grep -aoE '^\[gauntlet\] building [a-z]+' "$log" | awk '{print $3}' | sort -u | tr '\n' ' ')"
        [ $rc -ne 0 ] && note="$note- $(grep -aE 'error|FAILED' "$log" | head -n1 | cut -c1-120)"
    fi
    if [ "$name" = bench ] && [ -f "$CAMP_OUT/bench.json" ]; then
        note="$(grep -c '"name"' "$CAMP_OUT/bench.json") benchmarks against OpenSSL (table below)"
    fi
    if [ -f "$CAMP_OUT/.state/$name.na" ]; then
        status=n/a
        note=$(head -n1 "$CAMP_OUT/.state/$name.na")
    elif [ "$CAMP_STOP" = 1 ]; then
        status=interrupted
    elif [ $rc -eq 0 ]; then
        status=pass
    else
        status=fail
        CAMP_RC=1
    fi
    printf '%s\t%s\t%s\t%s\n' "$name" "$status" "$secs" "$note" >>"$CAMP_OUT/phases.tsv"
    local shown=$status
    [ "$status" = n/a ] && shown="not available"
    if [ "$CAMP_TTY" = 1 ]; then
        printf '\r\033[K  %-9s %-14s %6s  %s\n' "$name" "$shown" "$(camp_mmss $secs)" "${note:0:100}" >&2
    else
        camp_say "phase $idx/$CAMP_N $name: $shown in $(camp_mmss $secs) - $note"
    fi
}

# Seconds per fuzz target: what is left of the budget once the phases after
# fuzzing have their estimate, shared between the targets; at least 10 s.
camp_fuzz_share() {
    local left=$((CAMP_BUDGET - (SECONDS - CAMP_T0))) p n
    for p in coverage bench; do
        [[ ",$CAMP_PHASES," == *",$p,"* ]] && left=$((left - ${CAMPAIGN_EST[$p]}))
    done
    n=$(camp_fuzz_targets)
    [ "$n" -gt 0 ] || n=1
    left=$((left / n))
    [ $left -lt 10 ] && left=10
    echo $left
}

camp_meta() {
    local host commit
    host=$(hostname 2>/dev/null || echo unknown)
    commit=$(git -C "$GT_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git -C "$GT_ROOT" status --porcelain --untracked-files=no 2>/dev/null | head -n1)" ]; then
        commit="$commit (with local changes)"
    fi
    {
        echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "host=$host, $(nproc) cores"
        echo "commit=$commit"
        echo "budget_s=$CAMP_BUDGET"
        echo "phases=$CAMP_PHASES"
        echo "out=$CAMP_OUT"
        echo "root=$GT_ROOT"
        [ -n "$CAMP_COMPARE" ] && echo "compare=$CAMP_COMPARE"
    } >"$CAMP_OUT/meta.txt"
}

# summary.json, index.html, JUnit files (and the comparison) from what the
# phases left; works on a partial run.
camp_report() {
    local gen rc=0
    gen=$(gt_bin harness/report/gt-report)
    # incremental: a no-op when the build phase ran, needed when it did not
    gt_build default gt-report >>"$CAMP_OUT/logs/report.log" 2>&1 || true
    if [ ! -x "$gen" ]; then
        echo "gauntlet: gt-report could not be built (see $CAMP_OUT/logs/report.log)" >&2
        return 1
    fi
    local args=(collect "$CAMP_OUT")
    [ -n "$CAMP_COMPARE" ] && args+=(--compare "$CAMP_COMPARE")
    "$gen" "${args[@]}" >"$CAMP_OUT/compare.txt" 2>>"$CAMP_OUT/logs/report.log" || rc=1
    [ -s "$CAMP_OUT/compare.txt" ] || rm -f "$CAMP_OUT/compare.txt"
    return $rc
}

camp_print_summary() {
    local el=$((SECONDS - CAMP_T0)) name status secs note
    echo
    echo "campaign summary: $CAMP_OUT"
    echo "took $(camp_mmss $el) of a $(camp_mmss "$CAMP_BUDGET") budget$([ "$CAMP_STOP" = 1 ] && echo ' (interrupted)')"
    while IFS=$'\t' read -r name status secs note; do
        [ "$status" = n/a ] && status="not available"
        printf '  %-9s %-14s %6s  %s\n' "$name" "$status" "$(camp_mmss "$secs")" "${note:0:110}"
    done <"$CAMP_OUT/phases.tsv"
    if [ -f "$CAMP_OUT/bench.json" ] && [ -f "$CAMP_OUT/logs/bench.log" ]; then
        echo
        sed -n '/^benchmark/,$p' "$CAMP_OUT/logs/bench.log"
    fi
    if [ -f "$CAMP_OUT/compare.txt" ]; then
        echo
        cat "$CAMP_OUT/compare.txt"
    fi
    echo
    [ -f "$CAMP_OUT/index.html" ] && echo "report:  $CAMP_OUT/index.html"
    [ -f "$CAMP_OUT/summary.json" ] && echo "summary: $CAMP_OUT/summary.json"
    return 0
}

cmd_campaign() {
    # A failed step must not end the campaign: errors are handled per phase.
    set +e
    CAMP_MINUTES=15
    CAMP_PHASES=$(
        IFS=,
        echo "${CAMPAIGN_ALL[*]}"
    )
    CAMP_OUT="$GT_ROOT/out/campaign-$(date +%Y%m%d-%H%M%S)"
    CAMP_COMPARE=
    while [ $# -gt 0 ]; do
        case "$1" in
        --minutes)
            [[ "${2:-}" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || gt_die "campaign: --minutes needs a positive whole number"
            CAMP_MINUTES=$2
            shift 2
            ;;
        --phases)
            [ -n "${2:-}" ] || gt_die "campaign: --phases needs a list"
            CAMP_PHASES=$2
            shift 2
            ;;
        --out)
            [ -n "${2:-}" ] || gt_die "campaign: --out needs a directory"
            CAMP_OUT=$2
            shift 2
            ;;
        --compare)
            [ -n "${2:-}" ] || gt_die "campaign: --compare needs a directory"
            CAMP_COMPARE=$(cd "$2" 2>/dev/null && pwd) || gt_die "campaign: no directory $2"
            [ -f "$CAMP_COMPARE/summary.json" ] || gt_die "campaign: $2 has no summary.json (not a campaign directory)"
            shift 2
            ;;
        -h | --help)
            sed -n '2,12s/^# \{0,1\}//p' "$GT_ROOT/harness/cli/campaign.sh"
            return 0
            ;;
        *) gt_die "campaign: unknown option $1 (see ./gauntlet campaign --help)" ;;
        esac
    done
    local p selected=()
    for p in ${CAMP_PHASES//,/ }; do
        [[ " ${CAMPAIGN_ALL[*]} " == *" $p "* ]] || gt_die "campaign: unknown phase '$p' (phases: ${CAMPAIGN_ALL[*]})"
    done
    for p in "${CAMPAIGN_ALL[@]}"; do # run order is fixed, whatever the list's order
        [[ ",$CAMP_PHASES," == *",$p,"* ]] && selected+=("$p")
    done
    mkdir -p "$CAMP_OUT/logs" "$CAMP_OUT/junit" "$CAMP_OUT/.state" || gt_die "campaign: cannot create $CAMP_OUT"
    CAMP_OUT=$(cd "$CAMP_OUT" && pwd)
    CAMP_SELF="$GT_ROOT/gauntlet"
    CAMP_BUDGET=$((CAMP_MINUTES * 60))
    CAMP_N=${#selected[@]}
    CAMP_T0=$SECONDS
    CAMP_STOP=0
    CAMP_RC=0
    CAMP_PID=
    CAMP_TTY=0
    [ -t 2 ] && [ "${CI:-}" != true ] && CAMP_TTY=1
    export CAMP_OUT CAMP_SELF
    : >"$CAMP_OUT/phases.tsv"
    camp_meta
    gt_deps
    trap camp_interrupt INT TERM
    camp_say "budget $(camp_mmss $CAMP_BUDGET), phases ${selected[*]}, output $CAMP_OUT"
    local i=0
    for p in "${CAMPAIGN_ALL[@]}"; do
        if [[ ",$CAMP_PHASES," != *",$p,"* ]]; then
            printf '%s\tnot run\t0\tnot selected (--phases)\n' "$p" >>"$CAMP_OUT/phases.tsv"
            continue
        fi
        i=$((i + 1))
        if [ "$CAMP_STOP" = 1 ]; then
            printf '%s\tnot run\t0\tinterrupted before it started\n' "$p" >>"$CAMP_OUT/phases.tsv"
            continue
        fi
        [ "$p" = fuzz ] && CAMP_FUZZ_SECONDS=$(camp_fuzz_share) && echo "fuzz_seconds=$CAMP_FUZZ_SECONDS" >>"$CAMP_OUT/meta.txt"
        export CAMP_FUZZ_SECONDS CAMP_MINUTES
        camp_run "$i" "$p"
    done
    trap - INT TERM
    {
        echo "elapsed_s=$((SECONDS - CAMP_T0))"
        echo "interrupted=$CAMP_STOP"
    } >>"$CAMP_OUT/meta.txt"
    camp_report || CAMP_RC=1
    camp_print_summary
    [ "$CAMP_STOP" = 1 ] && return 130
    return $CAMP_RC
}
