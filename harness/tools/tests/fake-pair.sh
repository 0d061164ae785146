#!/usr/bin/env bash
# gt-server and gt-client over the fake engine (plaintext framing): the
# poll loop, --www, --echo, the relay, SSLKEYLOGFILE wiring, the
# connection report and a truncated connection, without TLS.
set -euo pipefail
server=$1 client=$2
tmp=$(mktemp -d)
trap 'kill $spid 2>/dev/null || true; rm -rf "$tmp"' EXIT
echo pem >"$tmp/c.pem"
echo key >"$tmp/k.pem"
fail() { echo "FAIL: $*" >&2; cat "$tmp"/*.log >&2 || true; exit 1; }

start() { # start MODE N [OPTION...]: server in background, sets port
    : >"$tmp/server.log" # the background redirection below races the poll
    "$server" --port 0 --cert "$tmp/c.pem" --key "$tmp/k.pem" "$1" --connections "$2" "${@:3}" \
        >"$tmp/server.log" 2>&1 &
    spid=$!
    for _ in $(seq 100); do
        port=$(sed -n 's/^gt-server: listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$tmp/server.log")
        [ -n "$port" ] && return 0
        sleep 0.05
    done
    fail "server did not start"
}

# --www: one request, one page, close_notify; the key log file is written
start --www 2
printf "GET / HTTP/1.0\r\n\r\n" | SSLKEYLOGFILE=$tmp/keys timeout 10 "$client" --ign-eof \
    127.0.0.1:"$port" --ca "$tmp/c.pem" >"$tmp/page.log" 2>"$tmp/client.log" ||
    fail "client exit $?"
grep -q '^HTTP/1.0 200 OK' "$tmp/page.log" || fail "no HTTP response"
grep -q 'request: GET / HTTP/1.0' "$tmp/page.log" || fail "page lacks the request line"
grep -q 'suite=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256' "$tmp/client.log" || fail "no params"
grep -q '^CLIENT_RANDOM ' "$tmp/keys" || fail "SSLKEYLOGFILE not written"
# a client that says hello and hangs up: truncation, reported as a failure
python3 - "$port" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"H\x00\x00")
s.recv(3)  # the server's hello: unread data would turn our FIN into a reset
s.close()
PY
set +e
wait $spid
rc=$?
set -e
[ $rc -eq 1 ] || fail "server exit $rc after a truncated connection"
grep -q '^127.0.0.1:[0-9]* ok version=TLSv1.2' "$tmp/server.log" || fail "no ok line"
grep -q '^127.0.0.1:[0-9]* fail connection: truncated' "$tmp/server.log" || fail "no truncation line"

# --echo: several clients at once, each gets exactly its own bytes back
start --echo 3
for i in 1 2 3; do
    head -c $((i * 100000)) /dev/urandom >"$tmp/in$i"
    # stdin stays open a moment after the data: our close_notify at EOF
    # would end the echo early (RFC 5246 §7.2.1, the server may not write
    # after it)
    ( (cat "$tmp/in$i"; sleep 1) | timeout 10 "$client" 127.0.0.1:"$port" --ca "$tmp/c.pem" \
        >"$tmp/out$i" 2>"$tmp/client$i.log") &
done
wait %2 %3 %4 || fail "an echo client failed"
for i in 1 2 3; do cmp -s "$tmp/in$i" "$tmp/out$i" || fail "echo $i differs"; done
wait $spid || fail "echo server exit $?"
[ "$(grep -c ' ok ' "$tmp/server.log")" -eq 3 ] || fail "expected 3 ok lines"

# --idle-timeout: an open session with no traffic ends with the server's
# close_notify (a clean end on both sides, not a failure); and the client's
# own idle timeout ends it the same way from its side
start --echo 2 --idle-timeout 1
(echo hi; sleep 3) | timeout 10 "$client" 127.0.0.1:"$port" --ca "$tmp/c.pem" \
    >"$tmp/idle.out" 2>"$tmp/idle.log" || fail "idle client exit $?"
grep -q '^hi$' "$tmp/idle.out" || fail "no echo before the idle close"
grep -q 'idle for 1 s: close_notify sent' "$tmp/server.log" || fail "server did not close when idle"
(echo hi; sleep 3) | timeout 10 "$client" 127.0.0.1:"$port" --ca "$tmp/c.pem" --idle-timeout 1 \
    >"$tmp/idle2.out" 2>"$tmp/idle2.log" || fail "idle client (own timeout) exit $?"
wait $spid || fail "server exit $? after idle sessions"
[ "$(grep -c ' ok ' "$tmp/server.log")" -eq 2 ] || fail "expected 2 ok lines after idle closes"
echo "fake pair: www, truncation, 3 parallel echo clients, idle timeouts ok"
