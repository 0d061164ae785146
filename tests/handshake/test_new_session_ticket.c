/* Tests for NewSessionTicket (tls/handshake/new_session_ticket.c) and its
 * place in the legal orders (hs_table.c), in process:
 * - a server that acknowledged session_ticket in its ServerHello and then
 *   sends no NewSessionTicket (RFC 5077 §3.3: "the server MUST send a
 *   NewSessionTicket ... if it included a SessionTicket extension in the
 *   ServerHello") is unexpected_message at its ChangeCipherSpec, in the
 *   full and in the abbreviated handshake (BoGo SkipNewSessionTicket);
 * - a NewSessionTicket from a server that did not acknowledge the
 *   extension is unexpected_message;
 * - controls: the untouched exchanges complete and yield a ticket. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/sess_pair.h"

/* Removes the server's (plaintext) NewSessionTicket record. */
typedef struct {
    int done;
} drop;

static void drop_nst(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    (void)cap;
    drop *d = ctx;
    if (d->done || from != 1) return;
    for (size_t off = 0; off + 5 < *n;) {
        size_t len = (size_t)buf[off + 3] << 8 | buf[off + 4], end = off + 5 + len;
        if (buf[off] == 20) return;
        if (buf[off] == 22 && buf[off + 5] == GT_HT_NEW_SESSION_TICKET) {
            memmove(buf + off, buf + end, *n - end);
            *n -= end - off;
            d->done = 1;
            return;
        }
        off = end;
    }
}

static void expect_unexpected(sp_pair *t)
{
    gt_alert_info a;
    assert_int_equal(gt_conn_error(t->client, &a), GT_ERR_UNEXPECTED_MESSAGE);
    assert_int_equal(a.sent, 1);
    assert_int_equal(a.desc, GT_ALERT_UNEXPECTED_MESSAGE);
}

static void test_skipped_ticket_full(void **state)
{
    (void)state;
    sp_pair t;
    sp_config(&t, "server-p256");
    sp_sessions(t.cc, 0, 1, 0, 0);
    sp_sessions(t.sc, 0, 1, 0, 0);
    sp_start(&t, "localhost", NULL, 0);
    drop d = {0};
    t.p.tamper = drop_nst;
    t.p.tamper_ctx = &d;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
    assert_true(d.done);
    assert_int_equal(t.client->hs.ticket_ack, 1);
    expect_unexpected(&t);
    sp_free(&t);
}

static void test_skipped_ticket_abbreviated(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t sess[GT_SESSION_EXPORT_MAX];
    sp_config(&t, "server-p256");
    sp_sessions(t.cc, 0, 1, 0, 0);
    sp_sessions(t.sc, 0, 1, 0, 0);
    sp_start(&t, "localhost", NULL, 0);
    assert_int_equal(sp_run(&t), 0);
    size_t len = sp_export(&t, sess, sizeof sess);
    sp_stop(&t);
    /* control: resumption with a renewed ticket */
    sp_start(&t, "localhost", sess, len);
    assert_int_equal(sp_run(&t), 0);
    assert_int_equal(sp_resumed(&t), 1);
    sp_stop(&t);
    sp_start(&t, "localhost", sess, len);
    drop d = {0};
    t.p.tamper = drop_nst;
    t.p.tamper_ctx = &d;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
    assert_true(d.done);
    expect_unexpected(&t);
    sp_free(&t);
}

/* Puts a NewSessionTicket record (empty ticket) in front of the server's
 * ChangeCipherSpec. */
static void add_nst(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    static const uint8_t nst[] = {22, 3, 3, 0, 10, GT_HT_NEW_SESSION_TICKET, 0, 0, 6, 0,
                                  0,  0, 0, 0, 0};
    drop *d = ctx;
    if (d->done || from != 1) return;
    for (size_t off = 0; off + 5 <= *n;) {
        size_t len = (size_t)buf[off + 3] << 8 | buf[off + 4];
        if (buf[off] == 20) {
            assert_true(*n + sizeof nst <= cap);
            memmove(buf + off + sizeof nst, buf + off, *n - off);
            memcpy(buf + off, nst, sizeof nst);
            *n += sizeof nst;
            d->done = 1;
            return;
        }
        off += 5 + len;
    }
}

static void test_unannounced_ticket(void **state)
{
    (void)state;
    sp_pair t;
    sp_config(&t, "server-p256");
    sp_start(&t, "localhost", NULL, 0);
    drop d = {0};
    t.p.tamper = add_nst;
    t.p.tamper_ctx = &d;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
    assert_true(d.done);
    assert_int_equal(t.client->hs.ticket_ack, 0);
    expect_unexpected(&t);
    sp_free(&t);
    /* control: without the injection the handshake completes */
    sp_config(&t, "server-p256");
    sp_start(&t, "localhost", NULL, 0);
    assert_int_equal(sp_run(&t), 0);
    sp_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skipped_ticket_full),
        cmocka_unit_test(test_skipped_ticket_abbreviated),
        cmocka_unit_test(test_unannounced_ticket),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
