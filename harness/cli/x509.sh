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
        # replaced by the path-validation work (x509-verify)
        echo "x509 verify: not yet built" >&2
        exit 2
        ;;
    *)
        gt_die "unknown x509 subcommand '$sub' (show, verify)"
        ;;
    esac
}
