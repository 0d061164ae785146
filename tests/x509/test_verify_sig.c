/* tls/x509/verify_sig.c: certificate signatures with libgt's own crypto.
 * Real signatures: every self-signed root of Debian's bundle
 * (/etc/ssl/certs/ca-certificates.crt) must verify with its own key, or be
 * refused for a stated policy reason (algorithm/key outside the profile);
 * never GT_ERR_X509V_SIGNATURE. Negative cases: a flipped bit anywhere in
 * the signed bytes or the signature, a key of the wrong type, SHA-1 off by
 * default. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "x509/verify_impl.h"
#include "x509/verify_test.h"

#define BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static void test_debian_roots(void **state)
{
    (void)state;
    size_t n = 0, len;
    char *pem = vt_read(BUNDLE, &n);
    if (!pem) fail_msg(BUNDLE " missing: install ca-certificates (ci/install-deps.sh)");
    uint8_t *der = malloc(n);
    gt_x509_iter it = {(const uint8_t *)pem, n};
    gt_pem_label label;
    unsigned ok = 0, refused = 0, total = 0;
    while (gt_pem_next(&it, &label, der, n, &len) == 1) {
        gt_x509_cert c;
        if (label != GT_PEM_CERTIFICATE) continue;
        total++;
        assert_int_equal(gt_x509_cert_parse(&c, der, len), 0);
        if (!gt_x509_name_equal(c.issuer, c.subject)) continue;
        int err = gt_x509v_check_sig(&c, &c.key, GT_X509V_ALLOW_SHA1);
        if (err == 0) {
            ok++;
            continue;
        }
        char name[256];
        if (gt_x509_name_print(c.subject, name, sizeof name) < 0) name[0] = 0;
        /* a refusal must be a policy one: RSA above 4096 bits, P-521,
         * ECDSA with SHA-512, ... */
        if (err != GT_ERR_X509V_SIG_ALG && err != GT_ERR_X509V_KEY)
            fail_msg("%s: %s", name, gt_err_str(err));
        refused++;
        /* without ALLOW_SHA1 a SHA-1 root is refused, with it it passed */
    }
    printf("Debian roots: %u certificates, %u self-signatures verified, %u refused by policy\n",
           total, ok, refused);
    assert_true(total >= 100);
    assert_true(ok >= total * 9 / 10);
    free(der);
    free(pem);
}

static void test_tampering(void **state)
{
    (void)state;
    static gt_x509_cert c[2], ec[2];
    size_t n = 0, m = 0;
    assert_int_equal(vt_load_pem("vectors/x509/chains/leaf-rsa.pem", c, &n, 1), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/inter-rsa.pem", c, &n, 2), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/leaf-ec.pem", ec, &m, 1), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/inter-ec.pem", ec, &m, 2), 1);
    assert_int_equal(gt_x509v_check_sig(&c[0], &c[1].key, 0), 0);
    assert_int_equal(gt_x509v_check_sig(&ec[0], &ec[1].key, 0), 0);
    /* wrong key type, wrong key */
    assert_int_equal(gt_x509v_check_sig(&c[0], &ec[1].key, 0), GT_ERR_X509V_SIGNATURE);
    assert_int_equal(gt_x509v_check_sig(&ec[0], &c[1].key, 0), GT_ERR_X509V_SIGNATURE);
    assert_int_equal(gt_x509v_check_sig(&c[0], &c[0].key, 0), GT_ERR_X509V_SIGNATURE);
    /* property: one flipped bit in the signed bytes or the signature */
    gt_x509_cert *certs[2] = {&c[0], &ec[0]};
    gt_x509_pubkey *keys[2] = {&c[1].key, &ec[1].key};
    for (int k = 0; k < 2; k++) {
        gt_x509_cert t = *certs[k];
        uint8_t tbs[4096], sig[1024];
        assert_true(t.tbs.len <= sizeof tbs && t.signature.len <= sizeof sig);
        memcpy(tbs, t.tbs.p, t.tbs.len);
        memcpy(sig, t.signature.p, t.signature.len);
        t.tbs.p = tbs;
        t.signature.p = sig;
        for (size_t i = 0; i < t.tbs.len; i += 37) {
            tbs[i] ^= 0x10;
            assert_int_equal(gt_x509v_check_sig(&t, keys[k], 0), GT_ERR_X509V_SIGNATURE);
            tbs[i] ^= 0x10;
        }
        for (size_t i = 0; i < t.signature.len; i += 7) {
            sig[i] ^= 0x01;
            assert_int_equal(gt_x509v_check_sig(&t, keys[k], 0), GT_ERR_X509V_SIGNATURE);
            sig[i] ^= 0x01;
        }
        assert_int_equal(gt_x509v_check_sig(&t, keys[k], 0), 0);
    }
}

static void test_algorithm_policy(void **state)
{
    (void)state;
    static gt_x509_cert c[2];
    size_t n = 0;
    assert_int_equal(vt_load_pem("vectors/x509/chains/leaf-sha1.pem", c, &n, 1), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/inter-rsa.pem", c, &n, 2), 1);
    /* leaf-sha1 is ECDSA-keyed but RSA-signed (sha1WithRSAEncryption) */
    assert_int_equal(gt_x509v_check_sig(&c[0], &c[1].key, 0), GT_ERR_X509V_SIG_ALG);
    assert_int_equal(gt_x509v_check_sig(&c[0], &c[1].key, GT_X509V_ALLOW_SHA1), 0);
    gt_x509_cert t = c[0];
    t.sigalg.hash = GT_X509_HASH_MD5;
    assert_int_equal(gt_x509v_check_sig(&t, &c[1].key, GT_X509V_ALLOW_SHA1), GT_ERR_X509V_SIG_ALG);
    t.sigalg.hash = GT_X509_HASH_SHA224;
    assert_int_equal(gt_x509v_check_sig(&t, &c[1].key, 0), GT_ERR_X509V_SIG_ALG);
    t.sigalg.type = GT_X509_SIG_DSA;
    t.sigalg.hash = GT_X509_HASH_SHA256;
    assert_int_equal(gt_x509v_check_sig(&t, &c[1].key, 0), GT_ERR_X509V_SIG_ALG);
    t.sigalg.type = GT_X509_SIG_ED25519;
    assert_int_equal(gt_x509v_check_sig(&t, &c[1].key, 0), GT_ERR_X509V_SIG_ALG);
    /* PSS with an MGF1 hash other than the message hash */
    t.sigalg.type = GT_X509_SIG_RSA_PSS;
    t.sigalg.mgf1_hash = GT_X509_HASH_SHA384;
    assert_int_equal(gt_x509v_check_sig(&t, &c[1].key, 0), GT_ERR_X509V_SIG_ALG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_debian_roots),
        cmocka_unit_test(test_tampering),
        cmocka_unit_test(test_algorithm_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
