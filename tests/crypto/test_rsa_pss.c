/* Tests for tls/crypto/rsa_pss.c: sign/verify round trips for every key
 * size and hash, salt lengths 0 / hash length / other, the salt
 * length enforced on verification, flipped bits and a wrong hash rejected,
 * and the NIST CAVP SigVerPSS file (salt length 10). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/rsa_testkeys.h"

static tk_rsa *keys;
static size_t nkeys;
static gt_drbg rng;

static int setup(void **state)
{
    (void)state;
    nkeys = tk_load(&keys);
    gt_drbg_init_seed(&rng, (const uint8_t *)"test_rsa_pss", 12);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(keys);
    return 0;
}

static void test_roundtrip(void **state)
{
    (void)state;
    static const unsigned sizes[] = {2048, 3072, 4096};
    const gt_hash *hs[] = {&gt_hash_sha1, &gt_hash_sha256, &gt_hash_sha384, &gt_hash_sha512};
    for (int s = 0; s < 3; s++) {
        tk_rsa *k = tk_find(keys, nkeys, sizes[s]);
        size_t kl = (sizes[s] + 7) / 8;
        for (int i = 0; i < 4; i++) {
            const gt_hash *h = hs[i];
            uint8_t dig[64], sig[512], sig2[512];
            size_t len;
            gt_hash_digest(h, "pss", 3, dig);
            assert_int_equal(gt_rsa_pss_sign(&k->priv, h, dig, GT_RSA_PSS_SALT_HASH_LEN, tk_rng,
                                             &rng, sig, sizeof sig, &len),
                             0);
            assert_int_equal(len, kl);
            assert_int_equal(
                gt_rsa_pss_verify(&k->pub, 0, h, dig, GT_RSA_PSS_SALT_HASH_LEN, sig, len), 0);
            assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, h->out_len, sig, len), 0);
            /* the salt length is enforced */
            assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, h->out_len - 1, sig, len),
                             GT_ERR_CRYPTO_SIGNATURE);
            assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, 0, sig, len),
                             GT_ERR_CRYPTO_SIGNATURE);
            /* randomised: a second signature differs and verifies too */
            assert_int_equal(gt_rsa_pss_sign(&k->priv, h, dig, GT_RSA_PSS_SALT_HASH_LEN, tk_rng,
                                             &rng, sig2, sizeof sig2, &len),
                             0);
            assert_memory_not_equal(sig, sig2, kl);
            /* flipped bits, wrong digest, wrong MGF1 hash */
            sig[kl / 2] ^= 4;
            assert_int_equal(
                gt_rsa_pss_verify(&k->pub, 0, h, dig, GT_RSA_PSS_SALT_HASH_LEN, sig, len),
                GT_ERR_CRYPTO_SIGNATURE);
            dig[3] ^= 1;
            assert_int_equal(
                gt_rsa_pss_verify(&k->pub, 0, h, dig, GT_RSA_PSS_SALT_HASH_LEN, sig2, len),
                GT_ERR_CRYPTO_SIGNATURE);
            dig[3] ^= 1;
            const gt_hash *other = hs[(i + 1) % 4];
            assert_int_equal(gt_rsa_pss_verify_ex(&k->pub, 0, h, other, dig,
                                                  GT_RSA_PSS_SALT_HASH_LEN, sig2, len),
                             GT_ERR_CRYPTO_SIGNATURE);
        }
    }
}

static void test_salt_lengths(void **state)
{
    (void)state;
    tk_rsa *k = tk_find(keys, nkeys, 2048);
    const gt_hash *h = &gt_hash_sha256;
    uint8_t dig[32], sig[256], sig2[256];
    size_t len;
    gt_hash_digest(h, "salt", 4, dig);
    /* salt 0: deterministic */
    assert_int_equal(gt_rsa_pss_sign(&k->priv, h, dig, 0, tk_rng, &rng, sig, 256, &len), 0);
    assert_int_equal(gt_rsa_pss_sign(&k->priv, h, dig, 0, tk_rng, &rng, sig2, 256, &len), 0);
    assert_memory_equal(sig, sig2, 256);
    assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, 0, sig, 256), 0);
    assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, 32, sig, 256), GT_ERR_CRYPTO_SIGNATURE);
    /* the largest salt that fits: emLen - hLen - 2 = 256 - 32 - 2 */
    assert_int_equal(gt_rsa_pss_sign(&k->priv, h, dig, 222, tk_rng, &rng, sig, 256, &len), 0);
    assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, 222, sig, 256), 0);
    assert_int_equal(gt_rsa_pss_sign(&k->priv, h, dig, 223, tk_rng, &rng, sig, 256, &len),
                     GT_ERR_CRYPTO_LENGTH);
    assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, 223, sig, 256), GT_ERR_CRYPTO_SIGNATURE);
    /* wrong length and s >= n */
    assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, 222, sig, 255), GT_ERR_CRYPTO_SIGNATURE);
    assert_int_equal(gt_rsa_pss_verify(&k->pub, 0, h, dig, 222, k->n, 256),
                     GT_ERR_CRYPTO_SIGNATURE);
    /* RNG failure while drawing the salt */
    assert_int_equal(gt_rsa_pss_sign(&k->priv, h, dig, 32, tk_rng_fail, NULL, sig, 256, &len),
                     GT_ERR_CRYPTO_RNG);
}

static int verify_pss10(const gt_rsa_public_key *k, const gt_hash *h, const uint8_t *msg,
                        size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t dig[64];
    gt_hash_digest(h, msg, msg_len, dig);
    return gt_rsa_pss_verify(k, GT_RSA_ALLOW_LEGACY, h, dig, 10, sig, sig_len);
}

static void test_cavp_sigver_pss(void **state)
{
    (void)state;
    size_t bad, n = tk_cavp_sigver("SigVerPSS_186-3.rsp", verify_pss10, &bad);
    if (!n) skip(); /* python3-cryptography-vectors not installed */
    assert_int_equal(n, 450);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_salt_lengths),
        cmocka_unit_test(test_cavp_sigver_pss),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
