# HELP: soak test: soak [--seconds N] [--connections N] — gt-server under many concurrent IUT and OpenSSL clients with faults mixed in
# Starts gt-server on 127.0.0.1, drives it with N client threads (default 8)
# for N seconds (default 60): full handshakes, resumption offers, aborted
# handshakes, garbage, 1 MiB transfers, slow loris; prints handshakes/s,
# failures by cause and the server's VmRSS over time, and ends with
# "N passed, M failed". Exit 1 on any unexpected failure or when the
# server's memory at the end exceeds its level after warm-up by >10%.
# ctest runs a 20-second version (soak/short).
cmd_soak() {
    local seconds=60 conns=8 idle=2
    while [ $# -gt 0 ]; do
        case $1 in
        --seconds) seconds=${2:?--seconds N}; shift 2 ;;
        --connections) conns=${2:?--connections N}; shift 2 ;;
        --idle-timeout) idle=${2:?--idle-timeout S}; shift 2 ;;
        -h | --help)
            sed -n '2,8s/^# //p' "$GT_ROOT/harness/cli/soak.sh"
            return 0 ;;
        *) gt_die "soak: unknown option $1 (--seconds N, --connections N, --idle-timeout S)" ;;
        esac
    done
    gt_build default gt-soak gt-server
    local soak server
    soak=$(gt_bin harness/soak/gt-soak)
    server=$(gt_bin harness/tools/gt-server)
    if [ ! -x "$soak" ] || [ ! -x "$server" ]; then gt_die "gt-soak or gt-server was not built"; fi
    (cd "$GT_ROOT" && "$soak" --server "$server" --pki vectors/pki --seconds "$seconds" \
        --connections "$conns" --idle-timeout "$idle")
}
