/* Tests of harness/wire/buf.c: the growable buffer, vector lengths and
 * their overrides, the bounded reader, record framing and names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wire.h"

static void test_vec_and_override(void **state)
{
    (void)state;
    gt_wbuf b = {0};
    gt_wbuf_vec(&b, 2, "abc", 3);
    assert_int_equal(b.n, 5);
    assert_memory_equal(b.p,
                        "\x00\x03"
                        "abc",
                        5);
    size_t at = gt_wbuf_open(&b, 3);
    gt_wbuf_u8(&b, 7);
    gt_wbuf_close(&b, at, 3, 0x123456); /* a wrong length on purpose */
    assert_memory_equal(b.p + 5, "\x12\x34\x56\x07", 4);
    gt_wbuf_free(&b);
}

static void test_growth_property(void **state)
{
    (void)state;
    gt_wbuf b = {0};
    for (unsigned i = 0; i < 70000; i++)
        gt_wbuf_u8(&b, i & 0xff);
    assert_int_equal(b.n, 70000);
    for (unsigned i = 0; i < 70000; i += 997)
        assert_int_equal(b.p[i], i & 0xff);
    gt_wbuf_free(&b);
}

static void test_reader_bounds(void **state)
{
    (void)state;
    static const uint8_t in[] = {0x00, 0x02, 0xaa, 0xbb, 0x01};
    gt_wrd r = {in, sizeof(in), 0};
    gt_wrd v = gt_wrd_vec(&r, 2, 2, 4);
    assert_false(v.bad);
    assert_int_equal(v.left, 2);
    assert_int_equal(gt_wrd_u8(&v), 0xaa);
    assert_false(gt_wrd_done(&r)); /* one trailing byte */
    gt_wrd_u8(&r);
    assert_true(gt_wrd_done(&r));
    /* past the end: sticky failure, zero values */
    assert_int_equal(gt_wrd_u16(&r), 0);
    assert_true(r.bad);
    assert_false(gt_wrd_done(&r));
}

static void test_reader_rejects_out_of_range(void **state)
{
    (void)state;
    static const uint8_t too_short[] = {0x01, 0xaa};
    static const uint8_t overrun[] = {0x05, 0xaa};
    gt_wrd r = {too_short, 2, 0};
    gt_wrd v = gt_wrd_vec(&r, 1, 2, 255); /* below the minimum */
    assert_true(r.bad);
    assert_true(v.bad);
    gt_wrd r2 = {overrun, 2, 0};
    v = gt_wrd_vec(&r2, 1, 0, 255);
    assert_true(v.bad);
}

static void test_records(void **state)
{
    (void)state;
    gt_wbuf b = {0};
    gt_wire_rec r;
    size_t used = 0;
    gt_wire_record(&b, GT_CT_ALERT, 0x0303, (const uint8_t *)"\x02\x28", 2);
    for (size_t cut = 0; cut < b.n; cut++)
        assert_int_equal(gt_wire_next_record(b.p, cut, &r, &used), 0);
    assert_int_equal(gt_wire_next_record(b.p, b.n, &r, &used), 1);
    assert_int_equal(used, 7);
    assert_int_equal(r.type, GT_CT_ALERT);
    assert_int_equal(r.frag[1], 40);
    b.p[1] = 0x04; /* not TLS */
    assert_int_equal(gt_wire_next_record(b.p, b.n, &r, &used), -1);
    b.p[1] = 0x03, b.p[3] = 0x48, b.p[4] = 0x01; /* 2^14 + 2049 */
    assert_int_equal(gt_wire_next_record(b.p, b.n, &r, &used), -1);
    gt_wbuf_free(&b);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(gt_wire_alert_name(20), "bad_record_mac");
    assert_string_equal(gt_wire_alert_name(254), "unknown_alert");
    assert_int_equal(gt_wire_alert_by_name("decode_error"), 50);
    assert_int_equal(gt_wire_alert_by_name("nope"), -1);
    assert_string_equal(gt_wire_hs_name(GT_HS_FINISHED), "Finished");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vec_and_override), cmocka_unit_test(test_growth_property),
        cmocka_unit_test(test_reader_bounds),    cmocka_unit_test(test_reader_rejects_out_of_range),
        cmocka_unit_test(test_records),          cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
