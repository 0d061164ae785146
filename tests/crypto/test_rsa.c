/* Tests for tls/crypto/rsa.c: key checks, the raw private operation
 * against the public one, and the failure paths of the private operation
 * (inconsistent key, input >= n, RNG failure), which must return a zero
 * mask and a zeroed output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/rsa_impl.h"
#include "crypto/rsa_testkeys.h"
#include "core/ct.h"

static tk_rsa *keys;
static size_t nkeys;
static gt_drbg rng;

static int setup(void **state)
{
    (void)state;
    nkeys = tk_load(&keys);
    gt_drbg_init_seed(&rng, (const uint8_t *)"test_rsa", 8);
    return nkeys >= 5 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(keys);
    return 0;
}

static void test_key_checks(void **state)
{
    (void)state;
    for (size_t i = 0; i < nkeys; i++) {
        tk_rsa *k = &keys[i];
        int want_priv = k->bits >= 2048 ? 0 : GT_ERR_CRYPTO_KEY_SIZE;
        assert_int_equal(gt_rsa_private_check(&k->priv), want_priv);
        assert_int_equal(gt_rsa_public_len(&k->pub, 0),
                         k->bits >= 2048 ? (int)(k->bits + 7) / 8 : GT_ERR_CRYPTO_KEY_SIZE);
        assert_int_equal(gt_rsa_public_len(&k->pub, GT_RSA_ALLOW_LEGACY), (int)(k->bits + 7) / 8);
    }
    tk_rsa k;
    tk_copy(&k, tk_find(keys, nkeys, 2048));
    /* corrupted components are caught by the full check */
    k.p[10] ^= 1;
    assert_int_equal(gt_rsa_private_check(&k.priv), GT_ERR_CRYPTO_KEY);
    tk_copy(&k, tk_find(keys, nkeys, 2048));
    k.dq[3] ^= 0x40;
    assert_int_equal(gt_rsa_private_check(&k.priv), GT_ERR_CRYPTO_KEY);
    tk_copy(&k, tk_find(keys, nkeys, 2048));
    k.qinv[5] ^= 2;
    assert_int_equal(gt_rsa_private_check(&k.priv), GT_ERR_CRYPTO_KEY);
    /* bad public exponents and moduli */
    static const uint8_t e_even[] = {1, 0, 0}, e_one[] = {1}, e_big[] = {1, 0, 0, 0, 0, 0, 0, 0, 1};
    gt_rsa_public_key pub = tk_find(keys, nkeys, 2048)->pub;
    pub.e = e_even, pub.e_len = 3;
    assert_int_equal(gt_rsa_public_len(&pub, 0), GT_ERR_CRYPTO_KEY);
    pub.e = e_one, pub.e_len = 1;
    assert_int_equal(gt_rsa_public_len(&pub, 0), GT_ERR_CRYPTO_KEY);
    pub.e = e_big, pub.e_len = 9;
    assert_int_equal(gt_rsa_public_len(&pub, 0), GT_ERR_CRYPTO_KEY);
    uint8_t even_n[256];
    memcpy(even_n, tk_find(keys, nkeys, 2048)->n, 256);
    even_n[255] &= 0xfe;
    gt_rsa_public_key pe = {even_n, 256, e_big + 6, 3};
    assert_int_equal(gt_rsa_public_len(&pe, 0), GT_ERR_CRYPTO_KEY);
    uint8_t big_n[513] = {1};
    big_n[512] = 1;
    gt_rsa_public_key pb = {big_n, sizeof big_n, e_big + 6, 3};
    assert_int_equal(gt_rsa_public_len(&pb, 0), GT_ERR_CRYPTO_KEY_SIZE);
}

/* private(public(x)) == x and public(private(x)) == x on random x < n. */
static void test_private_op_roundtrip(void **state)
{
    (void)state;
    for (size_t i = 0; i < nkeys; i++) {
        tk_rsa *k = &keys[i];
        if (k->bits < 2048) continue;
        size_t len = (k->bits + 7) / 8;
        uint8_t x[512], y[512], z[512];
        for (int round = 0; round < 3; round++) {
            tu_fill(x, len, 77 + round + i);
            x[0] = 0; /* < n */
            assert_int_equal(gt_rsa_public_op(&k->pub, 0, x, y), 0);
            assert_int_equal(gt_rsa_private_op(&k->priv, tk_rng, &rng, y, z), 0xffffffffu);
            assert_memory_equal(z, x, len);
            assert_int_equal(gt_rsa_private_op(&k->priv, tk_rng, &rng, x, y), 0xffffffffu);
            assert_int_equal(gt_rsa_public_op(&k->pub, 0, y, z), 0);
            assert_memory_equal(z, x, len);
        }
    }
}

static void test_private_op_failures(void **state)
{
    (void)state;
    tk_rsa k;
    tk_copy(&k, tk_find(keys, nkeys, 2048));
    uint8_t x[256], y[256];
    tu_fill(x, 256, 5);
    x[0] = 0;
    /* input >= n */
    assert_int_equal(gt_rsa_private_op(&k.priv, tk_rng, &rng, k.n, y), 0);
    assert_true(gt_ct_is_zero(y, 256));
    /* RNG failure */
    memset(y, 0xaa, sizeof y);
    assert_int_equal(gt_rsa_private_op(&k.priv, tk_rng_fail, NULL, x, y), 0);
    assert_true(gt_ct_is_zero(y, 256));
    /* A wrong CRT exponent is the "fault" the public-key check exists for:
     * the result is withheld. */
    k.dp[100] ^= 0x10;
    memset(y, 0xaa, sizeof y);
    assert_int_equal(gt_rsa_private_op(&k.priv, tk_rng, &rng, x, y), 0);
    assert_true(gt_ct_is_zero(y, 256));
    /* a wrong qinv, an even p, an oversized component */
    tk_copy(&k, tk_find(keys, nkeys, 2048));
    k.qinv[64] ^= 1;
    assert_int_equal(gt_rsa_private_op(&k.priv, tk_rng, &rng, x, y), 0);
    tk_copy(&k, tk_find(keys, nkeys, 2048));
    k.p[127] ^= 1;
    assert_int_equal(gt_rsa_private_op(&k.priv, tk_rng, &rng, x, y), 0);
    tk_copy(&k, tk_find(keys, nkeys, 2048));
    uint8_t longp[130] = {1};
    memcpy(longp + 2, k.p, 128);
    k.priv.p = longp, k.priv.p_len = 130;
    assert_int_equal(gt_rsa_private_op(&k.priv, tk_rng, &rng, x, y), 0);
    /* 1024-bit keys are never used privately */
    assert_int_equal(gt_rsa_private_op(&tk_find(keys, nkeys, 1024)->priv, tk_rng, &rng, x, y), 0);
}

/* The blinding factor changes every call but not the result. */
static void test_blinding_is_transparent(void **state)
{
    (void)state;
    tk_rsa *k = tk_find(keys, nkeys, 3072);
    uint8_t x[384], y1[384], y2[384];
    tu_fill(x, sizeof x, 9);
    x[0] = 0;
    gt_drbg other;
    gt_drbg_init_seed(&other, (const uint8_t *)"other", 5);
    assert_int_equal(gt_rsa_private_op(&k->priv, tk_rng, &rng, x, y1), 0xffffffffu);
    assert_int_equal(gt_rsa_private_op(&k->priv, tk_rng, &other, x, y2), 0xffffffffu);
    assert_memory_equal(y1, y2, sizeof y1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_checks),
        cmocka_unit_test(test_private_op_roundtrip),
        cmocka_unit_test(test_private_op_failures),
        cmocka_unit_test(test_blinding_is_transparent),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
