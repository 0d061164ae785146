#!/usr/bin/env bash
# Runs the conformance suite against every reference implementation (and the
# IUT through its TCP peer, gt-peer-gt) and prints the side-by-side summary
# used in harness/conform/SCORES.md. Results per run go to OUT/<name>.txt.
#
#   harness/conform/scores.sh BUILD_DIR [OUT_DIR]     (e.g. build/default)
#
# Servers run with an RSA-2048 certificate (ECDHE_RSA and RSA suites); each
# server is also run with client authentication required (cert.client.*
# cases) and with session tickets (sess.ticket.* cases).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: scores.sh BUILD_DIR [OUT_DIR]}" && pwd)
out=${2:-$root/out/conform-scores}
mkdir -p "$out"
conform=$build/harness/conform/gt-conform
pki=$root/vectors/pki
cert="--cert $pki/server-rsa2048.chain.pem --key $pki/server-rsa2048.key"
jobs=${GT_JOBS:-4}

run() { # name args...
    local name=$1
    shift
    "$conform" --jobs "$jobs" --pki "$pki" --conform-dir "$root/vectors/conform" "$@" \
        >"$out/$name.txt" 2>&1
    printf '%-28s %s\n' "$name" "$(tail -n 1 "$out/$name.txt")"
}

for lib in openssl wolfssl gnutls mbedtls gt; do
    peer=$build/peers/gt-peer-$lib
    [ -x "$peer" ] || continue
    resume="--connections 2 --resume id"
    run "$lib-server" --server-cmd "$peer --role server --port 0 $cert $resume --timeout 5"
    run "$lib-server-client-auth" --filter 'cert.client.*' \
        --server-cmd "$peer --role server --port 0 $cert --ca $pki/ca-bundle.pem --client-auth require --timeout 5"
    run "$lib-server-tickets" --filter 'sess.ticket.*' \
        --server-cmd "$peer --role server --port 0 $cert --connections 2 --resume ticket --timeout 5"
    run "$lib-client" --client-cmd "$peer --role client --port {port} --ca $pki/ca-bundle.pem --sni localhost --timeout 5"
done

# The OpenSSL command-line tools: s_server -www serves every case on one port.
port=$((20000 + RANDOM % 20000))
openssl s_server -quiet -accept "127.0.0.1:$port" -www -tls1_2 \
    -cert "$pki/server-rsa2048.chain.pem" -key "$pki/server-rsa2048.key" >/dev/null 2>&1 &
spid=$!
for _ in $(seq 50); do # until it listens
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
# s_server handles one connection at a time: one case at a time.
jobs=1 run s_server-www --server "127.0.0.1:$port"
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
run s_client --client-cmd "openssl s_client -connect 127.0.0.1:{port} -tls1_2 -CAfile $pki/ca-bundle.pem -verify_return_error -servername localhost -verify_hostname localhost </dev/null"

# The side-by-side table: per case family and role, passed/run (skipped
# instances not counted); the three server runs of a library are merged
# (an instance counts once, from the run where it was not skipped).
table() {
    local libs="$*" hdr sep=""
    hdr="| family (target role) |"
    for l in $libs; do hdr="$hdr $l |" sep="$sep---|"; done
    echo "$hdr"
    echo "|---|$sep"
    awk -v libs="$libs" '
    function fam(id) { sub(/\..*/, "", id); return id }
    FNR == 1 { f = FILENAME; sub(/.*\//, "", f); sub(/\.txt$/, "", f)
               lib = f; sub(/-(server|client).*/, "", lib)
               role = (f ~ /-client$/ || f == "s_client") ? "client" : "server"
               if (lib ~ /^s_(server|client)/) lib = "openssl-cli" }
    /^(PASS|FAIL|SKIP)  / { k = lib SUBSEP role SUBSEP $2
               if (!(k in res) || res[k] == "SKIP") res[k] = $1 }
    END {
        n = split(libs, L, " ")
        for (k in res) { split(k, p, SUBSEP); F = fam(p[3]) " (" p[2] ")"; fams[F] = p[2]
                         if (res[k] == "SKIP") continue
                         run[p[1], F]++; trun[p[1], p[2]]++
                         if (res[k] == "PASS") { ok[p[1], F]++; tok[p[1], p[2]]++ } }
        for (F in fams) { line = "| " F " |"
            for (i = 1; i <= n; i++) line = line " " (run[L[i], F] ? ok[L[i], F] + 0 "/" run[L[i], F] : "-") " |"
            print (fams[F] == "server" ? "1" : "2") F "\t" line }
        for (r = 1; r <= 2; r++) { R = r == 1 ? "server" : "client"; line = "| **all (" R ")** |"
            for (i = 1; i <= n; i++) line = line " **" (trun[L[i], R] ? tok[L[i], R] + 0 "/" trun[L[i], R] : "-") "** |"
            print "3" r "\t" line }
    }' "$out"/*.txt | sort | cut -f2-
}
echo
table gt openssl openssl-cli wolfssl gnutls mbedtls
