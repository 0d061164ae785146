/* Tests for tls/record/record.c and rec_aead.c: header checks (content
 * type, version, length bounds), AEAD seal/open round trips for both
 * ciphers, in place, with every AAD field covered (a change of sequence
 * number, type, version or any ciphertext byte is bad_record_mac), the
 * plaintext bound after decryption, sequence-number exhaustion, and the
 * connection-level rules: empty records (bounded), record overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "handshake/hs.h"
#include "record/record.h"
#include "util/pipe.h"
#include "util/testutil.h"

static void test_header(void **state)
{
    (void)state;
    uint8_t type;
    uint16_t ver;
    size_t len;
    static const struct {
        uint8_t h[5];
        int err;
    } cases[] = {
        {{22, 3, 3, 0, 10}, 0},
        {{23, 3, 1, 0x48, 0x00}, 0}, /* 2^14 + 2048 */
        {{23, 3, 3, 0x48, 0x01}, GT_ERR_RECORD_OVERFLOW},
        {{19, 3, 3, 0, 1}, GT_ERR_RECORD_TYPE},
        {{24, 3, 3, 0, 1}, GT_ERR_RECORD_TYPE},
        {{0x80, 3, 3, 0, 1}, GT_ERR_RECORD_TYPE}, /* SSLv2-style header */
        {{22, 2, 0, 0, 1}, GT_ERR_RECORD_VERSION},
        {{22, 4, 3, 0, 1}, GT_ERR_RECORD_VERSION},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(gt_rec_parse_header(cases[i].h, &type, &ver, &len), cases[i].err);
}

static void keyed(gt_rec_state *s, gt_cipher_type c, size_t key_len, size_t iv_len)
{
    uint8_t key[32], iv[12];
    tu_fill(key, sizeof key, 1);
    tu_fill(iv, sizeof iv, 2);
    assert_int_equal(gt_rec_state_init(s, c, key, key_len, iv, iv_len), 0);
}

static void aead_case(gt_cipher_type c, size_t key_len, size_t iv_len)
{
    static uint8_t buf[5 + 16384 + 64], copy[sizeof buf];
    gt_rec_state w, r;
    keyed(&w, c, key_len, iv_len);
    keyed(&r, c, key_len, iv_len);
    const size_t lens[] = {0, 1, 15, 16, 17, 1000, 16384};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        size_t n = lens[i], rl, pl;
        uint8_t *p;
        tu_fill(buf + 5 + w.ops->prefix, n, n);
        assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, n, &rl), 0);
        assert_int_equal(rl, 5 + w.ops->prefix + n + 16);
        /* every single-byte change (header fields in the AAD included)
         * fails; the length field is covered by the framing */
        for (size_t k = 0; k < rl; k += (rl > 64 ? 97 : 1)) {
            if (k == 3 || k == 4) continue;
            gt_rec_state r2 = r;
            memcpy(copy, buf, rl);
            copy[k] ^= 0x20;
            int err = gt_rec_open(&r2, copy, rl, &p, &pl);
            assert_true(err == GT_ERR_BAD_RECORD_MAC || err == GT_ERR_RECORD_TYPE ||
                        err == GT_ERR_RECORD_VERSION);
        }
        assert_int_equal(gt_rec_open(&r, buf, rl, &p, &pl), 0);
        assert_int_equal(pl, n);
        uint8_t want[16384];
        tu_fill(want, n, n);
        assert_memory_equal(p, want, n);
    }
    /* out of sequence: the reader is one behind */
    size_t rl, pl;
    uint8_t *p;
    assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, 5, &rl), 0);
    assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, 5, &rl), 0);
    assert_int_equal(gt_rec_open(&r, buf, rl, &p, &pl), GT_ERR_BAD_RECORD_MAC);
    /* too short to hold a tag */
    uint8_t tiny[5 + 8 + 15] = {23, 3, 3, 0, 8 + 15};
    if (c == GT_CIPHER_CHACHA_POLY) tiny[4] = 15;
    assert_int_equal(gt_rec_open(&r, tiny, 5 + tiny[4], &p, &pl), GT_ERR_BAD_RECORD_MAC);
    gt_rec_state_wipe(&w);
    gt_rec_state_wipe(&r);
}

static void test_aead(void **state)
{
    (void)state;
    aead_case(GT_CIPHER_AES_GCM, 16, 4);
    aead_case(GT_CIPHER_AES_GCM, 32, 4);
    aead_case(GT_CIPHER_CHACHA_POLY, 32, 12);
    gt_rec_state s;
    uint8_t k[32] = {0}, iv[12] = {0};
    assert_int_equal(gt_rec_state_init(&s, GT_CIPHER_AES_GCM, k, 16, iv, 12),
                     GT_ERR_CRYPTO_IV_SIZE);
    assert_int_equal(gt_rec_state_init(&s, GT_CIPHER_CHACHA_POLY, k, 16, iv, 12),
                     GT_ERR_CRYPTO_KEY_SIZE);
    assert_int_equal(gt_rec_state_init(&s, GT_CIPHER_AES_CBC, k, 16, iv, 12), GT_ERR_UNSUPPORTED);
}

/* RFC 5288 §3: the explicit nonce is the sequence number; RFC 7905: no
 * explicit nonce. */
static void test_nonce_layout(void **state)
{
    (void)state;
    uint8_t buf[64] = {0}; /* the sealed byte must be defined (MSan) */
    size_t rl;
    gt_rec_state w;
    keyed(&w, GT_CIPHER_AES_GCM, 16, 4);
    w.seq = 0x0102030405060708u;
    assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, 1, &rl), 0);
    static const uint8_t seq[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    assert_memory_equal(buf + 5, seq, 8);
    assert_int_equal(w.seq, 0x0102030405060709u);
    gt_rec_state_wipe(&w);
    keyed(&w, GT_CIPHER_CHACHA_POLY, 32, 12);
    assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, 1, &rl), 0);
    assert_int_equal(rl, 5 + 1 + 16);
    gt_rec_state_wipe(&w);
}

/* §6.1: the sequence number never wraps. */
static void test_sequence_exhausted(void **state)
{
    (void)state;
    uint8_t buf[64] = {0}, *p; /* the sealed byte must be defined (Valgrind) */
    size_t rl, pl;
    gt_rec_state w, r;
    keyed(&w, GT_CIPHER_CHACHA_POLY, 32, 12);
    keyed(&r, GT_CIPHER_CHACHA_POLY, 32, 12);
    w.seq = r.seq = UINT64_MAX;
    assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, 1, &rl), 0);
    assert_int_equal(gt_rec_open(&r, buf, rl, &p, &pl), 0);
    assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, 1, &rl), GT_ERR_RECORD_SEQ);
    assert_int_equal(gt_rec_open(&r, buf, rl, &p, &pl), GT_ERR_RECORD_SEQ);
}

/* The null protection: at most 2^14 bytes (§6.2.1). */
static void test_null_bounds(void **state)
{
    (void)state;
    static uint8_t buf[5 + 16385];
    uint8_t *p;
    size_t pl;
    gt_rec_state r;
    gt_rec_state_init_null(&r);
    buf[0] = 22;
    buf[1] = 3;
    buf[2] = 3;
    buf[3] = 0x40;
    buf[4] = 0x01;
    assert_int_equal(gt_rec_open(&r, buf, sizeof buf, &p, &pl), GT_ERR_RECORD_OVERFLOW);
    buf[4] = 0;
    assert_int_equal(gt_rec_open(&r, buf, sizeof buf - 1, &p, &pl), 0);
    assert_int_equal(pl, 16384);
}

/* ---- connection-level record rules ------------------------------------------ */

static gt_conn *server_conn(gt_config **cfg, gt_drbg *d)
{
    *cfg = tu_config(d, 1);
    assert_int_equal(tu_add_chain(*cfg, "server-p256"), 0);
    return gt_conn_new(*cfg, GT_ROLE_SERVER, NULL);
}

static void expect_fail(const uint8_t *in, size_t n, int err, uint8_t alert)
{
    gt_drbg d;
    gt_config *cfg;
    gt_alert_info a;
    size_t used;
    gt_conn *s = server_conn(&cfg, &d);
    assert_int_equal(gt_conn_feed(s, in, n, &used), err);
    assert_int_equal(gt_conn_error(s, &a), err);
    assert_int_equal(a.desc, alert);
    const uint8_t *out;
    size_t on;
    assert_int_equal(gt_conn_output(s, &out, &on), 0);
    assert_int_equal(on, 7); /* the plaintext fatal alert */
    assert_int_equal(out[0], 21);
    assert_int_equal(out[6], alert);
    gt_conn_free(s);
    gt_config_free(cfg);
}

static void test_conn_record_rules(void **state)
{
    (void)state;
    static const uint8_t empty_hs[] = {22, 3, 1, 0, 0};
    static const uint8_t empty_alert[] = {21, 3, 1, 0, 0};
    static const uint8_t bad_type[] = {25, 3, 1, 0, 1, 0};
    static const uint8_t bad_ver[] = {22, 2, 0, 0, 1, 0};
    static const uint8_t long_alert[] = {21, 3, 1, 0, 3, 1, 0, 0};
    static const uint8_t bad_level[] = {21, 3, 1, 0, 2, 3, 0};
    static const uint8_t overflow[] = {22, 3, 1, 0x48, 0x01};
    expect_fail(empty_hs, 5, GT_ERR_RECORD_EMPTY, GT_ALERT_UNEXPECTED_MESSAGE);
    expect_fail(empty_alert, 5, GT_ERR_RECORD_EMPTY, GT_ALERT_UNEXPECTED_MESSAGE);
    expect_fail(bad_type, 6, GT_ERR_RECORD_TYPE, GT_ALERT_UNEXPECTED_MESSAGE);
    expect_fail(bad_ver, 6, GT_ERR_RECORD_VERSION, GT_ALERT_PROTOCOL_VERSION);
    expect_fail(long_alert, 8, GT_ERR_RECORD_BAD_ALERT, GT_ALERT_DECODE_ERROR);
    expect_fail(bad_level, 7, GT_ERR_RECORD_BAD_ALERT, GT_ALERT_DECODE_ERROR);
    expect_fail(overflow, 5, GT_ERR_RECORD_OVERFLOW, GT_ALERT_RECORD_OVERFLOW);
    /* a handshake message above the engine's bound is refused from its
     * header on */
    static const uint8_t huge[] = {22, 3, 1, 0, 4, 1, 0x01, 0x00, 0x01};
    expect_fail(huge, sizeof huge, GT_ERR_HS_MESSAGE_TOO_LARGE, GT_ALERT_ILLEGAL_PARAMETER);
}

/* The input buffer holds the longest record a supported suite produces
 * (AES-CBC-HMAC-SHA384 with 256 bytes of padding: 16,704 bytes): a header
 * announcing one byte more is record_overflow before any body is read,
 * protected or not; the bound itself is taken in. */
static void test_conn_record_bound(void **state)
{
    (void)state;
    static const uint8_t past[][5] = {
        {22, 3, 1, 0x41, 0x41}, /* 16705 */
        {23, 3, 3, 0x41, 0x41},
        {22, 3, 1, 0x48, 0x00}, /* 2^14 + 2048 */
    };
    for (size_t i = 0; i < sizeof past / sizeof past[0]; i++)
        expect_fail(past[i], 5, GT_ERR_RECORD_OVERFLOW, GT_ALERT_RECORD_OVERFLOW);
    gt_drbg d;
    gt_config *cfg;
    size_t used;
    gt_conn *s = server_conn(&cfg, &d);
    static const uint8_t at_bound[] = {22, 3, 1, 0x41, 0x40}; /* 16704 */
    assert_int_equal(gt_conn_feed(s, at_bound, 5, &used), 0);
    assert_int_equal(used, 5);
    assert_int_equal(gt_conn_error(s, NULL), 0);
    gt_conn_free(s);
    gt_config_free(cfg);
}

/* Warning alerts are ignored, a few in a row only. */
static void test_warning_alerts(void **state)
{
    (void)state;
    gt_drbg d;
    gt_config *cfg;
    size_t used;
    static const uint8_t warn[] = {21, 3, 1, 0, 2, 1, 90}; /* user_canceled */
    gt_conn *s = server_conn(&cfg, &d);
    for (int i = 0; i < 4; i++)
        assert_int_equal(gt_conn_feed(s, warn, sizeof warn, &used), 0);
    assert_int_equal(gt_conn_state(s), GT_STATE_HANDSHAKING);
    assert_int_equal(gt_conn_feed(s, warn, sizeof warn, &used), GT_ERR_TOO_MANY_WARNINGS);
    gt_conn_free(s);
    /* a fatal alert fails the connection, and nothing is sent back */
    static const uint8_t fatal[] = {21, 3, 1, 0, 2, 2, 40};
    gt_alert_info a;
    const uint8_t *out;
    size_t on;
    s = gt_conn_new(cfg, GT_ROLE_SERVER, NULL);
    assert_int_equal(gt_conn_feed(s, fatal, sizeof fatal, &used), GT_ERR_ALERT_RECEIVED);
    assert_int_equal(gt_conn_error(s, &a), GT_ERR_ALERT_RECEIVED);
    assert_int_equal(a.sent, 0);
    assert_int_equal(a.desc, 40);
    assert_int_equal(gt_conn_output(s, &out, &on), GT_ERR_ALERT_RECEIVED);
    assert_int_equal(on, 0);
    gt_conn_free(s);
    gt_config_free(cfg);
}

/* Empty application data records are allowed, 32 in a row at most. */
static void test_empty_app_records(void **state)
{
    (void)state;
    gt_drbg dc, ds;
    gt_config *cc = tu_config(&dc, 1), *sc = tu_config(&ds, 2);
    assert_int_equal(tu_add_trust(cc), 0);
    assert_int_equal(tu_add_chain(sc, "server-p256"), 0);
    gt_conn *c = gt_conn_new(cc, GT_ROLE_CLIENT, "localhost");
    gt_conn *s = gt_conn_new(sc, GT_ROLE_SERVER, NULL);
    tu_pipe p;
    size_t taken;
    tu_pipe_init(&p, c, s);
    assert_int_equal(tu_pipe_handshake(&p, 100), 0);
    /* the client's write state makes empty records on request */
    for (int i = 0; i < 32; i++) {
        uint8_t *at;
        size_t room, rl;
        assert_int_equal(gt_hs_out_prepare(c, &at, &room), 0);
        assert_int_equal(gt_rec_seal(&c->wr, 23, 0x0303, c->out + c->out_len, 0, &rl), 0);
        c->out_len += rl;
    }
    tu_pipe_run(&p, 10);
    assert_int_equal(gt_conn_state(s), GT_STATE_OPEN);
    /* data resets the count */
    assert_int_equal(gt_conn_write(c, (const uint8_t *)"a", 1, &taken), 0);
    tu_pipe_run(&p, 10);
    for (int i = 0; i < 33; i++) {
        uint8_t *at;
        size_t room, rl;
        assert_int_equal(gt_hs_out_prepare(c, &at, &room), 0);
        assert_int_equal(gt_rec_seal(&c->wr, 23, 0x0303, c->out + c->out_len, 0, &rl), 0);
        c->out_len += rl;
    }
    tu_pipe_run(&p, 10);
    assert_int_equal(gt_conn_error(s, NULL), GT_ERR_RECORD_EMPTY);
    tu_pipe_free(&p);
    gt_conn_free(c);
    gt_conn_free(s);
    gt_config_free(cc);
    gt_config_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_aead),
        cmocka_unit_test(test_nonce_layout),
        cmocka_unit_test(test_sequence_exhausted),
        cmocka_unit_test(test_null_bounds),
        cmocka_unit_test(test_conn_record_rules),
        cmocka_unit_test(test_conn_record_bound),
        cmocka_unit_test(test_warning_alerts),
        cmocka_unit_test(test_empty_app_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
