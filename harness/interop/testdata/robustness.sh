#!/usr/bin/env bash
# ctest interop/robustness: gt-interop against fake peers that hang, crash
# with SIGSEGV or are SIGKILLed after READY. Each such cell must fail with a
# clear reason, the run must carry on to the other cells (the one healthy
# pair still passes, the unsupported suite is still a SKIP), the closing
# line must count it all, and nothing may outlive the run.
# usage: robustness.sh GT_INTEROP_BINARY
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
check() { # description, command...
    local what=$1
    shift
    if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; fail=1; fi
}
has() { grep -qF -- "$1" "$out/stdout"; }

start=$(date +%s)
"$bin" --peers ok,hang,segv,kill9 \
    --peer-bin ok="$here/fake-peer-ok.sh" --peer-bin hang="$here/fake-peer-hang.sh" \
    --peer-bin segv="$here/fake-peer-segv.sh" --peer-bin kill9="$here/fake-peer-kill9.sh" \
    --quick --timeout 2 --jobs 2 --out "$out/run" >"$out/stdout" 2>"$out/stderr"
rc=$?
took=$(($(date +%s) - start))
cat "$out/stdout"
E=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/secp256r1/ecdsa-p256/full
check "exit status 1 when cells failed (got $rc)" test "$rc" -eq 1
check "closing line counts every cell" test "$(tail -n1 "$out/stdout")" = "1 passed, 15 failed, 16 skipped"
check "SIGKILLed server named" has "FAIL kill9>ok/$E: server killed by signal 9 (SIGKILL)"
check "SIGSEGV server named" has "FAIL segv>ok/$E: server killed by signal 11 (SIGSEGV)"
check "crashing client named" has "FAIL ok>segv/$E: client killed by signal 11 (SIGSEGV)"
check "hung pair times out" has "FAIL hang>hang/$E: timeout after 2s (server and client still running)"
check "hung client times out" has "FAIL ok>hang/$E: timeout after 2s (client still running)"
check "healthy pair still passes" grep -q '"id":.*"ok>ok/'"$E"'"' <(tr -d '\n\t ' <"$out/run/results.json" | sed 's/},{/}\n{/g' | grep '"result":"pass"')
check "unsupported suite is a skip with the peer's note" has "server ok does not support TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: fake peer: one suite only"
check "JUnit marks skips" grep -q '<skipped message="server ok does not support' "$out/run/junit.xml"
check "JUnit marks failures" grep -q '<failure message="server killed by signal 9 (SIGKILL)"' "$out/run/junit.xml"
check "markdown matrix written" grep -q '^| \*\*kill9\*\* 0 |' "$out/run/matrix.md"
check "per-cell logs kept" test -s "$out/run/cells/kill9--ok_${E//\//_}/server.out"
check "run stays bounded (${took}s)" test "$took" -lt 30

# --iut without the IUT's peer binary: a clear error and exit 2.
"$bin" --peers ok --peer-bin ok="$here/fake-peer-ok.sh" --peer-dir "$out/none" --iut \
    --out "$out/iut" >"$out/iut.out" 2>"$out/iut.err"
rc=$?
check "--iut without gt-peer-gt exits 2 (got $rc)" test "$rc" -eq 2
check "--iut error names the binary" grep -q "gt-peer-gt" "$out/iut.err"
# A usage error is 2 as well.
"$bin" --jobs 0 >/dev/null 2>&1
rc=$?
check "bad option exits 2 (got $rc)" test "$rc" -eq 2
exit $fail
