#!/usr/bin/env bash
# Key material never appears in the tools' output except through the key
# log callback (issue 11 §6). gt-server and gt-client run sessions (a page
# fetched, an echo, a failed verification, a fault-injected transfer) with
# SSLKEYLOGFILE set; the master secrets from the key log files must then
# not occur anywhere in what the tools printed on stdout or stderr (hex in
# either case, or raw bytes). The key log itself must hold them (else the
# check would be empty).
# usage: no-key-in-logs.sh BIN_DIR_OF_gt-server BIN_DIR_OF_gt-client   (from the source root)
set -euo pipefail
srv=$1/gt-server
cli=$2/gt-client
pki=vectors/pki
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

start_server() { # mode
    # server.out accumulates every run; only lines after this point can be
    # the new server's (the old ones name ports nobody listens on any more).
    local seen
    seen=$(wc -l <"$tmp/server.out" 2>/dev/null || echo 0)
    SSLKEYLOGFILE=$tmp/server.keys "$srv" --port 0 "$1" --cert $pki/server-p256.chain.pem \
        --key $pki/server-p256.key >>"$tmp/server.out" 2>>"$tmp/server.err" &
    pid=$!
    for _ in $(seq 200); do
        port=$(tail -n +"$((seen + 1))" "$tmp/server.out" |
            sed -n 's/^gt-server: listening on 127.0.0.1:\([0-9]*\)$/\1/p' | tail -n1)
        [ -n "$port" ] && return 0
        sleep 0.05
    done
    fail "gt-server did not start"
}
stop_server() {
    kill "$pid" && wait "$pid" 2>/dev/null || true
    pid=
    sed -i 's/^gt-server: listening on .*$//' "$tmp/server.out"
}

client() { # name input extra-args...
    local name=$1 input=$2
    shift 2
    printf '%b' "$input" | SSLKEYLOGFILE=$tmp/client.keys "$cli" "127.0.0.1:$port" --ca $pki/ca-bundle.pem \
        "$@" >>"$tmp/$name.out" 2>>"$tmp/$name.err" || true
}

start_server --www
client www 'GET / HTTP/1.0\r\n\r\n' --servername localhost
client badname 'x' --servername wrong.example
stop_server
start_server --echo
head -c 200000 /dev/urandom >"$tmp/blob"
GT_NET_FAULTS=short=3,eintr=5 SSLKEYLOGFILE=$tmp/client.keys "$cli" "127.0.0.1:$port" \
    --ca $pki/ca-bundle.pem --servername localhost <"$tmp/blob" >"$tmp/echo.bin" 2>>"$tmp/echo.err" || true
cmp -s "$tmp/blob" "$tmp/echo.bin" || fail "echo through the fault injector differs"
stop_server

python3 - "$tmp" <<'PY'
import glob, os, sys
tmp = sys.argv[1]
secrets = set()
for f in glob.glob(os.path.join(tmp, "*.keys")):
    for line in open(f):
        parts = line.split()
        if len(parts) == 3 and parts[0] == "CLIENT_RANDOM":
            secrets.add(parts[2].lower())
if len(secrets) < 2:
    sys.exit("FAIL: the key logs hold %d master secrets (expected at least 2)" % len(secrets))
outputs = [f for f in glob.glob(os.path.join(tmp, "*")) if not f.endswith((".keys", ".bin")) and os.path.basename(f) != "blob"]
bad = 0
for f in outputs:
    data = open(f, "rb").read()
    low = data.lower()
    for s in secrets:
        raw = bytes.fromhex(s)
        if s.encode() in low or s[:32].encode() in low or raw[:16] in data:
            print("FAIL: master secret %s... in %s" % (s[:16], os.path.basename(f)))
            bad += 1
print("checked %d master secrets against %d output files (%d bytes)" %
      (len(secrets), len(outputs), sum(os.path.getsize(f) for f in outputs)))
sys.exit(1 if bad else 0)
PY
