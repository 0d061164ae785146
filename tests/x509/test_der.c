/* Tests for tls/x509/der.c and der_time.c: the primitives one by one
 * (the table in vectors/x509/der-errors.txt, run by test_cert.c, covers
 * the error codes), plus property tests: lengths round-trip in every
 * encoding width, non-minimal encodings of every value are rejected, and
 * time conversion agrees with the C library's timegm(). */
#define _GNU_SOURCE /* timegm */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/testutil.h"
#include "x509/der.h"

/* Encodes an OCTET STRING header with `len` in `width` length octets
 * (0 = short form). */
static size_t header(uint8_t *out, size_t len, unsigned width)
{
    out[0] = GT_DER_OCTET_STRING;
    if (!width) {
        out[1] = (uint8_t)len;
        return 2;
    }
    out[1] = (uint8_t)(0x80 | width);
    for (unsigned i = 0; i < width; i++)
        out[2 + i] = (uint8_t)(len >> (8 * (width - 1 - i)));
    return 2 + width;
}

static void test_length_forms(void **state)
{
    (void)state;
    static uint8_t buf[70000];
    const size_t lens[] = {0, 1, 127, 128, 255, 256, 65535, 65536};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        size_t len = lens[i];
        unsigned minimal = len < 128 ? 0 : len < 256 ? 1 : len < 65536 ? 2 : 3;
        for (unsigned w = 0; w <= 4; w++) {
            if (w == 0 && len >= 128) continue;
            size_t h = header(buf, len, w);
            gt_rd r = gt_rd_init(buf, h + len), v;
            uint8_t tag;
            int err = gt_der_any(&r, &tag, &v, NULL);
            if (w == minimal) {
                assert_int_equal(err, 0);
                assert_int_equal(v.left, len);
                assert_int_equal(r.left, 0);
            } else if (w > minimal) {
                assert_int_equal(err, GT_ERR_DER_LENGTH_NONMINIMAL);
                assert_int_equal(r.left, h + len); /* nothing consumed */
            }
            /* one byte short of the contents: truncated */
            r = gt_rd_init(buf, h + len - (len ? 1 : 0));
            if (len && w == minimal)
                assert_int_equal(gt_der_any(&r, &tag, &v, NULL), GT_ERR_DECODE_TRUNCATED);
        }
    }
}

static void test_integers(void **state)
{
    (void)state;
    /* every 2-byte two's complement pattern: minimal iff the first nine
     * bits are not all equal */
    for (unsigned x = 0; x < 65536; x++) {
        uint8_t p[2] = {(uint8_t)(x >> 8), (uint8_t)x};
        int redundant = (p[0] == 0 && !(p[1] & 0x80)) || (p[0] == 0xff && (p[1] & 0x80));
        assert_int_equal(gt_der_check_int(p, 2), redundant ? GT_ERR_DER_INT_NONMINIMAL : 0);
    }
    const uint8_t big[] = {0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    gt_rd r = gt_rd_init(big, sizeof big);
    uint64_t v;
    gt_x509_slice mag;
    assert_int_equal(gt_der_small_uint(&r, UINT64_MAX, &v), 0);
    assert_true(v == UINT64_MAX);
    r = gt_rd_init(big, sizeof big);
    assert_int_equal(gt_der_small_uint(&r, 1000, &v), GT_ERR_DER_INT_RANGE);
    assert_int_equal(r.left, sizeof big);
    assert_int_equal(gt_der_uint(&r, &mag), 0);
    assert_int_equal(mag.len, 8); /* sign octet stripped */
    const uint8_t zero[] = {0x02, 0x01, 0x00};
    r = gt_rd_init(zero, 3);
    assert_int_equal(gt_der_pos_int(&r, &mag), GT_ERR_DER_INT_RANGE);
}

static void test_oid_and_bits(void **state)
{
    (void)state;
    const uint8_t oid[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};
    char text[64];
    gt_x509_slice s = {oid, sizeof oid};
    assert_int_equal(gt_x509_oid_print(s, text, sizeof text), 21);
    assert_string_equal(text, "1.2.840.113549.1.1.11");
    /* an arc wider than 64 bits prints exactly */
    const uint8_t wide[] = {0x2a, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    s = (gt_x509_slice){wide, sizeof wide};
    assert_true(gt_x509_oid_print(s, text, sizeof text) > 0);
    assert_string_equal(text, "1.2.1180591620717411303424"); /* 2^70 */
    const uint8_t two[] = {0x88, 0x37};                      /* 2.999 */
    s = (gt_x509_slice){two, 2};
    assert_true(gt_x509_oid_print(s, text, sizeof text) > 0);
    assert_string_equal(text, "2.999");
    /* a buffer too small is truncated, still terminated */
    s = (gt_x509_slice){oid, sizeof oid};
    assert_true(gt_x509_oid_print(s, text, 8) > 0);
    assert_true(strlen(text) < 8);

    const uint8_t ku[] = {0x03, 0x02, 0x05, 0xa0};
    gt_rd r = gt_rd_init(ku, sizeof ku);
    gt_x509_slice bits;
    unsigned unused;
    assert_int_equal(gt_der_bit_string(&r, &bits, &unused), 0);
    assert_int_equal(unused, 5);
    r = gt_rd_init(ku, sizeof ku);
    assert_int_equal(gt_der_bit_string_octets(&r, &bits), GT_ERR_DER_BITSTRING);
}

static void test_times_against_timegm(void **state)
{
    (void)state;
    uint64_t seed = 1;
    for (int i = 0; i < 20000; i++) {
        uint8_t rnd[8];
        tu_fill(rnd, sizeof rnd, seed++);
        struct tm tm = {0};
        tm.tm_year = 1950 + rnd[0] % 200 - 1900;
        tm.tm_mon = rnd[1] % 12;
        tm.tm_mday = 1 + rnd[2] % 28;
        tm.tm_hour = rnd[3] % 24;
        tm.tm_min = rnd[4] % 60;
        tm.tm_sec = rnd[5] % 60;
        int utc = tm.tm_year + 1900 < 2050 && (rnd[6] & 1);
        char s[32];
        int n = snprintf(s, sizeof s, "%0*d%02d%02d%02d%02d%02dZ", utc ? 2 : 4,
                         utc ? (tm.tm_year + 1900) % 100 : tm.tm_year + 1900, tm.tm_mon + 1,
                         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        uint8_t der[40] = {utc ? GT_DER_UTC_TIME : GT_DER_GENERALIZED_TIME, (uint8_t)n};
        memcpy(der + 2, s, (size_t)n);
        gt_rd r = gt_rd_init(der, (size_t)n + 2);
        int64_t t;
        assert_int_equal(gt_der_time(&r, &t), 0);
        assert_int_equal(t, (int64_t)timegm(&tm));
    }
    /* the days-from-civil helper across leap years and the epoch */
    assert_int_equal(gt_der_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(gt_der_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(gt_der_days_from_civil(1969, 12, 31), -1);
}

static void test_depth_and_optional(void **state)
{
    (void)state;
    uint8_t nest[2 * (GT_DER_MAX_DEPTH + 2)];
    size_t n = sizeof nest;
    for (size_t i = 0; i < n / 2; i++) {
        nest[2 * i] = GT_DER_SEQUENCE;
        nest[2 * i + 1] = (uint8_t)(n - 2 * i - 2);
    }
    /* the bound is exact: GT_DER_MAX_DEPTH constructed levels pass, one
     * more fails */
    gt_rd r = gt_rd_init(nest + 2, n - 2);
    assert_int_equal(gt_der_check_tree(r, GT_DER_MAX_DEPTH), GT_ERR_DER_DEPTH);
    r = gt_rd_init(nest + 4, n - 4);
    assert_int_equal(gt_der_check_tree(r, GT_DER_MAX_DEPTH), 0);

    const uint8_t two[] = {0x80, 0x00, 0x02, 0x01, 0x05};
    gt_rd c = gt_rd_init(two, sizeof two), v;
    int present;
    assert_int_equal(gt_der_optional(&c, GT_DER_CONTEXT | 1, &v, &present), 0);
    assert_false(present);
    assert_int_equal(c.left, sizeof two);
    assert_int_equal(gt_der_optional(&c, GT_DER_CONTEXT | 0, &v, &present), 0);
    assert_true(present);
    assert_int_equal(gt_der_expect(&c, GT_DER_OCTET_STRING, &v), GT_ERR_DER_TAG);
    assert_int_equal(c.left, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_forms),       cmocka_unit_test(test_integers),
        cmocka_unit_test(test_oid_and_bits),       cmocka_unit_test(test_times_against_timegm),
        cmocka_unit_test(test_depth_and_optional),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
