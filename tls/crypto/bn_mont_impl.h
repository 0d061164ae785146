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

/* AVX-512 IFMA exponentiations (bn_mont_ifma.c), radix 2^52. Only called
 * when the CPU has AVX512F/VL/IFMA and gt_bn_ifma_size_ok(n) (c->ifma).
 * Same contracts as gt_bn_mont_exp / gt_bn_mont_exp_pub; the dual version
 * runs two exponentiations of the same size side by side. */
int gt_bn_ifma_size_ok(size_t n);
void gt_bn_mont_exp_ifma(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *e,
                         size_t ebits);
void gt_bn_mont_exp2_ifma(const gt_bn_mont *c1, uint64_t *r1, const uint64_t *a1,
                          const uint64_t *e1, const gt_bn_mont *c2, uint64_t *r2,
                          const uint64_t *a2, const uint64_t *e2, size_t ebits);
void gt_bn_mont_exp_pub_ifma(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint8_t *e,
                             size_t elen);
#endif

/* The GT_BN_WINDOW bits of e starting at bit `pos` (bits past ebits read
 * as zero). The position is public; the bits are not. */
static inline uint32_t gt_bn_exp_window(const uint64_t *e, size_t ebits, size_t pos)
{
    const uint32_t table = 1u << GT_BN_WINDOW;
    size_t nl = (ebits + 63) / 64;
    size_t limb = pos / 64, sh = pos % 64;
    uint64_t v = limb < nl ? e[limb] >> sh : 0;
    if (sh > 64 - GT_BN_WINDOW && limb + 1 < nl) v |= e[limb + 1] << (64 - sh);
    uint32_t w = (uint32_t)v & (table - 1);
    /* Mask off bits at or above ebits. */
    if (pos + GT_BN_WINDOW > ebits) w &= (1u << (ebits - pos)) - 1;
    return w;
}

#endif
