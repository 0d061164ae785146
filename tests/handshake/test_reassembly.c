/* Tests for handshake reassembly at flight ends (tls/handshake/reassembly.c
 * and the check in hs_table.c), in process:
 * - handshake bytes after the last message of the peer's flight, in the
 *   same record, are unexpected_message (GT_ERR_EXCESS_HANDSHAKE_DATA), and
 *   the receiver's own flight is not sent: a ClientHello with the first
 *   byte of a ClientKeyExchange (BoGo PartialClientKeyExchangeWithClient-
 *   Hello), a ServerHelloDone with the first byte of a Finished, a whole
 *   extra message after the ServerHelloDone, and a client Finished record
 *   with one more handshake byte (protected, sealed with the client's
 *   keys);
 * - a ChangeCipherSpec while part of a handshake message is buffered is
 *   unexpected_message (RFC 5246 §7.1: CCS is at a message boundary);
 * - controls: a flight coalesced into one record, and every message split
 *   byte by byte over records, still complete. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

/* A pair on `suite`, the server on server-p256, keeping the wire. */
static void pair_start(tu_pair *t, uint16_t suite)
{
    tu_pair_config(t, 41, 42, "server-p256", suite);
    tu_pair_start(t, "localhost");
    t->p.keep_wire = 1;
}

/* The failing side's error and the alert it sent. */
static void expect_excess(gt_conn *c)
{
    gt_alert_info a;
    assert_int_equal(gt_conn_error(c, &a), GT_ERR_EXCESS_HANDSHAKE_DATA);
    assert_int_equal(a.sent, 1);
    assert_int_equal(a.desc, GT_ALERT_UNEXPECTED_MESSAGE);
    assert_int_equal(gt_err_alert(GT_ERR_EXCESS_HANDSHAKE_DATA), GT_ALERT_UNEXPECTED_MESSAGE);
}

/* Counts records of `type` in what a side sent. */
static size_t records(const tu_bytes *wire, uint8_t type)
{
    size_t n = 0;
    for (size_t off = 0; off + 5 <= wire->len;) {
        n += wire->p[off] == type;
        off += 5 + ((size_t)wire->p[off + 3] << 8 | wire->p[off + 4]);
    }
    return n;
}

/* Appends `extra` to the plaintext handshake record of side `from` whose
 * first message has type `msg` (once). */
typedef struct {
    int from;
    uint8_t msg;
    const uint8_t *extra;
    size_t extra_len;
    int done;
} append;

static void append_tamper(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    append *a = ctx;
    if (a->done || from != a->from) return;
    for (size_t off = 0; off + 5 < *n;) {
        size_t len = (size_t)buf[off + 3] << 8 | buf[off + 4], end = off + 5 + len;
        if (buf[off] == 20) return; /* protected from here on */
        if (buf[off] == 22 && buf[off + 5] == a->msg) {
            assert_true(*n + a->extra_len <= cap);
            memmove(buf + end + a->extra_len, buf + end, *n - end);
            memcpy(buf + end, a->extra, a->extra_len);
            len += a->extra_len;
            buf[off + 3] = (uint8_t)(len >> 8);
            buf[off + 4] = (uint8_t)len;
            *n += a->extra_len;
            a->done = 1;
            return;
        }
        off = end;
    }
}

static void run_append(int from, uint8_t msg, const uint8_t *extra, size_t extra_len)
{
    tu_pair t;
    append a = {from, msg, extra, extra_len, 0};
    pair_start(&t, 0xC02B);
    t.p.tamper = append_tamper;
    t.p.tamper_ctx = &a;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
    assert_true(a.done);
    gt_conn *victim = from == 0 ? t.server : t.client;
    expect_excess(victim);
    assert_int_equal(gt_conn_state(victim), GT_STATE_FAILED);
    /* the victim's next flight never went out: nothing but the alert */
    if (from == 0) assert_int_equal(records(&t.p.wire[1], 22), 0);
    if (from == 1) assert_int_equal(records(&t.p.wire[0], 20), 0);
    tu_pair_free(&t);
}

static void test_client_hello_plus_partial(void **state)
{
    (void)state;
    static const uint8_t cke_start[] = {GT_HT_CLIENT_KEY_EXCHANGE};
    run_append(0, GT_HT_CLIENT_HELLO, cke_start, sizeof cke_start);
    /* a whole (empty-bodied) message is no better */
    static const uint8_t whole[] = {GT_HT_CLIENT_KEY_EXCHANGE, 0, 0, 0};
    run_append(0, GT_HT_CLIENT_HELLO, whole, sizeof whole);
}

static void test_server_hello_done_plus_partial(void **state)
{
    (void)state;
    static const uint8_t fin_start[] = {GT_HT_FINISHED};
    run_append(1, GT_HT_SERVER_HELLO_DONE, fin_start, sizeof fin_start);
    static const uint8_t hello_request[] = {GT_HT_HELLO_REQUEST, 0, 0, 0};
    run_append(1, GT_HT_SERVER_HELLO_DONE, hello_request, sizeof hello_request);
}

/* Replaces the client's protected Finished record by one sealed with the
 * same keys and sequence number whose plaintext is Finished + one byte. */
typedef struct {
    gt_conn *client;
    int done;
} refin;

static void refinish_tamper(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    refin *r = ctx;
    if (r->done || from != 0) return;
    size_t off = 0, ccs_end = 0;
    while (off + 5 <= *n) {
        size_t len = (size_t)buf[off + 3] << 8 | buf[off + 4];
        if (buf[off] == 20) ccs_end = off + 5 + len;
        off += 5 + len;
    }
    if (!ccs_end || ccs_end + 5 > *n) return;
    gt_rec_state st = r->client->wr; /* sealed the Finished at seq - 1 */
    assert_true(st.seq >= 1);
    st.seq--;
    uint8_t *rec = buf + ccs_end, *data = rec + GT_REC_HDR + st.ops->prefix;
    size_t plain = 4 + 12 + 1, rl = 0;
    assert_true(ccs_end + GT_REC_HDR + st.ops->prefix + plain + st.ops->suffix_max <= cap);
    data[0] = GT_HT_FINISHED;
    data[1] = 0;
    data[2] = 0;
    data[3] = 12;
    memcpy(data + 4, r->client->hs.client_verify, 12);
    data[16] = GT_HT_CLIENT_HELLO; /* the start of another message */
    assert_int_equal(gt_rec_seal(&st, GT_CT_HANDSHAKE, 0x0303, rec, plain, &rl), 0);
    *n = ccs_end + rl;
    gt_rec_state_wipe(&st);
    r->done = 1;
}

static void test_finished_plus_data(void **state)
{
    (void)state;
    static const uint16_t suites[] = {0xC02B, 0xCCA9};
    for (size_t i = 0; i < 2; i++) {
        tu_pair t;
        pair_start(&t, suites[i]);
        refin r = {t.client, 0};
        t.p.tamper = refinish_tamper;
        t.p.tamper_ctx = &r;
        assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
        assert_true(r.done);
        /* the Finished itself verified: the extra byte is what failed */
        expect_excess(t.server);
        assert_int_equal(records(&t.p.wire[1], 20), 0); /* no CCS of the server */
        tu_pair_free(&t);
    }
}

/* Control for the tamper above: the same record without the extra byte
 * completes the handshake (so the failure is the byte, not the re-seal). */
static void refinish_plain_tamper(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    refin *r = ctx;
    if (r->done || from != 0) return;
    size_t off = 0, ccs_end = 0;
    while (off + 5 <= *n) {
        size_t len = (size_t)buf[off + 3] << 8 | buf[off + 4];
        if (buf[off] == 20) ccs_end = off + 5 + len;
        off += 5 + len;
    }
    if (!ccs_end || ccs_end + 5 > *n) return;
    gt_rec_state st = r->client->wr;
    st.seq--;
    uint8_t *rec = buf + ccs_end, *data = rec + GT_REC_HDR + st.ops->prefix;
    size_t rl = 0;
    assert_true(ccs_end + 64 + st.ops->suffix_max <= cap);
    data[0] = GT_HT_FINISHED;
    data[1] = data[2] = 0;
    data[3] = 12;
    memcpy(data + 4, r->client->hs.client_verify, 12);
    assert_int_equal(gt_rec_seal(&st, GT_CT_HANDSHAKE, 0x0303, rec, 16, &rl), 0);
    *n = ccs_end + rl;
    gt_rec_state_wipe(&st);
    r->done = 1;
}

static void test_finished_resealed_control(void **state)
{
    (void)state;
    tu_pair t;
    pair_start(&t, 0xC02B);
    refin r = {t.client, 0};
    t.p.tamper = refinish_plain_tamper;
    t.p.tamper_ctx = &r;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), 0);
    assert_true(r.done);
    tu_pair_free(&t);
}

/* Splits the client's ClientKeyExchange record in two and puts the CCS
 * between the halves. */
static void ccs_inside_tamper(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    int *done = ctx;
    if (*done || from != 0) return;
    for (size_t off = 0; off + 5 < *n;) {
        size_t len = (size_t)buf[off + 3] << 8 | buf[off + 4], end = off + 5 + len;
        if (buf[off] == 22 && buf[off + 5] == GT_HT_CLIENT_KEY_EXCHANGE) {
            static const uint8_t ccs[] = {20, 3, 3, 0, 1, 1};
            size_t half = len / 2;
            assert_true(*n + 5 + sizeof ccs <= cap);
            /* [hdr half1][ccs][hdr half2] */
            memmove(buf + off + 5 + half + sizeof ccs + 5, buf + off + 5 + half,
                    *n - (off + 5 + half));
            memcpy(buf + off + 5 + half, ccs, sizeof ccs);
            uint8_t *h2 = buf + off + 5 + half + sizeof ccs;
            h2[0] = 22;
            h2[1] = 3;
            h2[2] = 3;
            h2[3] = (uint8_t)((len - half) >> 8);
            h2[4] = (uint8_t)(len - half);
            buf[off + 3] = (uint8_t)(half >> 8);
            buf[off + 4] = (uint8_t)half;
            *n += sizeof ccs + 5;
            *done = 1;
            return;
        }
        off = end;
    }
}

static void test_ccs_inside_message(void **state)
{
    (void)state;
    tu_pair t;
    int done = 0;
    pair_start(&t, 0xC02B);
    t.p.tamper = ccs_inside_tamper;
    t.p.tamper_ctx = &done;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
    assert_true(done);
    gt_alert_info a;
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_RECORD_INTERLEAVE);
    assert_int_equal(a.desc, GT_ALERT_UNEXPECTED_MESSAGE);
    tu_pair_free(&t);
}

/* Controls: the server's first flight coalesced into one record, and
 * everything fed one byte at a time (messages split over records is
 * reassembly's normal work; feeding is not record splitting, so the
 * coalescing tamper below does the records). */
static void coalesce_tamper(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    (void)cap;
    int *done = ctx;
    if (*done || from != 1 || *n < 5 || buf[5] != GT_HT_SERVER_HELLO) return;
    size_t in = 0, out = 0;
    uint8_t tmp[16384];
    size_t first = 0;
    while (in + 5 <= *n && buf[in] == 22) {
        size_t len = (size_t)buf[in + 3] << 8 | buf[in + 4];
        assert_true(first + len <= sizeof tmp);
        memcpy(tmp + first, buf + in + 5, len);
        first += len;
        in += 5 + len;
    }
    assert_true(first <= 16384 && in == *n);
    out = 5 + first;
    buf[3] = (uint8_t)(first >> 8);
    buf[4] = (uint8_t)first;
    memcpy(buf + 5, tmp, first);
    *n = out;
    *done = 1;
}

static void test_controls(void **state)
{
    (void)state;
    tu_pair t;
    int done = 0;
    pair_start(&t, 0xC02B);
    t.p.tamper = coalesce_tamper;
    t.p.tamper_ctx = &done;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), 0);
    assert_true(done);
    assert_int_equal(records(&t.p.wire[1], 22), 2); /* the flight, then Finished */
    tu_pair_free(&t);
    pair_start(&t, 0xC02B);
    t.p.chunk = 1;
    assert_int_equal(tu_pipe_handshake(&t.p, 100000), 0);
    tu_pair_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_hello_plus_partial),
        cmocka_unit_test(test_server_hello_done_plus_partial),
        cmocka_unit_test(test_finished_plus_data),
        cmocka_unit_test(test_finished_resealed_control),
        cmocka_unit_test(test_ccs_inside_message),
        cmocka_unit_test(test_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
