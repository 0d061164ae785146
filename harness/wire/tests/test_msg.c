/* Tests of harness/wire/msg.c and ext.c: hellos built and parsed back,
 * every override producing the malformation it names, extension bodies
 * byte for byte against the RFC layouts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wire.h"

static gt_wire_hello *hello(void)
{
    static gt_wire_hello h;
    static const uint16_t groups[] = {GT_GROUP_X25519, GT_GROUP_P256};
    memset(&h, 0, sizeof(h));
    h.version = 0x0303;
    memset(h.random, 0x11, 32);
    h.sid_len_override = h.suites_len_override = h.comp_len_override = -1;
    h.ext.block_len_override = -1;
    h.n_suites = 2;
    h.suites[0] = 0xc02f, h.suites[1] = 0x009c;
    h.n_comp = 1;
    gt_wire_ext_sni(&h.ext, "localhost");
    gt_wire_ext_groups(&h.ext, groups, 2);
    gt_wire_ext_ems(&h.ext);
    return &h;
}

static void test_client_hello_round_trip(void **state)
{
    (void)state;
    gt_wbuf b = {0};
    gt_wire_hello_view v;
    const char *why = NULL;
    gt_wrd body;
    gt_wire_client_hello(&b, hello());
    assert_int_equal(gt_wire_parse_client_hello(b.p, b.n, &v, &why), 0);
    assert_int_equal(v.version, 0x0303);
    assert_int_equal(v.suites.left, 4);
    assert_int_equal(gt_wire_find_ext(&v, GT_EXT_EXTENDED_MASTER_SECRET, &body), 1);
    assert_int_equal(body.left, 0);
    assert_int_equal(gt_wire_find_ext(&v, GT_EXT_SERVER_NAME, &body), 1);
    /* RFC 6066 §3: list length, type 0, name length, name */
    assert_memory_equal(body.p, "\x00\x0c\x00\x00\x09localhost", 14);
    assert_int_equal(gt_wire_find_ext(&v, GT_EXT_ALPN, &body), 0);
    gt_wbuf_free(&b);
}

static void test_client_hello_truncations(void **state)
{
    (void)state;
    gt_wbuf b = {0};
    gt_wire_hello_view v;
    const char *why = NULL;
    gt_wire_client_hello(&b, hello());
    /* every proper prefix is malformed, except the one ending before the
     * extensions block (RFC 5246 §7.4.1.2 allows it to be absent) */
    size_t ok = 0;
    for (size_t n = 0; n < b.n; n++)
        ok += gt_wire_parse_client_hello(b.p, n, &v, &why) == 0;
    assert_int_equal(ok, 1);
    gt_wbuf_free(&b);
}

static void test_overrides_break_parsing(void **state)
{
    (void)state;
    gt_wire_hello_view v;
    const char *why = NULL;
    for (int k = 0; k < 4; k++) {
        gt_wire_hello *h = hello();
        gt_wbuf b = {0};
        if (k == 0) h->sid_len_override = 33;
        if (k == 1) h->suites_len_override = 3;
        if (k == 2) h->comp_len_override = 9;
        if (k == 3) h->ext.block_len_override = 1000;
        gt_wire_client_hello(&b, h);
        assert_int_not_equal(gt_wire_parse_client_hello(b.p, b.n, &v, &why), 0);
        gt_wbuf_free(&b);
    }
}

static void test_duplicate_extension_detected(void **state)
{
    (void)state;
    gt_wire_hello *h = hello();
    gt_wbuf b = {0};
    gt_wire_hello_view v;
    const char *why = NULL;
    gt_wrd body;
    gt_wire_ext_add(&h->ext, GT_EXT_EXTENDED_MASTER_SECRET, "", 0);
    gt_wire_client_hello(&b, h);
    assert_int_equal(gt_wire_parse_client_hello(b.p, b.n, &v, &why), 0);
    assert_int_equal(gt_wire_find_ext(&v, GT_EXT_EXTENDED_MASTER_SECRET, &body), -1);
    gt_wbuf_free(&b);
}

static void test_ext_list_edits(void **state)
{
    (void)state;
    gt_wire_exts x;
    memset(&x, 0, sizeof(x));
    x.block_len_override = -1;
    gt_wire_ext_ems(&x);
    gt_wire_ext_etm(&x);
    gt_wire_ext_reneg(&x, NULL, 0);
    gt_wire_ext_set(&x, GT_EXT_ENCRYPT_THEN_MAC, "\x01", 1); /* replaced in place */
    assert_int_equal(x.n, 3);
    assert_int_equal(x.e[1].type, GT_EXT_ENCRYPT_THEN_MAC);
    assert_int_equal(x.e[1].len, 1);
    gt_wire_ext_del(&x, GT_EXT_EXTENDED_MASTER_SECRET);
    assert_int_equal(x.n, 2);
    assert_null(gt_wire_ext_find(&x, GT_EXT_EXTENDED_MASTER_SECRET));
    gt_wbuf b = {0};
    gt_wire_exts_write(&b, &x);
    /* block(2) + etm(4+1) + reneg(4+1) */
    assert_memory_equal(b.p, "\x00\x0a\x00\x16\x00\x01\x01\xff\x01\x00\x01\x00", 12);
    gt_wbuf_free(&b);
    x.absent = 1;
    gt_wire_exts_write(&b, &x);
    assert_int_equal(b.n, 0);
}

static void test_server_hello_and_messages(void **state)
{
    (void)state;
    gt_wire_hello *h = hello();
    gt_wbuf b = {0}, m = {0};
    gt_wire_hello_view v;
    const char *why = NULL;
    h->sid_len = 32;
    gt_wire_server_hello(&b, h);
    assert_int_equal(gt_wire_parse_server_hello(b.p, b.n, &v, &why), 0);
    assert_int_equal(v.suite, 0xc02f);
    assert_int_equal(v.sid_len, 32);
    gt_wire_hs(&m, GT_HS_SERVER_HELLO, b.p, b.n, -1);
    assert_int_equal(m.n, b.n + 4);
    assert_int_equal(m.p[3], b.n & 0xff);
    gt_wbuf_reset(&b);
    gt_wire_ske_ecdhe(&b, GT_GROUP_P256, (const uint8_t *)"\x04\x01", 2, 0x0403,
                      (const uint8_t *)"\x30", 1);
    assert_memory_equal(b.p, "\x03\x00\x17\x02\x04\x01\x04\x03\x00\x01\x30", 11);
    gt_wbuf_free(&b);
    gt_wbuf_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_hello_round_trip),
        cmocka_unit_test(test_client_hello_truncations),
        cmocka_unit_test(test_overrides_break_parsing),
        cmocka_unit_test(test_duplicate_extension_detected),
        cmocka_unit_test(test_ext_list_edits),
        cmocka_unit_test(test_server_hello_and_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
