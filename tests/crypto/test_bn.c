/* Tests for tls/crypto/bn.c: conversions, constant-time add/sub/compare,
 * modular add/sub and the variable-time inversions, each against a slow,
 * obviously correct reference on random inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "crypto/bn.h"
#include "util/testutil.h"

/* Reference: r = a*b mod m by shift-and-add over the bits of a (a, b < m). */
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
    m[n - 1] |= 1ull << 62;
}

static void test_decode_encode(void **state)
{
    (void)state;
    uint8_t b[40], back[40];
    uint64_t x[5];
    tu_fill(b, sizeof b, 1);
    assert_int_equal(gt_bn_decode(x, 5, b, 40), 1);
    gt_bn_encode(back, 40, x, 5);
    assert_memory_equal(b, back, 40);
    assert_int_equal(x[0], ((uint64_t)b[32] << 56) | ((uint64_t)b[33] << 48) |
                               ((uint64_t)b[34] << 40) | ((uint64_t)b[35] << 32) |
                               ((uint64_t)b[36] << 24) | ((uint64_t)b[37] << 16) |
                               ((uint64_t)b[38] << 8) | b[39]);
    /* Too long: a non-zero byte is dropped -> 0; leading zeros are fine. */
    b[0] = 1;
    assert_int_equal(gt_bn_decode(x, 4, b, 40), 0);
    memset(b, 0, 8);
    assert_int_equal(gt_bn_decode(x, 4, b, 40), 1);
    /* Encoding into fewer bytes truncates from the top, more pads zeros. */
    gt_bn_encode(back, 33, x, 4);
    assert_int_equal(back[0], 0);
    assert_memory_equal(back + 1, b + 8, 32);
}

static void test_add_sub_cmp(void **state)
{
    (void)state;
    for (uint64_t s = 0; s < 200; s++) {
        size_t n = 1 + s % 8;
        uint64_t a[8], b[8], r[8], back[8];
        tu_fill((uint8_t *)a, sizeof a, s);
        tu_fill((uint8_t *)b, sizeof b, s + 1000);
        if (s % 5 == 0) memcpy(b, a, sizeof a);
        uint64_t c = gt_bn_add(r, a, b, n);
        uint64_t br = gt_bn_sub(back, r, b, n);
        assert_memory_equal(back, a, n * 8);
        assert_int_equal(c, br); /* wrapped exactly when the add carried */
        /* lt/eq against a limb-wise reference compare */
        int ref = 0;
        for (size_t i = n; i-- > 0;) {
            if (a[i] != b[i]) {
                ref = a[i] < b[i] ? -1 : 1;
                break;
            }
        }
        assert_int_equal(gt_bn_lt(a, b, n), ref < 0);
        assert_int_equal(gt_bn_eq(a, b, n), ref == 0);
        gt_bn_select(1, r, a, b, n);
        assert_memory_equal(r, a, n * 8);
        gt_bn_select(0, r, a, b, n);
        assert_memory_equal(r, b, n * 8);
    }
    uint64_t z[3] = {0, 0, 0};
    assert_int_equal(gt_bn_is_zero(z, 3), 1);
    z[2] = 1ull << 63;
    assert_int_equal(gt_bn_is_zero(z, 3), 0);
    assert_int_equal(gt_bn_bitlen_vartime(z, 3), 192);
}

static void test_mul_vs_ref(void **state)
{
    (void)state;
    /* (a*b) reduced by the reference mod-mult equals gt_bn_mul's product
     * reduced bit by bit: checks gt_bn_mul without trusting Montgomery. */
    for (uint64_t s = 0; s < 40; s++) {
        size_t n = 1 + s % 6;
        uint64_t m[8], a[8], b[8], p[16], r1[8], r2[8] = {0};
        rand_modulus(m, n, s);
        rand_below(a, m, n, s + 1);
        rand_below(b, m, n, s + 2);
        ref_modmul(r1, a, b, m, n);
        gt_bn_mul(p, a, b, n);
        for (size_t i = 128 * n; i-- > 0;) {
            gt_bn_mod_add(r2, r2, r2, m, n);
            uint64_t one[8] = {1};
            if ((p[i / 64] >> (i % 64)) & 1) gt_bn_mod_add(r2, r2, one, m, n);
        }
        assert_memory_equal(r1, r2, n * 8);
    }
}

static void test_mod_add_sub(void **state)
{
    (void)state;
    for (uint64_t s = 0; s < 100; s++) {
        size_t n = 1 + s % 5;
        uint64_t m[8], a[8], b[8], r[8], back[8];
        rand_modulus(m, n, s);
        if (s % 3 == 0) memset(m, 0xff, n * 8); /* sums overflow the limbs */
        rand_below(a, m, n, s + 7);
        rand_below(b, m, n, s + 9);
        gt_bn_mod_add(r, a, b, m, n);
        assert_true(gt_bn_lt(r, m, n));
        gt_bn_mod_sub(back, r, b, m, n);
        assert_memory_equal(back, a, n * 8);
    }
}

static void test_modinv(void **state)
{
    (void)state;
    for (uint64_t s = 0; s < 60; s++) {
        size_t n = 1 + s % 8;
        uint64_t m[8], a[8], inv[8], prod[8], one[8] = {1};
        rand_modulus(m, n, s + 50);
        rand_below(a, m, n, s + 60);
        if (gt_bn_modinv_vartime(inv, a, m, n)) {
            ref_modmul(prod, a, inv, m, n);
            assert_memory_equal(prod, one, n * 8);
        }
        uint64_t w = 0x9e3779b97f4a7c15ull * (s + 1) | 1;
        if (n > 1 && gt_bn_inv_word_vartime(inv, w, m, n)) {
            uint64_t wb[8] = {w};
            ref_modmul(prod, wb, inv, m, n);
            assert_memory_equal(prod, one, n * 8);
        }
    }
    /* Not invertible: 0, and a common factor (m = 3 * 5, a = 3). */
    uint64_t m[1] = {15}, a[1] = {3}, z[1] = {0}, r[1];
    assert_int_equal(gt_bn_modinv_vartime(r, a, m, 1), 0);
    assert_int_equal(gt_bn_modinv_vartime(r, z, m, 1), 0);
    assert_int_equal(gt_bn_inv_word_vartime(r, 5, m, 1), 0);
    assert_int_equal(gt_bn_inv_word_vartime(r, 0, m, 1), 0);
    assert_int_equal(gt_bn_inv_word_vartime(r, 2, m, 1), 1);
    assert_int_equal(r[0], 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_encode), cmocka_unit_test(test_add_sub_cmp),
        cmocka_unit_test(test_mul_vs_ref),    cmocka_unit_test(test_mod_add_sub),
        cmocka_unit_test(test_modinv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
