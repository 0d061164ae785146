#!/usr/bin/env bash
# ctest: NIST PKITS through `gt-x509 verify` (vectors/x509/pkits.txt; the
# certificates are read in place from Debian's python3-cryptography-vectors).
#   run-pkits.sh GT_X509 PKITS.txt [CERTS_DIR]
# Prints one line per case and a total; exit 0 only if every case matched.
set -uo pipefail
tool=$1
table=$2
certs=${3:-/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data/certs}
[ -d "$certs" ] || {
    echo "run-pkits: $certs missing: install python3-cryptography-vectors (ci/install-deps.sh)" >&2
    exit 1
}
time=1577836800 # 2020-01-01, inside every PKITS 2011 certificate's validity
pass=0 fail=0
while IFS='|' read -r id ee inters expect; do
    case "$id" in '' | '#'*) continue ;; esac
    u=()
    if [ "$inters" != - ]; then
        for f in $inters; do u+=(--untrusted "$certs/$f"); done
    fi
    out=$("$tool" verify --time "$time" --trust "$certs/TrustAnchorRootCertificate.crt" "${u[@]}" "$certs/$ee" 2>&1)
    rc=$?
    case "$expect" in
    valid) want=0 ;;
    invalid) want=1 ;;
    invalid-parse) want=2 ;;
    *) want=x ;;
    esac
    if [ "$rc" = "$want" ]; then
        pass=$((pass + 1))
        echo "ok   $id $ee ($expect): $out"
    else
        fail=$((fail + 1))
        echo "FAIL $id $ee: expected $expect, got exit $rc: $out"
    fi
done <"$table"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
