# Shared by the fake peers (sourced): contract-shaped arguments and
# --capabilities, so gt-interop's robustness test needs no real library.
# Only the ECDHE-ECDSA suite is claimed: --quick's ECDHE-RSA cells must
# come out as SKIPs carrying the note below.
fake_caps() {
    printf '{"name":"%s","version":"0","suites":["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"],' "$1"
    printf '"groups":["secp256r1"],"sigalgs":[],"features":[],'
    printf '"notes":{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256":"fake peer: one suite only"}}\n'
}

# Sets role, suite, group and bytes from the contract options.
fake_args() {
    role="" suite="" group="-" bytes=0
    while [ $# -gt 0 ]; do
        case "$1" in
        --capabilities) fake_caps "$FAKE_NAME"; exit 0 ;;
        --role) role=$2; shift ;;
        --suite) suite=$2; shift ;;
        --group) group=$2; shift ;;
        --send-bytes) bytes=$2; shift ;;
        --*) [ $# -gt 1 ] && case "$2" in --*) ;; *) shift ;; esac ;;
        esac
        shift
    done
}

fake_ok_line() {
    echo "RESULT ok version=TLSv1.2 suite=$suite group=$group resumed=0 alpn=- ems=0 renegotiated=0 bytes=$1"
}
