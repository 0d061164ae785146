#!/usr/bin/env bash
# Regenerates the path-validation chain suite in this folder with the
# `openssl` command line only (req + ca), and checks every expected outcome
# in cases.txt against `openssl verify` so the table is not only our word.
#
# Certificates only (no keys are kept: nothing here is ever used to sign
# again). Keys are fresh on every run; validity periods are pinned with
# `openssl ca -startdate/-enddate` (OpenSSL 3.0 `x509` has no -not_before),
# and the suite runs at the fixed time in cases.txt (2025-01-01), so files
# never expire under the tests.
#
#   root-rsa (RSA-2048)   root-ec (P-384)   root-other (not trusted)
#   inter-rsa, inter2-rsa (below inter-rsa), inter-ec (P-256), inter-other
#   inter-pl0 (pathlen 0) -> inter-pl0-sub   inter-noksign (no keyCertSign)
#   inter-notca (CA:FALSE)  inter-expired    inter-nc (name constraints)
#   leaf-*: one per good case and per failure reason (see cases.txt)
set -euo pipefail
cd "$(dirname "$0")"
START=20240101000000Z
END=20340101000000Z
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

cat >"$W/ca.cnf" <<CNF
[ca]
default_ca = gt
[gt]
database = $W/index.txt
new_certs_dir = $W/new
serial = $W/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
CNF
mkdir -p "$W/new"
: >"$W/index.txt"
echo 1000 >"$W/serial"

newkey() { # name rsa|p256|p384
    case $2 in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/$1.key" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$W/$1.key" ;;
    esac
}

# issue NAME KEYTYPE ISSUER|- EXTENSIONS [START END [ca options...]]
# Writes NAME.pem. ISSUER "-" makes a self-signed certificate.
issue() {
    local name=$1 type=$2 issuer=$3 ext=$4 start=${5:-$START} end=${6:-$END}
    shift 4
    [ $# -ge 2 ] && shift 2
    newkey "$name" "$type"
    printf '[x]\n%b\nsubjectKeyIdentifier = hash\n' "$ext" >"$W/$name.ext"
    [ "$issuer" = - ] || printf 'authorityKeyIdentifier = keyid:always\n' >>"$W/$name.ext"
    openssl req -new -key "$W/$name.key" -subj "/O=tlsgauntlet chains/CN=$name" -out "$W/$name.csr"
    local signer=(-selfsign -keyfile "$W/$name.key")
    [ "$issuer" = - ] || signer=(-cert "$issuer.pem" -keyfile "$W/$issuer.key")
    openssl ca -batch -config "$W/ca.cnf" -notext -preserveDN "${signer[@]}" -in "$W/$name.csr" \
        -out "$name.pem" -startdate "$start" -enddate "$end" -extfile "$W/$name.ext" \
        -extensions x "$@" 2>/dev/null
}

CA='basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign'
LEAF='basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth'
LEAF_EC='basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth'

rm -f ./*.pem
issue root-rsa rsa - "$CA"
issue root-ec p384 - "$CA"
issue root-other rsa - "$CA"
issue inter-rsa rsa root-rsa "$CA"
issue inter2-rsa rsa inter-rsa "$CA"
issue inter-ec p256 root-ec "$CA"
issue inter-other rsa root-other "$CA"
issue inter-pl0 rsa root-rsa "basicConstraints = critical, CA:TRUE, pathlen:0\nkeyUsage = critical, keyCertSign, cRLSign"
issue inter-pl0-sub p256 inter-pl0 "$CA"
issue inter-noksign p256 root-rsa "basicConstraints = critical, CA:TRUE\nkeyUsage = critical, cRLSign, digitalSignature"
issue inter-notca p256 root-rsa "basicConstraints = critical, CA:FALSE\nkeyUsage = critical, keyCertSign, cRLSign"
issue inter-expired p256 root-rsa "$CA" 20200101000000Z 20210101000000Z
issue inter-nc p256 root-rsa "$CA\nnameConstraints = critical, permitted;DNS:allowed.test, permitted;IP:10.0.0.0/255.0.0.0, excluded;DNS:bad.allowed.test"

issue leaf-rsa rsa inter-rsa "$LEAF\nsubjectAltName = DNS:www.example.test, DNS:*.wild.example.test, IP:192.0.2.1, IP:2001:db8::1"
issue leaf-ec p256 inter-ec "$LEAF_EC\nsubjectAltName = DNS:ec.example.test"
issue leaf-deep p256 inter2-rsa "$LEAF_EC\nsubjectAltName = DNS:deep.example.test"
issue leaf-pss rsa inter-rsa "$LEAF\nsubjectAltName = DNS:pss.example.test" "$START" "$END" \
    -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -md sha256
issue leaf-sha1 p256 inter-rsa "$LEAF_EC\nsubjectAltName = DNS:sha1.example.test" "$START" "$END" -md sha1
issue leaf-sha384 p384 inter-ec "$LEAF_EC\nsubjectAltName = DNS:ec384.example.test" "$START" "$END" -md sha384
issue leaf-expired p256 inter-ec "$LEAF_EC\nsubjectAltName = DNS:ec.example.test" 20200101000000Z 20210101000000Z
issue leaf-future p256 inter-ec "$LEAF_EC\nsubjectAltName = DNS:ec.example.test" 20300101000000Z 20310101000000Z
issue leaf-other p256 inter-other "$LEAF_EC\nsubjectAltName = DNS:other.example.test"
issue leaf-noksign p256 inter-noksign "$LEAF_EC\nsubjectAltName = DNS:noksign.example.test"
issue leaf-notca p256 inter-notca "$LEAF_EC\nsubjectAltName = DNS:notca.example.test"
issue leaf-inter-expired p256 inter-expired "$LEAF_EC\nsubjectAltName = DNS:ie.example.test"
issue leaf-client p256 inter-ec "basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = clientAuth\nsubjectAltName = DNS:client.example.test"
issue leaf-ku p256 inter-ec "basicConstraints = critical, CA:FALSE\nkeyUsage = critical, keyAgreement\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:ku.example.test"
issue leaf-nosan p256 inter-ec "$LEAF_EC"
issue leaf-pathlen p256 inter-pl0-sub "$LEAF_EC\nsubjectAltName = DNS:pathlen.example.test"
issue leaf-nc-good p256 inter-nc "$LEAF_EC\nsubjectAltName = DNS:www.allowed.test, IP:10.1.2.3"
issue leaf-nc-dns p256 inter-nc "$LEAF_EC\nsubjectAltName = DNS:www.allowed.test, DNS:evil.test"
issue leaf-nc-excluded p256 inter-nc "$LEAF_EC\nsubjectAltName = DNS:x.bad.allowed.test"
issue leaf-nc-ip p256 inter-nc "$LEAF_EC\nsubjectAltName = DNS:www.allowed.test, IP:192.0.2.1"

# Bad signature: flip one bit in the last octet of the signature (the last
# octet of the DER: signatureValue is the last field of a Certificate).
openssl x509 -in leaf-rsa.pem -outform DER -out "$W/bad.der"
size=$(stat -c %s "$W/bad.der")
last=$(od -An -tu1 -j $((size - 1)) -N1 "$W/bad.der" | tr -d ' ')
printf '%b' "\\$(printf '%03o' $((last ^ 1)))" | dd of="$W/bad.der" bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null
openssl x509 -inform DER -in "$W/bad.der" -out leaf-badsig.pem

# Bundles and chains the cases use.
cat root-rsa.pem root-ec.pem >trust.pem
cat inter-rsa.pem inter2-rsa.pem >chain-ordered.pem
cat inter2-rsa.pem inter-rsa.pem >chain-unordered.pem
cat inter-other.pem inter2-rsa.pem leaf-ec.pem inter-rsa.pem inter2-rsa.pem root-rsa.pem \
    inter-ec.pem >chain-redundant.pem
cat inter-other.pem root-other.pem >chain-other.pem
cat inter-pl0.pem inter-pl0-sub.pem >chain-pathlen.pem
printf 'this is not a certificate\n' >malformed-text.pem
head -c 300 leaf-rsa.pem >malformed-truncated.pem
printf -- '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' >malformed-der.pem

# Cross-check the table: every OK row must pass `openssl verify` and every
# FAIL row must fail it (exit-2 rows are input errors: skipped here).
bad=0
while IFS='|' read -r name trust untrusted leaf opts expect note; do
    case "$name" in '' | '#'*) continue ;; esac
    read -r -a o <<<"$opts"
    args=(-attime 1735689600 -purpose sslserver -x509_strict)
    i=0
    while [ $i -lt ${#o[@]} ]; do
        case "${o[$i]}" in
        --host) args+=(-verify_hostname "${o[$((i + 1))]}") ;;
        --ip) args+=(-verify_ip "${o[$((i + 1))]}") ;;
        --purpose) args+=(-purpose "ssl${o[$((i + 1))]}") ;;
        --allow-sha1) args+=(-auth_level 0) ;;
        esac
        i=$((i + 2))
    done
    read -r -a u <<<"$untrusted"
    [ "${u[0]}" = - ] && u=() || u=(-untrusted "${u[0]}")
    if openssl verify "${args[@]}" -CAfile "$trust" "${u[@]}" "$leaf" >/dev/null 2>&1; then got=OK; else got=FAIL; fi
    case "$expect" in
    OK) want=OK ;;
    FAIL*) want=FAIL ;;
    *) continue ;;
    esac
    case "$note" in openssl-differs*) [ "$want" = OK ] && want=FAIL || want=OK ;; esac
    if [ "$got" != "$want" ]; then
        echo "generate.sh: $name: openssl verify says $got, cases.txt says $expect" >&2
        bad=1
    fi
done <cases.txt
[ $bad = 0 ] && echo "generate.sh: every case agrees with openssl verify"
exit $bad
