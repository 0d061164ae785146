#!/usr/bin/env bash
# render.sh GT_REPORT CHROMIUM SUMMARY OUTDIR
# Renders the campaign page from SUMMARY with gt-report, loads it in headless
# Chromium and fails unless: the page loads with no console error or
# uncaught exception, the DOM has every section with its content (interop
# grid, conformance table, fuzzing charts, coverage, vectors, benchmarks),
# and a screenshot was written (OUTDIR/report.png, kept for people to look
# at). Chromium's networking is switched off: the page must need none.
set -euo pipefail
report=$1 chromium=$2 summary=$3 out=$4
mkdir -p "$out"
rm -f "$out/report.png" "$out/dom.html" "$out/console.log"
"$report" html "$summary" >"$out/index.html"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --disable-default-apps --disable-extensions --user-data-dir="$profile")
url="file://$out/index.html"

timeout 60 "$chromium" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" \
    >"$out/dom.html" 2>"$out/console.log" || {
    echo "render: chromium --dump-dom failed" >&2
    tail -n 20 "$out/console.log" >&2
    exit 1
}
timeout 60 "$chromium" "${flags[@]}" --hide-scrollbars --window-size=1280,2000 \
    --screenshot="$out/report.png" "$url" >/dev/null 2>>"$out/console.log" || {
    echo "render: chromium --screenshot failed" >&2
    exit 1
}

fail=0
if grep -E 'Uncaught|:CONSOLE' "$out/console.log" >&2; then
    echo "render: console errors (above)" >&2
    fail=1
fi
# Every section, and the markers of what each must contain.
for want in 'id="phases"' 'id="compare"' 'id="interop"' 'id="conform"' 'id="fuzz"' \
    'id="coverage"' 'id="vectors"' 'id="bench"' 'class="grid"' '<svg' '<polyline' \
    'server \ client' 'gt / OpenSSL' 'Coverage over time'; do
    if ! grep -qF "$want" "$out/dom.html"; then
        echo "render: the rendered DOM lacks $want" >&2
        fail=1
    fi
done
# Nothing may be fetched: no external URL in the page.
if grep -qE '(src|href)="(https?:)?//' "$out/index.html"; then
    echo "render: the page refers to an external resource" >&2
    fail=1
fi
if [ ! -s "$out/report.png" ]; then
    echo "render: no screenshot" >&2
    fail=1
fi
[ $fail -eq 0 ] && echo "render: ok ($out/report.png, $(stat -c %s "$out/report.png") bytes)"
exit $fail
