# HELP: conformance: ~400 RFC-derived cases against a TLS server or client (scripted peer on libcrypto)
# Usage: ./gauntlet conform [--server HOST:PORT | --server-cmd 'CMD' | --client-cmd 'CMD with {port}']
#                           [--filter PATTERN] [--junit FILE] [--json FILE] [gt-conform options]
# --server-cmd starts a fresh server per case (it must print "READY port=<P>",
# peers/README.md); --client-cmd starts a fresh client per case, {port} is
# where the scripted server listens. With no target the suite would run
# in-process against the IUT: that needs the engine, which is not built yet
# (gt-conform then says so and exits 2). See harness/conform/README.md.
cmd_conform() {
    gt_build default gt-conform gt-peers
    local bin
    bin=$(gt_bin harness/conform/gt-conform)
    [ -x "$bin" ] || gt_die "gt-conform was not built"
    # Cases mostly wait on the target: twice as many workers as cores.
    "$bin" --jobs $((GT_JOBS * 2)) --pki "$GT_ROOT/vectors/pki" \
        --conform-dir "$GT_ROOT/vectors/conform" "$@"
}
