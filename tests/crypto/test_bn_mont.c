/* Tests for tls/crypto/bn_mont.c, bn_mont_adx.c and bn_exp.c: Montgomery
 * multiplication and squaring against a slow shift-and-add mod-mult on
 * random inputs (portable and MULX/ADX back ends), the three ways of
 * setting up a context agree, wide reduction, and both exponentiations
 * against a reference square-and-multiply. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/bn.h"
#include "util/testutil.h"

static void ref_modmul(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                       size_t n)
{
    uint64_t acc[GT_BN_MAX_LIMBS] = {0};
    for (size_t i = 64 * n; i-- > 0;) {
        gt_bn_mod_add(acc, acc, acc, m, n);
        if ((a[i / 64] >> (i % 64)) & 1) gt_bn_mod_add(acc, acc, b, m, n);
    }
    memcpy(r, acc, n * 8);
}

/* R mod m by doubling, independent of the code under test. */
static void ref_r(uint64_t *r, const uint64_t *m, size_t n)
{
    memset(r, 0, n * 8);
    r[0] = 1;
    for (size_t i = 0; i < 64 * n; i++)
        gt_bn_mod_add(r, r, r, m, n);
}

static void rand_below(uint64_t *x, const uint64_t *m, size_t n, uint64_t seed)
{
    do {
        tu_fill((uint8_t *)x, n * 8, seed++);
        if (m[n - 1] != UINT64_MAX) x[n - 1] %= m[n - 1] + 1;
    } while (!gt_bn_lt(x, m, n));
}

static void rand_modulus(uint64_t *m, size_t n, uint64_t seed)
{
    tu_fill((uint8_t *)m, n * 8, seed);
    m[0] |= 1;
    if (seed % 4 == 0) m[n - 1] |= 1ull << 63; /* full top limb */
    if (seed % 4 == 1) m[n - 1] >>= 20;        /* short top limb */
    if (m[n - 1] == 0) m[n - 1] = 1;
}

/* mul(a, b) * R == a * b (mod m), for both back ends and every size class
 * the dispatcher distinguishes (multiples of 4 take MULX/ADX). */
static void test_mul_sqr_vs_ref(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 3, 4, 5, 8, 12, 16};
    for (int portable = 0; portable < 2; portable++) {
        for (uint64_t s = 0; s < 48; s++) {
            size_t n = sizes[s % 8];
            uint64_t m[16], a[16], b[16], r[16], rm[16], x[16], y[16];
            rand_modulus(m, n, s);
            gt_bn_mont c;
            if (portable)
                gt_bn_mont_init_portable(&c, m, n);
            else
                gt_bn_mont_init(&c, m, n);
            rand_below(a, m, n, 100 + s);
            rand_below(b, m, n, 200 + s);
            ref_r(rm, m, n);
            gt_bn_mont_mul(&c, r, a, b);
            ref_modmul(x, r, rm, m, n);
            ref_modmul(y, a, b, m, n);
            assert_memory_equal(x, y, n * 8);
            gt_bn_mont_sqr(&c, r, a);
            ref_modmul(x, r, rm, m, n);
            ref_modmul(y, a, a, m, n);
            assert_memory_equal(x, y, n * 8);
            /* to/from round trip, and aliasing r == a */
            gt_bn_mont_to(&c, x, a);
            gt_bn_mont_from(&c, x, x);
            assert_memory_equal(x, a, n * 8);
            gt_bn_mont_wipe(&c);
        }
    }
}

/* Portable and MULX/ADX agree bit for bit, including edge values m-1. */
static void test_backends_agree(void **state)
{
    (void)state;
    for (uint64_t s = 0; s < 32; s++) {
        size_t n = 4 * (1 + s % 8);
        uint64_t m[32], a[32], b[32], r1[32], r2[32];
        rand_modulus(m, n, s + 7);
        gt_bn_mont c1, c2;
        gt_bn_mont_init(&c1, m, n);
        gt_bn_mont_init_portable(&c2, m, n);
        assert_memory_equal(c1.rr, c2.rr, n * 8);
        rand_below(a, m, n, s);
        if (s % 3 == 0) {
            memcpy(a, m, n * 8);
            a[0]--; /* m - 1 */
        }
        rand_below(b, m, n, s + 99);
        gt_bn_mont_mul(&c1, r1, a, b);
        gt_bn_mont_mul(&c2, r2, a, b);
        assert_memory_equal(r1, r2, n * 8);
        gt_bn_mont_sqr(&c1, r1, a);
        gt_bn_mont_sqr(&c2, r2, a);
        assert_memory_equal(r1, r2, n * 8);
    }
}

/* init, init_pub and init_factor compute the same R^2 mod m; reduce_wide
 * equals the reference reduction. */
static void test_init_variants_and_reduce(void **state)
{
    (void)state;
    for (uint64_t s = 0; s < 12; s++) {
        size_t n = 1 + s % 6;
        uint64_t p[8], q[8], N[16], w[16] = {0}, r[8], ref[8];
        rand_modulus(p, n, 4 * s);     /* full top limb */
        rand_modulus(q, n, 4 * s + 4); /* odd, q < 2^(64n) */
        gt_bn_mul(N, p, q, n);
        size_t nn = 2 * n;
        while (nn > 1 && N[nn - 1] == 0)
            nn--;
        gt_bn_mont cn, c1, c2, c3;
        gt_bn_mont_init_pub(&cn, N, nn);
        gt_bn_mont_init(&c1, p, n);
        gt_bn_mont_init_pub(&c2, p, n);
        gt_bn_mont_init_factor(&c3, p, n, &cn);
        assert_memory_equal(c1.rr, c2.rr, n * 8);
        assert_memory_equal(c1.rr, c3.rr, n * 8);
        assert_memory_equal(c1.one, c3.one, n * 8);
        /* a wide value < N reduced mod p, against a bitwise reference */
        rand_below(w, N, nn, s);
        gt_bn_mont_reduce_wide(&c1, r, w);
        uint64_t acc[8] = {0}, one[8] = {1};
        for (size_t i = 128 * n; i-- > 0;) {
            gt_bn_mod_add(acc, acc, acc, p, n);
            if ((w[i / 64] >> (i % 64)) & 1) gt_bn_mod_add(acc, acc, one, p, n);
        }
        memcpy(ref, acc, n * 8);
        assert_memory_equal(r, ref, n * 8);
    }
}

/* Both exponentiations against square-and-multiply with the reference
 * mod-mult; exponent lengths not multiples of the window. */
static void test_exp_vs_ref(void **state)
{
    (void)state;
    for (uint64_t s = 0; s < 24; s++) {
        size_t n = 1 + s % 4, ebits = 1 + (s * 37) % (64 * n);
        uint64_t m[4], a[4], e[4] = {0}, r[4], ref[4] = {1};
        rand_modulus(m, n, s + 3);
        if (m[0] == 1 && n == 1) m[0] = 3;
        rand_below(a, m, n, s + 5);
        tu_fill((uint8_t *)e, sizeof e, s + 11);
        if (ebits % 64) e[ebits / 64] &= (1ull << (ebits % 64)) - 1;
        for (size_t i = (ebits + 63) / 64; i < 4; i++)
            e[i] = 0;
        for (size_t i = ebits; i-- > 0;) {
            ref_modmul(ref, ref, ref, m, n);
            if ((e[i / 64] >> (i % 64)) & 1) ref_modmul(ref, ref, a, m, n);
        }
        gt_bn_mont c;
        gt_bn_mont_init(&c, m, n);
        gt_bn_mont_exp(&c, r, a, e, ebits);
        assert_memory_equal(r, ref, n * 8);
        uint8_t eb[32];
        gt_bn_encode(eb, 32, e, 4);
        gt_bn_mont_exp_pub(&c, r, a, eb, 32);
        assert_memory_equal(r, ref, n * 8);
    }
    /* e = 0 gives 1 */
    uint64_t m[2] = {0xffffffffffffffc5ull, 7}, a[2] = {5, 0}, e[2] = {0}, r[2];
    gt_bn_mont c;
    gt_bn_mont_init(&c, m, 2);
    gt_bn_mont_exp(&c, r, a, e, 0);
    assert_int_equal(r[0], 1);
    gt_bn_mont_exp_pub(&c, r, a, (const uint8_t *)"\0", 1);
    assert_int_equal(r[0], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mul_sqr_vs_ref),
        cmocka_unit_test(test_backends_agree),
        cmocka_unit_test(test_init_variants_and_reduce),
        cmocka_unit_test(test_exp_vs_ref),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
