/* Tests for the hello extensions framing (tls/handshake/extensions.c):
 * RFC 5246 §7.4.1.4 "There MUST NOT be more than one extension of the
 * same type", for unknown types as for known ones, in both hellos:
 * - gt_exts_parse directly: every type of a block is accepted once and
 *   refused twice (all 65536 types, the second copy anywhere in the
 *   block), known ones are sliced out, unknown ones flagged; truncated and
 *   overlong extension framing is a decode error;
 * - a ClientHello with an unknown extension twice is decode_error at the
 *   server (BoGo's DuplicateCertCompressionExt sends *values* twice inside
 *   one unknown extension, which a server that does not implement RFC
 *   8879 ignores, as §7.4.1.4 requires);
 * - a ServerHello with a duplicated extension (unknown, or a known one
 *   the client offered) is decode_error at the client. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/sess_pair.h"

static int parse_hex(const char *hex, gt_exts *e)
{
    uint8_t b[256];
    size_t n = tu_unhex(hex, b, sizeof b);
    return gt_exts_parse(gt_rd_init(b, n), e);
}

static void test_parse(void **state)
{
    (void)state;
    gt_exts e;
    assert_int_equal(parse_hex("", &e), 0);
    assert_int_equal(e.seen, 0);
    /* EMS (empty) and an unknown type with a body */
    assert_int_equal(parse_hex("00170000"
                               "abcd0002beef",
                               &e),
                     0);
    assert_int_equal(e.seen, GT_EXT_EMS | GT_EXT_UNKNOWN);
    assert_int_equal(e.ems.left, 0);
    /* known slice */
    assert_int_equal(parse_hex("000b00020100", &e), 0);
    assert_int_equal(e.point_formats.left, 2);
    assert_memory_equal(e.point_formats.p, "\x01\x00", 2);
    /* duplicates: known, unknown, not adjacent */
    assert_int_equal(parse_hex("00170000"
                               "00170000",
                               &e),
                     GT_ERR_DUPLICATE_EXTENSION);
    assert_int_equal(parse_hex("abcd0000"
                               "00170000"
                               "abcd0001ff",
                               &e),
                     GT_ERR_DUPLICATE_EXTENSION);
    assert_int_equal(parse_hex("fffe0000"
                               "fffe0000",
                               &e),
                     GT_ERR_DUPLICATE_EXTENSION);
    /* framing: truncated type, truncated length, overlong data */
    assert_true(parse_hex("00", &e) < 0);
    assert_true(parse_hex("001700", &e) < 0);
    assert_true(parse_hex("00170002ff", &e) < 0);
    assert_int_not_equal(parse_hex("00170002ff", &e), GT_ERR_DUPLICATE_EXTENSION);
}

/* Property: for every type t, a block of {t, 0x0017, filler} is accepted
 * and {t, filler, t} refused. */
static void test_every_type_once(void **state)
{
    (void)state;
    for (uint32_t t = 0; t < 65536; t++) {
        uint16_t other = t == 0x0017 ? 0x0018 : 0x0017;
        uint8_t b[12] = {(uint8_t)(t >> 8),     (uint8_t)t,     0, 0,
                         (uint8_t)(other >> 8), (uint8_t)other, 0, 0,
                         (uint8_t)(t >> 8),     (uint8_t)t,     0, 0};
        gt_exts e;
        if (gt_exts_parse(gt_rd_init(b, 8), &e) != 0) fail_msg("type %04x refused once", t);
        if (gt_exts_parse(gt_rd_init(b, 12), &e) != GT_ERR_DUPLICATE_EXTENSION)
            fail_msg("type %04x accepted twice", t);
    }
}

/* Appends `extra` to a hello's extensions block (hello body). */
typedef struct {
    const uint8_t *extra;
    size_t len;
} more;

static void append_exts(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    const more *m = arg;
    size_t at = 2 + 32;
    at += 1 + b[at]; /* session_id */
    if (b[-4] == GT_HT_CLIENT_HELLO) {
        at += 2 + ((size_t)b[at] << 8 | b[at + 1]); /* cipher_suites */
        at += 1 + b[at];                            /* compression_methods */
    } else {
        at += 3; /* cipher_suite, compression_method */
    }
    assert_true(at + 2 <= *len && *len + m->len <= cap);
    size_t n = ((size_t)b[at] << 8 | b[at + 1]) + m->len;
    b[at] = (uint8_t)(n >> 8);
    b[at + 1] = (uint8_t)n;
    memcpy(b + *len, m->extra, m->len);
    *len += m->len;
}

static int run_hello(int from, uint8_t type, const uint8_t *extra, size_t len, gt_conn **victim,
                     sp_pair *t)
{
    more m = {extra, len};
    sp_mutate mu = {from, type, append_exts, &m, 0, {0, 0}};
    sp_config(t, "server-p256");
    sp_start(t, "localhost", NULL, 0);
    t->p.tamper = sp_mutate_tamper;
    t->p.tamper_ctx = &mu;
    int r = tu_pipe_handshake(&t->p, 100);
    assert_true(mu.done);
    *victim = from == 0 ? t->server : t->client;
    return r;
}

static void expect_dup(gt_conn *c)
{
    gt_alert_info a;
    assert_int_equal(gt_conn_error(c, &a), GT_ERR_DUPLICATE_EXTENSION);
    assert_int_equal(a.sent, 1);
    assert_int_equal(a.desc, GT_ALERT_DECODE_ERROR);
}

static void test_client_hello(void **state)
{
    (void)state;
    static const uint8_t twice[] = {0x12, 0x34, 0, 1, 0, 0x12, 0x34, 0, 1, 0};
    static const uint8_t ems_again[] = {0x00, 0x17, 0, 0};
    sp_pair t;
    gt_conn *v;
    assert_int_equal(run_hello(0, GT_HT_CLIENT_HELLO, twice, sizeof twice, &v, &t), -1);
    expect_dup(v);
    sp_free(&t);
    assert_int_equal(run_hello(0, GT_HT_CLIENT_HELLO, ems_again, sizeof ems_again, &v, &t), -1);
    expect_dup(v);
    sp_free(&t);
    /* control: one unknown extension is ignored by the server; the edited
     * ClientHello then fails only at the Finished */
    assert_int_equal(run_hello(0, GT_HT_CLIENT_HELLO, twice, 5, &v, &t), -1);
    int err = gt_conn_error(v, NULL);
    assert_int_not_equal(err, GT_ERR_DUPLICATE_EXTENSION);
    /* (with EMS the master secrets differ: the Finished record does not
     * even authenticate) */
    assert_true(err == GT_ERR_BAD_RECORD_MAC || err == GT_ERR_DECRYPT_ERROR);
    sp_free(&t);
}

static void test_server_hello(void **state)
{
    (void)state;
    static const uint8_t twice[] = {0x12, 0x34, 0, 0, 0x12, 0x34, 0, 0};
    static const uint8_t ems_again[] = {0x00, 0x17, 0, 0};
    sp_pair t;
    gt_conn *v;
    assert_int_equal(run_hello(1, GT_HT_SERVER_HELLO, twice, sizeof twice, &v, &t), -1);
    expect_dup(v);
    sp_free(&t);
    assert_int_equal(run_hello(1, GT_HT_SERVER_HELLO, ems_again, sizeof ems_again, &v, &t), -1);
    expect_dup(v);
    sp_free(&t);
    /* control: once, an unknown extension the client did not offer is
     * unsupported_extension (§7.4.1.4), not a duplicate */
    assert_int_equal(run_hello(1, GT_HT_SERVER_HELLO, twice, 4, &v, &t), -1);
    assert_int_equal(gt_conn_error(v, NULL), GT_ERR_UNSUPPORTED_EXTENSION);
    sp_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_every_type_once),
        cmocka_unit_test(test_client_hello),
        cmocka_unit_test(test_server_hello),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
