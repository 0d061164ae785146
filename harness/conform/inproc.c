/*
 * The in-process target: the IUT's engine (tls/include/gt/gt.h) behind a
 * gt_conform_transport, no sockets. What the scripted peer sends is fed
 * with gt_conn_feed; what the engine writes is drained with
 * gt_conn_output. As a server the IUT echoes application data and answers
 * close_notify (what the reference peers do); as a client it closes once
 * the handshake is done. When the engine waits for input there is nothing
 * more to wait for: recv reports silence at once, so a run takes
 * milliseconds. One config is shared by the connections of a run (its
 * session cache is what resumption cases test): run with one job.
 */
#include "runner.h"

#include "gt/gt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gt_config *cfgs[3]; /* server, client, server requiring client certificates */

typedef struct {
    gt_conn *c;
    int role;        /* GT_TARGET_* */
    int client_auth; /* server: the config that requires client certificates */
    int closing;
    gt_wbuf out; /* engine output the peer has not read yet */
} ip;

static int load(const char *path, gt_wbuf *b)
{
    FILE *f = fopen(path, "rb");
    uint8_t buf[4096];
    size_t k;
    if (f == NULL) return -1;
    while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
        gt_wbuf_put(b, buf, k);
    fclose(f);
    return 0;
}

static int add_chain(gt_config *cfg, const char *pki, const char *name)
{
    char a[1024], k[1024];
    gt_wbuf chain = {0}, key = {0};
    snprintf(a, sizeof(a), "%s/%s.chain.pem", pki, name);
    snprintf(k, sizeof(k), "%s/%s.key", pki, name);
    int rc = load(a, &chain) || load(k, &key) ||
             gt_config_add_chain(cfg, chain.p, chain.n, key.p, key.n) != 0;
    gt_wbuf_free(&chain);
    gt_wbuf_free(&key);
    return rc ? -1 : 0;
}

/* Every suite the peer knows that the engine accepts, RSA key transport and
 * CBC included; sessions by ID and by ticket; the test PKI. */
int gt_cf_inproc_init(const char *pki, char *err, size_t n)
{
    char bundle[1024];
    gt_wbuf ca = {0};
    static const gt_session_opts sess = {64, 1, 0, 0};
    snprintf(bundle, sizeof(bundle), "%s/ca-bundle.pem", pki);
    if (load(bundle, &ca) != 0) return snprintf(err, n, "cannot read %s", bundle), -1;
    for (int r = 0; r < 3; r++) {
        gt_config *cfg = cfgs[r] = gt_config_new(NULL);
        uint16_t suites[32];
        size_t ns = 0;
        if (cfg == NULL) return snprintf(err, n, "gt_config_new failed"), -1;
        for (size_t i = 0; i < gt_sp_n_suites; i++) {
            uint16_t one = gt_sp_suites[i].code;
            if (gt_config_set_suites(cfg, &one, 1) == 0) suites[ns++] = one;
        }
        if (gt_config_set_suites(cfg, suites, ns) != 0 ||
            gt_config_add_trust_pem(cfg, ca.p, ca.n) || gt_config_set_sessions(cfg, &sess) != 0)
            return snprintf(err, n, "configuring the engine failed"), -1;
        if (r != GT_TARGET_CLIENT &&
            (add_chain(cfg, pki, "server-rsa2048") || add_chain(cfg, pki, "server-p256")))
            return snprintf(err, n, "the engine refused the test PKI's server chains"), -1;
        if (r == 2 && gt_config_set_client_auth(cfg, GT_CLIENT_AUTH_REQUIRE) != 0)
            return snprintf(err, n, "the engine refused client authentication"), -1;
    }
    gt_wbuf_free(&ca);
    return 0;
}

static void close_once(ip *t)
{
    if (t->closing) return;
    t->closing = 1;
    if (gt_conn_close(t->c) != 0) return; /* already failed: nothing to say */
}

static void pump(ip *t)
{
    const uint8_t *o;
    size_t k;
    while (gt_conn_output(t->c, &o, &k) == 0 && k > 0) {
        gt_wbuf_put(&t->out, o, k);
        gt_conn_output_done(t->c, k);
    }
}

/* The application: a server echoes, a client closes once the handshake is
 * done; both answer the peer's close_notify with their own. */
static void application(ip *t)
{
    uint8_t buf[16384];
    for (;;) {
        size_t got = 0, off = 0, taken;
        int rc = gt_conn_read(t->c, buf, sizeof(buf), &got);
        if (rc == GT_ERR_CLOSED) close_once(t);
        if (rc != 0 || got == 0) break;
        while (t->role == GT_TARGET_SERVER && off < got &&
               gt_conn_write(t->c, buf + off, got - off, &taken) == 0 && taken > 0) {
            off += taken;
            pump(t);
        }
    }
    if (t->role == GT_TARGET_CLIENT && gt_conn_state(t->c) == GT_STATE_OPEN) close_once(t);
    pump(t);
}

static int ip_send(void *ctx, const uint8_t *p, size_t n)
{
    ip *t = ctx;
    while (n > 0) {
        size_t used = 0;
        int rc = gt_conn_feed(t->c, p, n, &used);
        pump(t);
        application(t);
        if (rc != 0 && rc != GT_ERR_WANT_OUTPUT) break; /* failed: the rest is dropped */
        if (used == 0) {
            if (gt_conn_state(t->c) != GT_STATE_OPEN) break; /* closed: ignored */
            continue; /* application data was waiting to be read; it has been */
        }
        p += used;
        n -= used;
    }
    return 0;
}

static long ip_recv(void *ctx, uint8_t *p, size_t cap, int timeout_ms)
{
    ip *t = ctx;
    (void)timeout_ms;
    pump(t);
    if (t->out.n > 0) {
        size_t k = t->out.n < cap ? t->out.n : cap;
        memcpy(p, t->out.p, k);
        memmove(t->out.p, t->out.p + k, t->out.n - k);
        t->out.n -= k;
        return (long)k;
    }
    gt_state s = gt_conn_state(t->c);
    return s == GT_STATE_FAILED || s == GT_STATE_CLOSED ? GT_TR_EOF : GT_TR_TIMEOUT;
}

static int ip_open(ip *t)
{
    t->c = gt_conn_new(cfgs[t->role == GT_TARGET_SERVER && t->client_auth ? 2 : t->role],
                       t->role == GT_TARGET_SERVER ? GT_ROLE_SERVER : GT_ROLE_CLIENT,
                       t->role == GT_TARGET_CLIENT ? "localhost" : NULL);
    t->closing = 0;
    gt_wbuf_reset(&t->out);
    if (t->c != NULL) pump(t); /* a client's ClientHello */
    return t->c != NULL ? 0 : -1;
}

/* The transport's end of stream: before close_notify, truncation. */
static void ip_shutdown(void *ctx)
{
    ip *t = ctx;
    if (gt_conn_eof(t->c) != 0) pump(t);
    pump(t);
}

static int ip_reconnect(void *ctx)
{
    ip *t = ctx;
    gt_conn_free(t->c);
    return ip_open(t);
}

static void ip_close(void *ctx)
{
    ip *t = ctx;
    gt_conn_free(t->c);
    gt_wbuf_free(&t->out);
    free(t);
}

int gt_cf_inproc_open(int role, int client_auth, gt_conform_transport *tr)
{
    ip *t = calloc(1, sizeof(*t));
    if (t == NULL) return -1;
    t->role = role;
    t->client_auth = client_auth;
    if (ip_open(t) != 0) {
        free(t);
        return -1;
    }
    tr->ctx = t;
    tr->send = ip_send;
    tr->recv = ip_recv;
    tr->close = ip_close;
    tr->reconnect = ip_reconnect;
    tr->shutdown = ip_shutdown;
    return 0;
}
