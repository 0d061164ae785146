#!/usr/bin/env bash
# ctest driver: runs gt-conform against a reference peer (a fresh
# gt-peer-openssl per case, READY-line protocol, 127.0.0.1 only) and checks
#  - that the run ends with the line "N passed, M failed, K skipped", and
#  - that the failing instances are exactly those in the reviewed
#    expectations file (gt-conform --expect-failures),
# so a regression in the runner, the peer or the cases is caught.
#
#   ctest-run.sh GT_CONFORM PEER_BINARY server|client EXPECT_FILE SOURCE_DIR
set -euo pipefail
conform=$1 peer=$2 role=$3 expect=$4 src=$5
pki=$src/vectors/pki
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ "$role" = server ]; then
    target=(--server-cmd "$peer --role server --port 0 --cert $pki/server-rsa2048.chain.pem --key $pki/server-rsa2048.key --connections 2 --resume id --timeout 5")
else
    target=(--client-cmd "$peer --role client --port {port} --ca $pki/ca-bundle.pem --sni localhost --timeout 5")
fi
# A representative subset of the suites keeps the run short (under ASan
# every case starts an instrumented server): AES-GCM, ChaCha20-Poly1305,
# CBC with SHA-256 (MAC-then-encrypt and encrypt-then-MAC) and with SHA-1,
# ECDHE and RSA key exchange. scores.sh runs them all.
suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
suites=$suites,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,TLS_RSA_WITH_AES_128_GCM_SHA256
suites=$suites,TLS_RSA_WITH_AES_256_CBC_SHA
rc=0
"$conform" --jobs 4 --timeout 3000 --suites "$suites" --pki "$pki" --conform-dir "$src/vectors/conform" "${target[@]}" \
    --expect-failures "$expect" >"$out" 2>&1 || rc=$?
grep -v '^PASS' "$out" || true
last=$(tail -n 1 "$out")
if ! [[ $last =~ ^[0-9]+\ passed,\ [0-9]+\ failed,\ [0-9]+\ skipped$ ]]; then
    echo "ctest-run: the last line is not the closing line: '$last'" >&2
    exit 1
fi
passed=${last%% passed*}
if [ "$passed" -lt 100 ]; then
    echo "ctest-run: only $passed cases passed; the run is not meaningful" >&2
    exit 1
fi
exit "$rc"
