# HELP: fuzz TARGET|all [--engine libfuzzer|afl] [--seconds N] [--jobs N] [--json FILE]: a fuzzing campaign, crashes minimised under out/
# Runs each target for --seconds (default 60) with libFuzzer (preset fuzz;
# --jobs > 1 uses -fork) or AFL++ (preset afl: a main instance with the
# CMPLOG twin and --jobs - 1 secondaries), from corpus/<target>. Then:
# - new coverage is merged back into the corpus directory (--corpus DIR
#   overrides corpus/<target>; --corpus-root DIR uses DIR/<target>, first
#   copied from corpus/<target>, so the committed corpus stays as it is;
#   libFuzzer -merge=1, or afl-cmin for AFL++);
# - every crash, hang and out-of-memory input is replayed for its stack,
#   deduplicated by the top frames, minimised, and stored under
#   out/fuzz-<timestamp>/<target>/, with the exact command that replays it;
# - one line per target: "TARGET: N execs, E exec/s, C edges, K crashes";
# - --json FILE: {"targets":[{"name","engine","seconds","execs","exec_per_s",
#   "edges","corpus","crashes":[{"reproducer","stack"}]}]}.
# Exit status 1 when anything was found (so CI fails), 2 on bad usage.
# Never interactive (AFL_NO_UI); --bin DIR uses already built binaries.

fuzz_usage() {
    gt_die "usage: ./gauntlet fuzz TARGET|all [--engine libfuzzer|afl] [--seconds N] [--jobs N] [--json FILE] [--corpus DIR | --corpus-root DIR] [--bin DIR] [--out DIR]"
}

# fuzz_targets BINDIR NAME|all: "binary corpus-name dict" lines.
fuzz_targets() {
    local list="$1/targets.txt"
    [ -f "$list" ] || gt_die "fuzz: $list missing (build the fuzzers first)"
    if [ "$2" = all ]; then
        cat "$list"
    else
        awk -v t="$2" '$1 == "fuzz_" t || $1 == t' "$list" | grep . ||
            gt_die "fuzz: no target '$2' (have: $(awk '{sub(/^fuzz_/, "", $1); printf "%s ", $1}' "$list"))"
    fi
}

# fuzz_stack BIN FILE: the top frames of the crash FILE causes, one line.
fuzz_stack() {
    local out
    out=$(ASAN_OPTIONS=symbolize=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        timeout 60 "$1" "$2" 2>&1 || true)
    local frames
    frames=$(printf '%s\n' "$out" | sed -n 's/^ *#[0-9]\+ 0x[0-9a-f]\+ in \([^ ]\+\) .*/\1/p' |
        grep -v -E '^(__|_start|abort|raise|fz_fail|LLVMFuzzerTestOneInput$|fuzzer::|main$|libc_)' | head -n 3 | paste -sd '<' -)
    local why
    why=$(printf '%s\n' "$out" | grep -m1 -E 'FUZZ FINDING|ERROR: |runtime error|Assertion' |
        sed 's/^.*\(FUZZ FINDING: \|ERROR: [A-Za-z]*Sanitizer: \|runtime error: \)//' | cut -c1-120)
    [ -z "$why" ] || frames="${frames:+$frames }($why)"
    printf '%s' "${frames:-unknown}"
}

# fuzz_triage NAME BIN REPLAYBIN OUTDIR ARTIFACT...: dedupe, minimise, store.
# Appends "reproducer<TAB>stack" lines to OUTDIR/crashes.tsv.
fuzz_triage() {
    local name=$1 bin=$2 stackbin=$3 outdir=$4
    shift 4
    local seen="" a
    for a in "$@"; do
        [ -f "$a" ] || continue
        local stack key
        stack=$(fuzz_stack "$stackbin" "$a")
        key=$(printf '%s' "$stack" | sha1sum | cut -c1-12)
        case " $seen " in *" $key "*) continue ;; esac
        seen="$seen $key"
        local kind=crash
        case "$(basename "$a")" in timeout-* | hang* | id:*hang*) kind=hang ;; oom-*) kind=oom ;; esac
        local repro="$outdir/$kind-$name-$key"
        if [ "$FZ_ENGINE" = libfuzzer ]; then
            # libFuzzer: smallest input that still crashes
            "$bin" -minimize_crash=1 -max_total_time=30 -exact_artifact_path="$repro" "$a" >/dev/null 2>&1 || true
        elif command -v afl-tmin >/dev/null; then
            AFL_SKIP_CPUFREQ=1 timeout 120 afl-tmin -i "$a" -o "$repro" -- "$bin" >/dev/null 2>&1 || true
        fi
        [ -s "$repro" ] || cp "$a" "$repro"
        printf '%s\t%s\n' "$repro" "$stack" >>"$outdir/crashes.tsv"
    done
}

fuzz_run_libfuzzer() {
    local bin=$1 name=$2 dict=$3 corpus=$4 work=$5
    mkdir -p "$work/new" "$work/artifacts"
    local args=(-max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2560
        -print_final_stats=1 -artifact_prefix="$work/artifacts/")
    [ "$dict" = - ] || args+=(-dict="$GT_ROOT/fuzzers/dict/$dict.dict")
    if [ "$FUZZ_JOBS" -gt 1 ]; then
        args+=(-fork="$FUZZ_JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    fi
    "$bin" "${args[@]}" "$work/new" "$corpus" >"$work/fuzz.log" 2>&1 || true
    # fork mode prints per-job stats; the last status line is the total
    local last
    last=$(grep -E '^#[0-9]+' "$work/fuzz.log" | tail -n1)
    FZ_EXECS=$(grep -m1 'stat::number_of_executed_units' "$work/fuzz.log" | awk '{print $2}')
    FZ_EPS=$(grep -m1 'stat::average_exec_per_sec' "$work/fuzz.log" | awk '{print $2}')
    [ -n "$FZ_EXECS" ] || FZ_EXECS=$(printf '%s' "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
    FZ_EDGES=$(printf '%s' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    # merge what is new back into the corpus (only inputs adding coverage)
    if [ -n "$(ls -A "$work/new" 2>/dev/null)" ]; then
        "$bin" -merge=1 -timeout=10 -max_len=65536 "$corpus" "$work/new" >"$work/merge.log" 2>&1 || true
    fi
    FZ_ARTIFACTS=("$work"/artifacts/crash-* "$work"/artifacts/timeout-* "$work"/artifacts/oom-* "$work"/artifacts/leak-*)
    FZ_STACKBIN=$bin
}

fuzz_run_afl() {
    local bin=$1 name=$2 dict=$3 corpus=$4 work=$5
    local in="$corpus"
    if [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
        in="$work/seed"
        mkdir -p "$in"
        printf 'x' >"$in/x"
    fi
    export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
        AFL_NO_AFFINITY=1 AFL_FAST_CAL=1 AFL_CMPLOG_ONLY_NEW=1 AFL_SKIP_CRASHES=1
    local common=(-i "$in" -o "$work/afl" -V "$FUZZ_SECONDS" -t 10000 -m none)
    [ "$dict" = - ] || common+=(-x "$GT_ROOT/fuzzers/dict/$dict.dict")
    local cmplog=()
    [ -x "${bin}_cmplog" ] && cmplog=(-c "${bin}_cmplog")
    # the structure-aware TLS mutator (fuzzers/driver/tlsmut.h) for the
    # targets that use it under libFuzzer too, alongside AFL++'s havoc
    local mut
    mut="$(dirname "$bin")/libfz_tlsmut.so"
    if [ -f "$mut" ] && grep -q '^FZ_TLS_MUTATOR' "$GT_ROOT/fuzzers/$name.c" 2>/dev/null; then
        export AFL_CUSTOM_MUTATOR_LIBRARY=$mut
    else
        unset AFL_CUSTOM_MUTATOR_LIBRARY
    fi
    local pids=() i
    for ((i = 1; i < FUZZ_JOBS; i++)); do
        afl-fuzz "${common[@]}" -S "s$i" -- "$bin" >"$work/afl-s$i.log" 2>&1 </dev/null &
        pids+=($!)
    done
    afl-fuzz "${common[@]}" -M main "${cmplog[@]}" -- "$bin" >"$work/afl-main.log" 2>&1 </dev/null || true
    for i in "${pids[@]}"; do wait "$i" || true; done
    local st execs=0 edges=0 e
    for st in "$work"/afl/*/fuzzer_stats; do
        [ -f "$st" ] || continue
        e=$(awk -F': *' '$1 ~ /^execs_done/ {print $2}' "$st")
        execs=$((execs + ${e:-0}))
        e=$(awk -F': *' '$1 ~ /^edges_found/ {print $2}' "$st")
        [ "${e:-0}" -gt "$edges" ] && edges=$e
    done
    FZ_EXECS=$execs
    FZ_EDGES=$edges
    [ -f "$work/afl/main/fuzzer_stats" ] || tail -n 20 "$work/afl-main.log" >&2
    # merge: afl-cmin over the old corpus plus every queue, then add what is new
    if command -v afl-cmin >/dev/null && [ -d "$work/afl/main/queue" ]; then
        mkdir -p "$work/union" "$work/cmin"
        cp "$corpus"/* "$work/union/" 2>/dev/null || true
        local q
        for q in "$work"/afl/*/queue/id:*; do cp "$q" "$work/union/$(sha1sum "$q" | cut -c1-40)"; done
        if AFL_SKIP_CPUFREQ=1 timeout 600 afl-cmin -i "$work/union" -o "$work/cmin" -- "$bin" >"$work/cmin.log" 2>&1; then
            for q in "$work"/cmin/*; do
                [ -f "$q" ] || continue
                local h
                h=$(sha1sum "$q" | cut -c1-40)
                [ -e "$corpus/$h" ] || cp "$q" "$corpus/$h"
            done
        fi
    fi
    FZ_ARTIFACTS=("$work"/afl/*/crashes/id:* "$work"/afl/*/hangs/id:*)
    # stacks come from the ASan replay build (the AFL++ build has no
    # sanitizer), built only when there is something to triage
    FZ_STACKBIN=$bin
    [ -e "${FZ_ARTIFACTS[0]}" ] || [ -e "${FZ_ARTIFACTS[-1]}" ] || return 0
    if gt_build asan "$(basename "$bin")" >/dev/null 2>&1; then
        FZ_STACKBIN=$(gt_bin "fuzzers/$(basename "$bin")" asan)
    fi
}

cmd_fuzz() {
    [ $# -ge 1 ] || fuzz_usage
    local target=$1
    shift
    local engine=libfuzzer json="" bindir="" corpus_override="" corpus_root="" outroot=""
    FUZZ_SECONDS=60
    FUZZ_JOBS=1
    while [ $# -gt 0 ]; do
        case "$1" in
        --engine) engine=${2:-}; shift 2 ;;
        --seconds) FUZZ_SECONDS=${2:-}; shift 2 ;;
        --jobs) FUZZ_JOBS=${2:-}; shift 2 ;;
        --json) json=${2:-}; shift 2 ;;
        --corpus) corpus_override=${2:-}; shift 2 ;;
        --corpus-root) corpus_root=${2:-}; shift 2 ;;
        --bin) bindir=${2:-}; shift 2 ;;
        --out) outroot=${2:-}; shift 2 ;;
        *) fuzz_usage ;;
        esac
    done
    [[ "$FUZZ_SECONDS" =~ ^[0-9]+$ && "$FUZZ_JOBS" =~ ^[1-9][0-9]*$ ]] || fuzz_usage
    local preset
    FZ_ENGINE=$engine
    case "$engine" in
    libfuzzer) preset=fuzz ;;
    afl) preset=afl ;;
    *) fuzz_usage ;;
    esac
    if [ -z "$bindir" ]; then
        gt_build "$preset" gt_fuzzers
        bindir="$GT_ROOT/build/$preset/fuzzers"
    fi
    [ -n "$outroot" ] || outroot="$GT_ROOT/out/fuzz-$(date +%Y%m%d-%H%M%S)"
    [ -z "$json" ] || [[ "$json" = /* ]] || json="$PWD/$json"
    mkdir -p "$outroot"
    local rows="$outroot/summary.tsv" rc=0 line
    : >"$rows"
    while read -r bin name dict; do
        [ -n "$bin" ] || continue
        local short=${bin#fuzz_}
        local work="$outroot/$short" corpus="$GT_ROOT/corpus/$name"
        [ -n "$corpus_override" ] && corpus=$corpus_override
        if [ -n "$corpus_root" ] && [ -z "$corpus_override" ]; then
            corpus="$corpus_root/$name"
            if [ ! -d "$corpus" ]; then
                mkdir -p "$corpus"
                cp "$GT_ROOT/corpus/$name"/* "$corpus"/ 2>/dev/null || true
            fi
        fi
        mkdir -p "$work" "$corpus"
        gt_log "fuzz $short ($engine, ${FUZZ_SECONDS}s, $FUZZ_JOBS job(s), corpus $corpus)"
        local t0=$SECONDS
        FZ_EXECS=0 FZ_EDGES=0 FZ_EPS="" FZ_ARTIFACTS=() FZ_STACKBIN=""
        "fuzz_run_$engine" "$bindir/$bin" "$name" "$dict" "$corpus" "$work"
        local secs=$((SECONDS - t0))
        : >"$work/crashes.tsv"
        fuzz_triage "$short" "$bindir/$bin" "$FZ_STACKBIN" "$work" "${FZ_ARTIFACTS[@]}"
        local n_crash n_corpus eps
        n_crash=$(wc -l <"$work/crashes.tsv")
        n_corpus=$(ls "$corpus" | wc -l)
        # libFuzzer's own average when it gives one (it stops early on a
        # crash without -fork), else executions over the time asked for
        eps=${FZ_EPS:-$((${FZ_EXECS:-0} / (FUZZ_SECONDS > 0 ? FUZZ_SECONDS : 1)))}
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$short" "$engine" "$secs" "${FZ_EXECS:-0}" \
            "$eps" "${FZ_EDGES:-0}" "$n_corpus" "$work/crashes.tsv" >>"$rows"
        if [ "$n_crash" -gt 0 ]; then
            rc=1
            while IFS=$'\t' read -r repro stack; do
                echo "FOUND in $short: $stack"
                echo "  reproducer: $repro"
                echo "  replay:     $bindir/$bin $repro"
                echo "  (or, no engine: ./gauntlet test builds build/default/fuzzers/$bin; run it on the file)"
            done <"$work/crashes.tsv"
        fi
    done < <(fuzz_targets "$bindir" "$target")
    echo
    while IFS=$'\t' read -r short eng secs execs eps edges ncorp crashes; do
        echo "$short: $execs execs, $eps exec/s, $edges edges, $(wc -l <"$crashes") crashes"
    done <"$rows"
    if [ -n "$json" ]; then
        python3 - "$rows" "$json" <<'PY'
import json, sys
rows, out = sys.argv[1], sys.argv[2]
targets = []
for line in open(rows):
    name, engine, secs, execs, eps, edges, corpus, crashes = line.rstrip("\n").split("\t")
    found = []
    for c in open(crashes):
        repro, _, stack = c.rstrip("\n").partition("\t")
        found.append({"reproducer": repro, "stack": stack})
    targets.append({"name": name, "engine": engine, "seconds": int(secs), "execs": int(execs),
                    "exec_per_s": int(eps), "edges": int(edges), "corpus": int(corpus),
                    "crashes": found})
with open(out, "w") as f:
    json.dump({"targets": targets}, f, indent=1)
    f.write("\n")
PY
        gt_log "wrote $json"
    fi
    return $rc
}
