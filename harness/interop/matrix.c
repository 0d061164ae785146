/* The cell list: every ordered (server, client) pair of implementations,
 * same-library pairs included, times
 *   - the basic full handshake over suites x groups x certificate types, and
 *   - the features (resumption, ALPN, SNI, client auth, EMS off, big echo,
 *     small and large records, close_notify, renegotiation) on two
 *     representative configurations,
 * because the full cross product of all four axes would be thousands of
 * cells that mostly re-test the same code paths.
 *
 * Combinations the RFCs make meaningless are not cells at all (counted in
 * ctx->excluded): an ECDHE_ECDSA suite needs an ECDSA certificate whose
 * curve the client offered (RFC 8422 §5.1, §5.3 — the contract offers
 * exactly one group), ECDHE_RSA and RSA suites need an RSA certificate
 * (RFC 8422 §2.2, RFC 5246 §7.4.2). Everything else a peer cannot do is a
 * SKIP with the peer's own reason, or a documented rule from known_gaps[]. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* IANA values: RFC 5246 App. A.5, RFC 5288, RFC 5289, RFC 8422, RFC 7905. */
static const gt_iop_suite suites[] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B, GT_IOP_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C, GT_IOP_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9, GT_IOP_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC009, GT_IOP_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0xC00A, GT_IOP_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023, GT_IOP_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xC024, GT_IOP_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F, GT_IOP_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030, GT_IOP_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8, GT_IOP_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013, GT_IOP_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014, GT_IOP_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 0xC027, GT_IOP_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 0xC028, GT_IOP_KX_ECDHE_RSA},
    {"TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C, GT_IOP_KX_RSA},
    {"TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009D, GT_IOP_KX_RSA},
    {"TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F, GT_IOP_KX_RSA},
    {"TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035, GT_IOP_KX_RSA},
    {"TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003C, GT_IOP_KX_RSA},
    {"TLS_RSA_WITH_AES_256_CBC_SHA256", 0x003D, GT_IOP_KX_RSA},
};

static const char *const groups[] = {"x25519", "secp256r1", "secp384r1"};

/* Files from vectors/pki (see its README). */
static const gt_iop_cert certs[] = {
    {"ecdsa-p256", true, "secp256r1", "server-p256.chain.pem", "server-p256.key"},
    {"ecdsa-p384", true, "secp384r1", "server-p384.chain.pem", "server-p384.key"},
    {"rsa2048", false, NULL, "server-rsa2048.chain.pem", "server-rsa2048.key"},
    {"rsa3072", false, NULL, "server-rsa3072.chain.pem", "server-rsa3072.key"},
};
static const gt_iop_cert client_certs[] = {
    {"client-p256", true, "secp256r1", "client-p256.chain.pem", "client-p256.key"},
    {"client-rsa2048", false, NULL, "client-rsa2048.chain.pem", "client-rsa2048.key"},
};

#define NO_CHECK -1
/* expect_ems NO_CHECK means: 1 when both sides list "ems", else unchecked. */
static const gt_iop_feature features[] = {
    {.name = "full", .send_bytes = 1024, .expect_resumed = 0, .expect_ems = NO_CHECK},
    {.name = "resume-id",
     .need_server = {"resume-id"},
     .need_client = {"resume-id"},
     .server_args = {"--resume", "id"},
     .client_args = {"--resume", "id"},
     .expect_resumed = 1,
     .expect_ems = NO_CHECK},
    {.name = "resume-ticket",
     .need_server = {"resume-ticket"},
     .need_client = {"resume-ticket"},
     .server_args = {"--resume", "ticket"},
     .client_args = {"--resume", "ticket"},
     .expect_resumed = 1,
     .expect_ems = NO_CHECK},
    /* RFC 7301 §3.2: the server picks from the client's list; only one
     * protocol in common makes the answer unambiguous. */
    {.name = "alpn",
     .need_server = {"alpn"},
     .need_client = {"alpn"},
     .server_args = {"--alpn", "http/1.1", "--expect-alpn", "http/1.1"},
     .client_args = {"--alpn", "h2,http/1.1", "--expect-alpn", "http/1.1"},
     .expect_resumed = 0,
     .expect_ems = NO_CHECK,
     .expect_alpn = "http/1.1"},
    {.name = "sni",
     .need_server = {"sni"},
     .need_client = {"sni"},
     .server_args = {"--sni", "server.test"},
     .client_args = {"--sni", "server.test"},
     .expect_resumed = 0,
     .expect_ems = NO_CHECK},
    {.name = "client-auth",
     .need_server = {"client-auth"},
     .need_client = {"client-auth"},
     .server_args = {"--client-auth", "require"},
     .expect_resumed = 0,
     .expect_ems = NO_CHECK,
     .client_auth = true},
    /* RFC 7627 §5.2: either side leaving EMS out means no EMS. */
    {.name = "no-ems-client",
     .need_client = {"no-ems"},
     .client_args = {"--no-ems"},
     .send_bytes = 1024,
     .expect_resumed = 0,
     .expect_ems = 0},
    {.name = "no-ems-server",
     .need_server = {"no-ems"},
     .server_args = {"--no-ems"},
     .send_bytes = 1024,
     .expect_resumed = 0,
     .expect_ems = 0},
    {.name = "echo-1m", .send_bytes = 1048576, .expect_resumed = 0, .expect_ems = NO_CHECK},
    {.name = "records-1",
     .need_server = {"record-size"},
     .need_client = {"record-size"},
     .server_args = {"--record-size", "1"},
     .client_args = {"--record-size", "1"},
     .send_bytes = 4096,
     .expect_resumed = 0,
     .expect_ems = NO_CHECK},
    {.name = "records-16384",
     .need_server = {"record-size"},
     .need_client = {"record-size"},
     .server_args = {"--record-size", "16384"},
     .client_args = {"--record-size", "16384"},
     .send_bytes = 262144,
     .expect_resumed = 0,
     .expect_ems = NO_CHECK},
    {.name = "close-notify",
     .need_server = {"close-notify"},
     .need_client = {"close-notify"},
     .server_args = {"--close", "notify", "--expect-close", "notify"},
     .client_args = {"--close", "notify", "--expect-close", "notify"},
     .send_bytes = 1024,
     .expect_resumed = 0,
     .expect_ems = NO_CHECK},
    /* RFC 5246 §7.4.1.4.1: an RSA-PSS (RFC 8446 §4.2.3 code point)
     * signature on the ServerKeyExchange; the client also offers PKCS#1
     * for the certificate chain. */
    {.name = "sigalgs-pss",
     .server_args = {"--sigalgs", "rsa_pss_rsae_sha256"},
     .client_args = {"--sigalgs", "rsa_pss_rsae_sha256,rsa_pkcs1_sha256,rsa_pkcs1_sha384"},
     .expect_resumed = 0,
     .expect_ems = NO_CHECK,
     .need_sigalg = "rsa_pss_rsae_sha256",
     .rsa_only = true},
    /* The server's refusal (RFC 5746 / no_renegotiation alert) is a valid
     * answer: the client reports renegotiated=0 and the cell passes. */
    {.name = "renegotiate",
     .need_client = {"renegotiate"},
     .client_args = {"--renegotiate"},
     .send_bytes = 1024,
     .expect_resumed = 0,
     .expect_ems = NO_CHECK},
};

/* The configurations the features run on: one ECDHE-ECDSA, one ECDHE-RSA. */
static const struct {
    const char *suite, *group, *cert;
} representative[] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "secp256r1", "ecdsa-p256"},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "x25519", "rsa2048"},
};

/* --quick: every pair, both roles, two GCM suites, one group, full only. */
static const struct {
    const char *suite, *group, *cert;
} quick[] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "secp256r1", "ecdsa-p256"},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "secp256r1", "rsa2048"},
};

/* Known incompatibilities between real libraries, found by running the
 * matrix. Patterns are fnmatch globs over the cell's parts; the first match
 * makes the cell a SKIP with this reason. Keep the reason specific. */
static const struct {
    const char *server, *client, *suite, *group, *cert, *feature, *reason;
} known_gaps[] = {
    /* RFC 5246 §7.4.1.1 lets a server ignore a renegotiation ClientHello
     * or answer no_renegotiation (a warning); Debian's wolfSSL 5.5.4, built
     * without HAVE_SECURE_RENEGOTIATION, instead treats it as a second
     * ClientHello and aborts the connection. Seen with an OpenSSL client. */
    {"wolfssl", NULL, NULL, NULL, NULL, "renegotiate",
     "wolfSSL 5.5.4 (no HAVE_SECURE_RENEGOTIATION) aborts on a renegotiation ClientHello "
     "(-395 Duplicate HandShake message) instead of refusing it with no_renegotiation"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}, /* sentinel */
};

static const gt_iop_suite *find_suite(const char *name)
{
    for (size_t i = 0; i < N(suites); i++) {
        if (strcmp(suites[i].name, name) == 0) return &suites[i];
    }
    return NULL;
}

static const gt_iop_cert *find_cert(const char *name)
{
    for (size_t i = 0; i < N(certs); i++) {
        if (strcmp(certs[i].name, name) == 0) return &certs[i];
    }
    return NULL;
}

static const gt_iop_feature *find_feature(const char *name)
{
    for (size_t i = 0; i < N(features); i++) {
        if (strcmp(features[i].name, name) == 0) return &features[i];
    }
    return NULL;
}

const gt_iop_cert *gt_iop_client_cert(const gt_iop_cell *c)
{
    return c->cert->ecdsa ? &client_certs[0] : &client_certs[1];
}

/* RFC rules; returns false for combinations that are not cells. */
static bool rfc_allows(const gt_iop_suite *s, const char *group, const gt_iop_cert *cert)
{
    switch (s->kx) {
    case GT_IOP_KX_ECDHE_ECDSA:
        return cert->ecdsa && group && strcmp(cert->curve, group) == 0;
    case GT_IOP_KX_ECDHE_RSA:
        return !cert->ecdsa && group;
    case GT_IOP_KX_RSA:
        return !cert->ecdsa && !group;
    default:
        return false;
    }
}

static bool glob_ok(const char *pat, const char *s)
{
    return !pat || fnmatch(pat, s ? s : "-", 0) == 0;
}

static bool gap_applies(size_t i, const gt_iop_ctx *ctx, const gt_iop_cell *c)
{
    return glob_ok(known_gaps[i].server, ctx->impls[c->server].name) &&
           glob_ok(known_gaps[i].client, ctx->impls[c->client].name) &&
           glob_ok(known_gaps[i].suite, c->suite->name) && glob_ok(known_gaps[i].group, c->group) &&
           glob_ok(known_gaps[i].cert, c->cert->name) &&
           glob_ok(known_gaps[i].feature, c->feature->name);
}

/* One side's capability gap, phrased with the peer's own note if any. */
static bool lacks(gt_iop_cell *c, const gt_iop_impl *im, const char *side, const char *list,
                  const char *item)
{
    if (gt_iop_caps_has(im, list, item)) return false;
    /* Peers may explain a gap per role ("server:no-ems") or for both. */
    char key[96];
    snprintf(key, sizeof key, "%s:%s", side, item);
    const char *note = gt_iop_caps_note(im, key);
    if (!note) note = gt_iop_caps_note(im, item);
    snprintf(c->reason, sizeof c->reason, "%s %s does not support %s%s%s", side, im->name, item,
             note ? ": " : "", note ? note : "");
    c->result = GT_IOP_SKIP;
    return true;
}

static void classify(const gt_iop_ctx *ctx, gt_iop_cell *c)
{
    const gt_iop_impl *sv = &ctx->impls[c->server], *cl = &ctx->impls[c->client];
    const gt_iop_impl *side[2] = {sv, cl};
    const char *sname[2] = {"server", "client"};
    for (int k = 0; k < 2; k++) {
        if (!side[k]->caps) {
            /* A peer that cannot describe itself is broken, not limited. */
            c->result = GT_IOP_FAIL;
            snprintf(c->reason, sizeof c->reason, "%s %s: %s", sname[k], side[k]->name,
                     side[k]->caps_error);
            return;
        }
    }
    for (int k = 0; k < 2; k++) {
        if (lacks(c, side[k], sname[k], "suites", c->suite->name)) return;
        if (c->group && lacks(c, side[k], sname[k], "groups", c->group)) return;
        if (c->feature->need_sigalg &&
            lacks(c, side[k], sname[k], "sigalgs", c->feature->need_sigalg))
            return;
        const char *const *need = k == 0 ? c->feature->need_server : c->feature->need_client;
        for (size_t j = 0; j < 3 && need[j]; j++) {
            if (lacks(c, side[k], sname[k], "features", need[j])) return;
        }
    }
    for (size_t i = 0; known_gaps[i].reason; i++) {
        if (gap_applies(i, ctx, c)) {
            c->result = GT_IOP_SKIP;
            snprintf(c->reason, sizeof c->reason, "%s", known_gaps[i].reason);
            return;
        }
    }
}

static int add_cell(gt_iop_ctx *ctx, size_t *cap, int s, int cl, const gt_iop_suite *suite,
                    const char *group, const gt_iop_cert *cert, const gt_iop_feature *f)
{
    if (ctx->ncells == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        gt_iop_cell *n = realloc(ctx->cells, ncap * sizeof *n);
        if (!n) return -1;
        ctx->cells = n;
        *cap = ncap;
    }
    gt_iop_cell *c = &ctx->cells[ctx->ncells++];
    memset(c, 0, sizeof *c);
    c->server = s;
    c->client = cl;
    c->suite = suite;
    c->group = group;
    c->cert = cert;
    c->feature = f;
    snprintf(c->id, sizeof c->id, "%s>%s/%s/%s/%s/%s", ctx->impls[s].name, ctx->impls[cl].name,
             suite->name, group ? group : "-", cert->name, f->name);
    classify(ctx, c);
    return 0;
}

static int add_pair(gt_iop_ctx *ctx, size_t *cap, int s, int cl)
{
    const gt_iop_feature *full = find_feature("full");
    if (ctx->quick) {
        for (size_t i = 0; i < N(quick); i++) {
            if (add_cell(ctx, cap, s, cl, find_suite(quick[i].suite), quick[i].group,
                         find_cert(quick[i].cert), full) != 0)
                return -1;
        }
        return 0;
    }
    for (size_t i = 0; i < N(suites); i++) {
        for (size_t g = 0; g <= N(groups); g++) {
            const char *group = g < N(groups) ? groups[g] : NULL;
            for (size_t k = 0; k < N(certs); k++) {
                if (!rfc_allows(&suites[i], group, &certs[k])) {
                    ctx->excluded += s == 0 && cl == 0; /* the same for every pair */
                    continue;
                }
                if (add_cell(ctx, cap, s, cl, &suites[i], group, &certs[k], full) != 0) return -1;
            }
        }
    }
    for (size_t f = 1; f < N(features); f++) {
        for (size_t r = 0; r < N(representative); r++) {
            if (features[f].rsa_only && find_cert(representative[r].cert)->ecdsa) continue;
            if (add_cell(ctx, cap, s, cl, find_suite(representative[r].suite),
                         representative[r].group, find_cert(representative[r].cert),
                         &features[f]) != 0)
                return -1;
        }
    }
    return 0;
}

int gt_iop_build_matrix(gt_iop_ctx *ctx)
{
    size_t cap = 0;
    ctx->ncells = 0;
    ctx->excluded = 0;
    for (size_t s = 0; s < ctx->nimpls; s++) {
        for (size_t c = 0; c < ctx->nimpls; c++) {
            if (add_pair(ctx, &cap, (int)s, (int)c) != 0) return -1;
        }
    }
    return 0;
}

/* A pattern with glob characters is a glob over the whole id; otherwise a
 * substring. */
bool gt_iop_id_matches(const char *id, const char *pattern)
{
    if (!pattern || !*pattern) return true;
    if (strpbrk(pattern, "*?[")) return fnmatch(pattern, id, 0) == 0;
    return strstr(id, pattern) != NULL;
}

int gt_iop_filter(gt_iop_ctx *ctx, const char *pattern)
{
    size_t k = 0;
    for (size_t i = 0; i < ctx->ncells; i++) {
        if (gt_iop_id_matches(ctx->cells[i].id, pattern)) ctx->cells[k++] = ctx->cells[i];
    }
    ctx->ncells = k;
    return 0;
}

/* --record: the sessions kept as regression vectors in vectors/transcripts.
 * A spread of libraries, key exchanges, ciphers and the EMS flag. */
static const char *const recorded[] = {
    "openssl>wolfssl/TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/secp256r1/ecdsa-p256/full",
    "gnutls>openssl/TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384/x25519/rsa2048/full",
    "wolfssl>mbedtls/TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256/secp384r1/rsa2048/full",
    "mbedtls>gnutls/TLS_RSA_WITH_AES_128_CBC_SHA256/-/rsa2048/full",
    "openssl>gnutls/TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384/secp384r1/ecdsa-p384/full",
    "wolfssl>openssl/TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384/x25519/rsa2048/no-ems-client",
};

/* With a --filter, every filtered single-connection cell is recorded
 * instead of the default list (the proxy relays one connection). */
void gt_iop_mark_records(gt_iop_ctx *ctx, bool filtered)
{
    size_t k = 0;
    for (size_t i = 0; i < ctx->ncells; i++) {
        gt_iop_cell *c = &ctx->cells[i];
        bool take = filtered && strncmp(c->feature->name, "resume", 6) != 0;
        for (size_t r = 0; !filtered && r < N(recorded); r++)
            take = take || strcmp(c->id, recorded[r]) == 0;
        if (take) {
            c->record = true;
            ctx->cells[k++] = *c;
        }
    }
    ctx->ncells = k;
}
