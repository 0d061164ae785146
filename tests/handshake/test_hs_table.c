/* Tests for tls/handshake/hs_table.c and the message codecs behind it:
 * every plaintext handshake message of a full handshake is mutated on the
 * wire (truncated by a byte, a trailing byte, an inner length one too
 * long, the wrong message type for the state, an unknown type) and the
 * receiver must fail with the RFC's alert (decode_error, RFC 5246 §7.2.2;
 * unexpected_message, §7.4) which the sender then receives; never a crash
 * or a hang. Finished is encrypted: a wrong verify_data is made by
 * desynchronising the client's transcript, which must give decrypt_error.
 * The later tests engineer extends this exhaustively. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

enum { TRUNCATE, TRAILING, OVERLONG, WRONG_TYPE, UNKNOWN_TYPE };

typedef struct {
    int from;      /* 0 client, 1 server */
    uint8_t type;  /* HandshakeType to mutate */
    int mutation;  /* enum above */
    size_t len_at; /* OVERLONG: offset in the body of a length byte to raise */
    uint8_t other; /* WRONG_TYPE: the type to put instead */
    int done, ccs[2];
} mutate;

static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}

static void mutate_fn(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    mutate *m = ctx;
    size_t off = 0;
    while (off + 5 <= *n) {
        size_t len = ((size_t)buf[off + 3] << 8) | buf[off + 4];
        if (buf[off] == 20) m->ccs[from] = 1;
        if (!m->done && from == m->from && !m->ccs[from] && buf[off] == 22 && len >= 4 &&
            buf[off + 5] == m->type) {
            uint8_t *msg = buf + off + 5;
            size_t body = len - 4;
            int delta = 0;
            switch (m->mutation) {
            case TRUNCATE:
                delta = -1;
                break;
            case TRAILING:
                delta = 1;
                break;
            case OVERLONG:
                msg[4 + m->len_at]++;
                break;
            case WRONG_TYPE:
                msg[0] = m->other;
                break;
            default:
                msg[0] = 99;
                break;
            }
            if (delta > 0) {
                assert_true(*n + 1 <= cap);
                memmove(msg + len + 1, msg + len, *n - (off + 5 + len));
                msg[len] = 0;
            } else if (delta < 0) {
                memmove(msg + len - 1, msg + len, *n - (off + 5 + len));
            }
            *n = (size_t)((long)*n + delta);
            len = (size_t)((long)len + delta);
            put24(msg + 1, (size_t)((long)body + delta));
            buf[off + 3] = (uint8_t)(len >> 8);
            buf[off + 4] = (uint8_t)len;
            m->done = 1;
        }
        off += 5 + len;
    }
}

typedef struct {
    int from;
    uint8_t type;
    int mutation;
    size_t len_at;
    uint8_t other;
    uint8_t alert;
    const char *what;
} mcase;

/* Offsets are into the message body. */
static const mcase cases[] = {
    {0, 1, TRUNCATE, 0, 0, 50, "ClientHello truncated"},
    {0, 1, TRAILING, 0, 0, 50, "ClientHello trailing byte"},
    {0, 1, OVERLONG, 34, 0, 50, "ClientHello session_id 33 bytes"},
    {0, 1, WRONG_TYPE, 0, 16, 10, "ClientKeyExchange first"},
    {0, 1, UNKNOWN_TYPE, 0, 0, 10, "unknown type first"},
    {1, 2, TRUNCATE, 0, 0, 50, "ServerHello truncated"},
    {1, 2, TRAILING, 0, 0, 50, "ServerHello trailing byte"},
    {1, 2, OVERLONG, 34, 0, 50, "ServerHello session_id 33 bytes"},
    {1, 2, WRONG_TYPE, 0, 14, 10, "ServerHelloDone instead of ServerHello"},
    {1, 11, TRUNCATE, 0, 0, 50, "Certificate truncated"},
    {1, 11, TRAILING, 0, 0, 50, "Certificate trailing byte"},
    {1, 11, OVERLONG, 2, 0, 50, "Certificate list one byte long"},
    {1, 11, WRONG_TYPE, 0, 14, 10, "ServerHelloDone instead of Certificate"},
    {1, 12, TRUNCATE, 0, 0, 50, "ServerKeyExchange truncated"},
    {1, 12, TRAILING, 0, 0, 50, "ServerKeyExchange trailing byte"},
    {1, 12, OVERLONG, 3, 0, 50, "ServerKeyExchange point one byte long"},
    {1, 12, WRONG_TYPE, 0, 14, 10, "ServerHelloDone instead of ServerKeyExchange"},
    {1, 12, UNKNOWN_TYPE, 0, 0, 10, "unknown type instead of ServerKeyExchange"},
    {1, 14, TRAILING, 0, 0, 50, "ServerHelloDone with a body"},
    {1, 14, WRONG_TYPE, 0, 12, 10, "ServerKeyExchange twice"},
    {0, 16, TRUNCATE, 0, 0, 50, "ClientKeyExchange truncated"},
    {0, 16, TRAILING, 0, 0, 50, "ClientKeyExchange trailing byte"},
    {0, 16, OVERLONG, 0, 0, 50, "ClientKeyExchange point one byte long"},
    {0, 16, WRONG_TYPE, 0, 1, 10, "ClientHello instead of ClientKeyExchange"},
};

static void pair_new(tu_pair *t, int ems)
{
    tu_pair_config(t, 21, 22, "server-p256", 0);
    assert_int_equal(gt_config_set_option(t->cc, GT_OPT_EMS, ems), 0);
    tu_pair_start(t, "localhost");
}

static void test_malformed_messages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const mcase *k = &cases[i];
        mutate m = {k->from, k->type, k->mutation, k->len_at, k->other, 0, {0, 0}};
        tu_pair t;
        gt_alert_info a;
        pair_new(&t, 1);
        t.p.tamper = mutate_fn;
        t.p.tamper_ctx = &m;
        tu_pipe_run(&t.p, 100);
        if (!m.done) fail_msg("%s: message not seen", k->what);
        gt_conn *rx = t.p.c[1 - k->from], *tx = t.p.c[k->from];
        int err = gt_conn_error(rx, &a);
        if (gt_conn_state(rx) != GT_STATE_FAILED || a.desc != k->alert || !a.sent)
            fail_msg("%s: receiver state %d err %d (%s) alert %d, want alert %d", k->what,
                     gt_conn_state(rx), err, gt_err_str(err), a.desc, k->alert);
        err = gt_conn_error(tx, &a);
        if (err != GT_ERR_ALERT_RECEIVED || a.desc != k->alert)
            fail_msg("%s: sender err %d (%s) alert %d", k->what, err, gt_err_str(err), a.desc);
        assert_int_equal(gt_conn_state(tx), GT_STATE_FAILED);
        tu_pair_free(&t);
    }
}

/* Finished with a wrong verify_data: without EMS both sides derive the
 * same keys from the randoms, but the client's transcript is made to
 * differ, so its Finished decrypts fine and does not verify. */
static void test_bad_finished(void **state)
{
    (void)state;
    tu_pair t;
    gt_alert_info a;
    pair_new(&t, 0);
    gt_transcript_add(&t.client->hs.th, (const uint8_t *)"x", 1);
    tu_pipe_run(&t.p, 100);
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_DECRYPT_ERROR);
    assert_int_equal(a.desc, GT_ALERT_DECRYPT_ERROR);
    assert_int_equal(gt_conn_error(t.client, &a), GT_ERR_ALERT_RECEIVED);
    assert_int_equal(a.desc, GT_ALERT_DECRYPT_ERROR);
    tu_pair_free(&t);
}

/* Messages out of order at the record level: application data and a
 * ChangeCipherSpec before the handshake allows them. */
static void test_early_ccs_and_data(void **state)
{
    (void)state;
    static const uint8_t ccs[] = {20, 3, 3, 0, 1, 1};
    static const uint8_t app[] = {23, 3, 3, 0, 1, 'x'};
    const uint8_t *recs[] = {ccs, app};
    for (int i = 0; i < 2; i++) {
        gt_drbg d;
        gt_alert_info a;
        size_t used;
        gt_config *cfg = tu_config(&d, 1);
        assert_int_equal(tu_add_chain(cfg, "server-p256"), 0);
        gt_conn *s = gt_conn_new(cfg, GT_ROLE_SERVER, NULL);
        assert_int_equal(gt_conn_feed(s, recs[i], 6, &used), GT_ERR_UNEXPECTED_MESSAGE);
        assert_int_equal(gt_conn_error(s, &a), GT_ERR_UNEXPECTED_MESSAGE);
        assert_int_equal(a.desc, GT_ALERT_UNEXPECTED_MESSAGE);
        gt_conn_free(s);
        gt_config_free(cfg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed_messages),
        cmocka_unit_test(test_bad_finished),
        cmocka_unit_test(test_early_ccs_and_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
