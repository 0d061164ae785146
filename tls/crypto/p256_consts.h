/* P-256 (secp256r1) parameters, shared by the portable build of the curve
 * (p256.c) and the BMI2/ADX build (p256_adx.c): p, the Montgomery constants
 * for R = 2^256, b, G and n.
 *
 * Curve parameters: FIPS 186-4 App. D.1.2.3 (= SEC 2 v2 §2.4.2). The
 * Montgomery constants are derived from p and b by tools/ec_consts.py.
 * Static arrays: each including translation unit gets its own copy. */
#ifndef GT_CRYPTO_P256_CONSTS_H
#define GT_CRYPTO_P256_CONSTS_H

#include <stdint.h>

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

#endif
