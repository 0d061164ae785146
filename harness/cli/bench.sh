# HELP: side-by-side benchmarks vs OpenSSL (handshakes also vs wolfSSL): bench crypto|pk|x509|handshake|all [--json FILE] [--seconds S]
cmd_bench() {
    [ $# -ge 1 ] || gt_die "usage: ./gauntlet bench crypto|pk|x509|handshake|all [--json FILE] [--seconds S]"
    gt_build default gt-bench
    local json_args=() args=()
    while [ $# -gt 0 ]; do
        case "$1" in
        --json)
            [ $# -ge 2 ] || gt_die "--json needs a file"
            # gt-bench runs from the caller's directory, so relative paths work
            json_args=(--json "$2")
            shift 2
            ;;
        *)
            args+=("$1")
            shift
            ;;
        esac
    done
    "$(gt_bin harness/bench/gt-bench)" "${args[@]}" "${json_args[@]}"
}
