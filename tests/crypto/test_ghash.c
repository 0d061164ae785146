/* Tests for tls/crypto/ghash_ct.c (and the PCLMULQDQ GHASH it must agree
 * with): the GHASH values listed in the GCM specification, a bit-by-bit
 * reference (SP 800-38D §6.3 Algorithm 1) on random inputs, and the
 * algebra the aggregated reduction relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/cpu.h"
#include "crypto/aes_impl.h"
#include "util/testutil.h"

static void ref_mul(uint8_t x[16], const uint8_t y[16])
{
    uint8_t z[16] = {0}, v[16];
    memcpy(v, y, 16);
    for (int i = 0; i < 128; i++) {
        if ((x[i / 8] >> (7 - i % 8)) & 1)
            for (int j = 0; j < 16; j++)
                z[j] ^= v[j];
        int lsb = v[15] & 1;
        for (int j = 15; j > 0; j--)
            v[j] = (uint8_t)((v[j] >> 1) | (v[j - 1] << 7));
        v[0] >>= 1;
        if (lsb) v[0] ^= 0xe1; /* R = 11100001 || 0^120 */
    }
    memcpy(x, z, 16);
}

static int have_clmul(void)
{
    gt_cpu_reset();
    return gt_gcm_clmul_usable();
}

/* GCM spec test case 2 (McGrew-Viega Appendix B): H, C and GHASH(H, {}, C). */
static void test_spec_value(void **state)
{
    (void)state;
    gt_gcm_key g;
    uint8_t h[16], blocks[32] = {0}, y[16] = {0}, want[16];
    assert_int_equal(tu_unhex("66e94bd4ef8a2c3b884cfa59ca342b2e", h, 16), 16);
    assert_int_equal(tu_unhex("0388dace60b6a392f328c2b971b2fe78", blocks, 16), 16);
    blocks[31] = 0x80; /* len(A) = 0, len(C) = 128 bits */
    assert_int_equal(tu_unhex("f38cbb1ad69223dcc3457ae5b6b0f885", want, 16), 16);
    gt_ghash_ct_init(&g, h);
    gt_ghash_ct(&g, y, blocks, 2);
    assert_memory_equal(y, want, 16);
    if (!have_clmul()) return;
    memset(y, 0, 16);
    gt_ghash_clmul_init(&g, h);
    gt_ghash_clmul(&g, y, blocks, 2);
    assert_memory_equal(y, want, 16);
}

/* Random H, Y and 0..40 blocks (the 8-block aggregated loop and its tail):
 * portable == PCLMULQDQ == the bitwise reference. */
static void test_random_against_reference(void **state)
{
    (void)state;
    uint8_t h[16], y0[16], in[40 * 16], ref[16], a[16], b[16];
    for (unsigned t = 0; t < 200; t++) {
        size_t nb = t % 41;
        tu_fill(h, 16, t);
        tu_fill(y0, 16, t + 5000);
        tu_fill(in, sizeof in, t + 9000);
        if (t % 50 == 1) memset(h, 0xff, 16); /* all-ones operands stress carries */
        if (t % 50 == 2) memset(in, 0xff, sizeof in);
        memcpy(ref, y0, 16);
        for (size_t i = 0; i < nb; i++) {
            for (int j = 0; j < 16; j++)
                ref[j] ^= in[16 * i + j];
            ref_mul(ref, h);
        }
        gt_gcm_key g;
        gt_ghash_ct_init(&g, h);
        memcpy(a, y0, 16);
        gt_ghash_ct(&g, a, in, nb);
        assert_memory_equal(a, ref, 16);
        if (!have_clmul()) continue;
        gt_ghash_clmul_init(&g, h);
        memcpy(b, y0, 16);
        gt_ghash_clmul(&g, b, in, nb);
        assert_memory_equal(b, ref, 16);
    }
}

/* Multiplying by the field's one (the block 0x80 00 .. 00) is the identity,
 * and by zero gives zero: catches a reduction or bit-order slip. */
static void test_identity_and_zero(void **state)
{
    (void)state;
    uint8_t one[16] = {0x80}, zero[16] = {0}, x[16], y[16];
    gt_gcm_key g;
    tu_fill(x, 16, 3);
    gt_ghash_ct_init(&g, one);
    memset(y, 0, 16);
    gt_ghash_ct(&g, y, x, 1);
    assert_memory_equal(y, x, 16);
    gt_ghash_ct_init(&g, zero);
    gt_ghash_ct(&g, y, x, 1);
    assert_memory_equal(y, zero, 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_value),
        cmocka_unit_test(test_random_against_reference),
        cmocka_unit_test(test_identity_and_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
