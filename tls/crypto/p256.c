/* P-256 (secp256r1): field arithmetic mod p = 2^256 - 2^224 + 2^192 + 2^96 - 1
 * on 4 x 64-bit limbs in Montgomery form, and the curve's point arithmetic
 * and scalar multiplications (ec_point_tmpl.h, ec_mul_tmpl.h).
 *
 * Montgomery rather than Solinas reduction: with this p, -p^-1 mod 2^64 is 1
 * and two limbs of p are 0 and 2^32 - 1, so after specialisation each
 * reduction step is a few shifts and one real multiplication, and the same
 * constant-time kernel (ec_mont.h) serves P-384 and the scalar rings.
 *
 * Curve parameters: FIPS 186-4 App. D.1.2.3 (= SEC 2 v2 §2.4.2). The
 * Montgomery constants are derived from p and b by tools/ec_consts.py. */
#include "crypto/ec_curve.h"

#define EC_N    4
#define EC_BITS 256

static const uint64_t fe_p[EC_N] = {0xffffffffffffffffULL, 0x00000000ffffffffULL,
                                    0x0000000000000000ULL, 0xffffffff00000001ULL};
static const uint64_t fe_n0 = 1;
static const uint64_t fe_one[EC_N] = {0x0000000000000001ULL, 0xffffffff00000000ULL,
                                      0xffffffffffffffffULL, 0x00000000fffffffeULL};
static const uint64_t fe_rr[EC_N] = {0x0000000000000003ULL, 0xfffffffbffffffffULL,
                                     0xfffffffffffffffeULL, 0x00000004fffffffdULL};
static const uint64_t fe_b_mont[EC_N] = {0xd89cdf6229c4bddfULL, 0xacf005cd78843090ULL,
                                         0xe5a220abf7212ed6ULL, 0xdc30061d04874834ULL};

/* FIPS 186-4 D.1.2.3: G and n. */
static const uint8_t ec_gx[32] = {0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6,
                                  0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb,
                                  0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96};
static const uint8_t ec_gy[32] = {0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb,
                                  0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31,
                                  0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5};
static const uint64_t ec_n[EC_N] = {0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
                                    0xffffffffffffffffULL, 0xffffffff00000000ULL};

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

#define EC_FE_MUL_CUSTOM
#define EC_FE_INV_CUSTOM
#include "crypto/ec_point_tmpl.h"

static void fe_sqr_n(uint64_t *r, const uint64_t *a, int n)
{
    fe_sqr(r, a);
    while (--n > 0)
        fe_sqr(r, r);
}

/* r = a^(p-2) = 1/a (0 for 0), Fermat with an addition chain for
 * p - 2 = 2^256 - 2^224 + 2^192 + 2^96 - 3, whose bits from the top are
 * 32 ones, 31 zeros, a one, 96 zeros, 94 ones, a zero and a one: 255
 * squarings and 12 multiplications (x_k below is a^(2^k - 1)). The
 * sequence is fixed, so the time does not depend on a. */
static void fe_inv(uint64_t *r, const uint64_t *a)
{
    fe x2, x3, x6, x12, x15, x30, x32, t;
    fe_sqr(x2, a);
    fe_mul(x2, x2, a);
    fe_sqr(x3, x2);
    fe_mul(x3, x3, a);
    fe_sqr_n(x6, x3, 3);
    fe_mul(x6, x6, x3);
    fe_sqr_n(x12, x6, 6);
    fe_mul(x12, x12, x6);
    fe_sqr_n(x15, x12, 3);
    fe_mul(x15, x15, x3);
    fe_sqr_n(x30, x15, 15);
    fe_mul(x30, x30, x15);
    fe_sqr_n(x32, x30, 2);
    fe_mul(x32, x32, x2);
    fe_sqr_n(t, x32, 32); /* ...0000 0000 */
    fe_mul(t, t, a);      /* ...0000 0001 */
    fe_sqr_n(t, t, 96);
    fe_sqr_n(t, t, 32);
    fe_mul(t, t, x32);
    fe_sqr_n(t, t, 32);
    fe_mul(t, t, x32);
    fe_sqr_n(t, t, 30);
    fe_mul(t, t, x30); /* 94 ones */
    fe_sqr_n(t, t, 2);
    fe_mul(r, t, a); /* ...01 */
    gt_wipe(t, sizeof t);
    gt_wipe(x32, sizeof x32);
    gt_wipe(x30, sizeof x30);
    gt_wipe(x15, sizeof x15);
    gt_wipe(x12, sizeof x12);
    gt_wipe(x6, sizeof x6);
    gt_wipe(x3, sizeof x3);
    gt_wipe(x2, sizeof x2);
}

#include "crypto/ec_mul_tmpl.h"

const ec_curve gt_ec_p256_impl = {
    .id = GT_EC_P256,
    .len = 32,
    .bits = EC_BITS,
    .limbs = EC_N,
    .n = ec_n,
    .mul_base = ec_mul_base,
    .mul = ec_mul,
    .mul_add_vartime = ec_mul_add_vartime,
    .on_curve = ec_on_curve,
};
