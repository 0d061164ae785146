/* P-256 over the MULX/ADX field multiplication (p256_fe_adx.h): the same
 * point arithmetic and scalar multiplications as the portable build
 * (p256_curve.h), compiled a second time so that the field operations
 * inline into them. Reached only through gt_ec_p256_impl (p256.c), which
 * checks gt_cpu_has(GT_CPU_BMI2 | GT_CPU_ADX) first; x86-64 only. */
#include "crypto/ec_curve.h"

#ifdef GT_EC_P256_ADX

#include "crypto/p256_consts.h"

#include "crypto/ec_mont.h"
#include "crypto/p256_fe_adx.h"

static void fe_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    fe_mul_adx(r, a, b);
}

static void fe_sqr(uint64_t *r, const uint64_t *a)
{
    fe_sqr_adx(r, a);
}

static inline void fe_add(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    fe_add_asm(r, a, b);
}

static inline void fe_sub(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    fe_sub_asm(r, a, b);
}

#define EC_FE_ADD_CUSTOM
#include "crypto/p256_curve.h"

const ec_curve gt_ec_p256_adx_impl = {
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

#endif
