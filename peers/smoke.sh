#!/usr/bin/env bash
# Pairwise smoke test of the reference peers: the OpenSSL server against
# every client, and every server against the OpenSSL client, on one
# ECDHE-ECDSA and one ECDHE-RSA AES-GCM suite, with 64 KiB echoed and
# close_notify required both ways. Fails if any pair fails.
#
#   peers/smoke.sh BINDIR [LIB...]     (LIB defaults to all four)
set -u
bindir=$1
shift
libs=("$@")
[ ${#libs[@]} -gt 0 ] || libs=(openssl wolfssl gnutls mbedtls)
pki=$(cd "$(dirname "$0")/../vectors/pki" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# pair SERVER CLIENT SUITE GROUP CERT
pair() {
    local srv=$1 cli=$2 suite=$3 group=$4 cert=$5
    local name="$srv-server/$cli-client/$suite"
    local common=(--suite "$suite" --group "$group" --ca "$pki/ca-bundle.pem" --timeout 10
        --expect-close notify)
    # Empty the files first: the redirection below happens in the background
    # child, so without this the loop can read the previous pair's READY line
    # (a port nobody listens on any more).
    : >"$work/s.out"
    : >"$work/s.err"
    "$bindir/gt-peer-$srv" --role server --port 0 --cert "$pki/$cert.chain.pem" \
        --key "$pki/$cert.key" "${common[@]}" >"$work/s.out" 2>"$work/s.err" &
    local spid=$! port="" i
    for i in $(seq 100); do # up to 5 s for READY
        port=$(sed -n 's/^READY port=\([0-9]*\)$/\1/p' "$work/s.out")
        [ -n "$port" ] && break
        kill -0 "$spid" 2>/dev/null || break
        sleep 0.05
    done
    if [ -z "$port" ]; then
        kill "$spid" 2>/dev/null
        wait "$spid" 2>/dev/null
        echo "FAIL $name: server never printed READY: $(tail -n1 "$work/s.out" "$work/s.err")"
        failures=$((failures + 1))
        return
    fi
    timeout 15 "$bindir/gt-peer-$cli" --role client --port "$port" --sni localhost \
        --send-bytes 65536 --record-size 4000 "${common[@]}" >"$work/c.out" 2>"$work/c.err"
    local crc=$?
    wait "$spid"
    local src=$?
    local cres sres
    cres=$(grep '^RESULT' "$work/c.out" | tail -n1)
    sres=$(grep '^RESULT' "$work/s.out" | tail -n1)
    local want="RESULT ok version=TLSv1.2 suite=$suite group=$group resumed=0 alpn=- ems=1 renegotiated=0 bytes=65536"
    if [ $crc -ne 0 ] || [ $src -ne 0 ] || [ "$cres" != "$want" ] || [ "$sres" != "$want" ]; then
        echo "FAIL $name (client exit $crc, server exit $src)"
        echo "     client: $cres"
        echo "     server: $sres"
        failures=$((failures + 1))
        return
    fi
    echo "ok   $name"
}

start=$(date +%s%N)
for lib in "${libs[@]}"; do
    for s in "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 secp256r1 server-p256" \
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 x25519 server-rsa2048"; do
        read -r suite group cert <<<"$s"
        pair openssl "$lib" "$suite" "$group" "$cert"
        [ "$lib" = openssl ] || pair "$lib" openssl "$suite" "$group" "$cert"
    done
done
echo "smoke: $failures failure(s) in $((($(date +%s%N) - start) / 1000000)) ms"
[ $failures -eq 0 ]
