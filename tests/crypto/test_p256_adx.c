/* Tests for tls/crypto/p256_adx.c and p256_fe_adx.h (white box: the file is
 * included, its exported curve renamed). The shared curve tests
 * (ec_curve_tests.h) run over the MULX/ADX build; on top of them the
 * assembly field operations are compared with the generic Montgomery kernel
 * of ec_mont.h (multiplication, squaring, addition, subtraction), and
 * every curve operation with the portable build (through
 * gt_ec_p256_impl with the CPU features overridden to none). Skipped on a
 * CPU without BMI2 and ADX, and under GT_FORCE_PORTABLE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/cpu.h"
#include "util/testutil.h"

#define gt_ec_p256_adx_impl test_p256_adx_impl
#include "crypto/p256_adx.c"
#define CURVE_IMPL test_p256_adx_impl

#ifdef GT_EC_P256_ADX

#include "crypto/ec_curve_tests.h"

/* Edge values (0, 1, p-1, p-2, 2^255, limbs of all ones) then random. */
static void fe_case(uint64_t *r, uint64_t i)
{
    static const uint64_t edges[][4] = {
        {0, 0, 0, 0},
        {1, 0, 0, 0},
        {0xfffffffffffffffeULL, 0x00000000ffffffffULL, 0, 0xffffffff00000001ULL},
        {0xfffffffffffffffdULL, 0x00000000ffffffffULL, 0, 0xffffffff00000001ULL},
        {0, 0, 0, 0x8000000000000000ULL},
        {~0ULL, ~0ULL, ~0ULL, 0xfffffffe00000000ULL},
        {~0ULL, 0, ~0ULL, 0},
        {0, ~0ULL, 0, 0xffffffff00000000ULL},
    };
    if (i < sizeof edges / sizeof edges[0]) {
        memcpy(r, edges[i], sizeof edges[0]);
        return;
    }
    fe_rand(r, 7000 + i);
}

static void test_adx_field(void **state)
{
    (void)state;
    for (uint64_t i = 0; i < 20000; i++) {
        fe a, b, want, got;
        fe_case(a, i % 64 < 8 ? i % 64 : i);
        fe_case(b, i % 8 == 0 ? (i / 8) % 8 : i + 100000);
        mont_add(4, want, a, b, fe_p);
        fe_add(got, a, b);
        assert_memory_equal(got, want, sizeof want);
        mont_sub(4, want, a, b, fe_p);
        fe_sub(got, a, b);
        assert_memory_equal(got, want, sizeof want);
        mont_sub(4, want, b, a, fe_p);
        fe_sub(got, b, a);
        assert_memory_equal(got, want, sizeof want);
        mont_mul(4, want, a, a, fe_p, 1);
        fe_sqr(got, a);
        assert_memory_equal(got, want, sizeof want);
        mont_mul(4, want, a, b, fe_p, 1);
        fe_mul(got, a, b);
        assert_memory_equal(got, want, sizeof want);
        fe_mul(a, a, b); /* in place, both ways */
        assert_memory_equal(a, want, sizeof want);
        fe_copy(a, got);
        mont_mul(4, want, b, a, fe_p, 1);
        fe_mul(b, b, a);
        assert_memory_equal(b, want, sizeof want);
        mont_mul(4, want, b, b, fe_p, 1);
        fe_sqr(b, b);
        assert_memory_equal(b, want, sizeof want);
    }
}

/* Random scalars and points through both builds of every curve operation. */
static void test_adx_vs_portable(void **state)
{
    (void)state;
    const ec_curve *fast = &test_p256_adx_impl, *port = &gt_ec_p256_impl;
    for (int i = 0; i < 60; i++) {
        uint8_t k[32], u[32], pxy[64], a[64], b[64];
        scalar_case(k, i < 30 ? i * 3 : 90 + i);
        scalar_case(u, 500 + i);
        assert_int_equal(fast->mul_base(pxy, u), 0); /* a random point */
        gt_cpu_override(0);
        assert_int_equal(port->mul_base(b, u), 0);
        gt_cpu_reset();
        assert_memory_equal(pxy, b, sizeof b);
        assert_int_equal(fast->on_curve(pxy), 1);
        assert_int_equal(fast->mul(a, k, pxy), 0);
        gt_cpu_override(0);
        assert_int_equal(port->mul(b, k, pxy), 0);
        gt_cpu_reset();
        assert_memory_equal(a, b, sizeof a);
        assert_int_equal(fast->mul_add_vartime(a, k, u, pxy), 0);
        gt_cpu_override(0);
        assert_int_equal(port->mul_add_vartime(b, k, u, pxy), 0);
        gt_cpu_reset();
        assert_memory_equal(a, b, 32);
        pxy[5] ^= 0x10; /* off the curve for both */
        assert_int_equal(fast->on_curve(pxy), 0);
        gt_cpu_override(0);
        assert_int_equal(port->on_curve(pxy), 0);
        gt_cpu_reset();
    }
}

int main(void)
{
    if (!gt_cpu_has(GT_CPU_BMI2 | GT_CPU_ADX)) {
        printf("test_p256_adx: skipped (no BMI2/ADX, or GT_FORCE_PORTABLE)\n");
        return 0;
    }
    const struct CMUnitTest tests[] = {EC_CURVE_TESTS, cmocka_unit_test(test_adx_field),
                                       cmocka_unit_test(test_adx_vs_portable)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#else /* not x86-64: nothing to test */

int main(void)
{
    printf("test_p256_adx: skipped (not x86-64)\n");
    return 0;
}

#endif
