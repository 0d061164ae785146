#!/bin/sh
# ctest helper: ctest-run.sh RC REGEX... -- CMD [ARG...]
# Runs CMD and passes only when its exit status is exactly RC and its
# combined output matches every REGEX (grep -E, one line each). ctest's own
# PASS_REGULAR_EXPRESSION ignores the exit status, which would let a runner
# that exits 0 on malformed input pass.
want=$1
shift
n=0
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    n=$((n + 1))
    eval "re_$n=\$1"
    shift
done
[ "$1" = "--" ] || { echo "ctest-run.sh: missing --" >&2; exit 2; }
shift
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" -ne "$want" ]; then
    echo "ctest-run.sh: exit status $rc, expected $want" >&2
    exit 1
fi
i=1
re=
while [ $i -le $n ]; do
    eval "re=\$re_$i"
    if ! printf '%s\n' "$out" | grep -Eq -- "$re"; then
        echo "ctest-run.sh: output does not match: $re" >&2
        exit 1
    fi
    i=$((i + 1))
done
exit 0
