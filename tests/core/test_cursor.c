/* Tests for tls/core/cursor.c: every read bounded, vectors bounded by
 * <min..max>, trailing bytes rejected, writer cannot overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/cursor.h"

static void test_integers(void **state)
{
    (void)state;
    const uint8_t b[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    gt_rd r = gt_rd_init(b, sizeof b);
    uint8_t v8;
    uint16_t v16;
    uint32_t v24, v32;
    uint64_t v64;
    assert_int_equal(gt_rd_u8(&r, &v8), 0);
    assert_int_equal(v8, 1);
    assert_int_equal(gt_rd_u16(&r, &v16), 0);
    assert_int_equal(v16, 0x0203);
    assert_int_equal(gt_rd_u24(&r, &v24), 0);
    assert_int_equal(v24, 0x040506);
    assert_int_equal(gt_rd_u64(&r, &v64), GT_ERR_DECODE_TRUNCATED);
    assert_int_equal(r.left, 4); /* a failed read consumes nothing */
    assert_int_equal(gt_rd_u32(&r, &v32), 0);
    assert_int_equal(v32, 0x0708090a);
    assert_int_equal(gt_rd_end(&r), 0);
    assert_int_equal(gt_rd_u8(&r, &v8), GT_ERR_DECODE_TRUNCATED);
}

static void test_u64_and_bytes(void **state)
{
    (void)state;
    const uint8_t b[] = {0, 0, 0, 0, 0, 0, 1, 2, 0xAA, 0xBB};
    gt_rd r = gt_rd_init(b, sizeof b);
    uint64_t v;
    const uint8_t *view;
    uint8_t out[2];
    assert_int_equal(gt_rd_u64(&r, &v), 0);
    assert_int_equal(v, 0x0102);
    assert_int_equal(gt_rd_bytes(&r, 3, &view), GT_ERR_DECODE_TRUNCATED);
    assert_int_equal(gt_rd_copy(&r, out, 2), 0);
    assert_int_equal(out[1], 0xBB);
    assert_int_equal(gt_rd_skip(&r, 1), GT_ERR_DECODE_TRUNCATED);
}

static void test_vec_bounds(void **state)
{
    (void)state;
    /* opaque x<2..4> holding 3 bytes, then one trailing byte */
    const uint8_t b[] = {0, 3, 'a', 'b', 'c', 9};
    gt_rd r = gt_rd_init(b, sizeof b), sub;
    assert_int_equal(gt_rd_vec16(&r, 4, 8, &sub), GT_ERR_DECODE_LENGTH);
    assert_int_equal(r.left, sizeof b); /* untouched after a failure */
    assert_int_equal(gt_rd_vec16(&r, 0, 2, &sub), GT_ERR_DECODE_LENGTH);
    assert_int_equal(gt_rd_vec16(&r, 2, 4, &sub), 0);
    assert_int_equal(sub.left, 3);
    assert_int_equal(gt_rd_skip(&sub, 3), 0);
    assert_int_equal(gt_rd_end(&sub), 0);
    assert_int_equal(gt_rd_end(&r), GT_ERR_DECODE_TRAILING);
}

static void test_vec_overlong(void **state)
{
    (void)state;
    /* the length claims more bytes than there are */
    const uint8_t b8[] = {5, 1, 2};
    const uint8_t b24[] = {0, 0, 4, 1, 2, 3};
    gt_rd r = gt_rd_init(b8, sizeof b8), sub;
    assert_int_equal(gt_rd_vec8(&r, 0, 255, &sub), GT_ERR_DECODE_TRUNCATED);
    assert_int_equal(r.left, sizeof b8);
    r = gt_rd_init(b24, sizeof b24);
    assert_int_equal(gt_rd_vec24(&r, 0, 1u << 24, &sub), GT_ERR_DECODE_TRUNCATED);
    /* truncated length field itself */
    r = gt_rd_init(b24, 2);
    assert_int_equal(gt_rd_vec24(&r, 0, 10, &sub), GT_ERR_DECODE_TRUNCATED);
}

static void test_writer(void **state)
{
    (void)state;
    uint8_t buf[8];
    gt_wr w = gt_wr_init(buf, sizeof buf);
    size_t mark;
    assert_int_equal(gt_wr_u8(&w, 0x16), 0);
    assert_int_equal(gt_wr_vec_open(&w, 2, &mark), 0);
    assert_int_equal(gt_wr_u24(&w, 0x010203), 0);
    assert_int_equal(gt_wr_vec_close(&w, 2, mark), 0);
    assert_int_equal(w.len, 6);
    const uint8_t want[] = {0x16, 0, 3, 1, 2, 3};
    assert_memory_equal(buf, want, sizeof want);
    /* overflow: nothing written, error sticky */
    assert_int_equal(gt_wr_u32(&w, 0xdeadbeef), GT_ERR_ENCODE_OVERFLOW);
    assert_int_equal(w.len, 6);
    assert_int_equal(gt_wr_u8(&w, 1), GT_ERR_ENCODE_OVERFLOW);
    assert_int_equal(gt_wr_status(&w), GT_ERR_ENCODE_OVERFLOW);
}

static void test_writer_vec_too_long(void **state)
{
    (void)state;
    uint8_t buf[300];
    gt_wr w = gt_wr_init(buf, sizeof buf);
    size_t mark;
    uint8_t zeros[256] = {0};
    assert_int_equal(gt_wr_vec_open(&w, 1, &mark), 0);
    assert_int_equal(gt_wr_bytes(&w, zeros, sizeof zeros), 0);
    /* 256 bytes do not fit an 8-bit length */
    assert_int_equal(gt_wr_vec_close(&w, 1, mark), GT_ERR_ENCODE_OVERFLOW);
    assert_int_equal(gt_wr_u24(&w, 1u << 24), GT_ERR_ENCODE_OVERFLOW);
}

static void test_err_alerts(void **state)
{
    (void)state;
    assert_int_equal(gt_err_alert(GT_ERR_DECODE_TRAILING), GT_ALERT_DECODE_ERROR);
    assert_int_equal(gt_err_alert(GT_ERR_CRYPTO_TAG), GT_ALERT_BAD_RECORD_MAC);
    assert_int_equal(gt_err_alert(-99999), GT_ALERT_INTERNAL_ERROR);
    assert_string_equal(gt_err_str(GT_ERR_DECODE_TRUNCATED), "decode: truncated");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),   cmocka_unit_test(test_u64_and_bytes),
        cmocka_unit_test(test_vec_bounds), cmocka_unit_test(test_vec_overlong),
        cmocka_unit_test(test_writer),     cmocka_unit_test(test_writer_vec_too_long),
        cmocka_unit_test(test_err_alerts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
