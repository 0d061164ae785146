# HELP: X.509 tools: x509 show FILE [--json] (parse and dump certificates), x509 verify ...
cmd_x509() {
    [ $# -ge 1 ] || gt_die "usage: ./gauntlet x509 show FILE [--json] | verify ..."
    local sub=$1
    shift
    case "$sub" in
    show)
        [ $# -ge 1 ] || gt_die "usage: ./gauntlet x509 show FILE [--json]"
        gt_build default gt-x509
        "$(gt_bin harness/x509/gt-x509)" show "$@"
        ;;
    verify)
        # --trust ROOTS.pem [--untrusted CHAIN.pem] [--host NAME | --ip ADDR]
        # [--time UNIX_SECONDS] [--purpose server|client] LEAF.pem
        # -> "OK" (exit 0) | "FAIL: reason" (exit 1) | bad input (exit 2)
        [ $# -ge 1 ] || gt_die "usage: ./gauntlet x509 verify --trust ROOTS.pem [--untrusted CHAIN.pem] [--host NAME | --ip ADDR] [--time UNIX_SECONDS] [--purpose server|client] LEAF.pem"
        gt_build default gt-x509
        "$(gt_bin harness/x509/gt-x509)" verify "$@"
        ;;
    *)
        gt_die "unknown x509 subcommand '$sub' (show, verify)"
        ;;
    esac
}
