# HELP: the IUT as a TLS server: server --port P --cert C --key K [--cert C2 --key K2 ...] [--www | --echo] [--alpn L] [--suites L] [--groups L]
# 127.0.0.1 only; one line per connection on stdout. See harness/tools/README.md.
cmd_server() {
    # gt_build prints to stderr, so stdout carries only the server's lines
    gt_build default gt-server
    local bin
    bin=$(gt_bin harness/tools/gt-server)
    [ -x "$bin" ] || gt_die "gt-server was not built (does tls/handshake have the engine yet?)"
    exec "$bin" "$@"
}
