/* Tests for tls/handshake/ticket.c and new_session_ticket.c: tickets
 * sealed and opened (RFC 5077 §4 layout with ChaCha20-Poly1305), any
 * changed byte or length refused, key rotation (the current key seals, the
 * previous one still opens for one interval, then nothing), tickets across
 * handshakes (a rotated-out or tampered ticket is a full handshake, RFC
 * 5077 §3.4), and malformed or misplaced NewSessionTicket messages. */
#include "util/sess_pair.h"

#include <stdlib.h>

static void sample(gt_session *s, uint8_t seed)
{
    memset(s, 0, sizeof *s);
    tu_fill(s->master, 48, seed);
    s->suite = 0xC02B;
    s->ems = 1;
    s->id_len = 32;
    tu_fill(s->id, 32, (uint64_t)seed + 1);
    memcpy(s->sni, "localhost", 10);
    s->created = TU_FIXED_TIME;
    s->lifetime = 7200;
}

static gt_config *ticket_config(gt_drbg *d, uint64_t *now, uint32_t rotate)
{
    gt_config *cfg = tu_config(d, 5);
    gt_config_set_clock(cfg, sp_clock, now);
    gt_session_opts o = {0, 1, 0, rotate};
    assert_int_equal(gt_config_set_sessions(cfg, &o), 0);
    return cfg;
}

static void test_seal_open(void **state)
{
    (void)state;
    gt_drbg d;
    uint64_t now = TU_FIXED_TIME;
    gt_config *cfg = ticket_config(&d, &now, 0);
    for (uint8_t seed = 0; seed < 8; seed++) {
        gt_session s, back;
        uint8_t t[640], t2[640];
        size_t n = 0, n2 = 0;
        sample(&s, seed);
        s.has_peer = seed & 1;
        tu_fill(s.peer_digest, 32, seed);
        if (!s.has_peer) memset(s.peer_digest, 0, 32);
        assert_int_equal(gt_ticket_seal(cfg, &s, t, sizeof t, &n), 0);
        assert_true(n > 16 + 12 + 16);
        assert_int_equal(gt_ticket_open(cfg, t, n, &back), 1);
        assert_memory_equal(&s, &back, sizeof s);
        /* A second ticket of the same session differs (fresh nonce), but
         * names the same key. */
        assert_int_equal(gt_ticket_seal(cfg, &s, t2, sizeof t2, &n2), 0);
        assert_int_equal(n, n2);
        assert_memory_equal(t, t2, 16);
        assert_memory_not_equal(t + 16, t2 + 16, 12);
        /* Too small a buffer. */
        assert_int_equal(gt_ticket_seal(cfg, &s, t2, n - 1, &n2), GT_ERR_ENCODE_OVERFLOW);
    }
    gt_config_free(cfg);
}

static void test_tamper(void **state)
{
    (void)state;
    gt_drbg d;
    uint64_t now = TU_FIXED_TIME;
    gt_config *cfg = ticket_config(&d, &now, 0);
    gt_session s, back;
    uint8_t t[640], x[641];
    size_t n = 0;
    sample(&s, 3);
    assert_int_equal(gt_ticket_seal(cfg, &s, t, sizeof t, &n), 0);
    /* Every byte: key name, nonce, sealed state, tag. */
    for (size_t i = 0; i < n; i++) {
        memcpy(x, t, n);
        x[i] ^= 0x01;
        if (gt_ticket_open(cfg, x, n, &back)) fail_msg("byte %zu flipped: opened", i);
    }
    /* Every shorter length, and a trailing byte. */
    for (size_t len = 0; len < n; len++)
        if (gt_ticket_open(cfg, t, len, &back)) fail_msg("truncated to %zu: opened", len);
    memcpy(x, t, n);
    x[n] = 0;
    assert_int_equal(gt_ticket_open(cfg, x, n + 1, &back), 0);
    /* Another server's keys. */
    gt_drbg d2;
    gt_config *other = ticket_config(&d2, &now, 0);
    gt_drbg_init_seed(&d2, (const uint8_t *)"other", 5);
    assert_int_equal(gt_ticket_open(other, t, n, &back), 0);
    gt_config_free(other);
    /* A config without tickets opens nothing. */
    gt_config *none = tu_config(&d2, 6);
    assert_int_equal(gt_ticket_open(none, t, n, &back), 0);
    assert_int_equal(gt_ticket_seal(none, &s, x, sizeof x, &n), GT_ERR_INTERNAL);
    gt_config_free(none);
    gt_config_free(cfg);
}

/* The current key seals for `rotate` seconds; then the previous key. */
static void test_rotation(void **state)
{
    (void)state;
    gt_drbg d;
    uint64_t now = TU_FIXED_TIME;
    gt_config *cfg = ticket_config(&d, &now, 100);
    gt_session s, back;
    uint8_t t0[640], t1[640], t2[640];
    size_t n0, n1, n2;
    sample(&s, 1);
    assert_int_equal(gt_ticket_seal(cfg, &s, t0, sizeof t0, &n0), 0);
    now += 99;
    assert_int_equal(gt_ticket_seal(cfg, &s, t1, sizeof t1, &n1), 0);
    assert_memory_equal(t0, t1, 16); /* same key */
    now += 1;
    assert_int_equal(gt_ticket_seal(cfg, &s, t1, sizeof t1, &n1), 0);
    assert_memory_not_equal(t0, t1, 16);                     /* rotated */
    assert_int_equal(gt_ticket_open(cfg, t0, n0, &back), 1); /* previous key */
    assert_int_equal(gt_ticket_open(cfg, t1, n1, &back), 1);
    now += 100; /* t0's key is two intervals old: gone */
    assert_int_equal(gt_ticket_open(cfg, t0, n0, &back), 0);
    assert_int_equal(gt_ticket_open(cfg, t1, n1, &back), 1);
    assert_int_equal(gt_ticket_seal(cfg, &s, t2, sizeof t2, &n2), 0);
    assert_memory_not_equal(t1, t2, 16);
    /* A long idle server drops both keys at once. */
    now += 1000;
    assert_int_equal(gt_ticket_open(cfg, t1, n1, &back), 0);
    assert_int_equal(gt_ticket_open(cfg, t2, n2, &back), 0);
    /* A clock stepped back does not revive anything. */
    now -= 5000;
    assert_int_equal(gt_ticket_open(cfg, t2, n2, &back), 0);
    gt_config_free(cfg);
}

/* ---- across handshakes ------------------------------------------------ */

static size_t ticket_session(sp_pair *t, uint8_t *s, size_t cap)
{
    sp_start(t, "localhost", NULL, 0);
    assert_int_equal(sp_run(t), 0);
    assert_true(t->client->hs.ticket_len > 0);
    size_t n = sp_export(t, s, cap);
    sp_stop(t);
    return n;
}

/* Offset of the ticket inside an export (session.c's layout). */
static size_t ticket_at(const uint8_t *s)
{
    return 6 + (((size_t)s[4] << 8) | s[5]) + 2;
}

static int resume(sp_pair *t, const uint8_t *s, size_t n)
{
    sp_start(t, "localhost", s, n);
    assert_int_equal(sp_run(t), 0);
    return sp_resumed(t);
}

static void test_handshake_rotation(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX], s2[GT_SESSION_EXPORT_MAX];
    sp_config(&t, "server-p256");
    sp_sessions(t.sc, 0, 1, 0, 100);
    sp_sessions(t.cc, 0, 1, 0, 0);
    size_t n = ticket_session(&t, s, sizeof s);
    t.now[1] += 150; /* one rotation: the ticket's key is the previous one */
    assert_int_equal(resume(&t, s, n), 1);
    /* The new ticket is under the new key. */
    assert_memory_not_equal(t.client->hs.ticket, s + ticket_at(s), 16);
    size_t n2 = sp_export(&t, s2, sizeof s2);
    sp_stop(&t);
    t.now[1] += 100; /* the first key is gone, the second is the previous */
    assert_int_equal(resume(&t, s, n), 0);
    sp_stop(&t);
    assert_int_equal(resume(&t, s2, n2), 1);
    sp_free(&t);
}

/* Flips one byte of the ticket inside an export (then fixes its check). */
static void test_handshake_tampered(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX];
    sp_config(&t, "server-p384");
    sp_sessions(t.sc, 0, 1, 0, 0);
    sp_sessions(t.cc, 0, 1, 0, 0);
    size_t n = ticket_session(&t, s, sizeof s);
    size_t at = ticket_at(s);
    size_t tlen = ((size_t)s[at - 2] << 8) | s[at - 1];
    size_t where[] = {0, 16, 28, tlen / 2, tlen - 1}; /* name, nonce, body, tag */
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        s[at + where[i]] ^= 0x40;
        sp_refresh_check(s, n);
        assert_int_equal(resume(&t, s, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 1);
        sp_stop(&t);
        s[at + where[i]] ^= 0x40;
        sp_refresh_check(s, n);
    }
    assert_int_equal(resume(&t, s, n), 1);
    sp_free(&t);
}

/* ---- malformed NewSessionTicket ---------------------------------------- */

static void nst_truncate(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)b, (void)cap;
    *len = *(size_t *)arg;
}

static void nst_overlong(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)len, (void)cap, (void)arg;
    b[5]++; /* ticket<0..2^16-1> one byte longer than what follows */
}

static void nst_trailing(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)cap, (void)arg;
    b[(*len)++] = 0;
}

static void test_malformed_nst(void **state)
{
    (void)state;
    size_t cut[] = {0, 3, 5};
    struct {
        sp_msg_fn fn;
        void *arg;
    } cases[] = {{nst_truncate, &cut[0]},
                 {nst_truncate, &cut[1]},
                 {nst_truncate, &cut[2]},
                 {nst_overlong, NULL},
                 {nst_trailing, NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sp_pair t;
        sp_config(&t, "server-p256");
        sp_sessions(t.sc, 0, 1, 0, 0);
        sp_sessions(t.cc, 0, 1, 0, 0);
        sp_start(&t, "localhost", NULL, 0);
        sp_mutate m = {1, GT_HT_NEW_SESSION_TICKET, cases[i].fn, cases[i].arg, 0, {0, 0}};
        sp_mutate_on(&t, &m);
        tu_pipe_run(&t.p, 100);
        assert_true(m.done);
        sp_expect_alert(t.client, t.server, GT_ALERT_DECODE_ERROR);
        sp_free(&t);
    }
}

/* A NewSessionTicket where the Certificate belongs (the server never
 * acknowledged a ticket): unexpected_message (RFC 5077 §3.3, RFC 5246 §7.4). */
static void test_unexpected_nst(void **state)
{
    (void)state;
    sp_pair t;
    sp_config(&t, "server-p256");
    sp_start(&t, "localhost", NULL, 0);
    /* By hand: the ClientHello to the server, then the type byte of the
     * server's Certificate record rewritten. */
    const uint8_t *out;
    size_t n, used = 0;
    assert_int_equal(gt_conn_output(t.client, &out, &n), 0);
    assert_int_equal(gt_conn_feed(t.server, out, n, &used), 0);
    assert_int_equal(used, n);
    gt_conn_output_done(t.client, n);
    assert_int_equal(gt_conn_output(t.server, &out, &n), 0);
    assert_true(n > 0);
    uint8_t *buf = malloc(n);
    assert_non_null(buf);
    memcpy(buf, out, n);
    gt_conn_output_done(t.server, n);
    size_t off = 0, seen = 0;
    while (off + 5 <= n) {
        size_t len = ((size_t)buf[off + 3] << 8) | buf[off + 4];
        if (buf[off] == 22 && buf[off + 5] == GT_HT_CERTIFICATE) {
            buf[off + 5] = GT_HT_NEW_SESSION_TICKET;
            seen = 1;
        }
        off += 5 + len;
    }
    assert_true(seen);
    assert_int_equal(gt_conn_feed(t.client, buf, n, &used), GT_ERR_UNEXPECTED_MESSAGE);
    free(buf);
    sp_expect_alert(t.client, NULL, GT_ALERT_UNEXPECTED_MESSAGE);
    sp_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seal_open),          cmocka_unit_test(test_tamper),
        cmocka_unit_test(test_rotation),           cmocka_unit_test(test_handshake_rotation),
        cmocka_unit_test(test_handshake_tampered), cmocka_unit_test(test_malformed_nst),
        cmocka_unit_test(test_unexpected_nst),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
