/* Tests for the HelloRequest rules of tls/handshake/hs_table.c (RFC 5246
 * §7.4.1.1) in both roles, in process:
 * - after the handshake, the client answers a HelloRequest with a
 *   no_renegotiation warning and never renegotiates: both sides stay OPEN
 *   and application data keeps flowing, also after several of them;
 * - a HelloRequest during the handshake (in front of the ServerHello, and
 *   between the server's messages) is ignored and not hashed: the
 *   handshake completes;
 * - a HelloRequest with a body is decode_error;
 * - a server receiving a HelloRequest fails with unexpected_message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "gt/gt.h"
#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

/* A pair on `suite`, the server on server-p256, keeping the wire. */
static void pair_start(tu_pair *t, uint16_t suite)
{
    tu_pair_config(t, 1, 2, "server-p256", suite);
    tu_pair_start(t, "localhost");
    t->p.keep_wire = 1;
}

/* Queues a HelloRequest (with body_len bytes of body) from c under its
 * current write keys, as a peer's handshake code would. */
static void send_hello_request(gt_conn *c, size_t body_len)
{
    gt_wr w;
    assert_int_equal(gt_hs_begin(c, GT_HT_HELLO_REQUEST, &w), 0);
    for (size_t i = 0; i < body_len; i++)
        gt_wr_u8(&w, 0);
    assert_int_equal(gt_hs_end(c, &w), 0);
}

static void ping(tu_pair *t)
{
    static const uint8_t msg[] = "ping";
    size_t taken;
    uint64_t before = t->p.got_total[1];
    assert_int_equal(gt_conn_write(t->client, msg, sizeof msg, &taken), 0);
    tu_pipe_run(&t->p, 100);
    assert_int_equal(t->p.got_total[1] - before, sizeof msg);
}

/* Counts warning alerts no_renegotiation in a stream: they are encrypted
 * after the handshake, so the test counts the client's alert records and
 * relies on the server's state for the description. */
static size_t alert_records(const tu_bytes *wire)
{
    size_t n = 0;
    for (size_t off = 0; off + 5 <= wire->len;) {
        size_t len = (size_t)wire->p[off + 3] << 8 | wire->p[off + 4];
        n += wire->p[off] == 21;
        off += 5 + len;
    }
    return n;
}

static void test_after_handshake(void **state)
{
    (void)state;
    static const uint16_t suites[] = {0xC02B, 0xC009};
    for (size_t s = 0; s < 2; s++) {
        tu_pair t;
        pair_start(&t, suites[s]);
        assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
        size_t alerts = alert_records(&t.p.wire[0]);
        for (int i = 1; i <= 3; i++) {
            send_hello_request(t.server, 0);
            tu_pipe_run(&t.p, 100);
            assert_int_equal(gt_conn_state(t.client), GT_STATE_OPEN);
            assert_int_equal(gt_conn_state(t.server), GT_STATE_OPEN);
            /* one (warning) alert per HelloRequest, nothing else */
            assert_int_equal(alert_records(&t.p.wire[0]), alerts + (size_t)i);
            assert_int_equal(t.client->hs_done, 1);
            ping(&t);
        }
        tu_pair_free(&t);
    }
}

static void test_with_body(void **state)
{
    (void)state;
    tu_pair t;
    pair_start(&t, 0xC02B);
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
    send_hello_request(t.server, 1);
    tu_pipe_run(&t.p, 100);
    gt_alert_info a;
    assert_int_equal(gt_conn_error(t.client, &a), GT_ERR_DECODE_TRAILING);
    assert_int_equal(a.desc, GT_ALERT_DECODE_ERROR);
    assert_int_equal(gt_conn_state(t.client), GT_STATE_FAILED);
    tu_pair_free(&t);
}

static void test_server_receives_one(void **state)
{
    (void)state;
    tu_pair t;
    pair_start(&t, 0xC02B);
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
    send_hello_request(t.client, 0);
    tu_pipe_run(&t.p, 100);
    gt_alert_info a;
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_UNEXPECTED_MESSAGE);
    assert_int_equal(a.desc, GT_ALERT_UNEXPECTED_MESSAGE);
    tu_pair_free(&t);
}

/* Puts an unprotected HelloRequest record in front of the server's first
 * flight, or in front of its second record. */
typedef struct {
    int where, done;
} inject;

static void inject_hr(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    static const uint8_t hr[] = {22, 3, 3, 0, 4, 0, 0, 0, 0};
    inject *in = ctx;
    if (from != 1 || in->done || *n < 5) return;
    size_t at = 0;
    if (in->where == 1) at = 5 + ((size_t)buf[3] << 8 | buf[4]); /* after the ServerHello */
    assert_true(*n + sizeof hr <= cap && at <= *n);
    memmove(buf + at + sizeof hr, buf + at, *n - at);
    memcpy(buf + at, hr, sizeof hr);
    *n += sizeof hr;
    in->done = 1;
}

static void test_during_handshake(void **state)
{
    (void)state;
    for (int where = 0; where < 2; where++) {
        tu_pair t;
        inject in = {where, 0};
        pair_start(&t, 0xC02B);
        t.p.tamper = inject_hr;
        t.p.tamper_ctx = &in;
        assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
        assert_true(in.done);
        ping(&t);
        tu_pair_free(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_after_handshake),
        cmocka_unit_test(test_with_body),
        cmocka_unit_test(test_server_receives_one),
        cmocka_unit_test(test_during_handshake),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
