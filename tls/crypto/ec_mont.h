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

/* r = a + b mod m. */
MONT_INLINE void mont_add(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *b,
                          const uint64_t *m)
{
    uint64_t t[MONT_MAXN], s[MONT_MAXN], c = 0, br = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 z = (mont_u128)a[i] + b[i] + c;
        t[i] = (uint64_t)z;
        c = (uint64_t)(z >> 64);
    }
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 z = (mont_u128)t[i] - m[i] - br;
        s[i] = (uint64_t)z;
        br = (uint64_t)(z >> 64) & 1;
    }
    /* a + b < 2m: keep the difference unless it borrowed past the carry. */
    uint64_t keep_t = gt_ct_mask64(br & (c ^ 1));
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        r[i] = (t[i] & keep_t) | (s[i] & ~keep_t);
}

/* r = a - b mod m. */
MONT_INLINE void mont_sub(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *b,
                          const uint64_t *m)
{
    uint64_t t[MONT_MAXN], br = 0, c = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 z = (mont_u128)a[i] - b[i] - br;
        t[i] = (uint64_t)z;
        br = (uint64_t)(z >> 64) & 1;
    }
    uint64_t mask = gt_ct_mask64(br);
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 z = (mont_u128)t[i] + (m[i] & mask) + c;
        r[i] = (uint64_t)z;
        c = (uint64_t)(z >> 64);
    }
}

/* Montgomery reduction of the 2N-limb t (t < m*R): r = t/R mod m. */
MONT_INLINE void mont_redc(size_t N, uint64_t *r, uint64_t *t, const uint64_t *m, uint64_t n0)
{
    uint64_t top = 0, s[MONT_MAXN], br = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        uint64_t q = t[i] * n0, c = 0;
#pragma GCC unroll 8
        for (size_t j = 0; j < N; j++) {
            mont_u128 z = (mont_u128)q * m[j] + t[i + j] + c;
            t[i + j] = (uint64_t)z;
            c = (uint64_t)(z >> 64);
        }
        mont_u128 z = (mont_u128)t[i + N] + c + top;
        t[i + N] = (uint64_t)z;
        top = (uint64_t)(z >> 64);
    }
    /* The value top:t[N..2N-1] is < 2m; subtract m once, by mask. */
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 z = (mont_u128)t[N + i] - m[i] - br;
        s[i] = (uint64_t)z;
        br = (uint64_t)(z >> 64) & 1;
    }
    uint64_t keep_t = gt_ct_mask64(br & (top ^ 1));
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++)
        r[i] = (t[N + i] & keep_t) | (s[i] & ~keep_t);
}

/* r = a*b/R mod m. r may alias a or b. */
MONT_INLINE void mont_mul(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *b,
                          const uint64_t *m, uint64_t n0)
{
    uint64_t t[2 * MONT_MAXN];
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        uint64_t c = 0;
#pragma GCC unroll 8
        for (size_t j = 0; j < N; j++) {
            mont_u128 z = (mont_u128)a[i] * b[j] + (i ? t[i + j] : 0) + c;
            t[i + j] = (uint64_t)z;
            c = (uint64_t)(z >> 64);
        }
        t[i + N] = c;
    }
    mont_redc(N, r, t, m, n0);
}

/* r = a^2/R mod m: the cross products once, doubled, plus the squares. */
MONT_INLINE void mont_sqr(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t n0)
{
    uint64_t t[2 * MONT_MAXN] = {0};
#pragma GCC unroll 8
    for (size_t i = 0; i + 1 < N; i++) {
        uint64_t c = 0;
#pragma GCC unroll 8
        for (size_t j = i + 1; j < N; j++) {
            mont_u128 z = (mont_u128)a[i] * a[j] + t[i + j] + c;
            t[i + j] = (uint64_t)z;
            c = (uint64_t)(z >> 64);
        }
        t[i + N] = c;
    }
    uint64_t c = 0;
#pragma GCC unroll 16
    for (size_t i = 0; i < 2 * N; i++) { /* t *= 2 */
        uint64_t v = t[i];
        t[i] = (v << 1) | c;
        c = v >> 63;
    }
    c = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < N; i++) {
        mont_u128 sq = (mont_u128)a[i] * a[i];
        mont_u128 z = (mont_u128)t[2 * i] + (uint64_t)sq + c;
        t[2 * i] = (uint64_t)z;
        z = (mont_u128)t[2 * i + 1] + (uint64_t)(sq >> 64) + (uint64_t)(z >> 64);
        t[2 * i + 1] = (uint64_t)z;
        c = (uint64_t)(z >> 64);
    }
    mont_redc(N, r, t, m, n0);
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
 * N limbs: fixed 4-bit windows, so the sequence of operations depends on e
 * only, and the table is indexed by e's digits only. a may be secret. */
MONT_INLINE void mont_pow_pub(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *e,
                              const uint64_t *one, const uint64_t *m, uint64_t n0)
{
    uint64_t tab[16][MONT_MAXN], acc[MONT_MAXN];
    for (size_t i = 0; i < N; i++) {
        tab[0][i] = one[i];
        tab[1][i] = a[i];
    }
    for (size_t k = 2; k < 16; k++)
        mont_mul(N, tab[k], tab[k - 1], a, m, n0);
    for (size_t i = 0; i < N; i++)
        acc[i] = one[i];
    for (size_t w = 16 * N; w-- > 0;) {
        for (int s = 0; s < 4; s++)
            mont_sqr(N, acc, acc, m, n0);
        unsigned d = (unsigned)(e[w / 16] >> (4 * (w % 16))) & 15;
        mont_mul(N, acc, acc, tab[d], m, n0);
    }
    for (size_t i = 0; i < N; i++)
        r[i] = acc[i];
    gt_wipe(tab, sizeof tab);
    gt_wipe(acc, sizeof acc);
}

#endif
