/* Tests for tls/handshake/conn.c and conn_io.c: whole handshakes between
 * the IUT's client and server in process (tests/util/pipe.h) for every
 * suite x group x certificate type, and the buffering contract of gt_conn:
 * byte-at-a-time input, 1-byte handshake records, a whole flight in one
 * record, a 16 MiB transfer checked by hash, close_notify both ways and
 * truncation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt.h"
#include "util/pipe.h"
#include "util/testutil.h"

static void explain(gt_conn *c, const char *who)
{
    gt_alert_info a;
    int err = gt_conn_error(c, &a);
    if (err)
        print_message("%s: state %d err %d (%s) alert sent=%d level=%d desc=%d\n", who,
                      gt_conn_state(c), err, gt_err_str(err), a.sent, a.level, a.desc);
}

static void handshake_ok(tu_pair *t)
{
    int r = tu_pipe_handshake(&t->p, 1000);
    explain(t->client, "client");
    explain(t->server, "server");
    assert_int_equal(r, 0);
}

/* Sends n bytes each way and checks they arrive intact. */
static void exchange(tu_pair *t, size_t n)
{
    uint8_t *buf = malloc(n), want[32], got[32];
    assert_non_null(buf);
    tu_fill(buf, n, n);
    for (int side = 0; side < 2; side++) {
        size_t off = 0, taken, rounds = 0;
        while (off < n) {
            int err = gt_conn_write(t->p.c[side], buf + off, n - off, &taken);
            assert_true(err == 0 || err == GT_ERR_WANT_OUTPUT);
            off += taken;
            tu_pipe_step(&t->p);
            assert_true(++rounds < 100000);
        }
        tu_pipe_run(&t->p, 1000);
        assert_int_equal(t->p.got_total[1 - side], n);
        gt_sha256_ctx h;
        gt_sha256_init(&h);
        gt_sha256_update(&h, buf, n);
        gt_sha256_final(&h, want);
        tu_pipe_digest(&t->p, 1 - side, got);
        assert_memory_equal(want, got, 32);
        t->p.got_total[1 - side] = 0;
    }
    free(buf);
}

/* ---- every suite x group x certificate ------------------------------- */

static const char *const ecdsa_certs[] = {"server-p256", "server-p384"};
static const uint16_t ecdsa_suites[] = {0xC02B, 0xC02C, 0xCCA9};
static const uint16_t rsa_suites[] = {0xC02F, 0xC030, 0xCCA8};
static const uint16_t groups[] = {29, 23, 24};

static void one_combination(const char *leaf, uint16_t suite, uint16_t group)
{
    tu_pair t;
    tu_pair_config(&t, 1, 2, leaf, 0);
    assert_int_equal(gt_config_set_suites(t.sc, &suite, 1), 0);
    /* The server's list forces the group; the client offers all (an
     * ECDSA certificate's curve must be among them, RFC 8422 §5.1). */
    assert_int_equal(gt_config_set_groups(t.sc, &group, 1), 0);
    tu_pair_start(&t, "localhost");
    handshake_ok(&t);
    gt_conn_info ci, si;
    assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
    assert_int_equal(gt_conn_info_get(t.server, &si), 0);
    assert_int_equal(ci.version, 0x0303);
    assert_int_equal(ci.suite, suite);
    assert_int_equal(si.suite, suite);
    assert_int_equal(ci.group, group);
    assert_int_equal(si.group, group);
    assert_int_equal(ci.sigalg, si.sigalg);
    assert_int_equal(ci.ems, 1);
    assert_int_equal(si.ems, 1);
    assert_int_equal(ci.secure_renegotiation, 1);
    exchange(&t, 1000);
    tu_pair_free(&t);
}

static void test_matrix(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t g = 0; g < 3; g++) {
        if (!gt_group_name(groups[g])) continue;
        for (size_t s = 0; s < 3; s++) {
            for (size_t c = 0; c < 2; c++, n++)
                one_combination(ecdsa_certs[c], ecdsa_suites[s], groups[g]);
            one_combination("server-rsa2048", rsa_suites[s], groups[g]);
            n++;
        }
    }
    assert_int_equal(n, 27);
}

/* Every signature algorithm the server may pick, forced one at a time. */
static void test_sigalgs(void **state)
{
    (void)state;
    static const struct {
        const char *leaf;
        uint16_t sigalg;
    } cases[] = {
        {"server-rsa2048", 0x0804}, {"server-rsa2048", 0x0805}, {"server-rsa2048", 0x0806},
        {"server-rsa2048", 0x0401}, {"server-rsa2048", 0x0501}, {"server-rsa2048", 0x0601},
        {"server-p256", 0x0403},    {"server-p256", 0x0503},    {"server-p384", 0x0503},
        {"server-p384", 0x0403},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_pair t;
        tu_pair_config(&t, 1, 2, cases[i].leaf, 0);
        assert_int_equal(gt_config_set_sigalgs(t.cc, &cases[i].sigalg, 1), 0);
        tu_pair_start(&t, "localhost");
        handshake_ok(&t);
        gt_conn_info ci;
        assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
        assert_int_equal(ci.sigalg, cases[i].sigalg);
        tu_pair_free(&t);
    }
}

/* ---- record boundaries -------------------------------------------------- */

static void test_byte_at_a_time(void **state)
{
    (void)state;
    tu_pair t;
    tu_pair_config(&t, 1, 2, "server-rsa2048", 0);
    tu_pair_start(&t, "localhost");
    t.p.chunk = 1;
    handshake_ok(&t);
    exchange(&t, 20000);
    tu_pair_free(&t);
}

/* Re-frames the plaintext handshake records one direction sends (before
 * its ChangeCipherSpec): split into 1-byte records, or merge runs of
 * handshake records into one. */
typedef struct {
    int mode; /* 1 split, 2 merge */
    int ccs_seen[2];
    size_t records_out[2];
} reframe;

static void reframe_fn(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    reframe *rf = ctx;
    tu_bytes out = {0}, merged = {0};
    size_t off = 0;
    while (off + 5 <= *n) {
        uint8_t type = buf[off];
        size_t len = ((size_t)buf[off + 3] << 8) | buf[off + 4];
        const uint8_t *frag = buf + off + 5;
        if (type == 20) rf->ccs_seen[from] = 1;
        if (type != 22 || rf->ccs_seen[from]) {
            if (merged.len) {
                uint8_t h[5] = {22, 3, 3, (uint8_t)(merged.len >> 8), (uint8_t)merged.len};
                tu_bytes_append(&out, h, 5);
                tu_bytes_append(&out, merged.p, merged.len);
                merged.len = 0;
                rf->records_out[from]++;
            }
            tu_bytes_append(&out, buf + off, 5 + len);
            rf->records_out[from]++;
        } else if (rf->mode == 1) {
            for (size_t i = 0; i < len; i++) {
                uint8_t h[5] = {22, buf[off + 1], buf[off + 2], 0, 1};
                tu_bytes_append(&out, h, 5);
                tu_bytes_append(&out, frag + i, 1);
                rf->records_out[from]++;
            }
        } else {
            tu_bytes_append(&merged, frag, len);
        }
        off += 5 + len;
    }
    if (merged.len) {
        uint8_t h[5] = {22, 3, 3, (uint8_t)(merged.len >> 8), (uint8_t)merged.len};
        tu_bytes_append(&out, h, 5);
        tu_bytes_append(&out, merged.p, merged.len);
        rf->records_out[from]++;
    }
    if (out.len <= cap) { /* the pipe buffer is the only limit here */
        memcpy(buf, out.p, out.len);
        *n = out.len;
    } else {
        fail_msg("reframe: %zu bytes do not fit %zu", out.len, cap);
    }
    tu_bytes_free(&out);
    tu_bytes_free(&merged);
}

static void test_one_byte_records(void **state)
{
    (void)state;
    tu_pair t;
    reframe rf = {1, {0, 0}, {0, 0}};
    tu_pair_config(&t, 1, 2, "server-p256", 0);
    tu_pair_start(&t, "localhost");
    t.p.tamper = reframe_fn;
    t.p.tamper_ctx = &rf;
    handshake_ok(&t);
    assert_true(rf.records_out[1] > 500); /* the server's flight, byte by byte */
    exchange(&t, 100);
    tu_pair_free(&t);
}

static void test_flight_in_one_record(void **state)
{
    (void)state;
    tu_pair t;
    reframe rf = {2, {0, 0}, {0, 0}};
    tu_pair_config(&t, 1, 2, "server-p256", 0);
    tu_pair_start(&t, "localhost");
    t.p.tamper = reframe_fn;
    t.p.tamper_ctx = &rf;
    handshake_ok(&t);
    /* server: one record for ServerHello..ServerHelloDone, then CCS and
     * Finished; client: ClientHello, then CKE, CCS, Finished */
    assert_int_equal(rf.records_out[1], 3);
    tu_pair_free(&t);
}

static void test_16mib_transfer(void **state)
{
    (void)state;
    tu_pair t;
    tu_pair_config(&t, 1, 2, "server-p256", 0);
    tu_pair_start(&t, "localhost");
    handshake_ok(&t);
    exchange(&t, 16u << 20);
    tu_pair_free(&t);
}

/* ---- closing -------------------------------------------------------------- */

static void test_close_notify(void **state)
{
    (void)state;
    for (int closer = 0; closer < 2; closer++) {
        tu_pair t;
        uint8_t buf[16];
        size_t got;
        tu_pair_config(&t, 1, 2, "server-p256", 0);
        tu_pair_start(&t, "localhost");
        handshake_ok(&t);
        assert_int_equal(gt_conn_close(t.p.c[closer]), 0);
        assert_int_equal(gt_conn_state(t.p.c[closer]), GT_STATE_CLOSED);
        size_t taken;
        assert_int_equal(gt_conn_write(t.p.c[closer], buf, 1, &taken), GT_ERR_CLOSED);
        tu_pipe_run(&t.p, 10);
        /* the other side saw close_notify and answered with its own */
        assert_int_equal(gt_conn_read(t.p.c[1 - closer], buf, sizeof buf, &got), GT_ERR_CLOSED);
        assert_int_equal(gt_conn_read(t.p.c[closer], buf, sizeof buf, &got), GT_ERR_CLOSED);
        assert_int_equal(gt_conn_state(t.p.c[0]), GT_STATE_CLOSED);
        assert_int_equal(gt_conn_state(t.p.c[1]), GT_STATE_CLOSED);
        assert_int_equal(gt_conn_eof(t.p.c[0]), 0);
        assert_int_equal(gt_conn_eof(t.p.c[1]), 0);
        assert_int_equal(gt_conn_error(t.p.c[0], NULL), 0);
        tu_pair_free(&t);
    }
}

static void test_truncation(void **state)
{
    (void)state;
    tu_pair t;
    gt_alert_info a;
    const uint8_t *out;
    size_t n;
    tu_pair_config(&t, 1, 2, "server-p256", 0);
    tu_pair_start(&t, "localhost");
    handshake_ok(&t);
    exchange(&t, 100);
    /* the transport ends without close_notify */
    assert_int_equal(gt_conn_eof(t.server), GT_ERR_TRUNCATED);
    assert_int_equal(gt_conn_state(t.server), GT_STATE_FAILED);
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_TRUNCATED);
    assert_int_equal(a.sent, 0);
    assert_int_equal(gt_conn_output(t.server, &out, &n), GT_ERR_TRUNCATED);
    assert_int_equal(n, 0); /* nothing to send: the transport is gone */
    /* sticky */
    uint8_t buf[4];
    size_t got;
    assert_int_equal(gt_conn_read(t.server, buf, 4, &got), GT_ERR_TRUNCATED);
    assert_int_equal(gt_conn_feed(t.server, buf, 0, &got), GT_ERR_TRUNCATED);
    /* during the handshake too */
    tu_pair u;
    tu_pair_config(&u, 1, 2, "server-p256", 0);
    tu_pair_start(&u, "localhost");
    tu_pipe_step(&u.p);
    assert_int_equal(gt_conn_eof(u.client), GT_ERR_TRUNCATED);
    tu_pair_free(&u);
    tu_pair_free(&t);
}

/* Application data cannot be written before the handshake, and pending
 * received data blocks further input until read. */
static void test_write_before_open(void **state)
{
    (void)state;
    tu_pair t;
    size_t taken;
    tu_pair_config(&t, 1, 2, "server-p256", 0);
    tu_pair_start(&t, "localhost");
    assert_int_equal(gt_conn_write(t.client, (const uint8_t *)"x", 1, &taken), GT_ERR_WANT_INPUT);
    assert_int_equal(taken, 0);
    handshake_ok(&t);
    tu_pair_free(&t);
}

/* An allocator that counts, and fails on demand. */
typedef struct {
    size_t live, calls, fail_at;
} counting;

static void *count_alloc(void *ctx, size_t n)
{
    counting *a = ctx;
    if (++a->calls == a->fail_at) return NULL;
    a->live += n;
    return malloc(n);
}

static void count_free(void *ctx, void *p, size_t n)
{
    counting *a = ctx;
    a->live -= n;
    free(p);
}

static void test_allocator(void **state)
{
    (void)state;
    counting a = {0, 0, 0};
    gt_allocator al = {count_alloc, count_free, &a};
    gt_config *cfg = gt_config_new(&al);
    assert_non_null(cfg);
    assert_int_equal(tu_add_chain(cfg, "server-p256"), 0);
    gt_conn *c = gt_conn_new(cfg, GT_ROLE_SERVER, NULL);
    assert_non_null(c);
    size_t after_new = a.calls;
    /* a whole handshake allocates nothing more */
    gt_drbg d;
    gt_config *cc = tu_config(&d, 5);
    assert_int_equal(tu_add_trust(cc), 0);
    gt_conn *cl = gt_conn_new(cc, GT_ROLE_CLIENT, "localhost");
    tu_pipe p;
    tu_pipe_init(&p, cl, c);
    assert_int_equal(tu_pipe_handshake(&p, 100), 0);
    assert_int_equal(a.calls, after_new);
    tu_pipe_free(&p);
    gt_conn_free(cl);
    gt_config_free(cc);
    gt_conn_free(c);
    gt_config_free(cfg);
    assert_int_equal(a.live, 0);
    /* failures at each allocation are reported, not crashed on */
    for (size_t k = 1; k <= after_new; k++) {
        counting b = {0, 0, k};
        gt_allocator bl = {count_alloc, count_free, &b};
        gt_config *f = gt_config_new(&bl);
        if (f) {
            if (tu_add_chain(f, "server-p256") == 0)
                gt_conn_free(gt_conn_new(f, GT_ROLE_SERVER, NULL));
            gt_config_free(f);
        }
        assert_int_equal(b.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_sigalgs),
        cmocka_unit_test(test_byte_at_a_time),
        cmocka_unit_test(test_one_byte_records),
        cmocka_unit_test(test_flight_in_one_record),
        cmocka_unit_test(test_16mib_transfer),
        cmocka_unit_test(test_close_notify),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_write_before_open),
        cmocka_unit_test(test_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
