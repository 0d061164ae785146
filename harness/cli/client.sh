# HELP: the IUT as a TLS client: client HOST:PORT [--ca FILE] [--servername N] [--alpn L] [--suites L] [--ign-eof]
# Verifies the server (--ca, default the system trust store), prints the
# negotiated parameters to stderr, relays stdin/stdout. See harness/tools/README.md.
cmd_client() {
    gt_build default gt-client
    local bin
    bin=$(gt_bin harness/tools/gt-client)
    [ -x "$bin" ] || gt_die "gt-client was not built (does tls/handshake have the engine yet?)"
    exec "$bin" "$@"
}
