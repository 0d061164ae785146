/*
 * gt-peer-mbedtls: the peer contract (peers/README.md) on Debian's mbed TLS
 * 2.28, pinned to TLS 1.2 (version 3.3 both ends). Socket I/O through our
 * BIO callbacks feeds the wire observer; the NSS key log comes from the
 * export-keys callback, which runs at every key derivation (full, resumed
 * and renegotiated handshakes alike).
 */
#include "keylog.h"
#include "net.h"
#include "peer.h"
#include "suites.h"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h> /* error codes for the BIO callbacks */
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/version.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gt_peer_conn {
    mbedtls_ssl_context ssl;
    int fd;
    gt_peer_wire *w;
    int handshakes; /* key derivations: > 1 after a renegotiation */
    int sni_ok;     /* server: the SNI callback saw the expected name */
};

static const gt_peer_opts *opt;
static mbedtls_ssl_config conf;
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_x509_crt own_chain, ca_chain;
static mbedtls_pk_context own_key;
static mbedtls_ssl_cache_context cache;
static mbedtls_ssl_ticket_context tickets;
static mbedtls_ssl_session saved; /* client: session of connection 0 */
static int have_saved;
static int suite_list[2];
static mbedtls_ecp_group_id curve_list[4];
static int hash_list[8];
static const char *alpn_list[GT_PEER_MAX_LIST + 1];
static gt_peer_conn *current; /* the connection the callbacks belong to */

/* IANA code -> mbed TLS name (its ids are the IANA code points) */
static const gt_peer_suite_map suites[] = {
    {0xC02B, "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256", NULL},
    {0xC02C, "TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384", NULL},
    {0xCCA9, "TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256", NULL},
    {0xC02F, "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256", NULL},
    {0xC030, "TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384", NULL},
    {0xCCA8, "TLS-ECDHE-RSA-WITH-CHACHA20-POLY1305-SHA256", NULL},
    {0xC009, "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA", NULL},
    {0xC00A, "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA", NULL},
    {0xC023, "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA256", NULL},
    {0xC024, "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA384", NULL},
    {0xC013, "TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA", NULL},
    {0xC014, "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA", NULL},
    {0xC027, "TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA256", NULL},
    {0xC028, "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA384", NULL},
    {0x009C, "TLS-RSA-WITH-AES-128-GCM-SHA256", NULL},
    {0x009D, "TLS-RSA-WITH-AES-256-GCM-SHA384", NULL},
    {0x002F, "TLS-RSA-WITH-AES-128-CBC-SHA", NULL},
    {0x0035, "TLS-RSA-WITH-AES-256-CBC-SHA", NULL},
    {0x003C, "TLS-RSA-WITH-AES-128-CBC-SHA256", NULL},
    {0x003D, "TLS-RSA-WITH-AES-256-CBC-SHA256", NULL},
    {0, NULL, NULL},
};

static const struct {
    const char *name;
    mbedtls_ecp_group_id id;
} group_ids[] = {
    {"x25519", MBEDTLS_ECP_DP_CURVE25519},
    {"secp256r1", MBEDTLS_ECP_DP_SECP256R1},
    {"secp384r1", MBEDTLS_ECP_DP_SECP384R1},
};

/* mbed TLS 2.28 configures signature algorithms as a hash list only
 * (mbedtls_ssl_conf_sig_hashes); RSA signatures are PKCS#1 v1.5. */
static const struct {
    const char *name;
    int hash;
    int ecdsa;
} sigalg_hashes[] = {
    {"rsa_pkcs1_sha256", MBEDTLS_MD_SHA256, 0},
    {"rsa_pkcs1_sha384", MBEDTLS_MD_SHA384, 0},
    {"rsa_pkcs1_sha512", MBEDTLS_MD_SHA512, 0},
    {"rsa_pkcs1_sha1", MBEDTLS_MD_SHA1, 0},
    {"ecdsa_secp256r1_sha256", MBEDTLS_MD_SHA256, 1},
    {"ecdsa_secp384r1_sha384", MBEDTLS_MD_SHA384, 1},
    {"ecdsa_secp521r1_sha512", MBEDTLS_MD_SHA512, 1},
    {"ecdsa_sha1", MBEDTLS_MD_SHA1, 1},
};

#define NO_PSS "mbed TLS 2.28 has no RSA-PSS signatures in TLS 1.2"
static const gt_peer_cap sigalgs[] = {
    {"rsa_pkcs1_sha256", NULL},
    {"rsa_pkcs1_sha384", NULL},
    {"rsa_pkcs1_sha512", NULL},
    {"ecdsa_secp256r1_sha256", NULL},
    {"ecdsa_secp384r1_sha384", NULL},
    {"ecdsa_secp521r1_sha512", NULL},
    {"rsa_pss_rsae_sha256", NO_PSS},
    {"rsa_pss_rsae_sha384", NO_PSS},
    {"rsa_pss_rsae_sha512", NO_PSS},
    {"rsa_pkcs1_sha1", NULL},
    {"ecdsa_sha1", NULL},
    {NULL, NULL},
};

static const gt_peer_cap notes[] = {
    {"sigalgs-by-hash", "--sigalgs pins hashes only (mbedtls_ssl_conf_sig_hashes): a list that "
                        "names RSA but not ECDSA (or the reverse) for one hash is refused where "
                        "it would be sent (client, or server with client auth)"},
    {"server:sni", "an absent server_name is detected after the handshake (the SNI callback only "
                   "runs when the extension is present); the server then sends "
                   "unrecognized_name and fails"},
    {"ocsp-stapling", "not in mbed TLS 2.28"},
    {NULL, NULL},
};

static const char *version(void)
{
    static char v[18];
    mbedtls_version_get_string(v);
    return v;
}

static int tls_fail(const char *what, int ret)
{
    char buf[160];
    mbedtls_strerror(ret, buf, sizeof(buf));
    return gt_peer_errf("%s: %s (-0x%04x)", what, buf, (unsigned)-ret);
}

/* A hash-only list widens e.g. {rsa_pkcs1_sha256} to ecdsa+sha256 too:
 * refuse where the list goes on the wire, rather than send something else. */
static int check(const gt_peer_opts *o)
{
    int on_wire = o->role == GT_PEER_CLIENT || o->client_auth != GT_CAUTH_NONE;
    for (size_t i = 0; on_wire && i < o->n_sigalgs; i++) {
        int hash = 0, kinds = 0;
        for (size_t k = 0; k < sizeof(sigalg_hashes) / sizeof(sigalg_hashes[0]); k++)
            if (strcmp(sigalg_hashes[k].name, o->sigalgs[i]) == 0) hash = sigalg_hashes[k].hash;
        for (size_t j = 0; j < o->n_sigalgs; j++)
            for (size_t k = 0; k < sizeof(sigalg_hashes) / sizeof(sigalg_hashes[0]); k++)
                if (strcmp(sigalg_hashes[k].name, o->sigalgs[j]) == 0 &&
                    sigalg_hashes[k].hash == hash)
                    kinds |= 1 << sigalg_hashes[k].ecdsa;
        if (kinds != 3) return gt_peer_skipf("mbedtls: sigalgs-by-hash: %s", notes[0].why_not);
    }
    return 0;
}

static int io_send(void *p, const unsigned char *buf, size_t n)
{
    gt_peer_conn *c = p;
    ssize_t k = gt_peer_send(c->fd, c->w, buf, n);
    if (k > 0) return (int)k;
    return errno == EPIPE || errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET
                                                 : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int io_recv(void *p, unsigned char *buf, size_t n)
{
    gt_peer_conn *c = p;
    ssize_t k = gt_peer_recv(c->fd, c->w, buf, n);
    if (k >= 0) return (int)k; /* 0: EOF */
    return errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
}

/* Runs at each key derivation of the current connection. */
static int on_keys(void *p, const unsigned char *ms, const unsigned char *kb, size_t maclen,
                   size_t keylen, size_t ivlen, const unsigned char client_random[32],
                   const unsigned char server_random[32], mbedtls_tls_prf_types prf)
{
    (void)p, (void)kb, (void)maclen, (void)keylen, (void)ivlen, (void)server_random, (void)prf;
    if (current != NULL) current->handshakes++;
    if (opt->keylog != NULL && gt_peer_keylog(opt->keylog, client_random, ms, 48) != 0)
        fprintf(stderr, "keylog: %s\n", gt_peer_err());
    return 0;
}

/* --sni on a server (RFC 6066 §3): a different name is refused here. */
static int on_sni(void *p, mbedtls_ssl_context *ssl, const unsigned char *name, size_t len)
{
    (void)p, (void)ssl;
    if (len == strlen(opt->sni) && memcmp(name, opt->sni, len) == 0) {
        current->sni_ok = 1;
        return 0;
    }
    fprintf(stderr, "server_name is not '%s'\n", opt->sni);
    return -1; /* mbed TLS answers unrecognized_name */
}

static int load_pki(void)
{
    int ret;
    if (opt->cert != NULL && ((ret = mbedtls_x509_crt_parse_file(&own_chain, opt->cert)) != 0 ||
                              (ret = mbedtls_pk_parse_keyfile(&own_key, opt->key, NULL)) != 0 ||
                              (ret = mbedtls_ssl_conf_own_cert(&conf, &own_chain, &own_key)) != 0))
        return tls_fail("certificate/key", ret);
    if (opt->ca != NULL) {
        if ((ret = mbedtls_x509_crt_parse_file(&ca_chain, opt->ca)) != 0)
            return tls_fail("CA file", ret);
        mbedtls_ssl_conf_ca_chain(&conf, &ca_chain, NULL);
    }
    if (opt->role == GT_PEER_SERVER) {
        static const int modes[] = {MBEDTLS_SSL_VERIFY_NONE, MBEDTLS_SSL_VERIFY_OPTIONAL,
                                    MBEDTLS_SSL_VERIFY_REQUIRED};
        mbedtls_ssl_conf_authmode(&conf, modes[opt->client_auth]);
    } else {
        mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    }
    return 0;
}

/* Suite, groups (the contract's three when not pinned), hashes. */
static void set_names(void)
{
    size_t n = 0;
    if (opt->suite != NULL) {
        suite_list[0] = gt_peer_suite_by_name(opt->suite)->code;
        mbedtls_ssl_conf_ciphersuites(&conf, suite_list);
    }
    for (size_t i = 0; i < sizeof(group_ids) / sizeof(group_ids[0]); i++)
        if (opt->group == NULL || strcmp(opt->group, group_ids[i].name) == 0)
            curve_list[n++] = group_ids[i].id;
    curve_list[n] = MBEDTLS_ECP_DP_NONE;
    mbedtls_ssl_conf_curves(&conf, curve_list);
    n = 0;
    for (size_t i = 0; i < opt->n_sigalgs; i++)
        for (size_t k = 0; k < sizeof(sigalg_hashes) / sizeof(sigalg_hashes[0]); k++) {
            int dup = 0;
            if (strcmp(sigalg_hashes[k].name, opt->sigalgs[i]) != 0) continue;
            for (size_t j = 0; j < n; j++)
                dup |= hash_list[j] == sigalg_hashes[k].hash;
            if (!dup && n + 1 < sizeof(hash_list) / sizeof(hash_list[0]))
                hash_list[n++] = sigalg_hashes[k].hash;
        }
    hash_list[n] = MBEDTLS_MD_NONE;
    if (opt->n_sigalgs > 0) mbedtls_ssl_conf_sig_hashes(&conf, hash_list);
}

/* Session cache or tickets, never both (as in the other peers). */
static int set_resume(void)
{
    int ret;
    if (opt->role == GT_PEER_CLIENT) {
        mbedtls_ssl_conf_session_tickets(&conf, opt->resume == GT_RESUME_ID
                                                    ? MBEDTLS_SSL_SESSION_TICKETS_DISABLED
                                                    : MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
        return 0;
    }
    if (opt->resume == GT_RESUME_ID) {
        mbedtls_ssl_cache_init(&cache);
        mbedtls_ssl_conf_session_cache(&conf, &cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
    }
    if (opt->resume == GT_RESUME_TICKET) {
        mbedtls_ssl_ticket_init(&tickets);
        if ((ret = mbedtls_ssl_ticket_setup(&tickets, mbedtls_ctr_drbg_random, &drbg,
                                            MBEDTLS_CIPHER_AES_256_GCM, 86400)) != 0)
            return tls_fail("ticket setup", ret);
        mbedtls_ssl_conf_session_tickets_cb(&conf, mbedtls_ssl_ticket_write,
                                            mbedtls_ssl_ticket_parse, &tickets);
    }
    return 0;
}

static int setup(const gt_peer_opts *o)
{
    int ret;
    opt = o;
    mbedtls_ssl_config_init(&conf);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_x509_crt_init(&own_chain);
    mbedtls_x509_crt_init(&ca_chain);
    mbedtls_pk_init(&own_key);
    mbedtls_ssl_session_init(&saved);
    if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0)) != 0)
        return tls_fail("DRBG seed", ret);
    if ((ret = mbedtls_ssl_config_defaults(
             &conf, o->role == GT_PEER_SERVER ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
             MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT)) != 0)
        return tls_fail("config defaults", ret);
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    /* TLS 1.2 is protocol version 3.3 (RFC 5246 §6.2.1) */
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_extended_master_secret(&conf, o->no_ems ? MBEDTLS_SSL_EXTENDED_MS_DISABLED
                                                             : MBEDTLS_SSL_EXTENDED_MS_ENABLED);
    /* secure renegotiation only (RFC 5746), the library default */
    mbedtls_ssl_conf_renegotiation(&conf, MBEDTLS_SSL_RENEGOTIATION_ENABLED);
    mbedtls_ssl_conf_export_keys_ext_cb(&conf, on_keys, NULL);
    if (o->n_alpn > 0) {
        memcpy(alpn_list, o->alpn, o->n_alpn * sizeof(alpn_list[0]));
        alpn_list[o->n_alpn] = NULL;
        if ((ret = mbedtls_ssl_conf_alpn_protocols(&conf, alpn_list)) != 0)
            return tls_fail("ALPN", ret);
    }
    if (o->role == GT_PEER_SERVER && o->sni != NULL) mbedtls_ssl_conf_sni(&conf, on_sni, NULL);
    set_names();
    return load_pki() != 0 || set_resume() != 0 ? GT_PEER_FAIL : 0;
}

static int run_handshake(gt_peer_conn *c)
{
    int ret;
    do {
        ret = mbedtls_ssl_handshake(&c->ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret != 0) {
        uint32_t flags = mbedtls_ssl_get_verify_result(&c->ssl);
        if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && flags != 0) {
            char buf[256];
            mbedtls_x509_crt_verify_info(buf, sizeof(buf), "", flags);
            return gt_peer_errf("handshake: certificate verify: %s", buf);
        }
        /* RFC 5246 §7.4.6: mbed TLS 2.28 closes without an alert here */
        if (ret == MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE)
            mbedtls_ssl_send_alert_message(&c->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                           MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE);
        return tls_fail("handshake", ret);
    }
    return 0;
}

/* After the handshake: what VERIFY_OPTIONAL and the SNI callback leave to
 * the application. */
static int server_checks(gt_peer_conn *c)
{
    if (opt->client_auth != GT_CAUTH_NONE && mbedtls_ssl_get_peer_cert(&c->ssl) != NULL &&
        mbedtls_ssl_get_verify_result(&c->ssl) != 0) {
        mbedtls_ssl_send_alert_message(&c->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                       MBEDTLS_SSL_ALERT_MSG_BAD_CERT);
        return gt_peer_errf("client certificate does not verify");
    }
    if (opt->sni != NULL && !c->sni_ok) {
        mbedtls_ssl_send_alert_message(&c->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                       MBEDTLS_SSL_ALERT_MSG_UNRECOGNIZED_NAME);
        return gt_peer_errf("client sent no server_name (--sni %s)", opt->sni);
    }
    return 0;
}

static int handshake(int fd, int index, gt_peer_wire *w, gt_peer_conn **out)
{
    gt_peer_conn *c = calloc(1, sizeof(*c));
    int ret;
    if (c == NULL) return gt_peer_errf("out of memory");
    *out = current = c;
    c->fd = fd;
    c->w = w;
    mbedtls_ssl_init(&c->ssl);
    if ((ret = mbedtls_ssl_setup(&c->ssl, &conf)) != 0) return tls_fail("mbedtls_ssl_setup", ret);
    mbedtls_ssl_set_bio(&c->ssl, c, io_send, io_recv, NULL);
    if (opt->role == GT_PEER_CLIENT) {
        /* sets server_name and the name the certificate must match */
        if (opt->sni != NULL && (ret = mbedtls_ssl_set_hostname(&c->ssl, opt->sni)) != 0)
            return tls_fail("SNI", ret);
        if (index > 0 && have_saved && (ret = mbedtls_ssl_set_session(&c->ssl, &saved)) != 0)
            return tls_fail("mbedtls_ssl_set_session", ret);
    }
    if (run_handshake(c) != 0) return GT_PEER_FAIL;
    if (opt->role == GT_PEER_SERVER) return server_checks(c);
    if (!have_saved && (ret = mbedtls_ssl_get_session(&c->ssl, &saved)) == 0) have_saved = 1;
    return 0;
}

static int info(gt_peer_conn *c, gt_peer_result *r)
{
    const char *a = mbedtls_ssl_get_alpn_protocol(&c->ssl);
    /* mbed TLS 2.28 has no "was this resumed" getter: the wire observer
     * tells (an abbreviated handshake has no ServerHelloDone). */
    r->resumed = c->w->server_hello && !c->w->hello_done;
    gt_peer_result_alpn(r, a, a != NULL ? strlen(a) : 0);
    if (opt->role == GT_PEER_SERVER) r->renegotiated = c->handshakes > 1;
    return 0;
}

static int renegotiate(gt_peer_conn *c)
{
    int ret;
    do {
        ret = mbedtls_ssl_renegotiate(&c->ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret == 0) return GT_RENEG_DONE;
    /* mbed TLS reports a server that answered with no_renegotiation (and
     * kept the connection) as "still waiting for the renegotiation
     * ServerHello": that is the server's refusal, after which mbed TLS 2.28
     * cannot use the connection any more (every write fails with the same
     * code), so it is reported like a refusal that ended the connection. */
    if (ret == MBEDTLS_ERR_SSL_WAITING_SERVER_HELLO_RENEGO) return GT_RENEG_REFUSED_DEAD;
    tls_fail("renegotiation", ret);
    fprintf(stderr, "renegotiation: %s\n", gt_peer_err());
    /* the server answered with an alert or closed: its refusal */
    if (ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE || ret == MBEDTLS_ERR_SSL_CONN_EOF ||
        ret == MBEDTLS_ERR_NET_CONN_RESET || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
        return GT_RENEG_REFUSED_DEAD;
    return GT_RENEG_ERR;
}

static int write_all(gt_peer_conn *c, const uint8_t *p, size_t n)
{
    size_t done = 0;
    while (done < n) {
        int ret = mbedtls_ssl_write(&c->ssl, p + done, n - done);
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
        if (ret < 0) return tls_fail("mbedtls_ssl_write", ret);
        done += (size_t)ret;
    }
    return 0;
}

static long read_some(gt_peer_conn *c, uint8_t *p, size_t cap)
{
    for (;;) {
        int ret = mbedtls_ssl_read(&c->ssl, p, cap);
        if (ret > 0) return ret;
        if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) return GT_READ_NOTIFY;
        if (ret == 0 || ret == MBEDTLS_ERR_SSL_CONN_EOF || ret == MBEDTLS_ERR_NET_CONN_RESET)
            return GT_READ_EOF;
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
            continue; /* e.g. a renegotiation was just completed */
        tls_fail("mbedtls_ssl_read", ret);
        return GT_READ_ERR;
    }
}

static int send_close(gt_peer_conn *c)
{
    int ret;
    do {
        ret = mbedtls_ssl_close_notify(&c->ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    return ret != 0 ? tls_fail("close_notify", ret) : 0;
}

static void conn_free(gt_peer_conn *c)
{
    mbedtls_ssl_free(&c->ssl);
    if (current == c) current = NULL;
    free(c);
}

const gt_peer_lib gt_peer_adapter = {
    .name = "mbedtls",
    .version = version,
    .suites = suites,
    .groups = gt_peer_all_groups,
    .sigalgs = sigalgs,
    .features = gt_peer_all_features,
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
