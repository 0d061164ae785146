/* Montgomery arithmetic on N 64-bit limbs (little-endian limb order) modulo
 * an odd m < 2^(64N): the kernel under the P-256/P-384 fields (p256.c,
 * p384.c) and the scalar rings mod n (ec_scalar.c).
 *
 * Every function is always_inline and takes N as a compile-time constant,
 * so each caller gets a fully unrolled copy specialised to its modulus (the
 * P-256 prime's limbs 0, 2^32-1, 2^64-1 and n0 = 1 fold into shifts).
 *
 * Invariants: inputs and outputs are fully reduced (< m). Nothing branches
 * on or indexes memory by limb values; the final conditional subtractions
 * are masks. Montgomery form of x is x*R mod m with R = 2^(64N); mont_mul
 * returns a*b/R mod m (HAC Algorithm 14.32, separated operand scanning). */
#ifndef GT_CRYPTO_EC_MONT_H
#define GT_CRYPTO_EC_MONT_H

#include <stddef.h>
#include <stdint.h>

#include "core/ct.h"

#define MONT_INLINE static inline __attribute__((always_inline))
#define MONT_MAXN   6

typedef unsigned __int128 mont_u128;

/* Add with carry. On x86-64 the intrinsic compiles to one adc (no ADX
 * needed), which keeps the carry chains below in the flags; elsewhere the
 * 128-bit sum does the same job. */
#if defined(__x86_64__)
#include <x86intrin.h>
MONT_INLINE uint64_t mont_adc(uint64_t a, uint64_t b, unsigned char *c)
{
    unsigned long long r;
    *c = _addcarry_u64(*c, a, b, &r);
    return (uint64_t)r;
}
MONT_INLINE uint64_t mont_sbb(uint64_t a, uint64_t b, unsigned char *c)
{
    unsigned long long r;
    *c = _subborrow_u64(*c, a, b, &r);
    return (uint64_t)r;
}
#else
MONT_INLINE uint64_t mont_sbb(uint64_t a, uint64_t b, unsigned char *c)
{
    mont_u128 z = (mont_u128)a - b - *c;
    *c = (unsigned char)((z >> 64) & 1);
    return (uint64_t)z;
}
MONT_INLINE uint64_t mont_adc(uint64_t a, uint64_t b, unsigned char *c)
{
    mont_u128 z = (mont_u128)a + b + *c;
    *c = (unsigned char)(z >> 64);
    return (uint64_t)z;
}
#endif

/* r = a + b mod m. */
MONT_INLINE void mont_add(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *b,
                          const uint64_t *m)
{
    uint64_t t[MONT_MAXN], s[MONT_MAXN];
    unsigned char c = 0, br = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        t[i] = mont_adc(a[i], b[i], &c);
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        s[i] = mont_sbb(t[i], m[i], &br);
    /* a + b < 2m: keep the difference unless it borrowed past the carry. */
    uint64_t keep_t = gt_ct_mask64((uint64_t)(br & (c ^ 1)));
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        r[i] = (t[i] & keep_t) | (s[i] & ~keep_t);
}

/* r = a - b mod m. */
MONT_INLINE void mont_sub(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *b,
                          const uint64_t *m)
{
    uint64_t t[MONT_MAXN];
    unsigned char br = 0, c = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        t[i] = mont_sbb(a[i], b[i], &br);
    uint64_t mask = gt_ct_mask64(br);
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        r[i] = mont_adc(t[i], m[i] & mask, &c);
}

/* (c, t) = x*y + t + c; fits since (2^64-1)^2 + 2(2^64-1) < 2^128. The
 * additions go through mont_adc so that gcc emits add/adc pairs rather than
 * 128-bit additions of zero-extended words. */
#define MONT_MAC(t, c, x, y)                                                                       \
    do {                                                                                           \
        mont_u128 z_ = (mont_u128)(x) * (y) + (t) + (c);                                           \
        (t) = (uint64_t)z_;                                                                        \
        (c) = (uint64_t)(z_ >> 64);                                                                \
    } while (0)

/* Final step shared by mul and redc: t[0..N] < 2m, r = t mod m by mask. */
MONT_INLINE void mont_final(size_t N, uint64_t *r, const uint64_t *t, const uint64_t *m)
{
    uint64_t s[MONT_MAXN], br = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 z = (mont_u128)t[i] - m[i] - br;
        s[i] = (uint64_t)z;
        br = (uint64_t)(z >> 64) & 1;
    }
    /* Keep t when the subtraction borrowed past t's top limb. */
    uint64_t keep_t = gt_ct_mask64(br & (t[N] ^ 1));
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        r[i] = (t[i] & keep_t) | (s[i] & ~keep_t);
}

/* r = a*b/R mod m (CIOS, Koc-Acar-Kaliski 1996): one product row and one
 * reduction row per limb of b, the reduction shifting t down a limb; t
 * stays below 2m between rows. r may alias a or b. */
MONT_INLINE void mont_mul(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *b,
                          const uint64_t *m, uint64_t n0)
{
    uint64_t t[MONT_MAXN + 2] = {0};
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        uint64_t c = 0, bi = b[i];
        unsigned char k = 0;
#pragma GCC unroll 8
        for (size_t j = 0; j < N; j++)
            MONT_MAC(t[j], c, a[j], bi);
        t[N] = mont_adc(t[N], c, &k);
        t[N + 1] = k;
        uint64_t q = t[0] * n0;
        c = 0;
        MONT_MAC(t[0], c, q, m[0]); /* t[0] becomes 0 */
#pragma GCC unroll 8
        for (size_t j = 1; j < N; j++) {
            MONT_MAC(t[j], c, q, m[j]);
            t[j - 1] = t[j];
        }
        k = 0;
        t[N - 1] = mont_adc(t[N], c, &k);
        t[N] = t[N + 1] + k;
    }
    mont_final(N, r, t, m);
}

/* r = a^2/R mod m: the 2N-limb square from the cross products (once,
 * doubled) and the diagonal, then N reduction rows (separated operand
 * scanning). A row's carry out of limb i+N is deferred into the next row
 * (`top`, 0 or 1). */
MONT_INLINE void mont_sqr(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t n0)
{
    uint64_t t[2 * MONT_MAXN + 1] = {0}, top = 0;
    unsigned char k = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i + 1 < N; i++) {
        uint64_t c = 0;
#pragma GCC unroll 8
        for (size_t j = i + 1; j < N; j++)
            MONT_MAC(t[i + j], c, a[i], a[j]);
        t[i + N] = c;
    }
#pragma GCC unroll 16
    for (size_t i = 2 * N - 1; i > 0; i--) /* double */
        t[i] = (t[i] << 1) | (t[i - 1] >> 63);
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 sq = (mont_u128)a[i] * a[i];
        t[2 * i] = mont_adc(t[2 * i], (uint64_t)sq, &k);
        t[2 * i + 1] = mont_adc(t[2 * i + 1], (uint64_t)(sq >> 64), &k);
    }
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        uint64_t q = t[i] * n0, c = 0;
        unsigned char k1 = 0, k2 = 0;
#pragma GCC unroll 8
        for (size_t j = 0; j < N; j++)
            MONT_MAC(t[i + j], c, q, m[j]);
        t[i + N] = mont_adc(t[i + N], c, &k1);
        t[i + N] = mont_adc(t[i + N], top, &k2);
        top = (uint64_t)k1 + k2;
    }
    t[2 * N] = top;
    mont_final(N, r, t + N, m);
}

/* Montgomery reduction of t (N limbs, t < m): r = t/R mod m. */
MONT_INLINE void mont_redc(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t n0)
{
    static const uint64_t one[MONT_MAXN] = {1};
    mont_mul(N, r, a, one, m, n0);
}

/* All-ones if a == 0, else 0. */
MONT_INLINE uint64_t mont_is_zero(size_t N, const uint64_t *a)
{
    uint64_t acc = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        acc |= a[i];
    return gt_ct_mask64((uint64_t)gt_ct_nz32((uint32_t)acc | (uint32_t)(acc >> 32)) ^ 1);
}

/* if mask: r = a (mask all-ones or zero). */
MONT_INLINE void mont_cmov(size_t N, uint64_t *r, const uint64_t *a, uint64_t mask)
{
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        r[i] = (r[i] & ~mask) | (a[i] & mask);
}

/* Big-endian 8N bytes to limbs; returns 1 if the value is < m, else 0 (the
 * limbs are loaded either way). Constant time. */
MONT_INLINE uint32_t mont_from_be(size_t N, uint64_t *r, const uint8_t *b, const uint64_t *m)
{
    uint64_t br = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        const uint8_t *p = b + 8 * (N - 1 - i);
        r[i] = ((uint64_t)p[0] << 56) | ((uint64_t)p[1] << 48) | ((uint64_t)p[2] << 40) |
               ((uint64_t)p[3] << 32) | ((uint64_t)p[4] << 24) | ((uint64_t)p[5] << 16) |
               ((uint64_t)p[6] << 8) | p[7];
        mont_u128 z = (mont_u128)r[i] - m[i] - br;
        br = (uint64_t)(z >> 64) & 1;
    }
    return (uint32_t)br;
}

MONT_INLINE void mont_to_be(size_t N, uint8_t *b, const uint64_t *a)
{
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        uint8_t *p = b + 8 * (N - 1 - i);
        uint64_t v = a[i];
        for (int k = 7; k >= 0; k--) {
            p[k] = (uint8_t)v;
            v >>= 8;
        }
    }
}

/* r = a^e mod m (Montgomery in, Montgomery out) for a PUBLIC exponent e of
 * N limbs, by sliding windows of up to 5 bits over odd powers: the
 * sequence of operations and the table indices depend on e only, so a may
 * be secret. */
MONT_INLINE void mont_pow_pub(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *e,
                              const uint64_t *one, const uint64_t *m, uint64_t n0)
{
    uint64_t tab[16][MONT_MAXN], a2[MONT_MAXN], acc[MONT_MAXN];
    for (size_t i = 0; i < N; i++) {
        tab[0][i] = a[i];
        acc[i] = one[i];
    }
    mont_sqr(N, a2, a, m, n0);
    for (size_t k = 1; k < 16; k++) /* tab[k] = a^(2k+1) */
        mont_mul(N, tab[k], tab[k - 1], a2, m, n0);
    long i = 64 * (long)N - 1;
    while (i >= 0) {
        if (!((e[i / 64] >> (i % 64)) & 1)) {
            mont_sqr(N, acc, acc, m, n0);
            i--;
            continue;
        }
        long lo = i - 4 < 0 ? 0 : i - 4; /* window e[i..lo], ending in a 1 bit */
        while (!((e[lo / 64] >> (lo % 64)) & 1))
            lo++;
        unsigned w = 0;
        for (long j = i; j >= lo; j--) {
            w = (w << 1) | (unsigned)((e[j / 64] >> (j % 64)) & 1);
            mont_sqr(N, acc, acc, m, n0);
        }
        mont_mul(N, acc, acc, tab[w >> 1], m, n0);
        i = lo - 1;
    }
    for (size_t k = 0; k < N; k++)
        r[k] = acc[k];
    gt_wipe(tab, sizeof tab);
    gt_wipe(a2, sizeof a2);
    gt_wipe(acc, sizeof acc);
}

#endif
