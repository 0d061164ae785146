# HELP: interop matrix: every reference peer against every other, both roles, suites x groups x certs + features
# Usage: ./gauntlet interop [gt-interop options]   (e.g. --quick, --filter 'openssl>*', --list)
# Reports go to out/interop-<timestamp>/ (results.json, junit.xml, matrix.md,
# cells/<id>/ with both peers' logs) unless --out is given.
cmd_interop() {
    local a out="" outarg=() iut=()
    for a in "$@"; do
        case "$a" in
        --out | --out=*) out=given ;;
        --iut) iut=(gt-peer-gt) ;;
        esac
    done
    # Build only what the matrix needs: the runner and the four peers
    # (named one by one: the gt-peers target orders nothing).
    gt_build default gt-interop gt-peer-openssl gt-peer-wolfssl gt-peer-gnutls gt-peer-mbedtls "${iut[@]}"
    local bin
    bin=$(gt_bin harness/interop/gt-interop)
    [ -x "$bin" ] || gt_die "gt-interop was not built (is libcjson-dev installed?)"
    if [ -z "$out" ]; then
        outarg=(--out "$GT_ROOT/out/interop-$(date +%Y%m%d-%H%M%S)")
    fi
    gt_log "interop: $bin ${outarg[*]} $*"
    "$bin" --peer-dir "$(gt_bin peers)" --pki "$GT_ROOT/vectors/pki" \
        --jobs "$GT_JOBS" "${outarg[@]}" "$@"
}
