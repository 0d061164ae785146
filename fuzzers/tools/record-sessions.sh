#!/usr/bin/env bash
# Records the real sessions the TLS fuzz targets' seeds are cut from: the
# IUT (gt) against OpenSSL, wolfSSL and GnuTLS, both roles, across suites
# (AEAD, CBC with and without encrypt-then-MAC, RSA key transport) and
# features (ALPN, SNI, client authentication, no EMS, RSA-PSS, 1-byte
# records, close_notify), with `gt-interop --record` (the transcript
# format: vectors/transcripts/README.md).
#
#   fuzzers/tools/record-sessions.sh [OUTDIR]     (default fuzzers/sessions)
#
# Needs the default build (gt-interop and the gt-peer-* adapters). The
# sessions are committed; fuzzers/tools/make-corpus.sh cuts them into the
# per-target seeds (fuzzers/tools/cut-sessions.py).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/fuzzers/sessions}
iop=${GT_INTEROP:-$root/build/default/harness/interop/gt-interop}
[ -x "$iop" ] || { echo "record-sessions: $iop missing (cmake --build build/default)" >&2; exit 2; }
mkdir -p "$out"
filters=(
    '*/*/x25519/rsa2048/full'
    '*/*/secp256r1/ecdsa-p256/full'
    '*/*/secp384r1/ecdsa-p384/full'
    '*/TLS_RSA_*/-/rsa2048/full'
    '*/*/*/*/alpn' '*/*/*/*/sni' '*/*/*/*/client-auth' '*/*/*/*/no-ems-*'
    '*/*/*/*/records-1' '*/*/*/*/close-notify' '*/*/*/*/sigalgs-pss'
)
# every feature other than full runs on the representative suites
for dir in 'gt>' '>gt/'; do
    for f in "${filters[@]}"; do
        if [ "$dir" = 'gt>' ]; then pat="gt>$f"; else pat="*>gt/${f#*/}"; fi
        "$iop" --iut --peers openssl,wolfssl,gnutls --jobs 2 --filter "$pat" --record "$out" \
            --out "$(mktemp -d)" >/dev/null 2>&1 || echo "record-sessions: some cells of $pat failed" >&2
    done
done
# 1-byte records make half-megabyte sessions: one is enough
find "$out" -name '*records-1.txt' ! -name 'openssl--gt_*AES_256_GCM*' -delete
ls "$out" | wc -l
