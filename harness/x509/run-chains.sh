#!/usr/bin/env bash
# ctest: runs `gt-x509 verify` on every row of a chain case table
# (vectors/x509/chains/cases.txt) and checks the exact outcome: OK with exit
# 0, "FAIL: ... (error N)" with exit 1 and the expected code N, or exit 2
# with a message naming the file for input errors.
#   run-chains.sh GT_X509 CASES.txt
set -uo pipefail
tool=$(realpath "$1")
cases=$(realpath "$2")
dir=$(dirname "$cases")
errf=$(mktemp)
trap 'rm -f "$errf"' EXIT
time=1735689600
pass=0 fail=0
while IFS='|' read -r name trust untrusted leaf opts expect _; do
    case "$name" in '' | '#'*) continue ;; esac
    read -r -a o <<<"$opts"
    u=()
    [ "$untrusted" = - ] || u=(--untrusted "$untrusted")
    out=$(cd "$dir" && "$tool" verify --time "$time" --trust "$trust" "${u[@]}" "${o[@]}" "$leaf" 2>"$errf")
    rc=$?
    err=$(cat "$errf")
    ok=1
    case "$expect" in
    OK) [ $rc = 0 ] && [ "$out" = OK ] || ok=0 ;;
    FAIL*)
        code=${expect#FAIL }
        [ $rc = 1 ] && [[ "$out" == "FAIL: "*"(error $code)" ]] || ok=0
        ;;
    EXIT2)
        # the message must name one of the files (or the bad argument)
        [ $rc = 2 ] && [ -z "$out" ] && [[ "$err" == *": "* ]] || ok=0
        ;;
    *) ok=0 ;;
    esac
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAILED $name: expected $expect, got exit $rc, stdout '$out', stderr '$err'"
    fi
done <"$cases"
echo "$pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
