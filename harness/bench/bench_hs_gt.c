/* The IUT in the handshake benchmark (bench_hs.h): two gt_config (client
 * with the test roots as trust anchors, server with the chain and key),
 * connections joined directly: one side's gt_conn_output is fed to the
 * other's gt_conn_feed (the engine's buffers are the queues).
 *
 * Work per handshake: the client verifies the server's chain against
 * ca-bundle.pem and the name "localhost", and the ServerKeyExchange
 * signature (GT_OPT_VERIFY_PEER, the default); EMS is on (the default).
 * Resumed: the server issues and accepts tickets (no session-ID cache),
 * the client offers the session exported after one full handshake
 * (gt_conn_session_export / gt_conn_set_session). Built only where gt.h
 * has the session API (engine part 2); before that, "not available". */
#include "bench_hs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt.h"

#ifdef GT_SESSION_EXPORT_MAX
#define HAVE_SESSIONS 1
#define SESSION_MAX   GT_SESSION_EXPORT_MAX
#else
#define HAVE_SESSIONS 0
#define SESSION_MAX   1
#endif

struct gtb {
    gt_config *cfg[2]; /* [0] client, [1] server */
    gt_conn *c[2];     /* the long-lived pair, when open */
    int mode;
    uint8_t session[SESSION_MAX]; /* resumed: the client's exported session */
    size_t session_len;
    uint8_t buf[16384];
};

static int counting; /* child process: allocations through hs_heap_* */

static void *count_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return hs_heap_malloc(n);
}

static void count_free(void *ctx, void *p, size_t n)
{
    (void)ctx;
    (void)n;
    hs_heap_free(p);
}

static const gt_allocator count_allocator = {count_alloc, count_free, NULL};

static void install_allocator(void)
{
    counting = 1;
}

#if HAVE_SESSIONS
/* Tickets on both sides, no session-ID cache (stateless, like the others). */
static int enable_tickets(gt_config *cfg)
{
    gt_session_opts o = {0, 1, 0, 0};
    return gt_config_set_sessions(cfg, &o);
}

static int offer_session(struct gtb *b)
{
    return b->session_len ? gt_conn_set_session(b->c[0], b->session, b->session_len) : 0;
}

static int keep_session(struct gtb *b)
{
    return gt_conn_session_export(b->c[0], b->session, sizeof b->session, &b->session_len);
}
#else
static int enable_tickets(gt_config *cfg)
{
    (void)cfg;
    return -1;
}

static int offer_session(struct gtb *b)
{
    return b->session_len ? -1 : 0;
}

static int keep_session(struct gtb *b)
{
    (void)b;
    return -1;
}
#endif

static gt_config *new_config(const hs_suite *s, int server, int mode)
{
    gt_config *cfg = gt_config_new(counting ? &count_allocator : NULL);
    if (!cfg) return NULL;
    int err = gt_config_set_suites(cfg, &s->suite, 1);
    if (!err) err = gt_config_set_groups(cfg, &s->group, 1);
    if (!err && mode == HS_RESUMED) err = enable_tickets(cfg);
    size_t n = 0, kn = 0;
    char name[128];
    snprintf(name, sizeof name, server ? "%s.chain.pem" : "ca-bundle.pem", s->leaf);
    uint8_t *pem = err ? NULL : hs_slurp(hs_pki(name), &n);
    snprintf(name, sizeof name, "%s.key", s->leaf);
    uint8_t *key = server && pem ? hs_slurp(hs_pki(name), &kn) : NULL;
    if (!pem || (server && !key))
        err = -1;
    else if (server)
        err = gt_config_add_chain(cfg, pem, n, key, kn);
    else
        err = gt_config_add_trust_pem(cfg, pem, n);
    free(pem);
    free(key);
    if (err) {
        fprintf(stderr, "gt-bench: gt: cannot configure %s (%d)\n", s->label, err);
        gt_config_free(cfg);
        return NULL;
    }
    return cfg;
}

static void close_pair(void *ctx)
{
    struct gtb *b = ctx;
    for (int i = 0; i < 2; i++) {
        hs_side = HS_SIDE_CLIENT + i;
        gt_conn_free(b->c[i]);
        b->c[i] = NULL;
    }
    hs_side = HS_SIDE_NONE;
}

static void teardown(void *ctx)
{
    struct gtb *b = ctx;
    if (!b) return;
    close_pair(b);
    gt_config_free(b->cfg[0]);
    gt_config_free(b->cfg[1]);
    free(b);
}

/* Moves side i's pending output into side 1-i, reading (and dropping)
 * any application data that arrives. Returns bytes moved (app data
 * included), or a negative error. */
static long move(struct gtb *b, int i, size_t *app_got)
{
    gt_conn *from = b->c[i], *to = b->c[1 - i];
    long moved = 0;
    for (;;) {
        const uint8_t *out;
        size_t n, used = 0, got;
        hs_side = HS_SIDE_CLIENT + i;
        if (gt_conn_output(from, &out, &n) || n == 0) break;
        hs_side = HS_SIDE_CLIENT + 1 - i;
        int err = gt_conn_feed(to, out, n, &used);
        while (gt_conn_read(to, b->buf, sizeof b->buf, &got) == 0 && got) {
            *app_got += got;
            moved += (long)got;
        }
        hs_side = HS_SIDE_CLIENT + i;
        gt_conn_output_done(from, used);
        moved += (long)used;
        if (err && err != GT_ERR_WANT_OUTPUT) return err;
        if (err || used == 0) break; /* the receiver must send first */
    }
    hs_side = HS_SIDE_NONE;
    return moved;
}

static int resumed(struct gtb *b)
{
    gt_conn_info info;
    return gt_conn_info_get(b->c[0], &info) == 0 && info.resumed;
}

static int open_pair(void *ctx)
{
    struct gtb *b = ctx;
    close_pair(b);
    hs_side = HS_SIDE_CLIENT;
    b->c[0] = gt_conn_new(b->cfg[0], GT_ROLE_CLIENT, "localhost");
    if (b->c[0] && offer_session(b)) return -1;
    hs_side = HS_SIDE_SERVER;
    b->c[1] = gt_conn_new(b->cfg[1], GT_ROLE_SERVER, NULL);
    hs_side = HS_SIDE_NONE;
    if (!b->c[0] || !b->c[1]) return -1;
    size_t ignored = 0;
    for (;;) {
        long m0 = move(b, 0, &ignored), m1 = m0 < 0 ? 0 : move(b, 1, &ignored);
        if (m0 < 0 || m1 < 0) return -1;
        if (gt_conn_state(b->c[0]) == GT_STATE_OPEN && gt_conn_state(b->c[1]) == GT_STATE_OPEN &&
            !gt_conn_want_output(b->c[0]) && !gt_conn_want_output(b->c[1]))
            return b->session_len && !resumed(b) ? -1 : 0;
        if (m0 == 0 && m1 == 0) return -1;
    }
}

static int handshake(void *ctx)
{
    int err = open_pair(ctx);
    close_pair(ctx);
    return err;
}

/* The pair negotiated what the benchmark says it measures. */
static int negotiated(struct gtb *b, const hs_suite *s)
{
    gt_conn_info info;
    if (gt_conn_info_get(b->c[0], &info)) return 0;
    return info.version == 0x0303 && info.suite == s->suite && info.group == s->group && info.ems;
}

static void *setup(const hs_suite *s, int mode)
{
    if (mode == HS_RESUMED && !HAVE_SESSIONS) return NULL; /* no session API */
    struct gtb *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->mode = mode;
    b->cfg[0] = new_config(s, 0, mode);
    b->cfg[1] = b->cfg[0] ? new_config(s, 1, mode) : NULL;
    /* one full handshake: negotiated as asked? (and the session, if wanted) */
    int ok = b->cfg[1] && open_pair(b) == 0 && negotiated(b, s);
    if (ok && mode == HS_RESUMED) ok = keep_session(b) == 0;
    close_pair(b);
    if (!ok) {
        fprintf(stderr, "gt-bench: gt: %s: first handshake failed or not as asked\n", s->label);
        teardown(b);
        return NULL;
    }
    return b;
}

static int transfer(void *ctx, size_t n, int from_server)
{
    struct gtb *b = ctx;
    static const uint8_t data[16384];
    int w = from_server ? 1 : 0;
    size_t sent = 0, got = 0;
    while (got < n) {
        if (sent < n) {
            size_t k = n - sent < sizeof data ? n - sent : sizeof data, taken = 0;
            hs_side = HS_SIDE_CLIENT + w;
            int err = gt_conn_write(b->c[w], data, k, &taken);
            hs_side = HS_SIDE_NONE;
            if (err && err != GT_ERR_WANT_OUTPUT) return -1;
            sent += taken;
        }
        long m = move(b, w, &got);
        if (m < 0 || (m == 0 && sent == n && got < n)) return -1;
    }
    return 0;
}

const hs_impl hs_impl_gt = {"gt",     setup,      handshake, open_pair,
                            transfer, close_pair, teardown,  install_allocator};
