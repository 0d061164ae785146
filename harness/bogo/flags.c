/* Command-line flags of the BoGo shim protocol (BoringSSL
 * ssl/test/test_config.cc is the reference for names and semantics).
 *
 * Only the flags in the table below are understood. Any other flag means
 * the test needs something this shim does not do, so the shim exits 89
 * and the runner counts the test as unimplemented rather than failed.
 * Flags that name a feature the IUT lacks (renegotiation, PSK, OCSP...)
 * are left out of the table on purpose, or
 * refused in shim_check_supported() when only some values are out of
 * reach. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shim.h"

typedef enum { F_BOOL, F_NOOP, F_INT, F_U64, F_STR, F_U16LIST } flag_kind;

typedef struct {
    const char *name;
    flag_kind kind;
    size_t off;   /* field in shim_config */
    size_t n_off; /* F_U16LIST: the count field */
} flag;

#define B(n, f)                                                                                    \
    {                                                                                              \
        n, F_BOOL, offsetof(shim_config, f), 0                                                     \
    }
#define I(n, f)                                                                                    \
    {                                                                                              \
        n, F_INT, offsetof(shim_config, f), 0                                                      \
    }
#define S(n, f)                                                                                    \
    {                                                                                              \
        n, F_STR, offsetof(shim_config, f), 0                                                      \
    }
#define L(n, f)                                                                                    \
    {                                                                                              \
        n, F_U16LIST, offsetof(shim_config, f), offsetof(shim_config, n_##f)                       \
    }

static const flag flags[] = {
    I("-port", port),
    B("-ipv6", ipv6),
    {"-shim-id", F_U64, offsetof(shim_config, shim_id), 0},
    B("-server", is_server),
    I("-resume-count", resume_count),
    S("-write-settings", write_settings), /* transcripts: nothing to write */
    S("-key-file", key_file),
    S("-cert-file", cert_file),
    S("-trust-cert", trust_cert),
    I("-min-version", min_version),
    I("-max-version", max_version),
    I("-expect-version", expect_version),
    B("-no-tls12", no_tls12),
    {"-no-tls13", F_NOOP, 0, 0}, /* the IUT never speaks these */
    {"-no-tls11", F_NOOP, 0, 0},
    {"-no-tls1", F_NOOP, 0, 0},
    L("-curves", curves),
    L("-signing-prefs", signing_prefs),
    L("-verify-prefs", verify_prefs),
    S("-advertise-alpn", advertise_alpn),
    S("-select-alpn", select_alpn),
    S("-expect-alpn", expect_alpn),
    S("-host-name", host_name),
    S("-expect-server-name", expect_server_name),
    B("-expect-session-miss", expect_session_miss),
    B("-expect-no-session", expect_no_session),
    B("-no-ticket", no_ticket),
    B("-expect-extended-master-secret", expect_ems),
    B("-expect-secure-renegotiation", expect_secure_reneg),
    B("-expect-no-secure-renegotiation", expect_no_secure_reneg),
    B("-renegotiate-ignore", renegotiate_ignore),
    B("-renegotiate-once", renegotiate_once),
    B("-renegotiate-freely", renegotiate_freely),
    B("-renegotiate-explicit", renegotiate_explicit),
    B("-forbid-renegotiation-after-handshake", forbid_reneg_after_hs),
    I("-expect-total-renegotiations", expect_total_renegotiations),
    B("-check-close-notify", check_close_notify),
    B("-shim-shuts-down", shim_shuts_down),
    B("-shim-writes-first", shim_writes_first),
    I("-export-keying-material", export_len),
    S("-export-label", export_label),
    S("-export-context", export_context),
    B("-use-export-context", use_export_context),
    B("-async", async),
    B("-implicit-handshake", implicit_handshake),
    B("-write-different-record-sizes", write_different_record_sizes),
    {"-expect-no-hrr", F_NOOP, 0, 0}, /* TLS 1.2 has no HelloRetryRequest */
    I("-read-size", read_size),
    I("-expect-cipher", expect_cipher),
    I("-expect-curve-id", expect_curve_id),
    I("-expect-peer-signature-algorithm", expect_peer_sigalg),
    B("-verify-peer", verify_peer),
    B("-require-any-client-certificate", require_any_client_cert),
    B("-is-handshaker-supported", is_handshaker_supported),
};

static const flag *find(const char *name)
{
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(flags[i].name, name) == 0) return &flags[i];
    return NULL;
}

/* Integers as test_config.cc StringToInt takes them: digits only (a
 * leading '-' for signed fields), the whole string, in range. */
static int parse_int(const char *s, long long lo, unsigned long long hi, unsigned long long *out)
{
    char *end = NULL;
    if (s == NULL || !((*s >= '0' && *s <= '9') || (*s == '-' && lo < 0))) return -1;
    errno = 0;
    if (*s == '-') {
        long long v = strtoll(s, &end, 10);
        if (errno || *end || v < lo) return -1;
        *out = (unsigned long long)v;
        return 0;
    }
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > hi) return -1;
    *out = v;
    return 0;
}

static int set(const flag *f, shim_config *c, const char *param)
{
    char *base = (char *)c;
    unsigned long long v = 0;
    switch (f->kind) {
    case F_NOOP:
        return 0;
    case F_BOOL:
        *(int *)(base + f->off) = 1;
        return 0;
    case F_INT:
        if (parse_int(param, -2147483647LL - 1, 2147483647ULL, &v)) return -1;
        *(int *)(base + f->off) = (int)(long long)v;
        return 0;
    case F_U64:
        if (parse_int(param, 0, ~0ULL, &v)) return -1;
        *(uint64_t *)(base + f->off) = v;
        return 0;
    case F_STR:
        *(const char **)(base + f->off) = param;
        return 0;
    case F_U16LIST: {
        size_t *n = (size_t *)(base + f->n_off);
        if (parse_int(param, 0, 0xffff, &v) || *n == SHIM_MAX_LIST) return -1;
        ((uint16_t *)(base + f->off))[(*n)++] = (uint16_t)v;
        return 0;
    }
    default:
        return -1;
    }
}

/* Strips "-on-<prefix>" from "-on-<prefix>-flag", leaving "-flag". */
static int strip(const char **name, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(*name, prefix, n) != 0 || (*name)[n] != '-') return 0;
    *name += n;
    return 1;
}

int shim_parse(int argc, char **argv, shim_config *initial, shim_config *resume)
{
    shim_config retry; /* 0-RTT retries: the IUT has no early data */
    memset(initial, 0, sizeof *initial);
    memset(resume, 0, sizeof *resume);
    memset(&retry, 0, sizeof retry);
    for (int i = 0; i < argc; i++) {
        const char *name = argv[i];
        int skip = 0;
        shim_config *only = NULL;
        if (strip(&name, "-on-shim")) {
            /* for the shim: that is us */
        } else if (strip(&name, "-on-handshaker")) {
            skip = 1; /* split handshakes are not supported (-is-handshaker-supported) */
        }
        if (strip(&name, "-on-initial"))
            only = initial;
        else if (strip(&name, "-on-resume"))
            only = resume;
        else if (strip(&name, "-on-retry"))
            only = &retry;

        const flag *f = find(name);
        if (f == NULL) {
            fprintf(stderr, "unimplemented flag: %s\n", name);
            return SHIM_EXIT_UNIMPLEMENTED;
        }
        const char *param = NULL;
        if (f->kind != F_BOOL && f->kind != F_NOOP) {
            if (i + 1 >= argc) {
                fprintf(stderr, "missing parameter for %s\n", name);
                return SHIM_EXIT_FAIL;
            }
            param = argv[++i];
        }
        if (skip) continue;
        int bad = only ? set(f, only, param) : (set(f, initial, param) | set(f, resume, param));
        if (bad) {
            fprintf(stderr, "invalid parameter for %s: %s\n", name, param ? param : "");
            return SHIM_EXIT_FAIL;
        }
    }
    return SHIM_EXIT_OK;
}

static int unimplemented(const char *why)
{
    fprintf(stderr, "unimplemented: %s\n", why);
    return SHIM_EXIT_UNIMPLEMENTED;
}

/* Protocol versions (RFC 8446 §4.2.1 code points) the runner may pass:
 * TLS 1.0..1.3 and DTLS 1.0/1.2. Only TLS 1.2 is the IUT's. */
static int tls_version(int v)
{
    return v >= 0x0301 && v <= 0x0304;
}

int shim_check_supported(const shim_config *c)
{
    if ((c->min_version && !tls_version(c->min_version)) ||
        (c->max_version && !tls_version(c->max_version)))
        return unimplemented("DTLS or unknown protocol version");
    /* A shim restricted to versions without 1.2 asks for TLS 1.0/1.1/1.3,
     * none of which the IUT speaks. Ranges that include 1.2 run: the IUT
     * then negotiates 1.2 or refuses, which is what the test observes. */
    if ((c->min_version && c->min_version > 0x0303) ||
        (c->max_version && c->max_version < 0x0303) || c->no_tls12)
        return unimplemented("the IUT speaks TLS 1.2 only");
    if (c->renegotiate_once || c->renegotiate_freely || c->renegotiate_explicit ||
        c->expect_total_renegotiations > 0)
        return unimplemented("renegotiation (the IUT refuses it)");
    /* gt_conn_info reports the ServerKeyExchange's algorithm only. */
    if (c->is_server && c->expect_peer_sigalg)
        return unimplemented("the client CertificateVerify's algorithm is not reported");
    /* The engine keeps one list for signing and verifying. */
    if (c->n_signing_prefs && c->n_verify_prefs &&
        (c->n_signing_prefs != c->n_verify_prefs ||
         memcmp(c->signing_prefs, c->verify_prefs, c->n_signing_prefs * sizeof(uint16_t))))
        return unimplemented("separate signing and verifying preferences");
    if (c->export_len < 0 || c->read_size < 0) return unimplemented("negative length");
    return SHIM_EXIT_OK;
}
