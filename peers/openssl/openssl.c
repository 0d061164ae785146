/*
 * gt-peer-openssl: the peer contract (peers/README.md) on OpenSSL 3.0's
 * libssl, pinned to TLS 1.2. Handshake messages reach the wire observer
 * through the message callback; NSS key log lines come from libssl's own
 * keylog callback.
 */
#include "peer.h"
#include "keylog.h"
#include "suites.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gt_peer_conn {
    SSL *ssl;
    int handshakes; /* completed handshakes, > 1 after a renegotiation */
};

static const gt_peer_opts *opt;
static SSL_CTX *ctx;
static SSL_SESSION *saved; /* client: session of connection 0 */
static unsigned char alpn_wire[256];
static size_t alpn_wire_len;

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
    {0x009C, "AES128-GCM-SHA256", NULL},
    {0x009D, "AES256-GCM-SHA384", NULL},
    {0x002F, "AES128-SHA", NULL},
    {0x0035, "AES256-SHA", NULL},
    {0x003C, "AES128-SHA256", NULL},
    {0x003D, "AES256-SHA256", NULL},
    {0, NULL, NULL},
};

/* contract group name -> OpenSSL group name */
static const char *const group_names[][2] = {
    {"x25519", "X25519"},
    {"secp256r1", "P-256"},
    {"secp384r1", "P-384"},
};

#define SHA1_SEC "SHA-1 signatures are refused at OpenSSL 3.0's default security level"
static const gt_peer_cap sigalgs[] = {
    {"rsa_pkcs1_sha256", NULL},       {"rsa_pkcs1_sha384", NULL},
    {"rsa_pkcs1_sha512", NULL},       {"ecdsa_secp256r1_sha256", NULL},
    {"ecdsa_secp384r1_sha384", NULL}, {"ecdsa_secp521r1_sha512", NULL},
    {"rsa_pss_rsae_sha256", NULL},    {"rsa_pss_rsae_sha384", NULL},
    {"rsa_pss_rsae_sha512", NULL},    {"rsa_pkcs1_sha1", SHA1_SEC},
    {"ecdsa_sha1", SHA1_SEC},         {NULL, NULL},
};

static const char *version(void)
{
    return OpenSSL_version(OPENSSL_VERSION_STRING);
}

/* The first queued libssl error, as text (the queue is then cleared). */
static int ssl_fail(const char *what)
{
    char buf[256] = "connection closed by the peer without an alert";
    unsigned long e = ERR_peek_error();
    if (e != 0) ERR_error_string_n(e, buf, sizeof(buf));
    ERR_clear_error();
    return gt_peer_errf("%s: %s", what, buf);
}

static void on_msg(int write_p, int version_, int type, const void *buf, size_t len, SSL *ssl,
                   void *arg)
{
    (void)write_p, (void)version_, (void)ssl;
    if (type == SSL3_RT_HANDSHAKE && arg != NULL) gt_peer_wire_msg(arg, buf, len);
}

static void on_keylog(const SSL *ssl, const char *line)
{
    (void)ssl;
    if (gt_peer_keylog_line(opt->keylog, line) != 0) fprintf(stderr, "keylog: %s\n", gt_peer_err());
}

static void on_info(const SSL *ssl, int where, int ret)
{
    (void)ret;
    gt_peer_conn *c = SSL_get_app_data(ssl);
    if ((where & SSL_CB_HANDSHAKE_DONE) != 0 && c != NULL) c->handshakes++;
}

/* RFC 7301 §3.2: server preference; no overlap is a fatal alert. */
static int on_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                   const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)ssl, (void)arg;
    unsigned char *sel;
    if (SSL_select_next_proto(&sel, outlen, alpn_wire, (unsigned)alpn_wire_len, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    *out = sel;
    return SSL_TLSEXT_ERR_OK;
}

/* --sni on a server: the name must be present and equal (RFC 6066 §3). */
static int on_sni(SSL *ssl, int *alert, void *arg)
{
    (void)arg;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    if (name != NULL && strcmp(name, opt->sni) == 0) return SSL_TLSEXT_ERR_OK;
    fprintf(stderr, "server_name '%s', expected '%s'\n", name ? name : "(none)", opt->sni);
    *alert = SSL_AD_UNRECOGNIZED_NAME;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
}

/* Suite, group and signature algorithms: each pinned when given. */
static int set_names(void)
{
    char list[512];
    if (opt->suite != NULL &&
        SSL_CTX_set_cipher_list(ctx, gt_peer_map_suite(suites, opt->suite)) != 1)
        return ssl_fail("cipher list");
    if (opt->group != NULL &&
        SSL_CTX_set1_groups_list(ctx, GT_PEER_MAP_NAME(group_names, opt->group)) != 1)
        return ssl_fail("groups");
    if (opt->n_sigalgs == 0) return 0;
    if (gt_peer_join(list, sizeof(list), opt->sigalgs, opt->n_sigalgs, ":", NULL, 0) != 0)
        return GT_PEER_FAIL;
    if (SSL_CTX_set1_sigalgs_list(ctx, list) != 1 ||
        SSL_CTX_set1_client_sigalgs_list(ctx, list) != 1)
        return ssl_fail("sigalgs");
    return 0;
}

static int set_pki(void)
{
    int mode = SSL_VERIFY_PEER;
    if (opt->cert != NULL && (SSL_CTX_use_certificate_chain_file(ctx, opt->cert) != 1 ||
                              SSL_CTX_use_PrivateKey_file(ctx, opt->key, SSL_FILETYPE_PEM) != 1 ||
                              SSL_CTX_check_private_key(ctx) != 1))
        return ssl_fail("certificate/key");
    if (opt->ca != NULL && SSL_CTX_load_verify_locations(ctx, opt->ca, NULL) != 1)
        return ssl_fail("CA file");
    if (opt->role == GT_PEER_SERVER) {
        if (opt->client_auth == GT_CAUTH_NONE)
            mode = SSL_VERIFY_NONE;
        else if (opt->client_auth == GT_CAUTH_REQUIRE)
            mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    }
    SSL_CTX_set_verify(ctx, mode, NULL);
    return 0;
}

/* Session cache or tickets, never both, so a resumption proves the one
 * mechanism that was asked for. */
static void set_resume(void)
{
    static const unsigned char sid_ctx[] = "gt-peer-openssl";
    if (opt->role == GT_PEER_SERVER) {
        SSL_CTX_set_session_id_context(ctx, sid_ctx, sizeof(sid_ctx) - 1);
        SSL_CTX_set_session_cache_mode(ctx, opt->resume == GT_RESUME_ID ? SSL_SESS_CACHE_SERVER
                                                                        : SSL_SESS_CACHE_OFF);
        if (opt->resume != GT_RESUME_TICKET) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
        return;
    }
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    if (opt->resume == GT_RESUME_ID) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
}

static int set_alpn(void)
{
    alpn_wire_len = 0;
    for (size_t i = 0; i < opt->n_alpn; i++) {
        size_t n = strlen(opt->alpn[i]);
        if (n == 0 || n > 255 || alpn_wire_len + 1 + n > sizeof(alpn_wire))
            return gt_peer_errf("--alpn: protocol names are 1..255 bytes, 255 in all");
        alpn_wire[alpn_wire_len++] = (unsigned char)n;
        memcpy(alpn_wire + alpn_wire_len, opt->alpn[i], n);
        alpn_wire_len += n;
    }
    if (opt->n_alpn == 0) return 0;
    if (opt->role == GT_PEER_SERVER)
        SSL_CTX_set_alpn_select_cb(ctx, on_alpn, NULL);
    else if (SSL_CTX_set_alpn_protos(ctx, alpn_wire, (unsigned)alpn_wire_len) != 0)
        return ssl_fail("ALPN");
    return 0;
}

static int setup(const gt_peer_opts *o)
{
    opt = o;
    ctx = SSL_CTX_new(o->role == GT_PEER_SERVER ? TLS_server_method() : TLS_client_method());
    if (ctx == NULL) return ssl_fail("SSL_CTX_new");
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) != 1)
        return ssl_fail("TLS 1.2 pin");
    /* OpenSSL 3.0 refuses client-initiated renegotiation unless allowed;
     * it is always the secure kind (RFC 5746). */
    SSL_CTX_set_options(ctx, SSL_OP_ALLOW_CLIENT_RENEGOTIATION);
    if (o->no_ems) SSL_CTX_set_options(ctx, SSL_OP_NO_EXTENDED_MASTER_SECRET);
    if (set_names() != 0 || set_pki() != 0 || set_alpn() != 0) return GT_PEER_FAIL;
    set_resume();
    if (o->role == GT_PEER_SERVER && o->sni != NULL) {
        SSL_CTX_set_tlsext_servername_callback(ctx, on_sni);
    }
    if (o->keylog != NULL) SSL_CTX_set_keylog_callback(ctx, on_keylog);
    SSL_CTX_set_info_callback(ctx, on_info);
    SSL_CTX_set_msg_callback(ctx, on_msg);
    if (o->record_size >= 512 && SSL_CTX_set_max_send_fragment(ctx, o->record_size) != 1)
        return ssl_fail("max send fragment");
    return 0;
}

static int handshake(int fd, int index, gt_peer_wire *w, gt_peer_conn **out)
{
    gt_peer_conn *c = calloc(1, sizeof(*c));
    int rc;
    if (c == NULL || (c->ssl = SSL_new(ctx)) == NULL) return free(c), ssl_fail("SSL_new");
    *out = c;
    SSL_set_app_data(c->ssl, c);
    SSL_set_msg_callback_arg(c->ssl, w);
    if (SSL_set_fd(c->ssl, fd) != 1) return ssl_fail("SSL_set_fd");
    if (opt->role == GT_PEER_SERVER) {
        rc = SSL_accept(c->ssl);
    } else {
        if (opt->sni != NULL && (SSL_set_tlsext_host_name(c->ssl, opt->sni) != 1 ||
                                 SSL_set1_host(c->ssl, opt->sni) != 1))
            return ssl_fail("SNI");
        if (index > 0 && saved != NULL && SSL_set_session(c->ssl, saved) != 1)
            return ssl_fail("SSL_set_session");
        rc = SSL_connect(c->ssl);
    }
    if (rc != 1) {
        long v = SSL_get_verify_result(c->ssl);
        if (v != X509_V_OK)
            return gt_peer_errf("handshake: certificate verify: %s",
                                X509_verify_cert_error_string(v));
        return ssl_fail("handshake");
    }
    return 0;
}

static int info(gt_peer_conn *c, gt_peer_result *r)
{
    const unsigned char *a;
    unsigned int n;
    r->resumed = SSL_session_reused(c->ssl);
    SSL_get0_alpn_selected(c->ssl, &a, &n);
    gt_peer_result_alpn(r, a, n);
    if (opt->role == GT_PEER_SERVER) r->renegotiated = c->handshakes > 1;
    return 0;
}

static int renegotiate(gt_peer_conn *c)
{
    unsigned long e;
    if (SSL_renegotiate(c->ssl) == 1 && SSL_do_handshake(c->ssl) == 1) return GT_RENEG_DONE;
    e = ERR_peek_error();
    /* RFC 5246 §7.2.2: a no_renegotiation warning is the server's refusal,
     * which libssl turns into a fatal error; so is any alert the server
     * answers our ClientHello with (reasons from SSL_AD_REASON_OFFSET on). */
    if (ERR_GET_REASON(e) == SSL_R_NO_RENEGOTIATION ||
        ERR_GET_REASON(e) == SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED ||
        ERR_GET_REASON(e) >= SSL_AD_REASON_OFFSET) {
        fprintf(stderr, "renegotiation refused: %s\n", ERR_reason_error_string(e));
        ERR_clear_error();
        return GT_RENEG_REFUSED_DEAD;
    }
    ssl_fail("renegotiation");
    return GT_RENEG_ERR;
}

static int write_all(gt_peer_conn *c, const uint8_t *p, size_t n)
{
    if (SSL_write(c->ssl, p, (int)n) != (int)n) return ssl_fail("SSL_write");
    return 0;
}

static long read_some(gt_peer_conn *c, uint8_t *p, size_t cap)
{
    int n = SSL_read(c->ssl, p, (int)cap);
    if (n > 0) return n;
    switch (SSL_get_error(c->ssl, n)) {
    case SSL_ERROR_ZERO_RETURN:
        return GT_READ_NOTIFY;
    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error() == 0) /* TCP EOF or reset, no close_notify */
            return GT_READ_EOF;
        break;
    case SSL_ERROR_SSL:
        if (ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            ERR_clear_error();
            return GT_READ_EOF;
        }
        break;
    default:
        break;
    }
    ssl_fail("SSL_read");
    return GT_READ_ERR;
}

static int close_notify(gt_peer_conn *c)
{
    if (SSL_shutdown(c->ssl) < 0) return ssl_fail("SSL_shutdown");
    return 0;
}

static void conn_free(gt_peer_conn *c)
{
    if (opt->role == GT_PEER_CLIENT && saved == NULL && SSL_is_init_finished(c->ssl))
        saved = SSL_get1_session(c->ssl);
    SSL_free(c->ssl);
    free(c);
}

const gt_peer_lib gt_peer_adapter = {
    .name = "openssl",
    .version = version,
    .suites = suites,
    .groups = gt_peer_all_groups,
    .sigalgs = sigalgs,
    .features = gt_peer_all_features,
    .setup = setup,
    .handshake = handshake,
    .info = info,
    .renegotiate = renegotiate,
    .write = write_all,
    .read = read_some,
    .close_notify = close_notify,
    .free = conn_free,
};
