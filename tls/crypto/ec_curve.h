/* Internal interface between the curve-independent EC code (ec.c, ecdsa.c)
 * and the per-curve implementations (p256.c, p384.c, each built from
 * ec_point_tmpl.h over its own field).
 *
 * Everything crosses this boundary as big-endian bytes: a scalar is `len`
 * bytes, a point is x || y (2*len bytes, affine, no prefix). Scalars given
 * to the constant-time multiplications must be < n (the callers check);
 * their time and memory access pattern do not depend on scalar or point
 * values. */
#ifndef GT_CRYPTO_EC_CURVE_H
#define GT_CRYPTO_EC_CURVE_H

#include <stddef.h>
#include <stdint.h>

#include "gt/crypto/ec.h"

typedef struct ec_curve {
    gt_ec_curve id;
    size_t len;        /* bytes per field element and per scalar */
    size_t bits;       /* bit length of the group order n */
    size_t limbs;      /* 64-bit limbs */
    const uint64_t *n; /* the group order, little-endian limbs */
    /* xy = k*G. Returns 0, or -1 if the result is the point at infinity
     * (k == 0). Constant time in k. */
    int (*mul_base)(uint8_t *xy, const uint8_t *k);
    /* xy = k*P for a validated point P. Same contract, constant time in k
     * and in P. */
    int (*mul)(uint8_t *xy, const uint8_t *k, const uint8_t *p_xy);
    /* x = x(u1*G + u2*P). Variable time: public inputs only (ECDSA
     * verification). Returns -1 for the point at infinity. */
    int (*mul_add_vartime)(uint8_t *x, const uint8_t *u1, const uint8_t *u2, const uint8_t *p_xy);
    /* 1 if x, y < p and y^2 = x^3 - 3x + b. */
    int (*on_curve)(const uint8_t *xy);
} ec_curve;

extern const ec_curve gt_ec_p256_impl, gt_ec_p384_impl;

/* The BMI2/ADX build of P-256 (p256_adx.c, x86-64 with GNU C inline
 * assembly): gt_ec_p256_impl forwards to it when the CPU has both. */
#if defined(__x86_64__) && defined(__GNUC__)
#define GT_EC_P256_ADX 1
extern const ec_curve gt_ec_p256_adx_impl;
#endif

/* NULL for an unknown curve id. */
const ec_curve *gt_ec_curve_get(gt_ec_curve id);

/* Constant-time test hook (tests/ct/ct_ec.c): called on the few values that
 * are computed from secrets but are public by design (whether a private key
 * is in range, whether a drawn candidate was rejected: it is discarded).
 * The ctgrind test points it at VALGRIND_MAKE_MEM_DEFINED; NULL otherwise. */
extern void (*gt_ec_declassify_hook)(const void *p, size_t n);
static inline void ec_declassify(const void *p, size_t n)
{
    if (gt_ec_declassify_hook) gt_ec_declassify_hook(p, n);
}

#endif
