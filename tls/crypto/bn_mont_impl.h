/* Internals shared by the Montgomery multiplication back ends (bn_mont.c,
 * bn_mont_adx.c, bn_exp.c). Not part of the bignum API. */
#ifndef GT_CRYPTO_BN_MONT_IMPL_H
#define GT_CRYPTO_BN_MONT_IMPL_H

#include "crypto/bn.h"

/* r = t - m if (hi || t >= m) else t, in constant time; r != t. */
void gt_bn_mont_final_sub(uint64_t *r, const uint64_t *t, uint64_t hi, const uint64_t *m, size_t n);
/* r = t / R mod m for t (2n limbs, destroyed) < m * R. */
void gt_bn_mont_redc(const gt_bn_mont *c, uint64_t *r, uint64_t *t);
/* Zeroes n limbs of a temporary (inline stores, not elided). */
void gt_bn_scrub(uint64_t *t, size_t n);

#if defined(__x86_64__)
/* MULX/ADX versions (bn_mont_adx.c); only called when the CPU has both. */
void gt_bn_mont_mul_adx(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *b);
void gt_bn_mont_sqr_adx(const gt_bn_mont *c, uint64_t *r, const uint64_t *a);
#endif

#endif
