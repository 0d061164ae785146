/* P-256 (secp256r1): field arithmetic mod p = 2^256 - 2^224 + 2^192 + 2^96 - 1
 * on 4 x 64-bit limbs in Montgomery form, and the curve's point arithmetic
 * and scalar multiplications (p256_curve.h over ec_point_tmpl.h and
 * ec_mul_tmpl.h).
 *
 * Montgomery rather than Solinas reduction: with this p, -p^-1 mod 2^64 is 1
 * and two limbs of p are 0 and 2^32 - 1, so after specialisation each
 * reduction step is a few shifts and one real multiplication, and the same
 * constant-time kernel (ec_mont.h) serves P-384 and the scalar rings.
 *
 * This file is the portable build and the entry point: on a CPU with BMI2
 * and ADX (and without GT_FORCE_PORTABLE) every operation of the curve goes
 * to p256_adx.c, the same code over a MULX/ADX field multiplication. The
 * choice is made per call on public information only. */
#include "core/cpu.h"
#include "crypto/ec_curve.h"
#include "crypto/p256_consts.h"

#include "crypto/ec_mont.h"

/* Montgomery multiplication specialised to p (CIOS, one row per limb of b).
 * With n0 = 1 the row's quotient q is t0 itself, and q*p = q*2^256 -
 * q*2^224 + q*2^192 + q*2^96 - q folds into: limb 0 cancels exactly
 * (t0 + q*(2^64-1) = q*2^64), limbs 1-2 gain q*2^32, limbs 3-4 gain
 * q*(2^64-2^32+1). Between rows t < 2p (t4 is 0 or 1); a final masked
 * subtraction brings r below p. Scalar temporaries rather than arrays keep
 * everything in registers. */
#define MAC MONT_MAC

static void fe_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5, c;
    unsigned char k;
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        const uint64_t bi = b[i];
        c = 0;
        MAC(t0, c, a0, bi);
        MAC(t1, c, a1, bi);
        MAC(t2, c, a2, bi);
        MAC(t3, c, a3, bi);
        k = 0;
        t4 = mont_adc(t4, c, &k);
        t5 = k;
        /* t = (t + q*p) / 2^64 with q = t0 */
        const uint64_t q = t0;
        mont_u128 m = (mont_u128)q * 0xffffffff00000001ULL;
        k = 0;
        t0 = mont_adc(t1, q << 32, &k);
        t1 = mont_adc(t2, q >> 32, &k);
        t2 = mont_adc(t3, (uint64_t)m, &k);
        t3 = mont_adc(t4, (uint64_t)(m >> 64), &k);
        t4 = t5 + k;
    }
    const uint64_t t[5] = {t0, t1, t2, t3, t4};
    mont_final(4, r, t, fe_p);
}

/* Squaring: the 8-limb square from 6 cross products (doubled) and 4
 * squares, then 4 reduction rounds as above (separated operand scanning).
 * A round's carry out of limb i+4 is deferred to the next round's limb
 * i+5 (`top`); it stays 0 or 1 because q*(2^64-2^32+1) < 2^128 - 2^96. */
static void fe_sqr(uint64_t *r, const uint64_t *a)
{
    const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    uint64_t t[8], c;
    unsigned char k = 0;
    t[1] = 0, t[2] = 0, t[3] = 0, c = 0;
    MAC(t[1], c, a0, a1);
    MAC(t[2], c, a0, a2);
    MAC(t[3], c, a0, a3);
    t[4] = c, c = 0;
    MAC(t[3], c, a1, a2);
    MAC(t[4], c, a1, a3);
    t[5] = c, c = 0;
    MAC(t[5], c, a2, a3);
    t[6] = c;
    t[7] = t[6] >> 63; /* double the cross products */
#pragma GCC unroll 8
    for (int i = 6; i > 1; i--)
        t[i] = (t[i] << 1) | (t[i - 1] >> 63);
    t[1] <<= 1;
    mont_u128 s0 = (mont_u128)a0 * a0, s1 = (mont_u128)a1 * a1;
    mont_u128 s2 = (mont_u128)a2 * a2, s3 = (mont_u128)a3 * a3;
    t[0] = (uint64_t)s0;
    t[1] = mont_adc(t[1], (uint64_t)(s0 >> 64), &k);
    t[2] = mont_adc(t[2], (uint64_t)s1, &k);
    t[3] = mont_adc(t[3], (uint64_t)(s1 >> 64), &k);
    t[4] = mont_adc(t[4], (uint64_t)s2, &k);
    t[5] = mont_adc(t[5], (uint64_t)(s2 >> 64), &k);
    t[6] = mont_adc(t[6], (uint64_t)s3, &k);
    t[7] = mont_adc(t[7], (uint64_t)(s3 >> 64), &k);
    uint64_t top = 0;
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        const uint64_t q = t[i];
        mont_u128 m = (mont_u128)q * 0xffffffff00000001ULL;
        unsigned char k1 = 0, k2 = 0;
        t[i + 1] = mont_adc(t[i + 1], q << 32, &k1);
        t[i + 2] = mont_adc(t[i + 2], q >> 32, &k1);
        t[i + 3] = mont_adc(t[i + 3], (uint64_t)m, &k1);
        t[i + 4] = mont_adc(t[i + 4], (uint64_t)(m >> 64), &k1);
        t[i + 4] = mont_adc(t[i + 4], top, &k2);
        top = (uint64_t)k1 + k2;
    }
    const uint64_t u[5] = {t[4], t[5], t[6], t[7], top};
    mont_final(4, r, u, fe_p);
}

#include "crypto/p256_curve.h"

#ifdef GT_EC_P256_ADX
static int use_adx(void)
{
    return gt_cpu_has(GT_CPU_BMI2 | GT_CPU_ADX);
}
#else
static int use_adx(void)
{
    return 0;
}
#define gt_ec_p256_adx_impl gt_ec_p256_impl /* never reached */
#endif

static int p256_mul_base(uint8_t *xy, const uint8_t *k)
{
    if (use_adx()) return gt_ec_p256_adx_impl.mul_base(xy, k);
    return ec_mul_base(xy, k);
}

static int p256_mul(uint8_t *xy, const uint8_t *k, const uint8_t *p_xy)
{
    if (use_adx()) return gt_ec_p256_adx_impl.mul(xy, k, p_xy);
    return ec_mul(xy, k, p_xy);
}

static int p256_mul_add_vartime(uint8_t *x, const uint8_t *u1, const uint8_t *u2,
                                const uint8_t *p_xy)
{
    if (use_adx()) return gt_ec_p256_adx_impl.mul_add_vartime(x, u1, u2, p_xy);
    return ec_mul_add_vartime(x, u1, u2, p_xy);
}

static int p256_on_curve(const uint8_t *xy)
{
    if (use_adx()) return gt_ec_p256_adx_impl.on_curve(xy);
    return ec_on_curve(xy);
}

const ec_curve gt_ec_p256_impl = {
    .id = GT_EC_P256,
    .len = 32,
    .bits = EC_BITS,
    .limbs = EC_N,
    .n = ec_n,
    .mul_base = p256_mul_base,
    .mul = p256_mul,
    .mul_add_vartime = p256_mul_add_vartime,
    .on_curve = p256_on_curve,
};
