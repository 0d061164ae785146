# Shared helpers for the gauntlet subcommands (sourced by ./gauntlet).

GT_JOBS=${GT_JOBS:-$(nproc 2>/dev/null || echo 2)}

gt_log() { printf '[gauntlet] %s\n' "$*" >&2; }
gt_die() {
    printf 'gauntlet: %s\n' "$*" >&2
    exit 2
}

gt_usage() {
    cat <<'TXT'
usage: ./gauntlet COMMAND [ARGS]

The two commands that do all the set-up on a fresh Debian 12 machine:
  ./gauntlet campaign     the main job: every phase, one summary
  ./gauntlet test         build default + asan, run every test (CI runs this)

Commands:
TXT
    local f name
    for f in "$GT_ROOT"/harness/cli/*.sh; do
        name=$(basename "$f" .sh)
        [ "$name" = lib ] && continue
        printf '  %-12s %s\n' "$name" "$(sed -n 's/^# HELP: //p' "$f" | head -n1)"
    done
    cat <<'TXT'

Environment: GT_JOBS (parallel build/test jobs), GT_FORCE_PORTABLE=1
(disable AES-NI/PCLMUL/SHA-NI/AVX paths), CI=true (no terminal UI).
TXT
}

# Installs missing Debian packages when root, else prints the apt command.
gt_deps() {
    [ -n "${GT_DEPS_CHECKED:-}" ] && return 0
    if ! "$GT_ROOT/ci/install-deps.sh"; then
        gt_die "dependencies missing (see above)"
    fi
    export GT_DEPS_CHECKED=1
}

# gt_build PRESET [TARGET...]: configure once, then build incrementally.
gt_build() {
    local preset=$1
    shift
    gt_deps
    local dir="$GT_ROOT/build/$preset"
    mkdir -p "$GT_ROOT/build"
    if [ ! -f "$dir/build.ninja" ]; then
        gt_log "configuring $preset"
        (cd "$GT_ROOT" && cmake --preset "$preset" >"$dir.configure.log" 2>&1) || {
            mkdir -p "$dir"
            cat "$dir.configure.log" >&2
            gt_die "cmake configure failed for preset $preset"
        }
    fi
    gt_log "building $preset${*:+ ($*)}"
    local targets=()
    local t
    for t in "$@"; do targets+=(--target "$t"); done
    cmake --build "$dir" -j "$GT_JOBS" "${targets[@]}" >&2
}

gt_bin() { echo "$GT_ROOT/build/${2:-default}/$1"; }
