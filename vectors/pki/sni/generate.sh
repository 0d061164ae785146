#!/usr/bin/env bash
# Two ECDSA P-256 server leaves with distinct names, for the engine's
# SNI-based certificate selection tests (tests/handshake/test_server.c).
# Issued by ../ecdsa-inter (rerun this after ../generate.sh, which makes a
# new intermediate). Validity pinned like the rest of the PKI. TEST-ONLY KEYS.
#   alpha: DNS:alpha.test      beta: DNS:beta.test
set -euo pipefail
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/ca.cnf" <<CNF
[ca]
default_ca = gt
[gt]
dir = $WORK
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_alpha]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:alpha.test
[v3_beta]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:beta.test
CNF
serial=3101
for name in alpha beta; do
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
        -pkeyopt ec_param_enc:named_curve -out "$name.key"
    openssl req -new -config "$WORK/ca.cnf" -key "$name.key" \
        -subj "/O=tlsgauntlet test PKI/CN=$name.test" -out "$WORK/$name.csr"
    : >"$WORK/index.txt"
    echo "$serial" >"$WORK/serial"
    openssl ca -batch -notext -config "$WORK/ca.cnf" -cert ../ecdsa-inter.crt \
        -keyfile ../ecdsa-inter.key -extensions "v3_$name" -startdate 20240101000000Z \
        -enddate 21240101000000Z -in "$WORK/$name.csr" -out "$name.crt" 2>"$WORK/ca.log" ||
        { cat "$WORK/ca.log" >&2; exit 1; }
    cat "$name.crt" ../ecdsa-inter.crt >"$name.chain.pem"
    serial=$((serial + 1))
done
