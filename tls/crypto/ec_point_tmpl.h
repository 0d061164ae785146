/* Field and point arithmetic for one short-Weierstrass curve with a = -3,
 * instantiated by p256.c and p384.c (each includes this file once, so every
 * name here is static to that curve's translation unit).
 *
 * The including file defines, before the #include:
 *   EC_N                 limbs per field element
 *   fe_p[EC_N]           the prime p (little-endian limbs)
 *   fe_n0                -p^-1 mod 2^64
 *   fe_one[EC_N]         R mod p (1 in Montgomery form)
 *   fe_rr[EC_N]          R^2 mod p
 *   fe_pm2[EC_N]         p - 2 (the Fermat exponent; unless EC_FE_INV_CUSTOM)
 *   fe_b_mont[EC_N]      the curve's b in Montgomery form
 *   EC_FE_MUL_CUSTOM     (optional) fe_mul/fe_sqr are defined by the curve
 *   EC_FE_ADD_CUSTOM     (optional) fe_add/fe_sub are defined by the curve
 *   EC_FE_INV_CUSTOM     (optional) fe_inv is defined by the curve (after
 *                        this file)
 *
 * Points are Jacobian (X:Y:Z) ~ (X/Z^2, Y/Z^3); Z == 0 is the point at
 * infinity. Formulas from the Explicit-Formulas Database (Bernstein-Lange):
 * dbl-2001-b, add-2007-bl, madd-2007-bl. Their exceptional cases (an input
 * at infinity, P == Q in an addition) are handled by masks in the
 * constant-time variants; the scalar-multiplication code (ec_mul_tmpl.h)
 * explains where the P == Q case can and cannot arise. */
#include <stdint.h>
#include <string.h>

#include "crypto/ec_mont.h"

typedef uint64_t fe[EC_N];

typedef struct {
    fe x, y, z;
} jac;

typedef struct {
    fe x, y;
} aff;

#define FE_LEN (8 * EC_N)

#ifndef EC_FE_MUL_CUSTOM /* else the curve file defines fe_mul and fe_sqr */
static void fe_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    mont_mul(EC_N, r, a, b, fe_p, fe_n0);
}
static void fe_sqr(uint64_t *r, const uint64_t *a)
{
    mont_sqr(EC_N, r, a, fe_p, fe_n0);
}
#endif
#ifndef EC_FE_ADD_CUSTOM /* else the curve file defines fe_add and fe_sub */
static inline void fe_add(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    mont_add(EC_N, r, a, b, fe_p);
}
static inline void fe_sub(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    mont_sub(EC_N, r, a, b, fe_p);
}
#endif
static inline void fe_copy(uint64_t *r, const uint64_t *a)
{
    memcpy(r, a, sizeof(fe));
}
static inline uint64_t fe_is_zero(const uint64_t *a)
{
    return mont_is_zero(EC_N, a);
}
static inline void fe_cmov(uint64_t *r, const uint64_t *a, uint64_t mask)
{
    mont_cmov(EC_N, r, a, mask);
}
/* if mask: a = -a. */
static inline void fe_cneg(uint64_t *a, uint64_t mask)
{
    static const fe zero = {0};
    fe t;
    fe_sub(t, zero, a);
    fe_cmov(a, t, mask);
}
#ifdef EC_FE_INV_CUSTOM /* the curve file defines it with an addition chain */
static void fe_inv(uint64_t *r, const uint64_t *a);
#else
/* r = a^(p-2) = 1/a (0 for a == 0), Fermat: fixed 4-bit windows over the
 * public exponent, so the operation sequence never depends on a. */
static void fe_inv(uint64_t *r, const uint64_t *a)
{
    fe tab[16], acc;
    fe_copy(tab[0], fe_one);
    fe_copy(tab[1], a);
    for (int k = 2; k < 16; k++)
        fe_mul(tab[k], tab[k - 1], a);
    fe_copy(acc, fe_one);
    for (int w = 16 * EC_N - 1; w >= 0; w--) {
        for (int s = 0; s < 4; s++)
            fe_sqr(acc, acc);
        fe_mul(acc, acc, tab[(fe_pm2[w / 16] >> (4 * (w % 16))) & 15]);
    }
    fe_copy(r, acc);
    gt_wipe(tab, sizeof tab);
    gt_wipe(acc, sizeof acc);
}
#endif
/* Bytes to Montgomery form; returns 1 if the value was < p. */
static uint32_t fe_from_bytes(uint64_t *r, const uint8_t *b)
{
    uint32_t ok = mont_from_be(EC_N, r, b, fe_p);
    fe_mul(r, r, fe_rr);
    return ok;
}
static void fe_to_bytes(uint8_t *b, const uint64_t *a)
{
    uint64_t v[EC_N];
    mont_redc(EC_N, v, a, fe_p, fe_n0);
    mont_to_be(EC_N, b, v);
}

/* r = a/2 mod p: add p when a is odd (the sum is even), shift right. */
static inline void fe_half(uint64_t *r, const uint64_t *a)
{
    uint64_t t[EC_N], mask = 0 - (a[0] & 1);
    unsigned char c = 0;
#pragma GCC unroll 8
    for (int i = 0; i < EC_N; i++)
        t[i] = mont_adc(a[i], fe_p[i] & mask, &c);
#pragma GCC unroll 8
    for (int i = 0; i < EC_N - 1; i++)
        r[i] = (t[i] >> 1) | (t[i + 1] << 63);
    r[EC_N - 1] = (t[EC_N - 1] >> 1) | ((uint64_t)c << 63);
}

/* Doubling for a = -3: dbl-2001-b (3M + 5S) rewritten around Y' = 2Y to
 * save additions, which cost a third of a doubling otherwise:
 *   gamma' = 4Y^2, beta' = 4XY^2, alpha = 3(X - Z^2)(X + Z^2),
 *   X3 = alpha^2 - 2 beta', Y3 = alpha (beta' - X3) - gamma'^2 / 2,
 *   Z3 = 2YZ.
 * 4M + 4S. Infinity doubles to infinity (Z3 = 0). r may alias p. */
static void pt_dbl(jac *r, const jac *p)
{
    fe delta, gamma, beta, alpha, t, u;
    fe_add(u, p->y, p->y); /* Y' = 2Y */
    fe_sqr(delta, p->z);
    fe_mul(r->z, u, p->z); /* Z3 = 2YZ (p->z is not needed below) */
    fe_sqr(gamma, u);
    fe_mul(beta, p->x, gamma);
    fe_sub(t, p->x, delta);
    fe_add(u, p->x, delta);
    fe_mul(alpha, t, u);
    fe_add(t, alpha, alpha);
    fe_add(alpha, t, alpha);
    fe_sqr(t, alpha);
    fe_sub(t, t, beta);
    fe_sub(r->x, t, beta);
    fe_sub(t, beta, r->x);
    fe_mul(t, alpha, t);
    fe_sqr(gamma, gamma);
    fe_half(gamma, gamma);
    fe_sub(r->y, t, gamma);
}

/* add-2007-bl: 11M + 5S, for P, Q not at infinity and P != Q. Returns the
 * mask "P == Q" (H == 0 and r == 0), where the result is wrong. P == -Q
 * correctly gives Z3 = 0. r may alias p or q. */
static uint64_t pt_add_core(jac *out, const jac *p, const jac *q)
{
    fe z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t;
    jac o;
    fe_sqr(z1z1, p->z);
    fe_sqr(z2z2, q->z);
    fe_mul(u1, p->x, z2z2);
    fe_mul(u2, q->x, z1z1);
    fe_mul(s1, p->y, q->z);
    fe_mul(s1, s1, z2z2);
    fe_mul(s2, q->y, p->z);
    fe_mul(s2, s2, z1z1);
    fe_sub(h, u2, u1);
    fe_sub(rr, s2, s1);
    uint64_t same = fe_is_zero(h) & fe_is_zero(rr);
    fe_add(i, h, h);
    fe_sqr(i, i);
    fe_mul(j, h, i);
    fe_add(rr, rr, rr);
    fe_mul(v, u1, i);
    fe_sqr(t, rr);
    fe_sub(t, t, j);
    fe_sub(t, t, v);
    fe_sub(o.x, t, v);
    fe_sub(t, v, o.x);
    fe_mul(t, rr, t);
    fe_mul(s1, s1, j);
    fe_add(s1, s1, s1);
    fe_sub(o.y, t, s1);
    fe_add(t, p->z, q->z);
    fe_sqr(t, t);
    fe_sub(t, t, z1z1);
    fe_sub(t, t, z2z2);
    fe_mul(o.z, t, h);
    *out = o;
    return same;
}

/* madd-2007-bl: 7M + 4S, P Jacobian (not infinity), Q affine, P != Q. */
static uint64_t pt_madd_core(jac *out, const jac *p, const aff *q)
{
    fe z1z1, u2, s2, h, hh, i, j, rr, v, t;
    jac o;
    fe_sqr(z1z1, p->z);
    fe_mul(u2, q->x, z1z1);
    fe_mul(s2, q->y, p->z);
    fe_mul(s2, s2, z1z1);
    fe_sub(h, u2, p->x);
    fe_sub(rr, s2, p->y);
    uint64_t same = fe_is_zero(h) & fe_is_zero(rr);
    fe_sqr(hh, h);
    fe_add(i, hh, hh);
    fe_add(i, i, i);
    fe_mul(j, h, i);
    fe_add(rr, rr, rr);
    fe_mul(v, p->x, i);
    fe_sqr(t, rr);
    fe_sub(t, t, j);
    fe_sub(t, t, v);
    fe_sub(o.x, t, v);
    fe_sub(t, v, o.x);
    fe_mul(t, rr, t);
    fe_mul(u2, p->y, j);
    fe_add(u2, u2, u2);
    fe_sub(o.y, t, u2);
    fe_add(t, p->z, h);
    fe_sqr(t, t);
    fe_sub(t, t, z1z1);
    fe_sub(o.z, t, hh);
    *out = o;
    return same;
}

static inline void pt_cmov(jac *r, const jac *a, uint64_t mask)
{
    fe_cmov(r->x, a->x, mask);
    fe_cmov(r->y, a->y, mask);
    fe_cmov(r->z, a->z, mask);
}

/* r = p + q, constant time, either input may be infinity. With full set,
 * P == Q is handled too (at the cost of a doubling); without it the caller
 * guarantees P != Q whenever both are finite. */
static void pt_add_ct(jac *r, const jac *p, const jac *q, int full)
{
    jac s, d;
    uint64_t pinf = fe_is_zero(p->z), qinf = fe_is_zero(q->z);
    uint64_t same = pt_add_core(&s, p, q);
    if (full) { /* `full` is a public, per-call-site constant */
        pt_dbl(&d, p);
        pt_cmov(&s, &d, same & ~pinf & ~qinf);
    }
    pt_cmov(&s, p, qinf);
    pt_cmov(&s, q, pinf);
    *r = s;
}

/* r = p + q for affine q; qinf marks q as the point at infinity. */
static void pt_madd_ct(jac *r, const jac *p, const aff *q, uint64_t qinf, int full)
{
    jac s, d, qj;
    uint64_t pinf = fe_is_zero(p->z);
    uint64_t same = pt_madd_core(&s, p, q);
    if (full) {
        pt_dbl(&d, p);
        pt_cmov(&s, &d, same & ~pinf & ~qinf);
    }
    fe_copy(qj.x, q->x);
    fe_copy(qj.y, q->y);
    fe_copy(qj.z, fe_one);
    pt_cmov(&s, p, qinf);
    pt_cmov(&s, &qj, pinf & ~qinf);
    *r = s;
}

/* Variable time, public points only (verification). */
static void pt_add_vartime(jac *r, const jac *p, const jac *q)
{
    if (fe_is_zero(p->z)) {
        *r = *q;
        return;
    }
    if (fe_is_zero(q->z)) {
        *r = *p;
        return;
    }
    jac s;
    if (pt_add_core(&s, p, q))
        pt_dbl(r, p);
    else
        *r = s;
}

/* Affine coordinates as bytes (x || y); an infinite input gives (0, 0). */
static void pt_to_bytes(uint8_t *xy, const jac *p)
{
    fe zi, zi2, t;
    fe_inv(zi, p->z);
    fe_sqr(zi2, zi);
    fe_mul(t, p->x, zi2);
    fe_to_bytes(xy, t);
    fe_mul(zi2, zi2, zi);
    fe_mul(t, p->y, zi2);
    fe_to_bytes(xy + FE_LEN, t);
    gt_wipe(zi, sizeof zi);
    gt_wipe(zi2, sizeof zi2);
    gt_wipe(t, sizeof t);
}

/* Loads x || y; returns 1 if both are < p and y^2 = x^3 - 3x + b. */
static uint32_t aff_from_bytes(aff *a, const uint8_t *xy)
{
    uint32_t ok = fe_from_bytes(a->x, xy) & fe_from_bytes(a->y, xy + FE_LEN);
    fe l, r, t;
    fe_sqr(l, a->y);
    fe_sqr(r, a->x);
    fe_mul(r, r, a->x);
    fe_add(t, a->x, a->x);
    fe_add(t, t, a->x);
    fe_sub(r, r, t);
    fe_add(r, r, fe_b_mont);
    fe_sub(t, l, r);
    return ok & (uint32_t)(fe_is_zero(t) & 1);
}
