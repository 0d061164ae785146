#!/usr/bin/env bash
# Regenerates the extra, deliberately bad certificates the conformance cases
# need (harness/conform/cases_cert.c), with the `openssl` command line only.
# Everything here is TEST-ONLY material. Good leaves and the CAs that issue
# them come from ../pki (regenerate that first if it changed: the bad
# certificates are issued by its intermediates).
#
#   bad-leaf.key                one RSA-2048 key for every leaf below
#   untrusted-root.crt/.key     a self-signed CA that no test trusts
#   server-expired.pem          2020-01-01 .. 2021-01-01          (+ rsa-inter)
#   server-not-yet-valid.pem    2120-01-01 .. 2124-01-01          (+ rsa-inter)
#   server-wrong-name.pem       SAN DNS:wrong.example only        (+ rsa-inter)
#   server-unknown-ca.pem       issued by untrusted-root          (+ untrusted-root)
#   server-bad-signature.pem    signature bit flipped             (+ rsa-inter)
#   server-wrong-key-usage.pem  keyUsage keyCertSign only         (+ rsa-inter)
#   server-wrong-eku.pem        extendedKeyUsage clientAuth only  (+ rsa-inter)
#   server-self-signed.pem      self-signed leaf
#   server-non-ca-issuer.pem    issued by a leaf (CA:FALSE)       (+ that leaf + rsa-inter)
#   client-expired.pem, client-unknown-ca.pem, client-bad-signature.pem,
#   client-wrong-eku.pem        the same faults in client certificates
set -euo pipefail
cd "$(dirname "$0")"
PKI=../pki
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
GOOD_START=20240101000000Z
GOOD_END=21240101000000Z

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
[v3_root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:server.test, IP:127.0.0.1
[v3_wrong_name]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
[v3_wrong_ku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:server.test, IP:127.0.0.1
[v3_wrong_eku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectAltName = DNS:localhost, DNS:server.test, IP:127.0.0.1
[v3_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:client.test
[v3_client_wrong_eku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:client.test
CNF
sed -i "s|WORKDIR|$WORK|" "$WORK/ca.cnf"
mkdir -p "$WORK/new"
serial=3000

# issue OUT ISSUER(.crt/.key prefix | self) EXT START END CN
issue() {
    local out=$1 issuer=$2 ext=$3 start=$4 end=$5 cn=$6
    : >"$WORK/index.txt"
    serial=$((serial + 1))
    echo "$serial" >"$WORK/serial"
    openssl req -new -config "$WORK/ca.cnf" -key bad-leaf.key \
        -subj "/O=tlsgauntlet conformance (bad on purpose)/CN=$cn" -out "$WORK/req.csr"
    local signer=(-cert "$issuer.crt" -keyfile "$issuer.key")
    [ "$issuer" = self ] && signer=(-selfsign -keyfile bad-leaf.key)
    openssl ca -batch -notext -config "$WORK/ca.cnf" "${signer[@]}" -extensions "$ext" \
        -startdate "$start" -enddate "$end" -in "$WORK/req.csr" -out "$out" 2>"$WORK/ca.log" ||
        {
            cat "$WORK/ca.log" >&2
            exit 1
        }
}

# flip the last byte of a certificate (inside its signature)
flip_signature() {
    openssl x509 -in "$1" -outform DER -out "$WORK/c.der"
    local last
    last=$(tail -c 1 "$WORK/c.der" | od -An -tu1 | tr -d ' ')
    head -c -1 "$WORK/c.der" >"$WORK/f.der"
    # shellcheck disable=SC2059
    printf "\\$(printf '%03o' $((last ^ 1)))" >>"$WORK/f.der"
    openssl x509 -inform DER -in "$WORK/f.der" -out "$2"
}

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out bad-leaf.key
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out untrusted-root.key
cp bad-leaf.key "$WORK/bad-leaf.key"
: >"$WORK/index.txt"
echo 2999 >"$WORK/serial"
openssl req -new -config "$WORK/ca.cnf" -key untrusted-root.key \
    -subj "/O=tlsgauntlet conformance/CN=untrusted root" -out "$WORK/root.csr"
openssl ca -batch -notext -config "$WORK/ca.cnf" -selfsign -keyfile untrusted-root.key \
    -extensions v3_root -startdate "$GOOD_START" -enddate "$GOOD_END" \
    -in "$WORK/root.csr" -out untrusted-root.crt 2>/dev/null

I=$PKI/rsa-inter
issue "$WORK/expired.crt" "$I" v3_server 20200101000000Z 20210101000000Z localhost
issue "$WORK/notyet.crt" "$I" v3_server 21200101000000Z 21240101000000Z localhost
issue "$WORK/wrongname.crt" "$I" v3_wrong_name "$GOOD_START" "$GOOD_END" wrong.example
issue "$WORK/unknownca.crt" untrusted-root v3_server "$GOOD_START" "$GOOD_END" localhost
issue "$WORK/good.crt" "$I" v3_server "$GOOD_START" "$GOOD_END" localhost
flip_signature "$WORK/good.crt" "$WORK/badsig.crt"
issue "$WORK/wrongku.crt" "$I" v3_wrong_ku "$GOOD_START" "$GOOD_END" localhost
issue "$WORK/wrongeku.crt" "$I" v3_wrong_eku "$GOOD_START" "$GOOD_END" localhost
issue "$WORK/self.crt" self v3_server "$GOOD_START" "$GOOD_END" localhost
# a leaf (CA:FALSE) that signs another leaf
cp "$WORK/good.crt" "$WORK/leafca.crt"
cp bad-leaf.key "$WORK/leafca.key"
issue "$WORK/noncaissued.crt" "$WORK/leafca" v3_server "$GOOD_START" "$GOOD_END" localhost

issue "$WORK/c-expired.crt" "$I" v3_client 20200101000000Z 20210101000000Z "bad client"
issue "$WORK/c-unknownca.crt" untrusted-root v3_client "$GOOD_START" "$GOOD_END" "bad client"
issue "$WORK/c-good.crt" "$I" v3_client "$GOOD_START" "$GOOD_END" "bad client"
flip_signature "$WORK/c-good.crt" "$WORK/c-badsig.crt"
issue "$WORK/c-wrongeku.crt" "$I" v3_client_wrong_eku "$GOOD_START" "$GOOD_END" "bad client"

chain() { cat "$@" >"${OUT:?}"; }
OUT=server-expired.pem chain "$WORK/expired.crt" "$I.crt"
OUT=server-not-yet-valid.pem chain "$WORK/notyet.crt" "$I.crt"
OUT=server-wrong-name.pem chain "$WORK/wrongname.crt" "$I.crt"
OUT=server-unknown-ca.pem chain "$WORK/unknownca.crt" untrusted-root.crt
OUT=server-bad-signature.pem chain "$WORK/badsig.crt" "$I.crt"
OUT=server-wrong-key-usage.pem chain "$WORK/wrongku.crt" "$I.crt"
OUT=server-wrong-eku.pem chain "$WORK/wrongeku.crt" "$I.crt"
OUT=server-self-signed.pem chain "$WORK/self.crt"
OUT=server-non-ca-issuer.pem chain "$WORK/noncaissued.crt" "$WORK/good.crt" "$I.crt"
OUT=client-expired.pem chain "$WORK/c-expired.crt" "$I.crt"
OUT=client-unknown-ca.pem chain "$WORK/c-unknownca.crt" untrusted-root.crt
OUT=client-bad-signature.pem chain "$WORK/c-badsig.crt" "$I.crt"
OUT=client-wrong-eku.pem chain "$WORK/c-wrongeku.crt" "$I.crt"

# Self-check: each fault is the one intended (and only that one).
v() { openssl verify -CAfile "$PKI/ca-bundle.pem" -untrusted "$I.crt" -purpose "$2" "$1" 2>&1 || true; }
v "$WORK/good.crt" sslserver | grep -q ': OK' || { echo "control leaf does not verify" >&2; exit 1; }
v "$WORK/expired.crt" sslserver | grep -q 'expired' || { echo "expired?" >&2; exit 1; }
v "$WORK/notyet.crt" sslserver | grep -q 'not yet valid' || { echo "not yet valid?" >&2; exit 1; }
v "$WORK/badsig.crt" sslserver | grep -q 'signature failure' || { echo "bad signature?" >&2; exit 1; }
v "$WORK/wrongeku.crt" sslserver | grep -q 'unsuitable certificate purpose' || { echo "eku?" >&2; exit 1; }
v "$WORK/c-good.crt" sslclient | grep -q ': OK' || { echo "client control?" >&2; exit 1; }
echo "conformance certificates written to $(pwd)"
