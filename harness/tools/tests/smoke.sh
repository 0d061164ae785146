#!/usr/bin/env bash
# Real-peer smoke tests of the IUT's tools (ctest label "smoke"):
#   client   gt-client fetches a page from `openssl s_server -tls1_2 -www`,
#            and refuses a certificate for the wrong name (exit 1, alert named)
#   server   `openssl s_client -tls1_2` and curl fetch a page from gt-server --www
#   tshark   tshark decrypts a captured IUT session with the IUT's key log
# usage: smoke.sh client|server|tshark TOOLS_BIN_DIR   (run from the source root)
set -euo pipefail
mode=$1
bin=$2
pki=vectors/pki
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL ($mode): $*" >&2
    for f in "$tmp"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }; done
    exit 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_for FILE REGEX: up to 10 s
wait_for() {
    for _ in $(seq 200); do
        grep -qE "$2" "$1" 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

start_gt_server() { # extra args...
    : >"$tmp/server.log" # the background redirection below races the poll
    "$bin/gt-server" --port 0 --cert "$pki/server-p256.chain.pem" --key "$pki/server-p256.key" \
        --cert "$pki/server-rsa2048.chain.pem" --key "$pki/server-rsa2048.key" "$@" \
        >"$tmp/server.log" 2>&1 &
    pids+=($!)
    wait_for "$tmp/server.log" 'listening on 127.0.0.1:[0-9]+' || fail "gt-server did not start"
    port=$(sed -n 's/^gt-server: listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$tmp/server.log")
}

smoke_client() {
    local ok=0
    for _ in 1 2 3; do # a free port can be taken between the probe and the bind
        port=$(free_port)
        openssl s_server -tls1_2 -www -accept "127.0.0.1:$port" -cert "$pki/server-p256.crt" \
            -key "$pki/server-p256.key" -cert_chain "$pki/ecdsa-inter.crt" \
            >"$tmp/s_server.log" 2>&1 &
        pids+=($!)
        if wait_for "$tmp/s_server.log" '^ACCEPT'; then
            ok=1
            break
        fi
    done
    [ $ok = 1 ] || fail "openssl s_server did not start"
    printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 "$bin/gt-client" "127.0.0.1:$port" \
        --ca "$pki/ca-bundle.pem" --servername localhost >"$tmp/page.log" 2>"$tmp/client.log" ||
        fail "gt-client exit $? against s_server"
    grep -q '^HTTP/1.0 200 ok' "$tmp/page.log" || fail "no page from s_server"
    grep -q 'Protocol *: TLSv1.2' "$tmp/page.log" || fail "s_server page does not say TLSv1.2"
    grep -q 'version=TLSv1.2 suite=TLS_ECDHE_ECDSA_' "$tmp/client.log" || fail "no parameters"
    # the wrong name: refused, non-zero, the alert named
    set +e
    printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 "$bin/gt-client" "127.0.0.1:$port" \
        --ca "$pki/ca-bundle.pem" --servername wrong.example >"$tmp/wrong.log" 2>&1
    rc=$?
    set -e
    [ $rc -eq 1 ] || fail "wrong name: exit $rc, expected 1"
    grep -q 'handshake failed: sent fatal alert [a-z_]* ([0-9]*)' "$tmp/wrong.log" ||
        fail "wrong name: no alert in the error"
    ! grep -q '^HTTP' "$tmp/wrong.log" || fail "wrong name: data was exchanged"
    # no trust anchor for the chain: refused too
    set +e
    printf 'x' | timeout 10 "$bin/gt-client" "127.0.0.1:$port" --ca "$pki/rsa-root.crt" \
        --servername localhost >"$tmp/untrusted.log" 2>&1
    rc=$?
    set -e
    [ $rc -eq 1 ] && grep -q 'sent fatal alert' "$tmp/untrusted.log" ||
        fail "untrusted chain: exit $rc"
    echo "client: page from s_server ok; wrong name and unknown CA refused with an alert"
}

smoke_server() {
    start_gt_server --www --connections 3
    (
        printf 'GET / HTTP/1.0\r\n\r\n'
        sleep 1
    ) | timeout 10 openssl s_client -tls1_2 -connect "127.0.0.1:$port" -servername localhost \
        -CAfile "$pki/ca-bundle.pem" -verify_return_error -ign_eof >"$tmp/s_client.log" 2>&1 ||
        fail "openssl s_client exit $?"
    grep -q '^HTTP/1.0 200 OK' "$tmp/s_client.log" || fail "no page for s_client"
    grep -q 'Verify return code: 0 (ok)' "$tmp/s_client.log" || fail "s_client did not verify"
    if command -v curl >/dev/null; then
        timeout 10 curl -sS --tls-max 1.2 --cacert "$pki/ca-bundle.pem" \
            "https://localhost:$port/" >"$tmp/curl.log" 2>&1 || fail "curl exit $?"
        grep -q 'tlsgauntlet gt-server' "$tmp/curl.log" || fail "no page for curl"
        timeout 10 curl -sS --tls-max 1.2 --ciphers ECDHE-RSA-AES128-GCM-SHA256 \
            --cacert "$pki/ca-bundle.pem" "https://localhost:$port/" >"$tmp/curl-rsa.log" 2>&1 ||
            fail "curl (RSA) exit $?"
        grep -q 'suite=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' "$tmp/curl-rsa.log" ||
            fail "the RSA chain was not selected for an RSA-only client"
    else
        fail "curl is not installed (ci/install-deps.sh installs it)"
    fi
    wait "${pids[0]}" || fail "gt-server exit $? (a connection failed)"
    [ "$(grep -c ' ok version=TLSv1.2' "$tmp/server.log")" -eq 3 ] || fail "expected 3 ok lines"
    echo "server: s_client and curl (ECDSA and RSA chains) served"
}

smoke_tshark() {
    command -v tshark >/dev/null || fail "tshark is not installed"
    SSLKEYLOGFILE=$tmp/keys start_gt_server --www --connections 1
    tshark -i lo -f "tcp port $port" -w "$tmp/cap.pcapng" >"$tmp/tshark.log" 2>&1 &
    local tpid=$!
    pids+=($tpid)
    if ! wait_for "$tmp/tshark.log" "Capturing on"; then
        fail "cannot capture on lo (needs root or CAP_NET_RAW): $(tail -n 3 "$tmp/tshark.log")"
    fi
    sleep 0.5 # dumpcap announces itself just before the filter is live
    printf 'GET /gauntlet-tshark-probe HTTP/1.0\r\n\r\n' | timeout 10 "$bin/gt-client" \
        --ign-eof "127.0.0.1:$port" --ca "$pki/ca-bundle.pem" --servername localhost \
        >"$tmp/page.log" 2>"$tmp/client.log" || fail "gt-client exit $?"
    grep -q 'gauntlet-tshark-probe' "$tmp/page.log" || fail "no page"
    sleep 0.5
    kill -INT $tpid
    wait $tpid 2>/dev/null || true
    [ -s "$tmp/cap.pcapng" ] || fail "empty capture"
    grep -q '^CLIENT_RANDOM [0-9a-f]\{64\} [0-9a-f]\{96\}$' "$tmp/keys" ||
        fail "no NSS key log line from the IUT"
    # without the key log the request is not visible; with it, it is
    tshark -r "$tmp/cap.pcapng" -Y http -T fields -e http.request.uri >"$tmp/nokeys.log" 2>&1 || true
    ! grep -q 'gauntlet-tshark-probe' "$tmp/nokeys.log" || fail "plaintext visible without keys?"
    tshark -r "$tmp/cap.pcapng" -o "tls.keylog_file:$tmp/keys" -Y http \
        -T fields -e http.request.uri >"$tmp/decrypted.log" 2>&1 || fail "tshark -r failed"
    grep -q '^/gauntlet-tshark-probe$' "$tmp/decrypted.log" ||
        fail "tshark did not decrypt the request with the IUT's key log"
    echo "tshark: capture decrypted with the IUT's key log, request seen"
}

case "$mode" in
client) smoke_client ;;
server) smoke_server ;;
tshark) smoke_tshark ;;
*) fail "unknown mode" ;;
esac
