# HELP: known-answer vectors: vectors/, NIST CAVP, TLS 1.2 PRF, Wycheproof (or the PATHs given)
# ./gauntlet vectors [DIR|FILE...] [--json FILE] [--verbose]
# Builds gt-vectors (default preset) and runs it. With no PATH: the project's
# vectors/ directory, the CAVP files listed in harness/vectors/cavp.list, the
# TLS 1.2 PRF file and the Wycheproof directory
# ($GT_ROOT/../shared/vectors/wycheproof). Exit 0 all passed, 1 a case
# failed, 2 malformed input.

vectors_defaults() {
    local cavp=/usr/lib/python3/dist-packages/cryptography_vectors shared
    shared=$(cd "$GT_ROOT/.." && pwd)/shared
    local g f
    echo "$GT_ROOT/vectors"
    if [ -d "$cavp" ]; then
        while read -r g; do
            case "$g" in '' | '#'*) continue ;; esac
            for f in "$cavp"/$g; do
                [ -e "$f" ] && echo "$f"
            done
        done <"$GT_ROOT/harness/vectors/cavp.list"
    else
        gt_log "no CAVP files ($cavp): install python3-cryptography-vectors"
    fi
    if [ -f "$shared/vectors/tls12_prf_vectors.txt" ]; then
        echo "$shared/vectors/tls12_prf_vectors.txt"
    else
        gt_log "no TLS 1.2 PRF file under $shared/vectors"
    fi
    if [ -d "$shared/vectors/wycheproof" ]; then
        echo "$shared/vectors/wycheproof"
    else
        gt_log "no Wycheproof directory under $shared/vectors (../shared beside the checkout)"
    fi
}

cmd_vectors() {
    local args=() paths=() p
    while [ $# -gt 0 ]; do
        case "$1" in
        --json)
            [ $# -ge 2 ] || gt_die "vectors: --json needs a FILE"
            args+=(--json "$2")
            shift 2
            ;;
        --verbose | -v)
            args+=(--verbose)
            shift
            ;;
        --list)
            args+=(--list)
            shift
            ;;
        -h | --help)
            sed -n '2,7s/^# \{0,1\}//p' "$GT_ROOT/harness/cli/vectors.sh"
            return 0
            ;;
        -*) gt_die "vectors: unknown option $1" ;;
        *)
            paths+=("$1")
            shift
            ;;
        esac
    done
    if [ ${#paths[@]} -eq 0 ]; then
        while IFS= read -r p; do paths+=("$p"); done < <(vectors_defaults)
    fi
    gt_build default gt-vectors
    local rc=0
    "$(gt_bin harness/vectors/gt-vectors)" "${args[@]}" "${paths[@]}" || rc=$?
    return $rc
}
