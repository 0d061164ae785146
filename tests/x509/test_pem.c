/* Tests for tls/x509/pem.c: base64 decoding against a reference encoder
 * over random data (property), canonical-padding rules, labels, bundles
 * with text between blocks, overflow of the caller's buffer, and every
 * malformed boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "gt/gt_x509.h"
#include "util/testutil.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Reference encoder (RFC 4648 §4) with line breaks every `line` chars. */
static size_t encode(const uint8_t *in, size_t n, char *out, size_t line)
{
    size_t o = 0, col = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < n) v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < n) v |= in[i + 2];
        char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], i + 1 < n ? b64[(v >> 6) & 63] : '=',
                     i + 2 < n ? b64[v & 63] : '='};
        for (int j = 0; j < 4; j++) {
            out[o++] = q[j];
            if (++col == line) {
                out[o++] = '\n';
                col = 0;
            }
        }
    }
    return o;
}

static size_t wrap(char *out, const char *label, const uint8_t *data, size_t n, size_t line)
{
    size_t o = (size_t)sprintf(out, "-----BEGIN %s-----\n", label);
    o += encode(data, n, out + o, line);
    o += (size_t)sprintf(out + o, "\n-----END %s-----\n", label);
    return o;
}

static void test_roundtrip_random(void **state)
{
    (void)state;
    static uint8_t data[1200], out[1200];
    static char text[2400];
    for (size_t n = 0; n < 300; n++) {
        tu_fill(data, n, n + 1);
        size_t t = wrap(text, "CERTIFICATE", data, n, n % 2 ? 64 : 76);
        size_t len = 0;
        int err = gt_pem_decode_one((uint8_t *)text, t, GT_PEM_CERTIFICATE, out, sizeof out, &len);
        assert_int_equal(err, 0);
        assert_int_equal(len, n);
        assert_memory_equal(out, data, n);
        /* a buffer one byte short overflows, never writes past it */
        if (n) {
            err = gt_pem_decode_one((uint8_t *)text, t, GT_PEM_CERTIFICATE, out, n - 1, &len);
            assert_int_equal(err, GT_ERR_ENCODE_OVERFLOW);
        }
    }
}

static int decode(const char *text, gt_pem_label want)
{
    uint8_t out[256];
    size_t len;
    return gt_pem_decode_one((const uint8_t *)text, strlen(text), want, out, sizeof out, &len);
}

static void test_malformed(void **state)
{
    (void)state;
    const gt_pem_label C = GT_PEM_CERTIFICATE;
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n", C),
                     0);
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAE=\n-----END CERTIFICATE-----", C), 0);
    assert_int_equal(decode("", C), GT_ERR_PEM_FORMAT);
    assert_int_equal(decode("no pem here", C), GT_ERR_PEM_FORMAT);
    /* unterminated block */
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAEC\n", C), GT_ERR_PEM_FORMAT);
    /* BEGIN line without closing dashes */
    assert_int_equal(decode("-----BEGIN CERTIFICATE\nAAEC\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_FORMAT);
    /* END label differs */
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAEC\n-----END PRIVATE KEY-----\n", C),
                     GT_ERR_PEM_LABEL);
    /* wrong label for the caller */
    assert_int_equal(decode("-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\n", C),
                     GT_ERR_PEM_LABEL);
    /* bad characters, bad padding, non-canonical trailing bits */
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAA*C\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_BASE64);
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAE\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_BASE64);
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAA=A\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_BASE64);
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAF=\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_BASE64);
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nA===\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_BASE64);
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAEC=\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_BASE64);
    /* RFC 1421 headers are not base64 */
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nAAEC\n"
                            "-----END CERTIFICATE-----\n",
                            C),
                     GT_ERR_PEM_BASE64);
    /* two blocks where one is required */
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n"
                            "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n",
                            C),
                     GT_ERR_PEM_LABEL);
    /* junk after the boundary on the same line */
    assert_int_equal(decode("-----BEGIN CERTIFICATE-----xx\nAAEC\n-----END CERTIFICATE-----\n", C),
                     GT_ERR_PEM_FORMAT);
}

static void test_bundle_iteration(void **state)
{
    (void)state;
    const char *bundle = "leading text\n"
                         "-----BEGIN CERTIFICATE-----\nAQ==\n-----END CERTIFICATE-----\n"
                         "between\n"
                         "-----BEGIN X509 CRL-----\nAgI=\n-----END X509 CRL-----\n"
                         "-----BEGIN EC PRIVATE KEY-----\nAwMD\n-----END EC PRIVATE KEY-----\r\n"
                         "-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----\n"
                         "-----BEGIN X509 CERTIFICATE-----\nBA==\n-----END X509 CERTIFICATE-----\n"
                         "trailing";
    gt_x509_iter it = {(const uint8_t *)bundle, strlen(bundle)};
    gt_pem_label label;
    uint8_t out[16];
    size_t len;
    assert_int_equal(gt_pem_next(&it, &label, out, sizeof out, &len), 1);
    assert_int_equal(label, GT_PEM_CERTIFICATE);
    assert_int_equal(len, 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(gt_pem_next(&it, &label, out, sizeof out, &len), 1);
    assert_int_equal(label, GT_PEM_OTHER);
    assert_int_equal(gt_pem_next(&it, &label, out, sizeof out, &len), 1);
    assert_int_equal(label, GT_PEM_EC_PRIVATE_KEY);
    assert_int_equal(len, 3);
    /* a bad block is reported, and iteration can go on past it */
    assert_int_equal(gt_pem_next(&it, &label, out, sizeof out, &len), GT_ERR_PEM_BASE64);
    assert_int_equal(gt_pem_next(&it, &label, out, sizeof out, &len), 1);
    assert_int_equal(label, GT_PEM_CERTIFICATE); /* RFC 7468 §5.1 legacy label */
    assert_int_equal(out[0], 4);
    assert_int_equal(gt_pem_next(&it, &label, out, sizeof out, &len), 0);
    assert_int_equal(gt_pem_next(&it, &label, out, sizeof out, &len), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_random),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_bundle_iteration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
