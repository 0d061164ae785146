/* Tests for tls/x509/trust.c: Debian's whole root bundle loads into
 * caller storage sized by gt_trust_pem_size (every root parses), issuer
 * lookup by subject name, capacity limits, and strict vs. lenient loading
 * of a bundle with a broken block. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "gt/gt_x509.h"
#include "util/testutil.h"
#include "x509_test.h"

#define DEBIAN_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static void test_debian_roots(void **state)
{
    (void)state;
    if (access(DEBIAN_BUNDLE, R_OK) != 0) skip();
    size_t n = 0, certs, bytes, added;
    uint8_t *pem = x509t_read(DEBIAN_BUNDLE, &n);
    assert_non_null(pem);
    assert_int_equal(gt_trust_pem_size(pem, n, &certs, &bytes), 0);
    assert_true(certs > 100);
    gt_x509_cert *anchors = calloc(certs, sizeof *anchors);
    uint8_t *buf = malloc(bytes);
    gt_trust_store ts;
    gt_trust_init(&ts, anchors, certs, buf, bytes);
    /* strict: every root must parse */
    assert_int_equal(gt_trust_add_pem(&ts, pem, n, 1, &added), 0);
    assert_int_equal(added, certs);
    assert_int_equal(ts.rejected, 0);
    assert_true(ts.buf_used <= bytes);
    /* every root is self-issued: its own subject finds it */
    for (size_t i = 0; i < ts.n; i++) {
        size_t pos = 0;
        const gt_x509_cert *c, *found = NULL;
        while ((c = gt_trust_find(&ts, ts.anchors[i].subject, &pos)) != NULL)
            if (c == &ts.anchors[i]) found = c;
        assert_ptr_equal(found, &ts.anchors[i]);
        assert_true(ts.anchors[i].version >= 1);
    }
    print_message("Debian bundle: %zu roots, %zu DER bytes\n", ts.n, ts.buf_used);
    /* a store one anchor short reports that it is full */
    gt_trust_init(&ts, anchors, certs - 1, buf, bytes);
    assert_int_equal(gt_trust_add_pem(&ts, pem, n, 1, &added), GT_ERR_X509_TRUST_FULL);
    /* and one whose buffer is too small too */
    gt_trust_init(&ts, anchors, certs, buf, bytes / 2);
    assert_int_equal(gt_trust_add_pem(&ts, pem, n, 1, &added), GT_ERR_X509_TRUST_FULL);
    free(anchors);
    free(buf);
    free(pem);
}

static void test_lenient_and_lookup(void **state)
{
    (void)state;
    char path[4096];
    size_t n = 0, added;
    snprintf(path, sizeof path, "%s/vectors/pki/ca-bundle.pem", tu_source_dir());
    uint8_t *pem = x509t_read(path, &n);
    assert_non_null(pem);
    /* append a corrupt block */
    const char *bad = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
    uint8_t *all = malloc(n + strlen(bad));
    memcpy(all, pem, n);
    memcpy(all + n, bad, strlen(bad));
    size_t total = n + strlen(bad);
    gt_x509_cert anchors[8];
    static uint8_t buf[16384];
    gt_trust_store ts;
    gt_trust_init(&ts, anchors, 8, buf, sizeof buf);
    assert_int_equal(gt_trust_add_pem(&ts, all, total, 1, &added), GT_ERR_DECODE_TRUNCATED);
    gt_trust_init(&ts, anchors, 8, buf, sizeof buf);
    assert_int_equal(gt_trust_add_pem(&ts, all, total, 0, &added), 0);
    assert_int_equal(ts.rejected, 1);
    assert_true(added >= 2);
    /* the roots in the bundle are found by their subject; an unknown name
     * finds nothing */
    size_t pos = 0;
    assert_ptr_equal(gt_trust_find(&ts, ts.anchors[0].subject, &pos), &ts.anchors[0]);
    const uint8_t other[] = {0x30, 0x00};
    gt_x509_slice none = {other, 2};
    pos = 0;
    assert_null(gt_trust_find(&ts, none, &pos));
    /* a DER anchor is kept as a view into the caller's bytes */
    gt_trust_init(&ts, anchors, 1, NULL, 0);
    assert_int_equal(gt_trust_add_der(&ts, anchors[0].der.p, anchors[0].der.len), 0);
    assert_int_equal(ts.n, 1);
    assert_int_equal(gt_trust_add_der(&ts, anchors[0].der.p, anchors[0].der.len),
                     GT_ERR_X509_TRUST_FULL);
    free(all);
    free(pem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_debian_roots),
        cmocka_unit_test(test_lenient_and_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
