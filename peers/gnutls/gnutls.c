/*
 * gt-peer-gnutls: the peer contract (peers/README.md) on the GnuTLS 3.7
 * library (not gnutls-serv/gnutls-cli: their options cannot pin one group
 * and report what was negotiated). Everything negotiable is pinned with a
 * priority string built from the options, always limited to TLS 1.2. The
 * socket I/O goes through push/pull functions that feed the wire observer.
 */
#include "keylog.h"
#include "net.h"
#include "peer.h"
#include "suites.h"

#include <errno.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gt_peer_conn {
    gnutls_session_t s;
    int fd;
    gt_peer_wire *w;
    int rehandshakes; /* server: renegotiations accepted */
};

static const gt_peer_opts *opt;
static gnutls_certificate_credentials_t cred;
static gnutls_datum_t ticket_key;
static gnutls_datum_t saved; /* client: session data of connection 0 */
static char prio[1024];

/* IANA suite -> the priority-string items selecting exactly it */
static const gt_peer_suite_map suites[] = {
    {0xC02B, "+ECDHE-ECDSA:+AES-128-GCM:+AEAD", NULL},
    {0xC02C, "+ECDHE-ECDSA:+AES-256-GCM:+AEAD", NULL},
    {0xCCA9, "+ECDHE-ECDSA:+CHACHA20-POLY1305:+AEAD", NULL},
    {0xC02F, "+ECDHE-RSA:+AES-128-GCM:+AEAD", NULL},
    {0xC030, "+ECDHE-RSA:+AES-256-GCM:+AEAD", NULL},
    {0xCCA8, "+ECDHE-RSA:+CHACHA20-POLY1305:+AEAD", NULL},
    {0xC009, "+ECDHE-ECDSA:+AES-128-CBC:+SHA1", NULL},
    {0xC00A, "+ECDHE-ECDSA:+AES-256-CBC:+SHA1", NULL},
    {0xC023, "+ECDHE-ECDSA:+AES-128-CBC:+SHA256", NULL},
    {0xC024, "+ECDHE-ECDSA:+AES-256-CBC:+SHA384", NULL},
    {0xC013, "+ECDHE-RSA:+AES-128-CBC:+SHA1", NULL},
    {0xC014, "+ECDHE-RSA:+AES-256-CBC:+SHA1", NULL},
    {0xC027, "+ECDHE-RSA:+AES-128-CBC:+SHA256", NULL},
    {0xC028, "+ECDHE-RSA:+AES-256-CBC:+SHA384", NULL},
    {0x009C, "+RSA:+AES-128-GCM:+AEAD", NULL},
    {0x009D, "+RSA:+AES-256-GCM:+AEAD", NULL},
    {0x002F, "+RSA:+AES-128-CBC:+SHA1", NULL},
    {0x0035, "+RSA:+AES-256-CBC:+SHA1", NULL},
    {0x003C, "+RSA:+AES-128-CBC:+SHA256", NULL},
    {0x003D, "+RSA:+AES-256-CBC:+SHA256", NULL},
    {0, NULL, NULL},
};

static const char *const group_names[][2] = {
    {"x25519", "+GROUP-X25519"},
    {"secp256r1", "+GROUP-SECP256R1"},
    {"secp384r1", "+GROUP-SECP384R1"},
};

/* TLS 1.2 reads ecdsa_secp256r1_sha256 as (sha256, ecdsa) for any curve,
 * which GnuTLS calls SIGN-ECDSA-SHA256 (the -SECPxxxR1- names are 1.3). */
static const char *const sigalg_names[][2] = {
    {"rsa_pkcs1_sha256", "+SIGN-RSA-SHA256"},
    {"rsa_pkcs1_sha384", "+SIGN-RSA-SHA384"},
    {"rsa_pkcs1_sha512", "+SIGN-RSA-SHA512"},
    {"ecdsa_secp256r1_sha256", "+SIGN-ECDSA-SHA256"},
    {"ecdsa_secp384r1_sha384", "+SIGN-ECDSA-SHA384"},
    {"ecdsa_secp521r1_sha512", "+SIGN-ECDSA-SHA512"},
    {"rsa_pss_rsae_sha256", "+SIGN-RSA-PSS-RSAE-SHA256"},
    {"rsa_pss_rsae_sha384", "+SIGN-RSA-PSS-RSAE-SHA384"},
    {"rsa_pss_rsae_sha512", "+SIGN-RSA-PSS-RSAE-SHA512"},
    {"rsa_pkcs1_sha1", "+SIGN-RSA-SHA1"},
    {"ecdsa_sha1", "+SIGN-ECDSA-SHA1"},
};

static const char *version(void)
{
    return gnutls_check_version(NULL);
}

static int tls_fail(const char *what, gnutls_session_t s, int ret)
{
    if (s != NULL &&
        (ret == GNUTLS_E_FATAL_ALERT_RECEIVED || ret == GNUTLS_E_WARNING_ALERT_RECEIVED))
        return gt_peer_errf("%s: %s (%s)", what, gnutls_strerror(ret),
                            gnutls_alert_get_name(gnutls_alert_get(s)));
    if (s != NULL && ret == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR) {
        gnutls_datum_t txt = {NULL, 0};
        gnutls_certificate_verification_status_print(gnutls_session_get_verify_cert_status(s),
                                                     GNUTLS_CRT_X509, &txt, 0);
        gt_peer_errf("%s: %s", what, txt.data != NULL ? (char *)txt.data : gnutls_strerror(ret));
        gnutls_free(txt.data);
        return GT_PEER_FAIL;
    }
    return gt_peer_errf("%s: %s", what, gnutls_strerror(ret));
}

static void add(const char *item)
{
    strncat(prio, item, sizeof(prio) - strlen(prio) - 1);
}

/* The priority string: TLS 1.2 only, then each pinned dimension replaced. */
static int build_priority(void)
{
    char list[512];
    strcpy(prio, "NORMAL:-VERS-ALL:+VERS-TLS1.2");
    if (opt->suite != NULL) {
        add(":-KX-ALL:-CIPHER-ALL:-MAC-ALL:");
        add(gt_peer_map_suite(suites, opt->suite));
    }
    if (opt->group != NULL) {
        add(":-GROUP-ALL:");
        add(GT_PEER_MAP_NAME(group_names, opt->group));
    }
    if (opt->n_sigalgs > 0) {
        if (gt_peer_join(list, sizeof(list), opt->sigalgs, opt->n_sigalgs, ":", sigalg_names,
                         sizeof(sigalg_names) / sizeof(sigalg_names[0])) != 0)
            return GT_PEER_FAIL;
        add(":-SIGN-ALL:");
        add(list);
    }
    if (opt->no_ems) add(":%NO_SESSION_HASH"); /* RFC 7627 off */
    return 0;
}

static int setup(const gt_peer_opts *o)
{
    int ret;
    opt = o;
    if ((ret = gnutls_global_init()) < 0 ||
        (ret = gnutls_certificate_allocate_credentials(&cred)) < 0)
        return tls_fail("init", NULL, ret);
    if (o->cert != NULL && (ret = gnutls_certificate_set_x509_key_file(cred, o->cert, o->key,
                                                                       GNUTLS_X509_FMT_PEM)) < 0)
        return tls_fail("certificate/key", NULL, ret);
    if (o->ca != NULL &&
        (ret = gnutls_certificate_set_x509_trust_file(cred, o->ca, GNUTLS_X509_FMT_PEM)) < 0)
        return tls_fail("CA file", NULL, ret);
    if (o->role == GT_PEER_SERVER && o->resume == GT_RESUME_TICKET &&
        (ret = gnutls_session_ticket_key_generate(&ticket_key)) < 0)
        return tls_fail("ticket key", NULL, ret);
    if (build_priority() != 0) return GT_PEER_FAIL;
    fprintf(stderr, "gnutls priority: %s\n", prio);
    return 0;
}

/* Server session cache for --resume id (GnuTLS leaves storage to the
 * application): a few slots, overwritten round-robin. */
#define DB_SLOTS 8
static struct {
    gnutls_datum_t key, data;
} db[DB_SLOTS];
static size_t db_next;

static int db_store(void *p, gnutls_datum_t key, gnutls_datum_t data)
{
    size_t i = db_next++ % DB_SLOTS;
    (void)p;
    free(db[i].key.data);
    free(db[i].data.data);
    db[i].key.data = malloc(key.size);
    db[i].data.data = malloc(data.size);
    if (db[i].key.data == NULL || db[i].data.data == NULL) return -1;
    memcpy(db[i].key.data, key.data, key.size);
    memcpy(db[i].data.data, data.data, data.size);
    db[i].key.size = key.size;
    db[i].data.size = data.size;
    return 0;
}

static int db_find(gnutls_datum_t key)
{
    for (int i = 0; i < DB_SLOTS; i++)
        if (db[i].key.data != NULL && db[i].key.size == key.size &&
            memcmp(db[i].key.data, key.data, key.size) == 0)
            return i;
    return -1;
}

static gnutls_datum_t db_fetch(void *p, gnutls_datum_t key)
{
    gnutls_datum_t out = {NULL, 0};
    int i = db_find(key);
    (void)p;
    if (i < 0 || (out.data = gnutls_malloc(db[i].data.size)) == NULL) return out;
    memcpy(out.data, db[i].data.data, db[i].data.size);
    out.size = db[i].data.size;
    return out;
}

static int db_remove(void *p, gnutls_datum_t key)
{
    int i = db_find(key);
    (void)p;
    if (i < 0) return -1;
    free(db[i].key.data);
    db[i].key.data = NULL;
    return 0;
}

static ssize_t io_push(gnutls_transport_ptr_t p, const void *buf, size_t n)
{
    gt_peer_conn *c = p;
    ssize_t k = gt_peer_send(c->fd, c->w, buf, n);
    if (k <= 0) gnutls_transport_set_errno(c->s, errno);
    return k;
}

static ssize_t io_pull(gnutls_transport_ptr_t p, void *buf, size_t n)
{
    gt_peer_conn *c = p;
    ssize_t k = gt_peer_recv(c->fd, c->w, buf, n);
    if (k < 0) gnutls_transport_set_errno(c->s, errno);
    return k;
}

static int io_pull_timeout(gnutls_transport_ptr_t p, unsigned int ms)
{
    gt_peer_conn *c = p;
    struct pollfd pfd = {c->fd, POLLIN, 0};
    int r;
    do {
        r = poll(&pfd, 1, ms == GNUTLS_INDEFINITE_TIMEOUT ? -1 : (int)ms);
    } while (r < 0 && errno == EINTR);
    return r;
}

/* --sni on a server: the name must be present and equal (RFC 6066 §3). */
static int on_client_hello(gnutls_session_t s)
{
    char name[256];
    size_t len = sizeof(name);
    unsigned int type;
    if (gnutls_server_name_get(s, name, &len, &type, 0) == 0 && type == GNUTLS_NAME_DNS &&
        strcmp(name, opt->sni) == 0)
        return 0;
    fprintf(stderr, "server_name absent or not '%s'\n", opt->sni);
    return GNUTLS_E_UNRECOGNIZED_NAME;
}

/* NSS key log, written after every handshake (full, resumed, or a
 * renegotiation): GnuTLS 3.7's keylog hook is not called for a resumed
 * TLS 1.2 handshake, which reuses the master secret with a new random. */
static int keylog(gt_peer_conn *c)
{
    gnutls_datum_t cr, sr, ms;
    if (opt->keylog == NULL) return 0;
    gnutls_session_get_random(c->s, &cr, &sr);
    gnutls_session_get_master_secret(c->s, &ms);
    if (cr.size != 32 || ms.size != 48)
        return gt_peer_errf("keylog: no client random / master secret");
    return gt_peer_keylog(opt->keylog, cr.data, ms.data, ms.size);
}

/* GnuTLS leaves the alert for a failed handshake to the application. */
static int hs_fail(const char *what, gt_peer_conn *c, int ret)
{
    tls_fail(what, c->s, ret);
    if (ret != GNUTLS_E_FATAL_ALERT_RECEIVED && ret != GNUTLS_E_PREMATURE_TERMINATION)
        (void)gnutls_alert_send_appropriate(c->s, ret);
    return GT_PEER_FAIL;
}

/* A server verifies a client certificate when one was sent: with
 * --client-auth request, sending none is fine (RFC 5246 §7.4.6). */
static int verify_client(gt_peer_conn *c)
{
    unsigned int n = 0, status = 0;
    int ret;
    if (opt->role != GT_PEER_SERVER || opt->client_auth == GT_CAUTH_NONE ||
        gnutls_certificate_get_peers(c->s, &n) == NULL || n == 0)
        return 0;
    ret = gnutls_certificate_verify_peers3(c->s, NULL, &status);
    if (ret < 0 || status != 0) {
        gnutls_alert_send(c->s, GNUTLS_AL_FATAL, GNUTLS_A_BAD_CERTIFICATE);
        return gt_peer_errf("client certificate does not verify (status 0x%x)", status);
    }
    return 0;
}

static int set_alpn(gt_peer_conn *c)
{
    gnutls_datum_t p[GT_PEER_MAX_LIST];
    unsigned flags = 0;
    if (opt->n_alpn == 0) return 0;
    for (size_t i = 0; i < opt->n_alpn; i++) {
        p[i].data = (unsigned char *)opt->alpn[i];
        p[i].size = (unsigned)strlen(opt->alpn[i]);
    }
    /* RFC 7301 §3.2: server preference, and no overlap is fatal */
    if (opt->role == GT_PEER_SERVER) flags = GNUTLS_ALPN_SERVER_PRECEDENCE | GNUTLS_ALPN_MANDATORY;
    int ret = gnutls_alpn_set_protocols(c->s, p, (unsigned)opt->n_alpn, flags);
    return ret < 0 ? tls_fail("ALPN", NULL, ret) : 0;
}

static int server_options(gt_peer_conn *c)
{
    int ret = 0;
    static const gnutls_certificate_request_t req[] = {GNUTLS_CERT_IGNORE, GNUTLS_CERT_REQUEST,
                                                       GNUTLS_CERT_REQUIRE};
    gnutls_certificate_server_set_request(c->s, req[opt->client_auth]);
    if (opt->resume == GT_RESUME_ID) {
        gnutls_db_set_retrieve_function(c->s, db_fetch);
        gnutls_db_set_store_function(c->s, db_store);
        gnutls_db_set_remove_function(c->s, db_remove);
        gnutls_db_set_ptr(c->s, NULL);
    }
    if (opt->resume == GT_RESUME_TICKET)
        ret = gnutls_session_ticket_enable_server(c->s, &ticket_key);
    if (opt->sni != NULL) gnutls_handshake_set_post_client_hello_function(c->s, on_client_hello);
    return ret < 0 ? tls_fail("server options", NULL, ret) : 0;
}

static int client_options(gt_peer_conn *c, int index)
{
    int ret = 0;
    if (opt->sni != NULL)
        ret = gnutls_server_name_set(c->s, GNUTLS_NAME_DNS, opt->sni, strlen(opt->sni));
    if (ret == 0 && index > 0 && saved.data != NULL)
        ret = gnutls_session_set_data(c->s, saved.data, saved.size);
    return ret < 0 ? tls_fail("client options", NULL, ret) : 0;
}

static int new_session(gt_peer_conn *c, int index)
{
    unsigned flags = opt->role == GT_PEER_SERVER ? GNUTLS_SERVER : GNUTLS_CLIENT;
    const char *err = NULL;
    int ret;
    /* --resume id on a client: no SessionTicket extension (RFC 5077 §3.2),
     * so only the session ID can resume. */
    if (opt->role == GT_PEER_CLIENT && opt->resume != GT_RESUME_TICKET) flags |= GNUTLS_NO_TICKETS;
    if ((ret = gnutls_init(&c->s, flags)) < 0) return tls_fail("gnutls_init", NULL, ret);
    if ((ret = gnutls_priority_set_direct(c->s, prio, &err)) < 0)
        return gt_peer_errf("priority string error at '%s': %s", err ? err : "?",
                            gnutls_strerror(ret));
    if ((ret = gnutls_credentials_set(c->s, GNUTLS_CRD_CERTIFICATE, cred)) < 0)
        return tls_fail("credentials", NULL, ret);
    /* The client always verifies the server (the name only with --sni). */
    if (opt->role == GT_PEER_CLIENT) gnutls_session_set_verify_cert(c->s, opt->sni, 0);
    gnutls_transport_set_ptr(c->s, c);
    gnutls_transport_set_push_function(c->s, io_push);
    gnutls_transport_set_pull_function(c->s, io_pull);
    gnutls_transport_set_pull_timeout_function(c->s, io_pull_timeout);

    if (set_alpn(c) != 0) return GT_PEER_FAIL;
    return opt->role == GT_PEER_SERVER ? server_options(c) : client_options(c, index);
}

static int handshake(int fd, int index, gt_peer_wire *w, gt_peer_conn **out)
{
    gt_peer_conn *c = calloc(1, sizeof(*c));
    int ret;
    if (c == NULL) return gt_peer_errf("out of memory");
    *out = c;
    c->fd = fd;
    c->w = w;
    if (new_session(c, index) != 0) return GT_PEER_FAIL;
    do {
        ret = gnutls_handshake(c->s);
    } while (ret < 0 && !gnutls_error_is_fatal(ret) && ret != GNUTLS_E_WARNING_ALERT_RECEIVED);
    if (ret < 0) return hs_fail("handshake", c, ret);
    if (verify_client(c) != 0) return GT_PEER_FAIL;
    return keylog(c);
}

static int info(gt_peer_conn *c, gt_peer_result *r)
{
    gnutls_datum_t p;
    r->resumed = gnutls_session_is_resumed(c->s) != 0;
    if (gnutls_alpn_get_selected_protocol(c->s, &p) == 0) gt_peer_result_alpn(r, p.data, p.size);
    if (opt->role == GT_PEER_SERVER) r->renegotiated = c->rehandshakes > 0;
    return 0;
}

/* RFC 5746: GnuTLS renegotiates only securely (%SAFE_RENEGOTIATION is the
 * default). A no_renegotiation warning leaves the connection usable. */
static int renegotiate(gt_peer_conn *c)
{
    int ret;
    do {
        ret = gnutls_handshake(c->s);
    } while (ret < 0 && !gnutls_error_is_fatal(ret) && ret != GNUTLS_E_WARNING_ALERT_RECEIVED);
    if (ret == 0) return keylog(c) == 0 ? GT_RENEG_DONE : GT_RENEG_ERR;
    fprintf(stderr, "renegotiation: %s\n", gnutls_strerror(ret));
    if (ret == GNUTLS_E_WARNING_ALERT_RECEIVED) return GT_RENEG_REFUSED;
    if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED || ret == GNUTLS_E_SAFE_RENEGOTIATION_FAILED ||
        ret == GNUTLS_E_UNSAFE_RENEGOTIATION_DENIED)
        return GT_RENEG_REFUSED_DEAD;
    tls_fail("renegotiation", c->s, ret);
    return GT_RENEG_ERR;
}

static int write_all(gt_peer_conn *c, const uint8_t *p, size_t n)
{
    ssize_t ret;
    do {
        ret = gnutls_record_send(c->s, p, n);
    } while (ret == GNUTLS_E_AGAIN || ret == GNUTLS_E_INTERRUPTED);
    if (ret != (ssize_t)n) return tls_fail("gnutls_record_send", c->s, (int)ret);
    return 0;
}

static long read_some(gt_peer_conn *c, uint8_t *p, size_t cap)
{
    for (;;) {
        ssize_t n = gnutls_record_recv(c->s, p, cap);
        if (n > 0) return (long)n;
        if (n == 0) return GT_READ_NOTIFY;
        if (n == GNUTLS_E_PREMATURE_TERMINATION) return GT_READ_EOF;
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) continue;
        if (n == GNUTLS_E_REHANDSHAKE && opt->role == GT_PEER_SERVER) {
            /* a client-initiated renegotiation: accept it */
            int ret;
            do {
                ret = gnutls_handshake(c->s);
            } while (ret < 0 && !gnutls_error_is_fatal(ret));
            if (ret < 0) return hs_fail("renegotiation", c, ret), GT_READ_ERR;
            if (verify_client(c) != 0 || keylog(c) != 0) return GT_READ_ERR;
            c->rehandshakes++;
            continue;
        }
        tls_fail("gnutls_record_recv", c->s, (int)n);
        return GT_READ_ERR;
    }
}

static int send_close(gt_peer_conn *c)
{
    int ret = gnutls_bye(c->s, GNUTLS_SHUT_WR);
    return ret < 0 ? tls_fail("gnutls_bye", c->s, ret) : 0;
}

static void conn_free(gt_peer_conn *c)
{
    if (opt->role == GT_PEER_CLIENT && saved.data == NULL && c->s != NULL &&
        gnutls_session_get_data2(c->s, &saved) < 0)
        saved.data = NULL;
    if (c->s != NULL) gnutls_deinit(c->s);
    free(c);
}

const gt_peer_lib gt_peer_adapter = {
    .name = "gnutls",
    .version = version,
    .suites = suites,
    .groups = gt_peer_all_groups,
    .sigalgs = gt_peer_all_sigalgs,
    .features = gt_peer_all_features,
    .setup = setup,
    .handshake = handshake,
    .info = info,
    .renegotiate = renegotiate,
    .write = write_all,
    .read = read_some,
    .close_notify = send_close,
    .free = conn_free,
};
