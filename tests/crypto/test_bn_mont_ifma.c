/* Tests for tls/crypto/bn_mont_ifma.c: the AVX-512 IFMA exponentiations
 * (radix 2^52, single, dual and public-exponent) agree bit for bit with the
 * MULX/ADX and the portable back ends on random and edge-case inputs, for
 * every size the IFMA code takes (4..51 limbs, i.e. 1..8 zmm registers per
 * number) and across the size limit. On a CPU without IFMA (or with
 * GT_FORCE_PORTABLE=1) the IFMA contexts fall back and the comparisons
 * still check the other back ends against each other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/bn.h"
#include "crypto/bn_mont_impl.h"
#include "util/testutil.h"

#define MAXN 52

enum { BE_BEST, BE_NO_IFMA, BE_PORTABLE, BE_COUNT };

/* A context on the given back end: the best the CPU has, everything but
 * IFMA (MULX/ADX when present), or the portable code. */
static void init_be(gt_bn_mont *c, const uint64_t *m, size_t n, int be)
{
    if (be == BE_PORTABLE) {
        gt_bn_mont_init_portable(c, m, n);
        return;
    }
    if (be == BE_NO_IFMA) gt_cpu_override(gt_cpu_features() & ~(uint32_t)GT_CPU_AVX512IFMA);
    gt_bn_mont_init(c, m, n);
    gt_cpu_reset();
}

static int have_ifma(void)
{
    return gt_cpu_has(GT_CPU_AVX512F | GT_CPU_AVX512VL | GT_CPU_AVX512IFMA);
}

/* Odd modulus of n limbs; kind 0: random with the top bit set, 1: all ones
 * (every radix-2^52 digit all ones: longest carry runs), 2: short top limb,
 * 3: 2^(64n-1) + 1 (a sparse one). */
static void make_modulus(uint64_t *m, size_t n, int kind, uint64_t seed)
{
    tu_fill((uint8_t *)m, n * 8, seed);
    if (kind == 0) m[n - 1] |= 1ull << 63;
    if (kind == 1) memset(m, 0xff, n * 8);
    if (kind == 2) m[n - 1] = (m[n - 1] >> 40) | 1;
    if (kind == 3) {
        memset(m, 0, n * 8);
        m[n - 1] = 1ull << 63;
    }
    m[0] |= 1;
}

/* Base below m; kind 0: random, 1: m - 1, 2: 0, 3: 1. */
static void make_base(uint64_t *a, const uint64_t *m, size_t n, int kind, uint64_t seed)
{
    tu_fill((uint8_t *)a, n * 8, seed);
    a[n - 1] %= m[n - 1];
    if (kind == 1) {
        memcpy(a, m, n * 8);
        a[0]--;
    }
    if (kind == 2) memset(a, 0, n * 8);
    if (kind == 3) {
        memset(a, 0, n * 8);
        a[0] = 1;
    }
}

static void rand_exp(uint64_t *e, size_t ebits, uint64_t seed)
{
    memset(e, 0, MAXN * 8);
    tu_fill((uint8_t *)e, (ebits + 7) / 8, seed);
    if (ebits % 64) e[ebits / 64] &= (1ull << (ebits % 64)) - 1;
    if (seed % 5 == 0) memset(e, 0xff, ebits / 8); /* long runs of ones */
}

/* The secret-exponent path on all back ends, every IFMA register count. */
static void test_exp_backends_agree(void **state)
{
    (void)state;
    static const size_t sizes[] = {4, 5, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 51, 52};
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        for (int kind = 0; kind < 4; kind++) {
            uint64_t seed = 1000 * si + (uint64_t)kind;
            uint64_t m[MAXN], a[MAXN], e[MAXN], r[BE_COUNT][MAXN];
            size_t ebits = n >= 32 ? 64 * n / 2 + 3 : 64 * n - (size_t)kind;
            make_modulus(m, n, kind, seed);
            make_base(a, m, n, (kind + (int)si) % 4, seed + 1);
            rand_exp(e, ebits, seed + 2);
            for (int be = 0; be < BE_COUNT; be++) {
                gt_bn_mont c;
                init_be(&c, m, n, be);
                if (be == BE_BEST)
                    assert_int_equal(c.ifma, have_ifma() && n <= 51);
                else
                    assert_int_equal(c.ifma, 0);
                gt_bn_mont_exp(&c, r[be], a, e, ebits);
            }
            assert_memory_equal(r[BE_BEST], r[BE_PORTABLE], n * 8);
            assert_memory_equal(r[BE_NO_IFMA], r[BE_PORTABLE], n * 8);
        }
    }
}

/* The dual exponentiation equals two single ones, for same-size moduli
 * (side by side on IFMA) and different sizes (the fallback). */
static void test_exp2_matches_single(void **state)
{
    (void)state;
    static const size_t sizes[][2] = {{16, 16}, {24, 24}, {4, 4}, {48, 48}, {16, 12}, {64, 64}};
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n1 = sizes[si][0], n2 = sizes[si][1], ebits = 64 * (n1 < n2 ? n1 : n2);
        uint64_t m1[64], m2[64], a1[64], a2[64], e1[64] = {0}, e2[64] = {0};
        uint64_t r1[64], r2[64], s1[64], s2[64];
        make_modulus(m1, n1, 0, 7 * si);
        make_modulus(m2, n2, (int)si % 4, 7 * si + 1);
        make_base(a1, m1, n1, 0, 7 * si + 2);
        make_base(a2, m2, n2, 0, 7 * si + 3);
        tu_fill((uint8_t *)e1, ebits / 8, 7 * si + 4);
        tu_fill((uint8_t *)e2, ebits / 8, 7 * si + 5);
        gt_bn_mont c1, c2, p1, p2;
        gt_bn_mont_init(&c1, m1, n1);
        gt_bn_mont_init(&c2, m2, n2);
        gt_bn_mont_init_portable(&p1, m1, n1);
        gt_bn_mont_init_portable(&p2, m2, n2);
        gt_bn_mont_exp2(&c1, r1, a1, e1, &c2, r2, a2, e2, ebits);
        gt_bn_mont_exp(&p1, s1, a1, e1, ebits);
        gt_bn_mont_exp(&p2, s2, a2, e2, ebits);
        assert_memory_equal(r1, s1, n1 * 8);
        assert_memory_equal(r2, s2, n2 * 8);
        /* outputs may alias inputs */
        gt_bn_mont_exp2(&c1, a1, a1, e1, &c2, a2, a2, e2, ebits);
        assert_memory_equal(a1, s1, n1 * 8);
        assert_memory_equal(a2, s2, n2 * 8);
    }
}

/* Public exponents (e = 3, 65537, a long random one, 0, leading zero
 * bytes) on every back end. */
static void test_exp_pub_backends_agree(void **state)
{
    (void)state;
    static const uint8_t e3[] = {3}, e65537[] = {1, 0, 1}, zero[] = {0}, lead0[] = {0, 0, 1, 0, 1};
    uint8_t elong[40];
    tu_fill(elong, sizeof elong, 99);
    const uint8_t *es[] = {e3, e65537, zero, lead0, elong};
    const size_t el[] = {1, 3, 1, 5, sizeof elong};
    static const size_t sizes[] = {4, 16, 24, 32, 48, 64};
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        uint64_t m[64], a[64], r[BE_COUNT][64];
        make_modulus(m, n, (int)si % 4, 50 + si);
        make_base(a, m, n, (int)si % 2, 60 + si);
        for (size_t k = 0; k < 5; k++) {
            for (int be = 0; be < BE_COUNT; be++) {
                gt_bn_mont c;
                init_be(&c, m, n, be);
                gt_bn_mont_exp_pub(&c, r[be], a, es[k], el[k]);
            }
            assert_memory_equal(r[BE_BEST], r[BE_PORTABLE], n * 8);
            assert_memory_equal(r[BE_NO_IFMA], r[BE_PORTABLE], n * 8);
            if (es[k] == zero) assert_int_equal(r[BE_BEST][0], 1); /* x^0 = 1 */
        }
    }
}

/* The IFMA size limit: 4..51 limbs, nothing else. */
static void test_size_limits(void **state)
{
    (void)state;
    assert_false(gt_bn_ifma_size_ok(3));
    assert_true(gt_bn_ifma_size_ok(4));
    assert_true(gt_bn_ifma_size_ok(16));
    assert_true(gt_bn_ifma_size_ok(51));
    assert_false(gt_bn_ifma_size_ok(52));
    assert_false(gt_bn_ifma_size_ok(64));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exp_backends_agree),
        cmocka_unit_test(test_exp2_matches_single),
        cmocka_unit_test(test_exp_pub_backends_agree),
        cmocka_unit_test(test_size_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
