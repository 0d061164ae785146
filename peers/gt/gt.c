/* gt-peer-gt: the implementation under test behind the reference-peer
 * contract (peers/README.md), so the interop runner meets it like any
 * library. Options, RESULT lines, the connection script and the wire
 * observer are peers/common/; sockets are driven by harness/net and the
 * configuration is built by harness/tools, exactly as for gt-server and
 * gt-client.
 *
 * What the engine does now (issue 6, part 1): the ECDHE AEAD suites,
 * x25519/secp256r1/secp384r1, ALPN, SNI, EMS on and off, close_notify,
 * record sizes, key log. Renegotiation is refused by design in both roles
 * (RFC 5746 is signalled; a renegotiation gets no_renegotiation), so a
 * client asked to --renegotiate reports renegotiated=0. Part 2 brings the
 * CBC suites (MtE with a constant-time check, RFC 7366 EtM when the peer
 * offers it) and static RSA key transport (enabled by naming an RSA suite,
 * as the runner does); resumption and client authentication follow. */
#include "peer.h"
#include "tools.h"
#include "gt_net_fault.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const gt_peer_cap sigalgs[] = {
    {"rsa_pkcs1_sha256", NULL},
    {"rsa_pkcs1_sha384", NULL},
    {"rsa_pkcs1_sha512", NULL},
    {"ecdsa_secp256r1_sha256", NULL},
    {"ecdsa_secp384r1_sha384", NULL},
    {"ecdsa_secp521r1_sha512", "P-521 is not implemented (RFC 8422 groups: x25519, P-256, P-384)"},
    {"rsa_pss_rsae_sha256", NULL},
    {"rsa_pss_rsae_sha384", NULL},
    {"rsa_pss_rsae_sha512", NULL},
    {"rsa_pkcs1_sha1", NULL}, /* only when asked for: GT_OPT_ALLOW_SHA1 */
    {"ecdsa_sha1", NULL},
    {NULL, NULL},
};

static const gt_peer_cap notes[] = {
    {"renegotiate", "refused by design in both roles (RFC 5746 signalled; a renegotiation is "
                    "answered with a no_renegotiation warning): as a client --renegotiate "
                    "reports renegotiated=0, as a server the peer's attempt is refused"},
    {NULL, NULL},
};

struct gt_peer_conn {
    gt_net_conn nc;
    gt_conn *tls;
    gt_peer_wire *wire;
    gt_net_io io;
    int hs_done;
    /* record headers of the incoming stream (they are plaintext, RFC 5246
     * §6.2.1): a handshake record after our handshake is a renegotiation */
    uint8_t hdr[5];
    size_t hdr_len, body_left;
    int reneg_seen;
};

static gt_config *cfg;
static const gt_peer_opts *opt;
/* client --resume: the session of the first connection, offered by the
 * second (gt_conn_session_export / gt_conn_set_session) */
static uint8_t saved[GT_SESSION_EXPORT_MAX];
static size_t saved_len;

static const char *version(void)
{
    return "tlsgauntlet engine part 2";
}

static int setup_lists(const gt_peer_opts *o, char *err, size_t ecap)
{
    uint16_t v[GT_TOOL_MAX_LIST];
    size_t n;
    int rc;
    if (gt_tool_set_lists(cfg, o->suite, o->group, o->alpn_arg, err, ecap) != 0) return -1;
    if (o->sigalgs_arg == NULL) return 0;
    if (gt_tool_parse_sigalgs(o->sigalgs_arg, v, GT_TOOL_MAX_LIST, &n, err, ecap) != 0) return -1;
    if (strstr(o->sigalgs_arg, "sha1") != NULL &&
        gt_config_set_option(cfg, GT_OPT_ALLOW_SHA1, 1) != 0)
        return snprintf(err, ecap, "cannot allow SHA-1"), -1;
    rc = gt_config_set_sigalgs(cfg, v, n);
    if (rc != 0) return snprintf(err, ecap, "--sigalgs: %s", gt_err_str(rc)), -1;
    return 0;
}

/* --resume: server: the cache (id) or tickets (ticket), never both;
 * client: tickets offered only for ticket. --client-auth: request is the
 * engine's OPTIONAL (a certificate that does not verify still fails). A
 * client's --cert is sent when the server asks. */
static int setup_sessions(const gt_peer_opts *o)
{
    char err[512] = "";
    gt_session_opts so = {0, 0, 0, 0};
    int rc = 0;
    if (o->role == GT_PEER_CLIENT && o->cert != NULL &&
        gt_tool_add_chain(cfg, o->cert, o->key, err, sizeof(err)) != 0)
        return gt_peer_errf("%s", err);
    if (o->role == GT_PEER_SERVER && o->client_auth != GT_CAUTH_NONE)
        rc = gt_config_set_client_auth(cfg, o->client_auth == GT_CAUTH_REQUIRE
                                                ? GT_CLIENT_AUTH_REQUIRE
                                                : GT_CLIENT_AUTH_OPTIONAL);
    if (rc != 0) return gt_peer_errf("client auth: %s", gt_err_str(rc));
    so.tickets = o->resume == GT_RESUME_TICKET;
    so.cache_slots = o->role == GT_PEER_SERVER && o->resume == GT_RESUME_ID ? 16 : 0;
    if (so.tickets || so.cache_slots) rc = gt_config_set_sessions(cfg, &so);
    return rc != 0 ? gt_peer_errf("sessions: %s", gt_err_str(rc)) : 0;
}

static int setup(const gt_peer_opts *o)
{
    char err[512] = "";
    opt = o;
    cfg = gt_config_new(NULL);
    if (cfg == NULL) return gt_peer_errf("out of memory");
    if (o->role == GT_PEER_SERVER && o->cert != NULL &&
        gt_tool_add_chain(cfg, o->cert, o->key, err, sizeof(err)) != 0)
        return gt_peer_errf("%s", err);
    if (o->ca != NULL && gt_tool_add_trust(cfg, o->ca, err, sizeof(err)) != 0)
        return gt_peer_errf("%s", err);
    if (setup_lists(o, err, sizeof(err)) != 0) return gt_peer_errf("%s", err);
    if (o->no_ems && gt_config_set_option(cfg, GT_OPT_EMS, 0) != 0)
        return gt_peer_errf("cannot disable EMS");
    if (o->keylog != NULL && gt_tool_keylog_file(cfg, o->keylog, err, sizeof(err)) != 0)
        return gt_peer_errf("%s", err);
    return setup_sessions(o);
}

/* The wire observer sees every byte that crosses the socket. */
static void track_records(gt_peer_conn *c, const uint8_t *p, size_t n)
{
    while (n > 0) {
        if (c->body_left > 0) {
            size_t k = n < c->body_left ? n : c->body_left;
            c->body_left -= k;
            p += k;
            n -= k;
            continue;
        }
        c->hdr[c->hdr_len++] = *p++;
        n--;
        if (c->hdr_len < 5) continue;
        c->hdr_len = 0;
        c->body_left = (size_t)c->hdr[3] << 8 | c->hdr[4];
        if (c->hdr[0] == 22 && c->hs_done) c->reneg_seen = 1;
    }
}

static ssize_t tap_read(void *ctx, int fd, uint8_t *buf, size_t cap)
{
    gt_peer_conn *c = ctx;
    const gt_net_io *io = gt_net_io_default(); /* the socket, or GT_NET_FAULTS */
    ssize_t k = io->read(io->ctx, fd, buf, cap);
    if (k > 0) {
        gt_peer_wire_feed(c->wire, GT_WIRE_IN, buf, (size_t)k);
        track_records(c, buf, (size_t)k);
    }
    return k;
}

static ssize_t tap_write(void *ctx, int fd, const uint8_t *buf, size_t n)
{
    gt_peer_conn *c = ctx;
    const gt_net_io *io = gt_net_io_default();
    ssize_t k = io->write(io->ctx, fd, buf, n);
    if (k > 0) gt_peer_wire_feed(c->wire, GT_WIRE_OUT, buf, (size_t)k);
    return k;
}

static int conn_fail(gt_peer_conn *c, const char *what, int rc)
{
    char why[512];
    gt_tool_describe(why, sizeof(why), rc, &c->nc);
    return gt_peer_errf("%s: %s", what, why);
}

/* A client without --sni still verifies the chain, and the name it really
 * connected to: 127.0.0.1 against the certificate's iPAddress (not sent as
 * SNI, RFC 6066 §3). */
static int handshake(int fd, int index, gt_peer_wire *w, gt_peer_conn **out)
{
    gt_peer_conn *c = calloc(1, sizeof(*c));
    if (c == NULL) return gt_peer_errf("out of memory");
    int client = opt->role == GT_PEER_CLIENT;
    const char *name = client ? (opt->sni != NULL ? opt->sni : "127.0.0.1") : NULL;
    c->tls = gt_conn_new(cfg, client ? GT_ROLE_CLIENT : GT_ROLE_SERVER, name);
    if (c->tls == NULL) {
        free(c);
        return gt_peer_errf("gt_conn_new: out of memory");
    }
    if (client && index > 0 && saved_len > 0) {
        int src = gt_conn_set_session(c->tls, saved, saved_len);
        if (src != 0) fprintf(stderr, "gt_conn_set_session: %s\n", gt_err_str(src));
    }
    c->wire = w;
    c->io = (gt_net_io){tap_read, tap_write, c};
    (void)gt_net_io_default_for(fd); /* a new connection for GT_NET_FAULTS */
    gt_net_conn_init(&c->nc, fd, c->tls, &c->io);
    c->nc.idle_ms = opt->timeout > 0 ? opt->timeout * 1000 : 10000;
    *out = c;
    int rc = gt_net_handshake(&c->nc);
    if (rc != GT_NET_OK) return conn_fail(c, "handshake", rc);
    c->hs_done = 1;
    if (client && opt->resume != GT_RESUME_NONE &&
        gt_conn_session_export(c->tls, saved, sizeof(saved), &saved_len) != 0)
        saved_len = 0; /* nothing to resume: the second handshake will say so */
    if (!client && opt->sni != NULL) {
        gt_conn_info i;
        if (gt_conn_info_get(c->tls, &i) != 0 || strcmp(i.sni, opt->sni) != 0)
            return gt_peer_errf("--sni %s required, the client sent '%s'", opt->sni,
                                gt_conn_info_get(c->tls, &i) == 0 ? i.sni : "?");
    }
    return 0;
}

static int info(gt_peer_conn *c, gt_peer_result *r)
{
    gt_conn_info i;
    int rc = gt_conn_info_get(c->tls, &i);
    if (rc != 0) return gt_peer_errf("gt_conn_info_get: %s", gt_err_str(rc));
    r->resumed = i.resumed;
    snprintf(r->alpn, sizeof(r->alpn), "%s", i.alpn);
    r->renegotiated = 0; /* never: refused in both roles */
    return 0;
}

static int renegotiate(gt_peer_conn *c)
{
    (void)c;
    return GT_RENEG_REFUSED; /* by design, see the notes */
}

static int write_all(gt_peer_conn *c, const uint8_t *p, size_t n)
{
    int rc = gt_net_write_all(&c->nc, p, n);
    return rc == GT_NET_OK ? 0 : conn_fail(c, "write", rc);
}

static long read_some(gt_peer_conn *c, uint8_t *p, size_t cap)
{
    size_t got = 0;
    int rc = gt_net_read(&c->nc, p, cap, &got);
    if (rc == GT_NET_OK) return (long)got;
    if (rc == GT_NET_CLOSED) return GT_READ_NOTIFY;
    if (rc == GT_NET_ERR_TRUNCATED) {
        (void)conn_fail(c, "read", rc);
        return GT_READ_EOF;
    }
    gt_alert_info a;
    if (rc == GT_NET_ERR_TLS && c->reneg_seen && gt_conn_error(c->tls, &a) != 0 && !a.sent &&
        a.level == 2) {
        /* We refused the client's renegotiation (no_renegotiation) and it
         * gave up on the connection (OpenSSL's client answers the refusal
         * with a fatal handshake_failure). The contract counts a refusal
         * as an answer, not a failure: the connection simply ends here. */
        fprintf(stderr, "renegotiation refused; the client then ended the connection with %s\n",
                gt_tool_alert_name(a.desc));
        return GT_READ_EOF;
    }
    (void)conn_fail(c, "read", rc);
    return GT_READ_ERR;
}

static int close_notify(gt_peer_conn *c)
{
    int rc = gt_net_close_notify(&c->nc);
    return rc == GT_NET_OK ? 0 : conn_fail(c, "close_notify", rc);
}

static void conn_free(gt_peer_conn *c)
{
    gt_conn_free(c->tls);
    free(c);
}

const gt_peer_lib gt_peer_adapter = {
    .name = "gt",
    .version = version,
    .suites = NULL, /* every contract suite */
    .groups = gt_peer_all_groups,
    .sigalgs = sigalgs,
    .features = gt_peer_all_features,
    .notes = notes,
    .setup = setup,
    .handshake = handshake,
    .info = info,
    .renegotiate = renegotiate,
    .write = write_all,
    .read = read_some,
    .close_notify = close_notify,
    .free = conn_free,
};
