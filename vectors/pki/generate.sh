#!/usr/bin/env bash
# Regenerates the test PKI in this folder with the `openssl` command line only.
# File names are fixed; the keys are fresh on every run (test-only material).
# Validity is pinned to 2024-01-01 .. 2124-01-01 with `openssl ca -startdate/
# -enddate` (OpenSSL 3.0 has no -not_before for `x509`), so the files do not
# expire under the test suite and a regeneration gives the same dates.
#
#   rsa-root        RSA-3072 root CA        ecdsa-root        ECDSA P-384 root CA
#   rsa-inter       RSA-3072 intermediate   ecdsa-inter       ECDSA P-384 intermediate
#   server-rsa2048, server-rsa3072          (issued by rsa-inter)
#   server-p256, server-p384                (issued by ecdsa-inter)
#   client-rsa2048 (rsa-inter), client-p256 (ecdsa-inter)
#   *.key = PKCS#8 private key, *.crt = certificate, *.chain.pem = leaf + intermediate,
#   ca-bundle.pem = both roots.
set -euo pipefail
cd "$(dirname "$0")"
START=20240101000000Z
END=21240101000000Z
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/ca.cnf" <<'CNF'
[ca]
default_ca = gt
[gt]
dir = WORKDIR
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
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
# RFC 5280 §4.2.1.9/§4.2.1.3: CAs carry basicConstraints CA:TRUE and keyCertSign.
[v3_root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_inter]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
# RSA leaves: key transport (static RSA suites) and signatures (ECDHE_RSA).
[v3_server_rsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:server.test, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
# ECDSA leaves sign only (ECDHE_ECDSA); no key agreement (no static ECDH suites).
[v3_server_ec]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:server.test, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:client.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
sed -i "s|WORKDIR|$WORK|" "$WORK/ca.cnf"
mkdir -p "$WORK/new"

newkey() { # name rsa:BITS | ec:CURVE
    case $2 in
    rsa:*) openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa:}" -out "$1.key" ;;
    ec:*) openssl genpkey -quiet -algorithm EC -pkeyopt "ec_paramgen_curve:${2#ec:}" \
        -pkeyopt ec_param_enc:named_curve -out "$1.key" ;;
    esac
}

# sign NAME ISSUER EXT SERIAL CN: issue NAME.crt from NAME.key (ISSUER "self" = self-signed)
sign() {
    local name=$1 issuer=$2 ext=$3 serial=$4 cn=$5
    : >"$WORK/index.txt"
    echo "$serial" >"$WORK/serial"
    openssl req -new -config "$WORK/ca.cnf" -key "$name.key" \
        -subj "/O=tlsgauntlet test PKI/CN=$cn" -out "$WORK/$name.csr"
    local signer=(-cert "$issuer.crt" -keyfile "$issuer.key")
    [ "$issuer" = self ] && signer=(-selfsign -keyfile "$name.key")
    openssl ca -batch -notext -config "$WORK/ca.cnf" "${signer[@]}" -extensions "$ext" \
        -startdate "$START" -enddate "$END" -in "$WORK/$name.csr" -out "$name.crt" 2>"$WORK/ca.log" ||
        {
            cat "$WORK/ca.log" >&2
            exit 1
        }
}

newkey rsa-root rsa:3072
sign rsa-root self v3_root 1001 "tlsgauntlet RSA root"
newkey ecdsa-root ec:P-384
sign ecdsa-root self v3_root 2001 "tlsgauntlet ECDSA root"
newkey rsa-inter rsa:3072
sign rsa-inter rsa-root v3_inter 1002 "tlsgauntlet RSA intermediate"
newkey ecdsa-inter ec:P-384
sign ecdsa-inter ecdsa-root v3_inter 2002 "tlsgauntlet ECDSA intermediate"

newkey server-rsa2048 rsa:2048
sign server-rsa2048 rsa-inter v3_server_rsa 1101 localhost
newkey server-rsa3072 rsa:3072
sign server-rsa3072 rsa-inter v3_server_rsa 1102 localhost
newkey server-p256 ec:P-256
sign server-p256 ecdsa-inter v3_server_ec 2101 localhost
newkey server-p384 ec:P-384
sign server-p384 ecdsa-inter v3_server_ec 2102 localhost
newkey client-rsa2048 rsa:2048
sign client-rsa2048 rsa-inter v3_client 1201 "tlsgauntlet RSA client"
newkey client-p256 ec:P-256
sign client-p256 ecdsa-inter v3_client 2201 "tlsgauntlet ECDSA client"

for leaf in server-rsa2048 server-rsa3072 client-rsa2048; do
    cat "$leaf.crt" rsa-inter.crt >"$leaf.chain.pem"
done
for leaf in server-p256 server-p384 client-p256; do
    cat "$leaf.crt" ecdsa-inter.crt >"$leaf.chain.pem"
done
cat rsa-root.crt ecdsa-root.crt >ca-bundle.pem

# Self-check: every leaf chains to the bundle through its intermediate.
for leaf in server-rsa2048 server-rsa3072 server-p256 server-p384 client-rsa2048 client-p256; do
    inter=rsa-inter
    case $leaf in *p256 | *p384) inter=ecdsa-inter ;; esac
    openssl verify -CAfile ca-bundle.pem -untrusted "$inter.crt" "$leaf.crt" >/dev/null
done
echo "test PKI written to $(pwd)"
