#!/usr/bin/env bash
# Builds the seed corpora corpus/<target>/ from real data, minimised.
#
#   fuzzers/tools/make-corpus.sh [--fuzz-bin DIR] [--budget BYTES] [TARGET...]
#
# Sources (nothing is downloaded; Debian packages and the repository only):
#   certificates  vectors/pki (the test PKI), vectors/x509/chains, Debian's
#                 ca-certificates (/usr/share/ca-certificates), the x509
#                 folder of python3-cryptography-vectors
#   chains        vectors/pki *.chain.pem and vectors/x509/chains/cases.txt,
#                 encoded as x509_chain expects (flags, host '\n', DER...)
#   PEM           the PEM files of the same sources
#   diff_crypto   generated operation records (fuzzers/tools/crypto-seeds.py)
#   TLS targets   cut from the recorded sessions of fuzzers/sessions (the IUT
#                 against OpenSSL, wolfSSL and GnuTLS, made by
#                 fuzzers/tools/record-sessions.sh with `gt-interop --record`)
#                 by fuzzers/tools/cut-sessions.py: client flights for server,
#                 server flights for client, single messages for the message
#                 targets, hello extension blocks for extensions, records in
#                 the clear for record (plus their sealed form, written by
#                 fuzz_record with FZ_RECORD_DUMP); session_ticket gets the
#                 tickets, states and exports the server and client targets
#                 write at the end of those sessions (FZ_TLS_DUMP). Their
#                 budget is 1 MB per target (--tls-budget).
# Each target's candidates are minimised with libFuzzer's -merge=1 (the
# binaries of --fuzz-bin, default build/fuzz/fuzzers: `cmake --preset fuzz &&
# cmake --build build/fuzz --target gt_fuzzers`), so only inputs that add
# coverage are kept, then trimmed to the size budget (default 2 MB per
# target, largest files dropped first). Files are named by SHA-1 of their
# contents, as libFuzzer names them. Re-running rewrites corpus/<target>/;
# corpus/regressions/ is never touched.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/build/fuzz/fuzzers"
budget=$((2 * 1024 * 1024))
tls_budget=$((1024 * 1024))
tls_targets="server client record extensions session_ticket client_hello server_hello certificate
server_key_exchange certificate_request client_key_exchange certificate_verify new_session_ticket finished"
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --fuzz-bin) bin=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --tls-budget) tls_budget=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//;$d'; exit 0 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(der pem x509_cert x509_chain diff_x509 diff_crypto $tls_targets)

cryptovec=/usr/lib/python3/dist-packages/cryptography_vectors/x509
stage=$(mktemp -d)
[ -n "${MAKE_CORPUS_KEEP:-}" ] || trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/der" "$stage/pem" "$stage/key"

# put FILE DIR: store under the SHA-1 of its contents (dedups for free).
put() { cp "$1" "$2/$(sha1sum "$1" | cut -c1-40)"; }

# Every certificate of a PEM or DER file, as DER, into $stage/der.
certs_of() {
    local f=$1 tmp="$stage/one" i=0
    if grep -q -- '-----BEGIN' "$f" 2>/dev/null; then
        # split bundles: one block per file
        awk -v d="$stage/split" 'BEGIN{n=0} /-----BEGIN CERTIFICATE-----/{n++; f=d"."n} f{print > f} /-----END CERTIFICATE-----/{close(f); f=""}' "$f"
        for b in "$stage"/split.*; do
            [ -e "$b" ] || continue
            openssl x509 -in "$b" -outform DER -out "$tmp" 2>/dev/null && put "$tmp" "$stage/der"
            rm -f "$b"
            i=$((i + 1))
        done
    elif openssl x509 -inform DER -in "$f" -noout 2>/dev/null; then
        put "$f" "$stage/der"
    fi
}

collect_certs() {
    local f
    for f in "$root"/vectors/pki/*.crt "$root"/vectors/pki/*.pem "$root"/vectors/x509/chains/*.pem \
        /usr/share/ca-certificates/mozilla/*.crt; do
        [ -f "$f" ] && certs_of "$f"
    done
    if [ -d "$cryptovec" ]; then
        while IFS= read -r f; do
            [ "$(stat -c %s "$f")" -le 65536 ] && certs_of "$f"
        done < <(find "$cryptovec" -type f \( -name '*.pem' -o -name '*.der' -o -name '*.crt' \) | sort)
    fi
    # the malformed PEM cases of the chain suite go in as text for pem
    for f in "$root"/vectors/pki/*.pem "$root"/vectors/pki/*.crt "$root"/vectors/pki/*.key \
        "$root"/vectors/x509/chains/*.pem; do
        [ -f "$f" ] && put "$f" "$stage/pem"
    done
    if [ -d "$cryptovec" ]; then
        while IFS= read -r f; do
            [ "$(stat -c %s "$f")" -le 65536 ] && put "$f" "$stage/pem"
        done < <(find "$cryptovec" -maxdepth 2 -type f -name '*.pem' | sort)
    fi
    # DER keys (test PKI only: public test keys) for the der target
    for f in "$root"/vectors/pki/*.key; do
        openssl pkey -in "$f" -outform DER -out "$stage/one" 2>/dev/null && put "$stage/one" "$stage/key"
        openssl pkey -in "$f" -pubout -outform DER -out "$stage/one" 2>/dev/null && put "$stage/one" "$stage/key"
    done
}

# chain_seed OUT FLAGS HOST FILE...: flags byte, host, '\n', the DER of every
# certificate of every FILE in order.
chain_seed() {
    local out=$1 flags=$2 host=$3
    shift 3
    {
        printf "\\x$(printf %02x "$flags")"
        printf '%s\n' "$host"
        local f
        for f in "$@"; do
            [ -f "$f" ] || continue # the suite's missing-file case
            awk -v d="$stage/cs" 'BEGIN{n=0} /-----BEGIN CERTIFICATE-----/{n++; f=d"."n} f{print > f} /-----END CERTIFICATE-----/{close(f); f=""}' "$f"
            for b in $(ls "$stage"/cs.* 2>/dev/null | sort -t. -k2 -n); do
                openssl x509 -in "$b" -outform DER 2>/dev/null
                rm -f "$b"
            done
        done
    } >"$out"
}

collect_chains() {
    local d="$stage/chain" f n=0
    mkdir -p "$d"
    for f in "$root"/vectors/pki/server-*.chain.pem; do
        chain_seed "$stage/c" 0 localhost "$f" && put "$stage/c" "$d"
        chain_seed "$stage/c" 8 127.0.0.1 "$f" && put "$stage/c" "$d"
    done
    for f in "$root"/vectors/pki/client-*.chain.pem; do
        chain_seed "$stage/c" 17 "" "$f" && put "$stage/c" "$d"
    done
    local cases="$root/vectors/x509/chains/cases.txt"
    [ -f "$cases" ] || return 0
    local name trust untrusted leaf opts rest
    while IFS='|' read -r name trust untrusted leaf opts rest; do
        case "$name" in '#'* | '') continue ;; esac
        [ "$trust" = trust.pem ] || continue
        local flags=16 host="" files=("$root/vectors/x509/chains/$leaf")
        [ "$untrusted" = - ] || [ -z "$untrusted" ] || files+=("$root/vectors/x509/chains/$untrusted")
        set -- $opts
        while [ $# -gt 0 ]; do
            case "$1" in
            --host) flags=$((flags & ~16)); host=$2; shift ;;
            --ip) flags=$(((flags & ~16) | 8)); host=$2; shift ;;
            --purpose) [ "$2" = client ] && flags=$((flags | 1)); shift ;;
            --allow-sha1) flags=$((flags | 2)) ;;
            esac
            shift
        done
        chain_seed "$stage/c" "$flags" "$host" "${files[@]}" && put "$stage/c" "$d"
        n=$((n + 1))
    done <"$cases"
}

# The TLS targets' candidates, once: $stage/tls/<target>/.
cut_sessions() {
    [ -d "$stage/tls" ] && return 0
    python3 "$root/fuzzers/tools/cut-sessions.py" "$stage/tls" "$root"/fuzzers/sessions/*.txt
    # the sealed twins of the record seeds, and the sessions the engine
    # targets end with (run the binaries over the seeds once)
    mkdir -p "$stage/tls/record-sealed" "$stage/tls/session_ticket"
    local b
    [ ! -x "$bin/fuzz_record" ] || FZ_RECORD_DUMP="$stage/tls/record-sealed" "$bin/fuzz_record" \
        -runs=0 "$stage/tls/record" >/dev/null 2>&1 || true
    for b in server client; do
        [ ! -x "$bin/fuzz_$b" ] || FZ_TLS_DUMP="$stage/tls/session_ticket" "$bin/fuzz_$b" \
            -runs=0 "$stage/tls/$b" >/dev/null 2>&1 || true
    done
    # resumption: recorded ClientHellos offering the tickets just dumped
    python3 "$root/fuzzers/tools/cut-sessions.py" --resume "$stage/tls"
    # session-cache seeds (mode 3) from the dumped states
    local states=("$stage"/tls/session_ticket/session-2-*)
    [ ! -f "${states[0]}" ] || python3 "$root/fuzzers/tools/cut-sessions.py" --cache "$stage/tls" "${states[@]}"
}

# minimise TARGET CANDIDATE-DIR...: merge into corpus/TARGET.
minimise() {
    local t=$1
    shift
    local out="$root/corpus/$t" fresh="$stage/fresh-$t"
    mkdir -p "$fresh"
    if [ -x "$bin/fuzz_$t" ]; then
        "$bin/fuzz_$t" -merge=1 -max_len=65536 -timeout=10 "$fresh" "$@" >"$stage/merge-$t.log" 2>&1 ||
            { tail -20 "$stage/merge-$t.log" >&2; echo "make-corpus: merge failed for $t" >&2; return 1; }
    else
        echo "make-corpus: $bin/fuzz_$t missing: keeping every candidate (not minimised)" >&2
        local d
        for d in "$@"; do cp "$d"/* "$fresh"/ 2>/dev/null || true; done
    fi
    # size budget: drop the largest files first
    while [ "$(du -sb "$fresh" | cut -f1)" -gt "$budget" ]; do
        rm -f "$(ls -S "$fresh" | head -n1 | sed "s|^|$fresh/|")"
    done
    rm -rf "$out"
    mkdir -p "$out"
    cp "$fresh"/* "$out"/ 2>/dev/null || true
    printf '%-12s %5d files %8d bytes\n' "$t" "$(ls "$out" | wc -l)" "$(du -sb "$out" | cut -f1)"
}

need_certs=0
for t in "${targets[@]}"; do
    case "$t" in der | pem | x509_cert | diff_x509 | x509_chain) need_certs=1 ;; esac
done
[ $need_certs -eq 0 ] || collect_certs
for t in "${targets[@]}"; do
    case "$t" in
    der) minimise der "$stage/der" "$stage/key" ;;
    x509_cert | diff_x509) minimise "$t" "$stage/der" ;;
    pem) minimise pem "$stage/pem" ;;
    x509_chain)
        collect_chains
        minimise x509_chain "$stage/chain"
        ;;
    diff_crypto)
        mkdir -p "$stage/crypto"
        python3 "$root/fuzzers/tools/crypto-seeds.py" "$stage/crypto"
        minimise diff_crypto "$stage/crypto"
        ;;
    record)
        cut_sessions
        budget=$tls_budget minimise record "$stage/tls/record" "$stage/tls/record-sealed"
        ;;
    server | client | extensions | session_ticket | client_hello | server_hello | certificate | \
        server_key_exchange | certificate_request | client_key_exchange | certificate_verify | \
        new_session_ticket | finished)
        cut_sessions
        mkdir -p "$stage/tls/$t"
        budget=$tls_budget minimise "$t" "$stage/tls/$t"
        ;;
    *)
        if [ -x "$root/fuzzers/tools/seeds-$t.sh" ]; then
            mkdir -p "$stage/$t"
            "$root/fuzzers/tools/seeds-$t.sh" "$stage/$t"
            minimise "$t" "$stage/$t"
        else
            echo "make-corpus: no seed source for $t" >&2
            exit 2
        fi
        ;;
    esac
done
