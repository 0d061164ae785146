/* Tests for tls/handshake/ext_record.c and the record-size plumbing of
 * conn.c / conn_io.c:
 * - every ECDHE CBC suite in process, with encrypt-then-MAC (RFC 7366, the
 *   default) and without it (either side switched off), data both ways;
 *   EtM is never answered for an AEAD suite;
 * - max_fragment_length (RFC 6066 §4) for each code: the server echoes
 *   it, no record of either side after the ClientHello carries more than
 *   the limit, and a record above it is record_overflow;
 * - record_size_limit (RFC 8449): protected records respect the peer's
 *   limit, unprotected ones need not; both size extensions from a client:
 *   the server ignores max_fragment_length (§5); a record above the limit
 *   is record_overflow;
 * - a ServerHello with a bad encrypt_then_mac / max_fragment_length /
 *   record_size_limit gets the RFC's alert from the client. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "gt/gt.h"
#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

static void pair_start(tu_pair *t)
{
    tu_pair_start(t, "localhost");
    t->p.keep_wire = 1;
}

/* Writes n bytes each way and checks the byte counts that arrive. */
static void exchange(tu_pair *t, size_t n)
{
    uint8_t *buf = malloc(n);
    assert_non_null(buf);
    tu_fill(buf, n, (uint32_t)n);
    uint64_t before[2] = {t->p.got_total[0], t->p.got_total[1]};
    for (int side = 0; side < 2; side++) {
        size_t off = 0, taken;
        for (int rounds = 0; off < n && rounds < 10000; rounds++) {
            int err = gt_conn_write(t->p.c[side], buf + off, n - off, &taken);
            assert_true(err == 0 || err == GT_ERR_WANT_OUTPUT);
            off += taken;
            tu_pipe_step(&t->p);
        }
        assert_int_equal(off, n);
    }
    tu_pipe_run(&t->p, 10000);
    assert_int_equal(t->p.got_total[0] - before[0], n);
    assert_int_equal(t->p.got_total[1] - before[1], n);
    free(buf);
}

static const uint16_t ecdsa_cbc[] = {0xC009, 0xC00A, 0xC023, 0xC024};
static const uint16_t rsa_cbc[] = {0xC013, 0xC014, 0xC027, 0xC028};

static void cbc_case(const char *leaf, uint16_t suite, int client_etm, int server_etm)
{
    tu_pair t;
    tu_pair_config(&t, 1, 2, leaf, suite);
    assert_int_equal(gt_config_set_option(t.cc, GT_OPT_ENCRYPT_THEN_MAC, client_etm), 0);
    assert_int_equal(gt_config_set_option(t.sc, GT_OPT_ENCRYPT_THEN_MAC, server_etm), 0);
    pair_start(&t);
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
    int etm = client_etm && server_etm;
    const gt_rec_ops *want = etm ? &gt_rec_cbc_etm_ops : &gt_rec_cbc_ops;
    for (int side = 0; side < 2; side++) {
        assert_ptr_equal(t.p.c[side]->wr.ops, want);
        assert_ptr_equal(t.p.c[side]->rd.ops, want);
        assert_int_equal(t.p.c[side]->hs.etm, etm);
    }
    exchange(&t, 1);
    exchange(&t, 20000);
    tu_pair_free(&t);
}

static void test_cbc_suites(void **state)
{
    (void)state;
    for (size_t i = 0; i < 4; i++) {
        for (int e = 0; e < 3; e++) {
            cbc_case("server-p256", ecdsa_cbc[i], e != 1, e != 2);
            cbc_case("server-rsa2048", rsa_cbc[i], e != 1, e != 2);
        }
    }
}

/* RFC 7366 §2: a client offering EtM that gets an AEAD suite gets no EtM. */
static void test_etm_not_for_aead(void **state)
{
    (void)state;
    static const uint16_t both[] = {0xC02F, 0xC013};
    tu_pair t;
    tu_pair_config(&t, 1, 2, "server-rsa2048", 0);
    assert_int_equal(gt_config_set_suites(t.cc, both, 2), 0);
    assert_int_equal(gt_config_set_suites(t.sc, both, 2), 0);
    pair_start(&t);
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
    assert_true(t.client->hs.offered & GT_EXT_ENCRYPT_THEN_MAC);
    assert_true(t.server->hs.peer_exts & GT_EXT_ENCRYPT_THEN_MAC);
    assert_int_equal(t.client->hs.etm, 0);
    assert_int_equal(t.server->hs.etm, 0);
    assert_ptr_equal(t.client->rd.ops, &gt_rec_gcm_ops);
    tu_pair_free(&t);
    /* AEAD-only configs do not offer it at all */
    tu_pair_config(&t, 1, 2, "server-rsa2048", 0xC02F);
    pair_start(&t);
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
    assert_false(t.client->hs.offered & GT_EXT_ENCRYPT_THEN_MAC);
    tu_pair_free(&t);
}

/* Largest plaintext of any record in a stream; protected records (after
 * each side's ChangeCipherSpec) lose the AES-GCM overhead (8 + 16). The
 * client's first record (the ClientHello) is skipped. */
static size_t largest_plain(const tu_bytes *wire, int skip_first, size_t *largest_unprotected)
{
    gt_rd r = gt_rd_init(wire->p, wire->len);
    size_t m = 0, mu = 0;
    int prot = 0, first = 1;
    while (r.left >= 5) {
        uint8_t type;
        uint16_t ver;
        gt_rd body;
        assert_int_equal(
            gt_rd_u8(&r, &type) || gt_rd_u16(&r, &ver) || gt_rd_vec16(&r, 0, 65535, &body), 0);
        size_t n = body.left;
        if (first && skip_first) {
            first = 0;
            continue;
        }
        first = 0;
        if (prot) {
            assert_true(n >= 24);
            n -= 24;
            m = n > m ? n : m;
        } else {
            mu = n > mu ? n : mu;
        }
        if (type == 20) prot = 1;
    }
    *largest_unprotected = mu;
    return m;
}

static void oversize_fails(tu_pair *t, int from)
{
    /* the sender ignores the limit (as a broken peer would) */
    uint8_t buf[8192];
    size_t taken;
    tu_fill(buf, sizeof buf, 3);
    t->p.c[from]->frag_out = GT_REC_MAX_PLAIN;
    assert_int_equal(gt_conn_write(t->p.c[from], buf, sizeof buf, &taken), 0);
    tu_pipe_run(&t->p, 100);
    gt_conn *rx = t->p.c[!from];
    gt_alert_info a;
    assert_int_equal(gt_conn_error(rx, &a), GT_ERR_RECORD_OVERFLOW);
    assert_int_equal(a.desc, GT_ALERT_RECORD_OVERFLOW);
    assert_int_equal(gt_conn_state(rx), GT_STATE_FAILED);
}

static void test_max_fragment_length(void **state)
{
    (void)state;
    for (int code = 1; code <= 4; code++) {
        size_t limit = (size_t)256 << code, mu;
        for (int from = 0; from < 2; from++) {
            tu_pair t;
            tu_pair_config(&t, 1, 2, "server-rsa2048", 0xC02F);
            assert_int_equal(gt_config_set_option(t.cc, GT_OPT_MAX_FRAGMENT_LENGTH, code), 0);
            pair_start(&t);
            assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
            assert_int_equal(t.server->hs.mfl_code, code);
            assert_int_equal(t.client->hs.mfl_code, code);
            exchange(&t, 10000);
            /* RFC 6066 §4: every record after the hellos, handshake too */
            assert_true(largest_plain(&t.p.wire[1], 0, &mu) <= limit);
            assert_true(mu <= limit);
            assert_true(largest_plain(&t.p.wire[0], 1, &mu) <= limit);
            assert_true(mu <= limit);
            oversize_fails(&t, from);
            tu_pair_free(&t);
        }
    }
    gt_config *cfg = gt_config_new(NULL);
    assert_int_equal(gt_config_set_option(cfg, GT_OPT_MAX_FRAGMENT_LENGTH, 5), GT_ERR_ARG);
    assert_int_equal(gt_config_set_option(cfg, GT_OPT_RECORD_SIZE_LIMIT, 63), GT_ERR_ARG);
    assert_int_equal(gt_config_set_option(cfg, GT_OPT_RECORD_SIZE_LIMIT, 16385), GT_ERR_ARG);
    gt_config_free(cfg);
}

static void test_record_size_limit(void **state)
{
    (void)state;
    static const int limits[] = {64, 200, 1000, 16384};
    for (size_t i = 0; i < 4; i++) {
        size_t limit = (size_t)limits[i], mu;
        tu_pair t;
        tu_pair_config(&t, 1, 2, "server-rsa2048", 0xC02F);
        assert_int_equal(gt_config_set_option(t.cc, GT_OPT_RECORD_SIZE_LIMIT, limits[i]), 0);
        assert_int_equal(gt_config_set_option(t.sc, GT_OPT_RECORD_SIZE_LIMIT, 300), 0);
        /* with both, the server ignores max_fragment_length (RFC 8449 §5) */
        assert_int_equal(gt_config_set_option(t.cc, GT_OPT_MAX_FRAGMENT_LENGTH, 1), 0);
        pair_start(&t);
        assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
        assert_int_equal(t.server->hs.mfl_code, 0);
        assert_int_equal(t.server->hs.peer_rsl, limit);
        assert_int_equal(t.client->hs.peer_rsl, 300);
        exchange(&t, 5000);
        /* the server's protected records respect the client's limit (the
         * engine fragments its unprotected handshake records to it too,
         * which RFC 8449 §4 allows but does not require) */
        assert_true(largest_plain(&t.p.wire[1], 0, &mu) <= limit);
        assert_true(largest_plain(&t.p.wire[0], 1, &mu) <= 300);
        oversize_fails(&t, limit == GT_REC_MAX_PLAIN ? 0 : (int)(i % 2));
        tu_pair_free(&t);
    }
    /* a server without a configured limit answers 2^14 */
    tu_pair t;
    tu_pair_config(&t, 1, 2, "server-rsa2048", 0xC02F);
    assert_int_equal(gt_config_set_option(t.cc, GT_OPT_RECORD_SIZE_LIMIT, 512), 0);
    pair_start(&t);
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
    assert_int_equal(t.client->hs.peer_rsl, GT_REC_MAX_PLAIN);
    assert_int_equal(t.client->frag_in_protected, 512);
    tu_pair_free(&t);
}

/* ---- the client's checks of the ServerHello ------------------------------ */

typedef struct {
    const uint8_t *ext; /* appended to the ServerHello's extensions */
    size_t len;
    int done;
} sh_tamper;

static void append_sh_ext(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    sh_tamper *t = ctx;
    if (from != 1 || t->done || *n < 9 || buf[0] != 22 || buf[5] != GT_HT_SERVER_HELLO) return;
    size_t rec = (size_t)buf[3] << 8 | buf[4], body = (size_t)buf[6] << 16 | buf[7] << 8 | buf[8];
    size_t sid = buf[5 + 4 + 34];
    size_t ext_at = 5 + 4 + 35 + sid + 3; /* the extensions' length field */
    size_t end = 5 + rec;
    assert_true(*n + t->len <= cap);
    memmove(buf + end + t->len, buf + end, *n - end);
    memcpy(buf + end, t->ext, t->len);
    *n += t->len;
    size_t el = ((size_t)buf[ext_at] << 8 | buf[ext_at + 1]) + t->len;
    buf[ext_at] = (uint8_t)(el >> 8), buf[ext_at + 1] = (uint8_t)el;
    body += t->len, rec += t->len;
    buf[6] = (uint8_t)(body >> 16), buf[7] = (uint8_t)(body >> 8), buf[8] = (uint8_t)body;
    buf[3] = (uint8_t)(rec >> 8), buf[4] = (uint8_t)rec;
    t->done = 1;
}

static void test_server_hello_checks(void **state)
{
    (void)state;
    static const uint8_t etm_body[] = {0x00, 0x16, 0x00, 0x01, 0x00};
    static const uint8_t etm_empty[] = {0x00, 0x16, 0x00, 0x00};
    static const uint8_t mfl_other[] = {0x00, 0x01, 0x00, 0x01, 0x03};
    static const uint8_t mfl_bad[] = {0x00, 0x01, 0x00, 0x01, 0x05};
    static const uint8_t mfl_long[] = {0x00, 0x01, 0x00, 0x02, 0x02, 0x00};
    static const uint8_t rsl_small[] = {0x00, 0x1c, 0x00, 0x02, 0x00, 0x3f};
    static const uint8_t rsl_short[] = {0x00, 0x1c, 0x00, 0x01, 0x40};
    static const uint8_t rsl_ok[] = {0x00, 0x1c, 0x00, 0x02, 0x01, 0x00};
    static const struct {
        uint16_t suite;
        int offer_mfl, offer_rsl;
        const uint8_t *ext;
        size_t len;
        int err;
    } cases[] = {
        {0xC013, 0, 0, etm_body, sizeof etm_body, GT_ERR_DECODE_TRAILING},
        {0xC02F, 0, 0, etm_empty, sizeof etm_empty, GT_ERR_UNSUPPORTED_EXTENSION},
        {0xC02F, 0, 0, mfl_other, sizeof mfl_other, GT_ERR_UNSUPPORTED_EXTENSION},
        {0xC02F, 2, 0, mfl_other, sizeof mfl_other, GT_ERR_ILLEGAL_PARAMETER},
        {0xC02F, 2, 0, mfl_bad, sizeof mfl_bad, GT_ERR_ILLEGAL_PARAMETER},
        {0xC02F, 2, 0, mfl_long, sizeof mfl_long, GT_ERR_DECODE_TRAILING},
        {0xC02F, 0, 1, rsl_small, sizeof rsl_small, GT_ERR_ILLEGAL_PARAMETER},
        {0xC02F, 0, 1, rsl_short, sizeof rsl_short, GT_ERR_DECODE_TRUNCATED},
        {0xC02F, 0, 0, rsl_ok, sizeof rsl_ok, GT_ERR_UNSUPPORTED_EXTENSION},
        /* both size extensions from the server (RFC 8449 §5) */
        {0xC02F, 2, 1, mfl_other + 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_pair t;
        tu_pair_config(&t, 1, 2, "server-rsa2048", cases[i].suite);
        /* the only encrypt_then_mac in the ServerHello is the test's */
        assert_int_equal(gt_config_set_option(t.sc, GT_OPT_ENCRYPT_THEN_MAC, 0), 0);
        int both = !cases[i].len;
        if (both) { /* really offered: the server answers record_size_limit */
            assert_int_equal(gt_config_set_option(t.cc, GT_OPT_MAX_FRAGMENT_LENGTH, 2), 0);
            assert_int_equal(gt_config_set_option(t.cc, GT_OPT_RECORD_SIZE_LIMIT, 1000), 0);
        }
        pair_start(&t);
        /* Otherwise the ClientHello (already written) did not carry them,
         * so the server will not answer; the client is made to believe it
         * asked, and the test's extension is the only answer. */
        if (!both && cases[i].offer_mfl) {
            assert_int_equal(
                gt_config_set_option(t.cc, GT_OPT_MAX_FRAGMENT_LENGTH, cases[i].offer_mfl), 0);
            t.client->hs.offered |= GT_EXT_MAX_FRAGMENT_LENGTH;
        }
        if (!both && cases[i].offer_rsl) t.client->hs.offered |= GT_EXT_RECORD_SIZE_LIMIT;
        sh_tamper st = {cases[i].ext, cases[i].len, 0};
        uint8_t mfl_echo[5];
        if (both) { /* the server answers RSL; add an MFL echo */
            memcpy(mfl_echo, "\x00\x01\x00\x01\x02", 5);
            st.ext = mfl_echo, st.len = 5;
        }
        t.p.tamper = append_sh_ext;
        t.p.tamper_ctx = &st;
        assert_int_equal(tu_pipe_handshake(&t.p, 1000), -1);
        int want = cases[i].len ? cases[i].err : GT_ERR_ILLEGAL_PARAMETER;
        gt_alert_info a;
        assert_int_equal(gt_conn_error(t.client, &a), want);
        assert_int_equal(a.sent, 1);
        assert_int_equal(a.desc, gt_err_alert(want));
        tu_pair_free(&t);
    }
    /* EtM answered for an AEAD suite although offered (the client lists a
     * CBC suite too, the server picks GCM) */
    static const uint16_t both_suites[] = {0xC02F, 0xC013};
    tu_pair t;
    tu_pair_config(&t, 1, 2, "server-rsa2048", 0);
    assert_int_equal(gt_config_set_suites(t.cc, both_suites, 2), 0);
    assert_int_equal(gt_config_set_suites(t.sc, both_suites, 2), 0);
    pair_start(&t);
    sh_tamper st = {etm_empty, sizeof etm_empty, 0};
    t.p.tamper = append_sh_ext;
    t.p.tamper_ctx = &st;
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), -1);
    assert_int_equal(gt_conn_error(t.client, NULL), GT_ERR_ILLEGAL_PARAMETER);
    tu_pair_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cbc_suites),          cmocka_unit_test(test_etm_not_for_aead),
        cmocka_unit_test(test_max_fragment_length), cmocka_unit_test(test_record_size_limit),
        cmocka_unit_test(test_server_hello_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
