/* Helpers for the session and client-authentication tests
 * (tests/handshake/test_resume.c, test_ticket.c, test_session.c,
 * test_client_auth.c...): a client/server pair over tests/util/pipe.h whose
 * configs outlive their connections (so a second connection can resume),
 * with a clock per side the test moves, and a wire mutator for the
 * plaintext handshake messages. Header-only: each test includes it once. */
#ifndef GT_TEST_SESS_PAIR_H
#define GT_TEST_SESS_PAIR_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

typedef struct {
    gt_drbg dc, ds;
    gt_config *cc, *sc;
    uint64_t now[2]; /* [0] client clock, [1] server clock */
    gt_conn *client, *server;
    tu_pipe p;
    int started;
} sp_pair;

static uint64_t sp_clock(void *ctx)
{
    return *(const uint64_t *)ctx;
}

/* Configs only: server with `leaf`, client trusting the test PKI. */
static inline void sp_config(sp_pair *t, const char *leaf)
{
    memset(t, 0, sizeof *t);
    t->cc = tu_config(&t->dc, 11);
    t->sc = tu_config(&t->ds, 12);
    t->now[0] = t->now[1] = TU_FIXED_TIME;
    gt_config_set_clock(t->cc, sp_clock, &t->now[0]);
    gt_config_set_clock(t->sc, sp_clock, &t->now[1]);
    assert_int_equal(tu_add_chain(t->sc, leaf), 0);
    assert_int_equal(tu_add_trust(t->cc), 0);
}

static inline void sp_sessions(gt_config *cfg, size_t slots, int tickets, uint32_t lifetime,
                               uint32_t rotate)
{
    gt_session_opts o = {slots, tickets, lifetime, rotate};
    assert_int_equal(gt_config_set_sessions(cfg, &o), 0);
}

/* A new connection pair; `sess` (may be NULL) is imported by the client. */
static inline void sp_start(sp_pair *t, const char *sni, const uint8_t *sess, size_t len)
{
    t->client = gt_conn_new(t->cc, GT_ROLE_CLIENT, sni);
    t->server = gt_conn_new(t->sc, GT_ROLE_SERVER, NULL);
    assert_non_null(t->client);
    assert_non_null(t->server);
    if (sess) assert_int_equal(gt_conn_set_session(t->client, sess, len), 0);
    tu_pipe_init(&t->p, t->client, t->server);
    t->started = 1;
}

static inline void sp_stop(sp_pair *t)
{
    if (!t->started) return;
    tu_pipe_free(&t->p);
    gt_conn_free(t->client);
    gt_conn_free(t->server);
    t->client = t->server = NULL;
    t->started = 0;
}

static inline void sp_free(sp_pair *t)
{
    sp_stop(t);
    gt_config_free(t->cc);
    gt_config_free(t->sc);
}

static inline void sp_explain(gt_conn *c, const char *who)
{
    gt_alert_info a;
    int err = gt_conn_error(c, &a);
    if (err)
        print_message("%s: state %d err %d (%s) alert sent=%d desc=%d\n", who, gt_conn_state(c),
                      err, gt_err_str(err), a.sent, a.desc);
}

/* Runs the handshake to the end; returns 0 when both are OPEN. */
static inline int sp_run(sp_pair *t)
{
    int r = tu_pipe_handshake(&t->p, 1000);
    if (r) {
        sp_explain(t->client, "client");
        sp_explain(t->server, "server");
    }
    return r;
}

/* 1 when both sides say the handshake resumed, 0 when neither did. */
static inline int sp_resumed(sp_pair *t)
{
    gt_conn_info ci, si;
    assert_int_equal(gt_conn_info_get(t->client, &ci), 0);
    assert_int_equal(gt_conn_info_get(t->server, &si), 0);
    assert_int_equal(ci.resumed, si.resumed);
    return ci.resumed;
}

/* Application data both ways after the handshake. */
static inline void sp_echo(sp_pair *t)
{
    static const uint8_t msg[] = "resumed hello";
    for (int side = 0; side < 2; side++) {
        size_t taken = 0;
        assert_int_equal(gt_conn_write(t->p.c[side], msg, sizeof msg, &taken), 0);
        assert_int_equal(taken, sizeof msg);
        tu_pipe_run(&t->p, 100);
        assert_int_equal(t->p.got_total[1 - side], sizeof msg);
        t->p.got_total[1 - side] = 0;
    }
}

/* The client's session after a completed handshake. */
static inline size_t sp_export(sp_pair *t, uint8_t *buf, size_t cap)
{
    size_t len = 0;
    assert_int_equal(gt_conn_session_export(t->client, buf, cap, &len), 0);
    assert_true(len > 0);
    return len;
}

/* Recomputes the trailing SHA-256 check of an export after an edit. */
static inline void sp_refresh_check(uint8_t *buf, size_t len)
{
    gt_sha256_ctx h;
    gt_sha256_init(&h);
    gt_sha256_update(&h, buf, len - 32);
    gt_sha256_final(&h, buf + len - 32);
}

/* Rewrites the session state inside an export (the check is refreshed).
 * The state must keep its length. */
typedef void (*sp_edit_fn)(gt_session *s);
static inline void sp_edit_export(uint8_t *buf, size_t len, sp_edit_fn fn)
{
    size_t n = ((size_t)buf[4] << 8) | buf[5];
    gt_rd r = gt_rd_init(buf + 6, n);
    gt_session s;
    assert_int_equal(gt_session_decode(&r, &s), 0);
    fn(&s);
    gt_wr w = gt_wr_init(buf + 6, n);
    gt_session_encode(&s, &w);
    assert_int_equal(gt_wr_status(&w), 0);
    assert_int_equal(w.len, n);
    sp_refresh_check(buf, len);
}

/* ---- wire mutation of plaintext handshake messages ---------------------- */

/* Called with the body of the first plaintext message of `type` sent by
 * side `from`; may change bytes in place and the body length (*len, within
 * cap). */
typedef void (*sp_msg_fn)(uint8_t *body, size_t *len, size_t cap, void *arg);

typedef struct {
    int from;
    uint8_t type;
    sp_msg_fn fn;
    void *arg;
    int done, ccs[2];
} sp_mutate;

static inline void sp_mutate_tamper(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    sp_mutate *m = ctx;
    size_t off = 0;
    while (off + 5 <= *n) {
        size_t len = ((size_t)buf[off + 3] << 8) | buf[off + 4];
        if (buf[off] == 20) m->ccs[from] = 1;
        if (!m->done && from == m->from && !m->ccs[from] && buf[off] == 22 && len >= 4 &&
            buf[off + 5] == m->type) {
            uint8_t *msg = buf + off + 5;
            size_t body = len - 4, nb = body, tail = *n - (off + 5 + len);
            uint8_t tmp[65536];
            memcpy(tmp, msg + len, tail); /* the records after this one */
            m->fn(msg + 4, &nb, cap - (off + 5 + 4) - tail, m->arg);
            memcpy(msg + 4 + nb, tmp, tail);
            msg[1] = (uint8_t)(nb >> 16);
            msg[2] = (uint8_t)(nb >> 8);
            msg[3] = (uint8_t)nb;
            len = nb + 4;
            buf[off + 3] = (uint8_t)(len >> 8);
            buf[off + 4] = (uint8_t)len;
            *n = off + 5 + len + tail;
            m->done = 1;
        }
        off += 5 + len;
    }
}

static inline void sp_mutate_on(sp_pair *t, sp_mutate *m)
{
    t->p.tamper = sp_mutate_tamper;
    t->p.tamper_ctx = m;
}

/* The receiver failed with `alert` and sent it; the sender received it. */
static inline void sp_expect_alert(gt_conn *rx, gt_conn *tx, uint8_t alert)
{
    gt_alert_info a;
    int err = gt_conn_error(rx, &a);
    if (gt_conn_state(rx) != GT_STATE_FAILED || !a.sent || a.desc != alert)
        fail_msg("receiver: state %d err %d (%s) alert sent=%d desc %d, want %d", gt_conn_state(rx),
                 err, gt_err_str(err), a.sent, a.desc, alert);
    if (!tx) return;
    err = gt_conn_error(tx, &a);
    if (err != GT_ERR_ALERT_RECEIVED || a.desc != alert)
        fail_msg("sender: err %d (%s) alert %d, want %d", err, gt_err_str(err), a.desc, alert);
}

/* Finds extension `type` in a ClientHello/ServerHello body: its offset
 * (of the type field) or 0. */
static inline size_t sp_find_ext(const uint8_t *body, size_t len, int server, uint16_t type)
{
    gt_rd r = gt_rd_init(body, len), v;
    uint16_t u16;
    uint8_t u8;
    const uint8_t *rnd;
    if (gt_rd_u16(&r, &u16) || gt_rd_bytes(&r, 32, &rnd) || gt_rd_vec8(&r, 0, 32, &v)) return 0;
    if (server) {
        if (gt_rd_u16(&r, &u16) || gt_rd_u8(&r, &u8)) return 0;
    } else if (gt_rd_vec16(&r, 2, 65534, &v) || gt_rd_vec8(&r, 1, 255, &v)) {
        return 0;
    }
    gt_rd exts;
    if (gt_rd_vec16(&r, 0, 65535, &exts)) return 0;
    while (exts.left) {
        size_t at = (size_t)(exts.p - body);
        uint16_t t;
        if (gt_rd_u16(&exts, &t) || gt_rd_vec16(&exts, 0, 65535, &v)) return 0;
        if (t == type) return at;
    }
    return 0;
}

#endif
