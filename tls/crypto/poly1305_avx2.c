/* Poly1305 (RFC 8439 §2.5) over long inputs with AVX2, radix 2^26.
 *
 * Horner's rule h = (h + m1) r^n + m2 r^(n-1) + ... + mn r is split over
 * four 64-bit lanes, each accumulating every fourth block. One step takes
 * eight blocks: acc = acc * r^8 + A * r^4 + B, where A and B are blocks
 * 0-3 and 4-7 of the step (one per lane), so only one multiplication is on
 * the loop-carried chain. At the end lane j holds the sum for the blocks
 * that still need r^(4-j), and one multiplication by (r^4, r^3, r^2, r^1)
 * lane-wise plus a horizontal add gives h.
 *
 * Limb bounds: after a carry pass every limb is < 2^26 + 2^9; powers are
 * < 2^26 and their multiples by 5 < 2^29, so each product is < 2^56 and a
 * sum of ten products plus a message limb stays below 2^60. Constant time:
 * no branch or index depends on the data. */
#include <immintrin.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/chacha_impl.h"

#define AVX2   __attribute__((target("avx2")))
#define INLINE inline __attribute__((always_inline))

#define M26 0x3ffffffull

/* A value in radix 2^64 (a fully reduced power, or h with h[2] <= 4) as
 * five 26-bit limbs; the top limb takes whatever lies above 2^104. */
static void limbs26(const uint64_t p[3], uint64_t l[5])
{
    l[0] = p[0] & M26;
    l[1] = (p[0] >> 26) & M26;
    l[2] = ((p[0] >> 52) | (p[1] << 12)) & M26;
    l[3] = (p[1] >> 14) & M26;
    l[4] = (p[1] >> 40) | (p[2] << 24);
}

typedef struct {
    __m256i l[5];
} v26;

/* Four 16-byte blocks as radix-2^26 limbs plus the 2^128 pad bit. Lane
 * order after the 64-bit unpacks is blocks 0, 2, 1, 3. */
AVX2 static INLINE v26 load4(const uint8_t *p)
{
    const __m256i m = _mm256_set1_epi64x(M26);
    __m256i a = _mm256_loadu_si256((const __m256i *)p);
    __m256i b = _mm256_loadu_si256((const __m256i *)(p + 32));
    __m256i lo = _mm256_unpacklo_epi64(a, b), hi = _mm256_unpackhi_epi64(a, b);
    v26 v;
    v.l[0] = _mm256_and_si256(lo, m);
    v.l[1] = _mm256_and_si256(_mm256_srli_epi64(lo, 26), m);
    v.l[2] =
        _mm256_and_si256(_mm256_or_si256(_mm256_srli_epi64(lo, 52), _mm256_slli_epi64(hi, 12)), m);
    v.l[3] = _mm256_and_si256(_mm256_srli_epi64(hi, 14), m);
    v.l[4] = _mm256_or_si256(_mm256_srli_epi64(hi, 40), _mm256_set1_epi64x(1 << 24));
    return v;
}

/* d += a * r (mod p, unreduced); s[i] = 5 * r[i] accounts for 2^130 = 5. */
AVX2 static INLINE void mac(__m256i d[5], const v26 *a, const v26 *r, const v26 *s)
{
#define MUL(x, y)    _mm256_mul_epu32(x, y)
#define ACC(i, x, y) d[i] = _mm256_add_epi64(d[i], MUL(x, y))
    ACC(0, a->l[0], r->l[0]), ACC(0, a->l[1], s->l[4]), ACC(0, a->l[2], s->l[3]);
    ACC(0, a->l[3], s->l[2]), ACC(0, a->l[4], s->l[1]);
    ACC(1, a->l[0], r->l[1]), ACC(1, a->l[1], r->l[0]), ACC(1, a->l[2], s->l[4]);
    ACC(1, a->l[3], s->l[3]), ACC(1, a->l[4], s->l[2]);
    ACC(2, a->l[0], r->l[2]), ACC(2, a->l[1], r->l[1]), ACC(2, a->l[2], r->l[0]);
    ACC(2, a->l[3], s->l[4]), ACC(2, a->l[4], s->l[3]);
    ACC(3, a->l[0], r->l[3]), ACC(3, a->l[1], r->l[2]), ACC(3, a->l[2], r->l[1]);
    ACC(3, a->l[3], r->l[0]), ACC(3, a->l[4], s->l[4]);
    ACC(4, a->l[0], r->l[4]), ACC(4, a->l[1], r->l[3]), ACC(4, a->l[2], r->l[2]);
    ACC(4, a->l[3], r->l[1]), ACC(4, a->l[4], r->l[0]);
#undef ACC
#undef MUL
}

/* One carry pass, two chains interleaved (0->1->2->3 and 3->4->0->1) to
 * shorten the loop-carried latency. */
AVX2 static INLINE v26 carry(const __m256i d[5])
{
    const __m256i m = _mm256_set1_epi64x(M26);
    __m256i d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3], d4 = d[4], c;
    c = _mm256_srli_epi64(d3, 26), d3 = _mm256_and_si256(d3, m), d4 = _mm256_add_epi64(d4, c);
    c = _mm256_srli_epi64(d0, 26), d0 = _mm256_and_si256(d0, m), d1 = _mm256_add_epi64(d1, c);
    c = _mm256_srli_epi64(d4, 26), d4 = _mm256_and_si256(d4, m);
    d0 = _mm256_add_epi64(d0, _mm256_add_epi64(c, _mm256_slli_epi64(c, 2)));
    c = _mm256_srli_epi64(d1, 26), d1 = _mm256_and_si256(d1, m), d2 = _mm256_add_epi64(d2, c);
    c = _mm256_srli_epi64(d0, 26), d0 = _mm256_and_si256(d0, m), d1 = _mm256_add_epi64(d1, c);
    c = _mm256_srli_epi64(d2, 26), d2 = _mm256_and_si256(d2, m), d3 = _mm256_add_epi64(d3, c);
    c = _mm256_srli_epi64(d3, 26), d3 = _mm256_and_si256(d3, m), d4 = _mm256_add_epi64(d4, c);
    v26 v = {{d0, d1, d2, d3, d4}};
    return v;
}

AVX2 static INLINE void times5(v26 *s, const v26 *r)
{
    for (int i = 0; i < 5; i++)
        s->l[i] = _mm256_add_epi64(r->l[i], _mm256_slli_epi64(r->l[i], 2));
}

/* Sums the four lanes and converts back to radix 2^64 with h[2] <= 4. */
AVX2 static void store_h(uint64_t h[3], const v26 *v)
{
    uint64_t t[5];
    for (int i = 0; i < 5; i++) {
        __m128i x =
            _mm_add_epi64(_mm256_castsi256_si128(v->l[i]), _mm256_extracti128_si256(v->l[i], 1));
        t[i] = (uint64_t)_mm_cvtsi128_si64(x) + (uint64_t)_mm_extract_epi64(x, 1);
    }
    /* Two carry passes: the first folds bits >= 2^130 back as 5x, the
     * second leaves t0..t3 < 2^26 and t4 <= 2^26. */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 4; i++) {
            t[i + 1] += t[i] >> 26;
            t[i] &= M26;
        }
        uint64_t c = t[4] >> 26;
        t[4] &= M26;
        t[0] += c * 5;
    }
    for (int i = 0; i < 4; i++) {
        t[i + 1] += t[i] >> 26;
        t[i] &= M26;
    }
    h[0] = t[0] | (t[1] << 26) | (t[2] << 52);
    h[1] = (t[2] >> 12) | (t[3] << 14) | (t[4] << 40);
    h[2] = t[4] >> 24;
}

AVX2 size_t gt_poly1305_blocks_avx2(gt_poly1305_ctx *c, const uint8_t *p, size_t n)
{
    size_t steps = n / 128;
    if (steps == 0) return 0;
    uint64_t pw[5][5]; /* r^1, r^2, r^3, r^4, r^8 */
    static const int which[5] = {0, 1, 2, 3, 7};
    for (int k = 0; k < 5; k++)
        limbs26(c->pw[which[k]], pw[k]);
    v26 r4, s4, r8, s8, rl, sl;
    for (int i = 0; i < 5; i++) {
        r4.l[i] = _mm256_set1_epi64x((long long)pw[3][i]);
        r8.l[i] = _mm256_set1_epi64x((long long)pw[4][i]);
        /* final per-lane powers; lanes hold blocks 0, 2, 1, 3 */
        rl.l[i] = _mm256_set_epi64x((long long)pw[0][i], (long long)pw[2][i], (long long)pw[1][i],
                                    (long long)pw[3][i]);
    }
    times5(&s4, &r4), times5(&s8, &r8), times5(&sl, &rl);

    /* First step: the incoming h joins block 0 (lane 0). */
    uint64_t hl[5];
    limbs26(c->h, hl);
    v26 a = load4(p), acc;
    for (int i = 0; i < 5; i++)
        a.l[i] = _mm256_add_epi64(a.l[i], _mm256_set_epi64x(0, 0, 0, (long long)hl[i]));
    v26 b = load4(p + 64);
    __m256i d[5] = {b.l[0], b.l[1], b.l[2], b.l[3], b.l[4]};
    mac(d, &a, &r4, &s4);
    acc = carry(d);

    for (size_t k = 1; k < steps; k++) {
        p += 128;
        a = load4(p);
        b = load4(p + 64);
        for (int i = 0; i < 5; i++)
            d[i] = b.l[i];
        mac(d, &a, &r4, &s4);
        mac(d, &acc, &r8, &s8);
        acc = carry(d);
    }

    for (int i = 0; i < 5; i++)
        d[i] = _mm256_setzero_si256();
    mac(d, &acc, &rl, &sl);
    acc = carry(d);
    store_h(c->h, &acc);
    gt_wipe(pw, sizeof pw);
    return steps * 128;
}
