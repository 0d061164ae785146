/* Poly1305 (RFC 8439 §2.5) over long inputs with AVX-512 IFMA, radix 2^44.
 *
 * h = h0 + h1 2^44 + h2 2^88 with 44, 44 and 42-bit limbs; vpmadd52luq /
 * vpmadd52huq give the low and high 52 bits of a 52x52-bit product, so a
 * product's high half weighs 2^52 = 2^8 * 2^44: it joins the next limb
 * shifted left by 8. Terms at 2^132 and above fold back with 2^130 = 5
 * (mod p): s_i = 20 r_i covers 2^132 = 4 * 2^130, and the high half of
 * the top limb (weight 2^140) re-enters limb 0 times 5 * 2^10.
 *
 * Eight lanes each take every eighth block: acc = acc * r^8 + M per step
 * of 128 bytes, and at the end lane i (block i of the last step) is
 * multiplied by r^(8-i) before the lanes are summed. One parallel carry
 * pass per step keeps limbs below 2^44 + 2^15 (2^42 + 2^10 for the top),
 * well inside the 52-bit inputs IFMA accepts; sums of three 52-bit halves
 * plus the shifted terms stay below 2^56. No branch or index depends on
 * the data. */
#include <immintrin.h>

#include "core/ct.h"
#include "crypto/chacha_impl.h"

#define IFMA   __attribute__((target("avx512f,avx512vl,avx512ifma")))
#define INLINE inline __attribute__((always_inline))

#define M44 0xfffffffffffull
#define M42 0x3ffffffffffull

typedef struct {
    __m512i l[3];
} v44;

/* h (radix 2^64, h[2] <= 4) as 44/44/42-bit limbs (the top may exceed 42
 * bits by h[2]'s bits above 2^130, which the next carry pass folds). */
static void limbs44(const uint64_t h[3], uint64_t l[3])
{
    l[0] = h[0] & M44;
    l[1] = ((h[0] >> 44) | (h[1] << 20)) & M44;
    l[2] = (h[1] >> 24) | (h[2] << 40);
}

/* Eight 16-byte blocks, block i in lane i, with the 2^128 pad bit. */
IFMA static INLINE v44 load8(const uint8_t *p)
{
    const __m512i idx_lo = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14);
    const __m512i idx_hi = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    const __m512i m44 = _mm512_set1_epi64((long long)M44);
    __m512i a = _mm512_loadu_si512(p), b = _mm512_loadu_si512(p + 64);
    __m512i lo = _mm512_permutex2var_epi64(a, idx_lo, b);
    __m512i hi = _mm512_permutex2var_epi64(a, idx_hi, b);
    v44 m;
    m.l[0] = _mm512_and_si512(lo, m44);
    m.l[1] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(lo, 44), _mm512_slli_epi64(hi, 20)),
                              m44);
    m.l[2] = _mm512_or_si512(_mm512_srli_epi64(hi, 24), _mm512_set1_epi64(1ll << 40));
    return m;
}

#define LO(acc, x, y) _mm512_madd52lo_epu64(acc, x, y)
#define HI(acc, x, y) _mm512_madd52hi_epu64(acc, x, y)

/* add + h * r (mod p) with one carry pass; s1 = 20 r1, s2 = 20 r2. The
 * three products of each column go to separate accumulators so they do
 * not wait on each other. */
IFMA static INLINE v44 mul(const v44 *h, const v44 *add, const __m512i r[3], const __m512i s[3])
{
    const __m512i z = _mm512_setzero_si512();
    const __m512i m44 = _mm512_set1_epi64((long long)M44);
    const __m512i m42 = _mm512_set1_epi64((long long)M42);
    __m512i h0 = h->l[0], h1 = h->l[1], h2 = h->l[2];
    __m512i d0 = _mm512_add_epi64(LO(add->l[0], h0, r[0]),
                                  _mm512_add_epi64(LO(z, h1, s[2]), LO(z, h2, s[1])));
    __m512i d1 = _mm512_add_epi64(LO(add->l[1], h0, r[1]),
                                  _mm512_add_epi64(LO(z, h1, r[0]), LO(z, h2, s[2])));
    __m512i d2 = _mm512_add_epi64(LO(add->l[2], h0, r[2]),
                                  _mm512_add_epi64(LO(z, h1, r[1]), LO(z, h2, r[0])));
    __m512i e0 =
        _mm512_add_epi64(HI(z, h0, r[0]), _mm512_add_epi64(HI(z, h1, s[2]), HI(z, h2, s[1])));
    __m512i e1 =
        _mm512_add_epi64(HI(z, h0, r[1]), _mm512_add_epi64(HI(z, h1, r[0]), HI(z, h2, s[2])));
    __m512i e2 =
        _mm512_add_epi64(HI(z, h0, r[2]), _mm512_add_epi64(HI(z, h1, r[1]), HI(z, h2, r[0])));
    /* high halves: column k's goes to column k + 1 (<< 8); column 2's
     * weighs 2^140 = 5 * 2^10 (mod p) and returns to column 0 */
    d1 = _mm512_add_epi64(d1, _mm512_slli_epi64(e0, 8));
    d2 = _mm512_add_epi64(d2, _mm512_slli_epi64(e1, 8));
    d0 = _mm512_add_epi64(d0,
                          _mm512_add_epi64(_mm512_slli_epi64(e2, 12), _mm512_slli_epi64(e2, 10)));
    /* one carry pass, all three limbs at once; bits >= 2^130 times 5 */
    __m512i c0 = _mm512_srli_epi64(d0, 44), c1 = _mm512_srli_epi64(d1, 44);
    __m512i c2 = _mm512_srli_epi64(d2, 42);
    v44 o;
    o.l[0] =
        _mm512_add_epi64(_mm512_and_si512(d0, m44), _mm512_add_epi64(c2, _mm512_slli_epi64(c2, 2)));
    o.l[1] = _mm512_add_epi64(_mm512_and_si512(d1, m44), c0);
    o.l[2] = _mm512_add_epi64(_mm512_and_si512(d2, m42), c1);
    return o;
}

/* Sums the lanes and converts back to radix 2^64 with h[2] <= 4. */
IFMA static void store_h(uint64_t h[3], const v44 *v)
{
    uint64_t t0 = (uint64_t)_mm512_reduce_add_epi64(v->l[0]);
    uint64_t t1 = (uint64_t)_mm512_reduce_add_epi64(v->l[1]);
    uint64_t t2 = (uint64_t)_mm512_reduce_add_epi64(v->l[2]);
    t1 += t0 >> 44, t0 &= M44;
    t2 += t1 >> 44, t1 &= M44;
    t0 += (t2 >> 42) * 5, t2 &= M42;
    t1 += t0 >> 44, t0 &= M44;
    t2 += t1 >> 44, t1 &= M44; /* now t2 <= 2^42 */
    h[0] = t0 | (t1 << 44);
    h[1] = (t1 >> 20) | (t2 << 24);
    h[2] = t2 >> 40;
}

IFMA size_t gt_poly1305_blocks_ifma(gt_poly1305_ctx *c, const uint8_t *p, size_t n)
{
    size_t steps = n / 128;
    if (steps == 0) return 0;
    uint64_t pl[8][3], sp[8][3], hl[3];
    for (int k = 0; k < 8; k++) {
        limbs44(c->pw[k], pl[k]);
        for (int i = 0; i < 3; i++)
            sp[k][i] = 20 * pl[k][i];
    }
    limbs44(c->h, hl);
    __m512i r8[3], s8[3], rl[3], sl[3];
    for (int i = 0; i < 3; i++) {
        r8[i] = _mm512_set1_epi64((long long)pl[7][i]);
        s8[i] = _mm512_set1_epi64((long long)sp[7][i]);
        /* lane j holds block j of the last step, which needs r^(8-j) */
        rl[i] = _mm512_setr_epi64((long long)pl[7][i], (long long)pl[6][i], (long long)pl[5][i],
                                  (long long)pl[4][i], (long long)pl[3][i], (long long)pl[2][i],
                                  (long long)pl[1][i], (long long)pl[0][i]);
        sl[i] = _mm512_setr_epi64((long long)sp[7][i], (long long)sp[6][i], (long long)sp[5][i],
                                  (long long)sp[4][i], (long long)sp[3][i], (long long)sp[2][i],
                                  (long long)sp[1][i], (long long)sp[0][i]);
    }
    /* the incoming h joins block 0 of the first step (lane 0) */
    v44 acc = load8(p);
    for (int i = 0; i < 3; i++)
        acc.l[i] =
            _mm512_add_epi64(acc.l[i], _mm512_setr_epi64((long long)hl[i], 0, 0, 0, 0, 0, 0, 0));
    for (size_t k = 1; k < steps; k++) {
        p += 128;
        v44 m = load8(p);
        acc = mul(&acc, &m, r8, s8);
    }
    v44 zero = {{_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512()}};
    acc = mul(&acc, &zero, rl, sl);
    store_h(c->h, &acc);
    gt_wipe(pl, sizeof pl);
    gt_wipe(sp, sizeof sp);
    return steps * 128;
}
