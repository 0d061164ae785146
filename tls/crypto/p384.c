/* P-384 (secp384r1): field arithmetic mod p = 2^384 - 2^128 - 2^96 + 2^32 - 1
 * on 6 x 64-bit limbs in Montgomery form (ec_mont.h, specialised to this p),
 * and the curve's point arithmetic and scalar multiplications
 * (ec_point_tmpl.h, ec_mul_tmpl.h).
 *
 * Curve parameters: FIPS 186-4 App. D.1.2.4 (= SEC 2 v2 §2.5.1). The
 * Montgomery constants are derived from p and b by tools/ec_consts.py. */
#include "crypto/ec_curve.h"

#define EC_N    6
#define EC_BITS 384

static const uint64_t fe_p[EC_N] = {0x00000000ffffffffULL, 0xffffffff00000000ULL,
                                    0xfffffffffffffffeULL, 0xffffffffffffffffULL,
                                    0xffffffffffffffffULL, 0xffffffffffffffffULL};
static const uint64_t fe_n0 = 0x0000000100000001ULL;
static const uint64_t fe_one[EC_N] = {
    0xffffffff00000001ULL, 0x00000000ffffffffULL, 0x0000000000000001ULL, 0, 0, 0};
static const uint64_t fe_rr[EC_N] = {0xfffffffe00000001ULL, 0x0000000200000000ULL,
                                     0xfffffffe00000000ULL, 0x0000000200000000ULL,
                                     0x0000000000000001ULL, 0};
static const uint64_t fe_pm2[EC_N] = {0x00000000fffffffdULL, 0xffffffff00000000ULL,
                                      0xfffffffffffffffeULL, 0xffffffffffffffffULL,
                                      0xffffffffffffffffULL, 0xffffffffffffffffULL};
static const uint64_t fe_b_mont[EC_N] = {0x081188719d412dccULL, 0xf729add87a4c32ecULL,
                                         0x77f2209b1920022eULL, 0xe3374bee94938ae2ULL,
                                         0xb62b21f41f022094ULL, 0xcd08114b604fbff9ULL};

/* FIPS 186-4 D.1.2.4: G and n. */
static const uint8_t ec_gx[48] = {
    0xaa, 0x87, 0xca, 0x22, 0xbe, 0x8b, 0x05, 0x37, 0x8e, 0xb1, 0xc7, 0x1e, 0xf3, 0x20, 0xad, 0x74,
    0x6e, 0x1d, 0x3b, 0x62, 0x8b, 0xa7, 0x9b, 0x98, 0x59, 0xf7, 0x41, 0xe0, 0x82, 0x54, 0x2a, 0x38,
    0x55, 0x02, 0xf2, 0x5d, 0xbf, 0x55, 0x29, 0x6c, 0x3a, 0x54, 0x5e, 0x38, 0x72, 0x76, 0x0a, 0xb7};
static const uint8_t ec_gy[48] = {
    0x36, 0x17, 0xde, 0x4a, 0x96, 0x26, 0x2c, 0x6f, 0x5d, 0x9e, 0x98, 0xbf, 0x92, 0x92, 0xdc, 0x29,
    0xf8, 0xf4, 0x1d, 0xbd, 0x28, 0x9a, 0x14, 0x7c, 0xe9, 0xda, 0x31, 0x13, 0xb5, 0xf0, 0xb8, 0xc0,
    0x0a, 0x60, 0xb1, 0xce, 0x1d, 0x7e, 0x81, 0x9d, 0x7a, 0x43, 0x1d, 0x7c, 0x90, 0xea, 0x0e, 0x5f};
static const uint64_t ec_n[EC_N] = {0xecec196accc52973ULL, 0x581a0db248b0a77aULL,
                                    0xc7634d81f4372ddfULL, 0xffffffffffffffffULL,
                                    0xffffffffffffffffULL, 0xffffffffffffffffULL};

#include "crypto/ec_point_tmpl.h"

#include "crypto/ec_mul_tmpl.h"

const ec_curve gt_ec_p384_impl = {
    .id = GT_EC_P384,
    .len = 48,
    .bits = EC_BITS,
    .limbs = EC_N,
    .n = ec_n,
    .mul_base = ec_mul_base,
    .mul = ec_mul,
    .mul_add_vartime = ec_mul_add_vartime,
    .on_curve = ec_on_curve,
};
