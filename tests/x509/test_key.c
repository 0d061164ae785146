/* Tests for tls/x509/key.c: SPKI, PKCS#1, SEC 1 and PKCS#8 parsing on the
 * project's test PKI and on python3-cryptography-vectors key files, with
 * consistency between a private key and its certificate, truncation at
 * every length, trailing bytes, and structural negative cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "gt/gt_x509.h"
#include "util/testutil.h"
#include "x509_test.h"

#define ASYM "/usr/lib/python3/dist-packages/cryptography_vectors/asymmetric"

static uint8_t *load(const char *dir, const char *name, size_t *n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return x509t_read(path, n);
}

static char pki[4096];

static int slices_equal(gt_x509_slice a, gt_x509_slice b)
{
    return a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
}

/* Each PKCS#8 key in vectors/pki matches the public key of its cert. */
static void test_pki_keys_match_certs(void **state)
{
    (void)state;
    static const char *names[] = {"server-rsa2048", "server-rsa3072", "server-p256", "server-p384",
                                  "client-p256",    "rsa-root",       "ecdsa-root"};
    snprintf(pki, sizeof pki, "%s/vectors/pki", tu_source_dir());
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char f[256];
        size_t n, cn, len, clen;
        snprintf(f, sizeof f, "%s.key", names[i]);
        uint8_t *pem = load(pki, f, &n), buf[4096];
        assert_non_null(pem);
        gt_x509_privkey k;
        assert_int_equal(gt_x509_privkey_load(&k, pem, n, buf, sizeof buf), 0);
        snprintf(f, sizeof f, "%s.crt", names[i]);
        uint8_t *cpem = load(pki, f, &cn), cder[4096];
        assert_int_equal(gt_pem_decode_one(cpem, cn, GT_PEM_CERTIFICATE, cder, sizeof cder, &clen),
                         0);
        gt_x509_cert c;
        assert_int_equal(gt_x509_cert_parse(&c, cder, clen), 0);
        if (k.type == GT_X509_KEY_RSA) {
            assert_int_equal(c.key.type, GT_X509_KEY_RSA);
            assert_true(slices_equal(k.n, c.key.rsa_n));
            assert_true(slices_equal(k.e, c.key.rsa_e));
            assert_int_equal(k.bits, c.key.bits);
        } else {
            assert_int_equal(k.type, GT_X509_KEY_EC);
            assert_int_equal(k.curve, c.key.curve);
            assert_non_null(k.ec_pub.p);
            assert_true(slices_equal(k.ec_pub, c.key.ec_point));
        }
        /* truncation at every length and a trailing byte, on the DER */
        assert_int_equal(gt_pem_decode_one(pem, n, GT_PEM_PRIVATE_KEY, buf, sizeof buf, &len), 0);
        for (size_t cut = 0; cut < len; cut++)
            assert_int_not_equal(gt_x509_pkcs8_parse(&k, buf, cut), 0);
        buf[len] = 0;
        assert_int_equal(gt_x509_pkcs8_parse(&k, buf, len + 1), GT_ERR_DECODE_TRAILING);
        /* and the SPKI on its own */
        for (size_t cut = 0; cut < c.key.der.len; cut++)
            assert_int_not_equal(gt_x509_spki_parse(&c.key, cder + (c.key.der.p - cder), cut), 0);
        free(pem);
        free(cpem);
    }
}

static void test_cryptography_key_files(void **state)
{
    (void)state;
    if (access(ASYM, R_OK) != 0) skip();
    size_t n, len;
    uint8_t buf[8192];
    gt_x509_privkey k;
    gt_x509_pubkey pub;
    uint8_t *in = load(ASYM, "PEM_Serialization/ec_private_key.pem", &n);
    assert_int_equal(gt_x509_privkey_load(&k, in, n, buf, sizeof buf), 0);
    assert_int_equal(k.type, GT_X509_KEY_EC);
    assert_int_equal(k.curve, GT_X509_CURVE_P256);
    assert_int_equal(k.ec_priv.len, 32);
    free(in);
    in = load(ASYM, "Traditional_OpenSSL_Serialization/testrsa.pem", &n);
    assert_int_equal(gt_x509_privkey_load(&k, in, n, buf, sizeof buf), 0);
    assert_int_equal(k.type, GT_X509_KEY_RSA);
    assert_non_null(k.qinv.p);
    free(in);
    in = load(ASYM, "DER_Serialization/unenc-rsa-pkcs8.der", &n);
    assert_int_equal(gt_x509_privkey_load(&k, in, n, buf, sizeof buf), 0);
    assert_int_equal(k.type, GT_X509_KEY_RSA);
    free(in);
    in = load(ASYM, "DER_Serialization/ec_private_key.der", &n);
    assert_int_equal(gt_x509_privkey_load(&k, in, n, buf, sizeof buf), 0);
    assert_int_equal(k.type, GT_X509_KEY_EC);
    free(in);
    in = load(ASYM, "PEM_Serialization/rsa_public_key.pem", &n);
    assert_int_equal(gt_pem_decode_one(in, n, GT_PEM_PUBLIC_KEY, buf, sizeof buf, &len), 0);
    assert_int_equal(gt_x509_spki_parse(&pub, buf, len), 0);
    assert_int_equal(pub.type, GT_X509_KEY_RSA);
    free(in);
    in = load(ASYM, "DER_Serialization/dsa_public_key_invalid_bit_string.der", &n);
    assert_int_not_equal(gt_x509_spki_parse(&pub, in, n), 0);
    free(in);
    /* encrypted PEM (RFC 1421 headers) is not base64: refused */
    in = load(ASYM, "Traditional_OpenSSL_Serialization/testrsa-encrypted.pem", &n);
    assert_int_equal(gt_x509_privkey_load(&k, in, n, buf, sizeof buf), GT_ERR_PEM_BASE64);
    free(in);
}

static void test_structural_negatives(void **state)
{
    (void)state;
    gt_x509_privkey k;
    uint8_t buf[256];
    size_t n;
    /* PKCS#1 version 1 (multi-prime) */
    n = tu_unhex("301b 020101 020101 020101 020101 020101 020101 020101 020101 020101", buf,
                 sizeof buf);
    assert_int_equal(gt_x509_rsa_privkey_parse(&k, buf, n), GT_ERR_X509_KEY);
    /* PKCS#1 with a zero component */
    n = tu_unhex("301b 020100 020101 020101 020101 020101 020101 020101 020101 020100", buf,
                 sizeof buf);
    assert_int_equal(gt_x509_rsa_privkey_parse(&k, buf, n), GT_ERR_X509_KEY);
    /* SEC 1 without parameters and no curve given */
    n = tu_unhex(
        "3025 020101 0420 0101010101010101010101010101010101010101010101010101010101010101", buf,
        sizeof buf);
    assert_int_equal(gt_x509_ec_privkey_parse(&k, buf, n, GT_X509_CURVE_UNKNOWN),
                     GT_ERR_X509_CURVE);
    assert_int_equal(gt_x509_ec_privkey_parse(&k, buf, n, GT_X509_CURVE_P256), 0);
    /* scalar of the wrong size for the curve */
    assert_int_equal(gt_x509_ec_privkey_parse(&k, buf, n, GT_X509_CURVE_P384), GT_ERR_X509_KEY);
    /* SEC 1 version 0 */
    buf[4] = 0;
    assert_int_equal(gt_x509_ec_privkey_parse(&k, buf, n, GT_X509_CURVE_P256), GT_ERR_X509_KEY);
    /* PKCS#8 with an unknown algorithm */
    n = tu_unhex("300e 020100 3005 0603 2a0304 0402 3000", buf, sizeof buf);
    assert_int_equal(gt_x509_pkcs8_parse(&k, buf, n), GT_ERR_X509_KEY);
    /* not a key at all */
    assert_int_equal(gt_x509_privkey_load(&k, (const uint8_t *)"hello", 5, buf, sizeof buf),
                     GT_ERR_X509_KEY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pki_keys_match_certs),
        cmocka_unit_test(test_cryptography_key_files),
        cmocka_unit_test(test_structural_negatives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
