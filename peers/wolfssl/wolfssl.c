/*
 * gt-peer-wolfssl: the peer contract (peers/README.md) on Debian's wolfSSL
 * 5.5.4, pinned to TLS 1.2 by the TLS-1.2-only methods. The socket I/O goes
 * through our own callbacks so the wire observer sees every byte.
 *
 * What this build lacks (configure flags of the Debian package): static-RSA
 * suites (no WOLFSSL_STATIC_RSA), secure renegotiation (no
 * HAVE_SECURE_RENEGOTIATION) and the keylog callback (no
 * HAVE_SECRET_CALLBACK). The key log is written instead after each
 * handshake from the kept handshake arrays (wolfSSL_KeepArrays and
 * wolfSSL_get_keys).
 */
#include <wolfssl/options.h> /* must come first: the build's configuration */
#include <wolfssl/ssl.h>

#include "keylog.h"
#include "net.h"
#include "peer.h"
#include "suites.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gt_peer_conn {
    WOLFSSL *ssl;
    int fd;
    gt_peer_wire *w;
};

static const gt_peer_opts *opt;
static WOLFSSL_CTX *ctx;
static WOLFSSL_SESSION *saved; /* client: session of connection 0 */

#define NO_STATIC_RSA "Debian's wolfSSL is built without WOLFSSL_STATIC_RSA"
static const gt_peer_suite_map suites[] = {
    {0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256", NULL},
    {0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", NULL},
    {0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305", NULL},
    {0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", NULL},
    {0xC030, "ECDHE-RSA-AES256-GCM-SHA384", NULL},
    {0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305", NULL},
    {0xC009, "ECDHE-ECDSA-AES128-SHA", NULL},
    {0xC00A, "ECDHE-ECDSA-AES256-SHA", NULL},
    {0xC023, "ECDHE-ECDSA-AES128-SHA256", NULL},
    {0xC024, "ECDHE-ECDSA-AES256-SHA384", NULL},
    {0xC013, "ECDHE-RSA-AES128-SHA", NULL},
    {0xC014, "ECDHE-RSA-AES256-SHA", NULL},
    {0xC027, "ECDHE-RSA-AES128-SHA256", NULL},
    {0xC028, "ECDHE-RSA-AES256-SHA384", NULL},
    {0x009C, NULL, NO_STATIC_RSA},
    {0x009D, NULL, NO_STATIC_RSA},
    {0x002F, NULL, NO_STATIC_RSA},
    {0x0035, NULL, NO_STATIC_RSA},
    {0x003C, NULL, NO_STATIC_RSA},
    {0x003D, NULL, NO_STATIC_RSA},
    {0, NULL, NULL},
};

static const struct {
    const char *name;
    word16 id;
} group_ids[] = {
    {"x25519", WOLFSSL_ECC_X25519},
    {"secp256r1", WOLFSSL_ECC_SECP256R1},
    {"secp384r1", WOLFSSL_ECC_SECP384R1},
};

/* contract SignatureScheme name -> wolfSSL "SIG+HASH" list element */
static const char *const sigalg_names[][2] = {
    {"rsa_pkcs1_sha256", "RSA+SHA256"},
    {"rsa_pkcs1_sha384", "RSA+SHA384"},
    {"rsa_pkcs1_sha512", "RSA+SHA512"},
    {"ecdsa_secp256r1_sha256", "ECDSA+SHA256"},
    {"ecdsa_secp384r1_sha384", "ECDSA+SHA384"},
    {"ecdsa_secp521r1_sha512", "ECDSA+SHA512"},
    {"rsa_pss_rsae_sha256", "RSA-PSS+SHA256"},
    {"rsa_pss_rsae_sha384", "RSA-PSS+SHA384"},
    {"rsa_pss_rsae_sha512", "RSA-PSS+SHA512"},
    {"rsa_pkcs1_sha1", "RSA+SHA1"},
    {"ecdsa_sha1", "ECDSA+SHA1"},
};

static const gt_peer_cap features[] = {
    {"resume-id", NULL},
    {"resume-ticket", NULL},
    {"alpn", NULL},
    {"sni", NULL},
    {"client-auth", NULL},
    {"ems", NULL},
    {"no-ems", NULL},
    {"renegotiate", "Debian's wolfSSL is built without HAVE_SECURE_RENEGOTIATION"},
    {"keylog", NULL},
    {"record-size", NULL},
    {"close-notify", NULL},
    {NULL, NULL},
};

/* Limits seen in pairwise runs against OpenSSL 3.0 (peers/README.md). */
static const gt_peer_cap notes[] = {
    {"server:no-ems", "wolfSSL_CTX_DisableExtendedMasterSecret only affects a client: the "
                      "server still answers extended_master_secret"},
    {"server:client-auth", "the CertificateRequest lists only the server key's certificate type "
                           "and signature algorithms: the client certificate must be of the "
                           "same key type as the server's"},
    {NULL, NULL},
};

static int check(const gt_peer_opts *o)
{
    if (o->role == GT_PEER_SERVER && o->no_ems)
        return gt_peer_skipf("wolfssl: server:no-ems: %s", notes[0].why_not);
    return 0;
}

static const char *version(void)
{
    return wolfSSL_lib_version();
}

static int wolf_fail(const char *what, WOLFSSL *ssl, int ret)
{
    char buf[WOLFSSL_MAX_ERROR_SZ];
    int e = ssl != NULL ? wolfSSL_get_error(ssl, ret) : ret;
    wolfSSL_ERR_error_string_n((unsigned long)e, buf, sizeof(buf));
    return gt_peer_errf("%s: %s (%d)", what, buf, e);
}

static int io_recv(WOLFSSL *ssl, char *buf, int sz, void *arg)
{
    gt_peer_conn *c = arg;
    ssize_t n = gt_peer_recv(c->fd, c->w, buf, (size_t)sz);
    (void)ssl;
    if (n > 0) return (int)n;
    if (n == 0) return WOLFSSL_CBIO_ERR_CONN_CLOSE;
    return errno == ECONNRESET ? WOLFSSL_CBIO_ERR_CONN_RST : WOLFSSL_CBIO_ERR_GENERAL;
}

static int io_send(WOLFSSL *ssl, char *buf, int sz, void *arg)
{
    gt_peer_conn *c = arg;
    ssize_t n = gt_peer_send(c->fd, c->w, buf, (size_t)sz);
    (void)ssl;
    if (n > 0) return (int)n;
    return errno == EPIPE ? WOLFSSL_CBIO_ERR_CONN_CLOSE : WOLFSSL_CBIO_ERR_GENERAL;
}

/* Suite, group, sigalgs. The group is pinned with UseSupportedCurve:
 * set1_curves_list fails on the TLS-1.2-only methods, and the default
 * list would let OpenSSL servers pick P-521: without --group we offer the
 * contract's three. */
static int set_names(void)
{
    char list[512];
    int ret;
    if (opt->suite != NULL && (ret = wolfSSL_CTX_set_cipher_list(
                                   ctx, gt_peer_map_suite(suites, opt->suite))) != WOLFSSL_SUCCESS)
        return wolf_fail("cipher list", NULL, ret);
    for (size_t i = 0; i < sizeof(group_ids) / sizeof(group_ids[0]); i++) {
        if (opt->group != NULL && strcmp(opt->group, group_ids[i].name) != 0) continue;
        if ((ret = wolfSSL_CTX_UseSupportedCurve(ctx, group_ids[i].id)) != WOLFSSL_SUCCESS)
            return wolf_fail("supported curve", NULL, ret);
    }
    if (opt->n_sigalgs == 0) return 0;
    if (gt_peer_join(list, sizeof(list), opt->sigalgs, opt->n_sigalgs, ":", sigalg_names,
                     sizeof(sigalg_names) / sizeof(sigalg_names[0])) != 0)
        return GT_PEER_FAIL;
    if ((ret = wolfSSL_CTX_set1_sigalgs_list(ctx, list)) != WOLFSSL_SUCCESS)
        return wolf_fail("sigalgs", NULL, ret);
    return 0;
}

static int set_pki(void)
{
    int mode = WOLFSSL_VERIFY_PEER, ret;
    if (opt->cert != NULL &&
        ((ret = wolfSSL_CTX_use_certificate_chain_file(ctx, opt->cert)) != WOLFSSL_SUCCESS ||
         (ret = wolfSSL_CTX_use_PrivateKey_file(ctx, opt->key, WOLFSSL_FILETYPE_PEM)) !=
             WOLFSSL_SUCCESS))
        return wolf_fail("certificate/key", NULL, ret);
    if (opt->ca != NULL &&
        (ret = wolfSSL_CTX_load_verify_locations(ctx, opt->ca, NULL)) != WOLFSSL_SUCCESS)
        return wolf_fail("CA file", NULL, ret);
    if (opt->role == GT_PEER_SERVER) {
        if (opt->client_auth == GT_CAUTH_NONE)
            mode = WOLFSSL_VERIFY_NONE;
        else if (opt->client_auth == GT_CAUTH_REQUIRE)
            mode |= WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    }
    wolfSSL_CTX_set_verify(ctx, mode, NULL);
    return 0;
}

/* Session cache or tickets, never both (as in the OpenSSL peer). */
static int set_resume(void)
{
    if (opt->role == GT_PEER_SERVER) {
        if (opt->resume != GT_RESUME_ID)
            wolfSSL_CTX_set_session_cache_mode(ctx, WOLFSSL_SESS_CACHE_OFF);
        if (opt->resume != GT_RESUME_TICKET)
            return wolfSSL_CTX_NoTicketTLSv12(ctx) == WOLFSSL_SUCCESS ? 0 : GT_PEER_FAIL;
    }
    if (opt->resume == GT_RESUME_TICKET && wolfSSL_CTX_UseSessionTicket(ctx) != WOLFSSL_SUCCESS)
        return gt_peer_errf("wolfSSL_CTX_UseSessionTicket failed");
    return 0;
}

static int setup(const gt_peer_opts *o)
{
    int ret;
    opt = o;
    if (wolfSSL_Init() != WOLFSSL_SUCCESS) return gt_peer_errf("wolfSSL_Init failed");
    ctx = wolfSSL_CTX_new(o->role == GT_PEER_SERVER ? wolfTLSv1_2_server_method()
                                                    : wolfTLSv1_2_client_method());
    if (ctx == NULL) return gt_peer_errf("wolfSSL_CTX_new failed");
    wolfSSL_CTX_SetIORecv(ctx, io_recv);
    wolfSSL_CTX_SetIOSend(ctx, io_send);
    if (o->no_ems && (ret = wolfSSL_CTX_DisableExtendedMasterSecret(ctx)) != WOLFSSL_SUCCESS)
        return wolf_fail("disable EMS", NULL, ret);
    if (set_names() != 0 || set_pki() != 0 || set_resume() != 0) return GT_PEER_FAIL;
    if (o->role == GT_PEER_SERVER && o->sni != NULL) {
        /* RFC 6066 §3: a mismatch is answered with unrecognized_name by
         * default; absence is refused too with ABORT_ON_ABSENCE. */
        if ((ret = wolfSSL_CTX_UseSNI(ctx, WOLFSSL_SNI_HOST_NAME, o->sni,
                                      (word16)strlen(o->sni))) != WOLFSSL_SUCCESS)
            return wolf_fail("SNI", NULL, ret);
        wolfSSL_CTX_SNI_SetOptions(ctx, WOLFSSL_SNI_HOST_NAME, WOLFSSL_SNI_ABORT_ON_ABSENCE);
    }
    return 0;
}

/* The arrays kept with wolfSSL_KeepArrays hold the master secret of this
 * handshake, full or resumed (the session object is empty on a server
 * that resumed from a ticket). */
static int keylog(gt_peer_conn *c)
{
    unsigned char *ms = NULL, *sr = NULL, *cr = NULL;
    unsigned int msn = 0, srn = 0, crn = 0;
    int rc;
    if (wolfSSL_get_keys(c->ssl, &ms, &msn, &sr, &srn, &cr, &crn) != WOLFSSL_SUCCESS ||
        ms == NULL || cr == NULL || msn != 48 || crn != 32)
        return gt_peer_errf("keylog: wolfSSL_get_keys gave no master secret");
    rc = gt_peer_keylog(opt->keylog, cr, ms, msn);
    wolfSSL_FreeArrays(c->ssl);
    return rc;
}

static int conn_options(gt_peer_conn *c, int index)
{
    int ret;
    if (opt->n_alpn > 0) {
        char list[256];
        if (gt_peer_join(list, sizeof(list), opt->alpn, opt->n_alpn, ",", NULL, 0) != 0)
            return GT_PEER_FAIL;
        /* RFC 7301 §3.2: no common protocol is a fatal alert */
        if ((ret = wolfSSL_UseALPN(c->ssl, list, (word32)strlen(list),
                                   WOLFSSL_ALPN_FAILED_ON_MISMATCH)) != WOLFSSL_SUCCESS)
            return wolf_fail("ALPN", NULL, ret);
    }
    if (opt->role == GT_PEER_CLIENT && opt->sni != NULL &&
        ((ret = wolfSSL_UseSNI(c->ssl, WOLFSSL_SNI_HOST_NAME, opt->sni,
                               (word16)strlen(opt->sni))) != WOLFSSL_SUCCESS ||
         (ret = wolfSSL_check_domain_name(c->ssl, opt->sni)) != WOLFSSL_SUCCESS))
        return wolf_fail("SNI", NULL, ret);
    if (opt->role == GT_PEER_CLIENT && index > 0 && saved != NULL &&
        (ret = wolfSSL_set_session(c->ssl, saved)) != WOLFSSL_SUCCESS)
        return wolf_fail("wolfSSL_set_session", NULL, ret);
    return 0;
}

static int handshake(int fd, int index, gt_peer_wire *w, gt_peer_conn **out)
{
    gt_peer_conn *c = calloc(1, sizeof(*c));
    int ret;
    if (c == NULL || (c->ssl = wolfSSL_new(ctx)) == NULL)
        return free(c), gt_peer_errf("wolfSSL_new failed");
    *out = c;
    c->fd = fd;
    c->w = w;
    wolfSSL_SetIOReadCtx(c->ssl, c);
    wolfSSL_SetIOWriteCtx(c->ssl, c);
    if (conn_options(c, index) != 0) return GT_PEER_FAIL;
    if (opt->keylog != NULL) wolfSSL_KeepArrays(c->ssl);
    ret = opt->role == GT_PEER_SERVER ? wolfSSL_accept(c->ssl) : wolfSSL_connect(c->ssl);
    if (ret != WOLFSSL_SUCCESS) return wolf_fail("handshake", c->ssl, ret);
    if (opt->keylog != NULL && keylog(c) != 0) return GT_PEER_FAIL;
    return 0;
}

static int info(gt_peer_conn *c, gt_peer_result *r)
{
    char *name = NULL;
    word16 n = 0;
    r->resumed = wolfSSL_session_reused(c->ssl);
    if (wolfSSL_ALPN_GetProtocol(c->ssl, &name, &n) == WOLFSSL_SUCCESS)
        gt_peer_result_alpn(r, name, n);
    return 0;
}

static int renegotiate(gt_peer_conn *c)
{
    (void)c; /* refused up front by the capability check */
    gt_peer_errf("renegotiation not available in this wolfSSL build");
    return GT_RENEG_ERR;
}

static int write_all(gt_peer_conn *c, const uint8_t *p, size_t n)
{
    int ret = wolfSSL_write(c->ssl, p, (int)n);
    if (ret != (int)n) return wolf_fail("wolfSSL_write", c->ssl, ret);
    return 0;
}

static long read_some(gt_peer_conn *c, uint8_t *p, size_t cap)
{
    int n = wolfSSL_read(c->ssl, p, (int)cap), e;
    if (n > 0) return n;
    e = wolfSSL_get_error(c->ssl, n);
    if (e == WOLFSSL_ERROR_ZERO_RETURN || e == ZERO_RETURN) return GT_READ_NOTIFY;
    if (e == SOCKET_PEER_CLOSED_E || e == WOLFSSL_ERROR_SYSCALL) return GT_READ_EOF;
    wolf_fail("wolfSSL_read", c->ssl, n);
    return GT_READ_ERR;
}

static int send_close(gt_peer_conn *c)
{
    int ret = wolfSSL_shutdown(c->ssl);
    if (ret != WOLFSSL_SUCCESS && ret != WOLFSSL_SHUTDOWN_NOT_DONE)
        return wolf_fail("wolfSSL_shutdown", c->ssl, ret);
    return 0;
}

static void conn_free(gt_peer_conn *c)
{
    if (opt->role == GT_PEER_CLIENT && saved == NULL && wolfSSL_is_init_finished(c->ssl))
        saved = wolfSSL_get1_session(c->ssl);
    wolfSSL_free(c->ssl);
    free(c);
}

const gt_peer_lib gt_peer_adapter = {
    .name = "wolfssl",
    .version = version,
    .suites = suites,
    .groups = gt_peer_all_groups,
    .sigalgs = gt_peer_all_sigalgs,
    .features = features,
    .check = check,
    .notes = notes,
    .setup = setup,
    .handshake = handshake,
    .info = info,
    .renegotiate = renegotiate,
    .write = write_all,
    .read = read_some,
    .close_notify = send_close,
    .free = conn_free,
};
