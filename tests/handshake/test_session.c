/* Tests for tls/handshake/session.c: the serialized session state
 * (encode/decode round trips, every field checked), and the client's
 * export/import: a round trip gives back the same session and ticket; any
 * truncation, flipped byte, trailing byte, unknown magic or version,
 * unknown suite or out-of-range flag is refused (and the connection then
 * runs a full handshake); import only before the ClientHello left. */
#include "util/sess_pair.h"

#include <stdlib.h>

static void random_session(gt_session *s, uint64_t seed)
{
    static const uint16_t suites[] = {0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8};
    uint8_t r[8];
    tu_fill(r, sizeof r, seed);
    memset(s, 0, sizeof *s);
    tu_fill(s->master, 48, seed * 7 + 1);
    s->suite = suites[r[0] % 6];
    s->ems = r[1] & 1;
    s->has_peer = (r[1] >> 1) & 1;
    if (s->has_peer) tu_fill(s->peer_digest, 32, seed + 3);
    s->id_len = r[2] % 33;
    tu_fill(s->id, s->id_len, seed + 5);
    size_t sni = r[3] % 40;
    for (size_t i = 0; i < sni; i++)
        s->sni[i] = (char)('a' + (r[4] + i) % 26);
    s->created = gt_load64_be(r) >> 8;
    s->lifetime = r[5] * 1000u;
}

static void test_encode_decode(void **state)
{
    (void)state;
    for (uint64_t seed = 0; seed < 200; seed++) {
        gt_session s, back;
        uint8_t buf[512];
        random_session(&s, seed);
        gt_wr w = gt_wr_init(buf, sizeof buf);
        gt_session_encode(&s, &w);
        assert_int_equal(gt_wr_status(&w), 0);
        gt_rd r = gt_rd_init(buf, w.len);
        assert_int_equal(gt_session_decode(&r, &back), 0);
        assert_memory_equal(&s, &back, sizeof s);
        /* Every truncation fails, and so does a trailing byte. */
        for (size_t n = 0; n < w.len; n++) {
            r = gt_rd_init(buf, n);
            if (gt_session_decode(&r, &back) == 0)
                fail_msg("seed %llu: %zu bytes decoded", (unsigned long long)seed, n);
        }
        buf[w.len] = 0;
        r = gt_rd_init(buf, w.len + 1);
        assert_int_equal(gt_session_decode(&r, &back), GT_ERR_DECODE_TRAILING);
    }
}

/* Field values the decoder must refuse (offsets in gt_session_encode). */
static void test_decode_values(void **state)
{
    (void)state;
    gt_session s, back;
    uint8_t buf[512];
    random_session(&s, 1);
    s.has_peer = 0;
    gt_wr w = gt_wr_init(buf, sizeof buf);
    gt_session_encode(&s, &w);
    struct {
        size_t at;
        uint8_t v;
    } bad[] = {
        {0, 2},         /* version */
        {1, 0x12},      /* suite 0x12xx: unknown */
        {3, 2},         /* ems */
        {w.len - 1, 2}, /* has_peer */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t x[512];
        memcpy(x, buf, w.len);
        x[bad[i].at] = bad[i].v;
        gt_rd r = gt_rd_init(x, w.len);
        assert_int_equal(gt_session_decode(&r, &back), GT_ERR_DECODE_VALUE);
    }
    /* A NUL inside the server name. */
    memcpy(s.sni, "ab", 3);
    w = gt_wr_init(buf, sizeof buf);
    gt_session_encode(&s, &w);
    buf[1 + 2 + 1 + 8 + 4 + 48 + 1 + 1] = 0; /* the 'b' */
    gt_rd r = gt_rd_init(buf, w.len);
    assert_int_equal(gt_session_decode(&r, &back), GT_ERR_DECODE_VALUE);
}

static size_t full_session(sp_pair *t, uint8_t *s, size_t cap)
{
    sp_config(t, "server-p256");
    sp_sessions(t->sc, 8, 1, 0, 0);
    sp_sessions(t->cc, 0, 1, 0, 0);
    sp_start(t, "localhost", NULL, 0);
    assert_int_equal(sp_run(t), 0);
    size_t n = sp_export(t, s, cap);
    sp_stop(t);
    return n;
}

static void test_round_trip(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX], again[GT_SESSION_EXPORT_MAX];
    size_t n = full_session(&t, s, sizeof s), len = 0;
    gt_conn *c = gt_conn_new(t.cc, GT_ROLE_CLIENT, "localhost");
    assert_int_equal(gt_conn_set_session(c, s, n), 0);
    assert_int_equal(c->hs.have_sess, 1);
    assert_int_equal(c->hs.offer_resume, 1);
    assert_true(c->hs.ticket_len > 0);
    assert_int_equal(c->hs.sess.id_len, 32);
    /* The export of the imported state is the same bytes. */
    c->hs_done = 1;
    assert_int_equal(gt_conn_session_export(c, again, sizeof again, &len), 0);
    assert_int_equal(len, n);
    assert_memory_equal(again, s, n);
    /* Too small a buffer, no partial output. */
    assert_int_equal(gt_conn_session_export(c, again, n - 1, &len), GT_ERR_ENCODE_OVERFLOW);
    assert_int_equal(len, 0);
    gt_conn_free(c);
    sp_free(&t);
}

/* Any malformed import is refused; the connection then runs a full
 * handshake. */
static void expect_refused(sp_pair *t, const uint8_t *s, size_t n, const char *what)
{
    gt_conn *c = gt_conn_new(t->cc, GT_ROLE_CLIENT, "localhost");
    int err = gt_conn_set_session(c, s, n);
    if (err == 0) fail_msg("%s: imported", what);
    if (err > -200 || err <= -300) fail_msg("%s: error %d is not a decode error", what, err);
    assert_int_equal(c->hs.have_sess, 0);
    assert_int_equal(c->hs.offer_resume, 0);
    assert_int_equal(gt_conn_state(c), GT_STATE_HANDSHAKING);
    gt_conn_free(c);
}

static void test_malformed_import(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX], x[GT_SESSION_EXPORT_MAX + 1];
    size_t n = full_session(&t, s, sizeof s);
    for (size_t len = 0; len < n; len++)
        expect_refused(&t, s, len, "truncated");
    for (size_t i = 0; i < n; i++) {
        memcpy(x, s, n);
        x[i] ^= 0x80;
        expect_refused(&t, x, n, "flipped byte");
    }
    memcpy(x, s, n);
    x[n] = 0;
    expect_refused(&t, x, n + 1, "trailing byte");
    sp_refresh_check(x, n + 1);
    expect_refused(&t, x, n + 1, "trailing byte, check refreshed");
    size_t edits[] = {0, 3}; /* magic, version */
    for (size_t i = 0; i < 2; i++) {
        memcpy(x, s, n);
        x[edits[i]] ^= 1;
        sp_refresh_check(x, n);
        expect_refused(&t, x, n, "magic / version");
    }
    memcpy(x, s, n);
    x[7] = 0x12; /* state: suite high byte */
    sp_refresh_check(x, n);
    expect_refused(&t, x, n, "unknown suite");
    /* And the valid one still resumes. */
    sp_start(&t, "localhost", s, n);
    assert_int_equal(sp_run(&t), 0);
    assert_int_equal(sp_resumed(&t), 1);
    sp_free(&t);
}

static void test_import_state(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX];
    size_t n = full_session(&t, s, sizeof s), len;
    /* A server has no session to import. */
    gt_conn *srv = gt_conn_new(t.sc, GT_ROLE_SERVER, NULL);
    assert_int_equal(gt_conn_set_session(srv, s, n), GT_ERR_STATE);
    gt_conn_free(srv);
    /* Once the ClientHello was taken, it is too late. */
    gt_conn *c = gt_conn_new(t.cc, GT_ROLE_CLIENT, "localhost");
    const uint8_t *out;
    assert_int_equal(gt_conn_output(c, &out, &len), 0);
    gt_conn_output_done(c, 1);
    assert_int_equal(gt_conn_set_session(c, s, n), GT_ERR_STATE);
    assert_int_equal(gt_conn_set_session(NULL, s, n), GT_ERR_ARG);
    assert_int_equal(gt_conn_session_export(NULL, s, n, &len), GT_ERR_ARG);
    gt_conn_free(c);
    /* Imported twice: the second replaces the first. */
    c = gt_conn_new(t.cc, GT_ROLE_CLIENT, "localhost");
    assert_int_equal(gt_conn_set_session(c, s, n), 0);
    assert_int_equal(gt_conn_set_session(c, s, n), 0);
    assert_int_equal(c->hs.offer_resume, 1);
    gt_conn_free(c);
    sp_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_decode), cmocka_unit_test(test_decode_values),
        cmocka_unit_test(test_round_trip),    cmocka_unit_test(test_malformed_import),
        cmocka_unit_test(test_import_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
