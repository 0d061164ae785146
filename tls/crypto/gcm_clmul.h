/* Internal: GF(2^128) arithmetic on SSE registers for gcm_clmul.c and
 * gcm_vaes.c. Elements are byte-reversed blocks (see ghash_ct.c for the
 * representation and the reduction). Only include from x86 code. */
#ifndef GT_CRYPTO_GCM_CLMUL_H
#define GT_CRYPTO_GCM_CLMUL_H

#include <immintrin.h>

#define TARGET_CLMUL __attribute__((target("aes,pclmul,ssse3,sse4.1")))

#define GT_BSWAP128     _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
#define GT_LOADU(p)     _mm_loadu_si128((const __m128i *)(const void *)(p))
#define GT_STOREU(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))

/* gt_gcm_key.htab, in 16-byte entries: H^1..H^16 in entries 0..15, and in
 * entries 16..31 the xor of the two 64-bit halves of each power (Karatsuba
 * middle operand). Entries 32..63 are gcm_vaes.c's own arrangement. */
enum { GT_HTAB_POWERS = 16, GT_HTAB_KARATSUBA = 16, GT_HTAB_VAES = 32 };

/* Unreduced sum of products: low, high and Karatsuba middle parts. */
typedef struct {
    __m128i lo, hi, mid;
} gt_gf_acc;

TARGET_CLMUL static inline __m128i gt_gf_rev(__m128i x)
{
    return _mm_shuffle_epi8(x, GT_BSWAP128);
}
TARGET_CLMUL static inline __m128i gt_gf_load(const void *p)
{
    return gt_gf_rev(GT_LOADU(p));
}
TARGET_CLMUL static inline void gt_gf_store(void *p, __m128i x)
{
    GT_STOREU(p, gt_gf_rev(x));
}

/* a += x * h, unreduced; k holds h.lo ^ h.hi in its low half. */
TARGET_CLMUL static inline void gt_gf_mul_acc(gt_gf_acc *a, __m128i x, __m128i h, __m128i k)
{
    __m128i xk = _mm_xor_si128(x, _mm_shuffle_epi32(x, 0x4E));
    a->lo = _mm_xor_si128(a->lo, _mm_clmulepi64_si128(x, h, 0x00));
    a->hi = _mm_xor_si128(a->hi, _mm_clmulepi64_si128(x, h, 0x11));
    a->mid = _mm_xor_si128(a->mid, _mm_clmulepi64_si128(xk, k, 0x00));
}

/* Karatsuba recombination, the shift by one that undoes the reflection,
 * and the reduction mod x^128 + x^7 + x^2 + x + 1 (as in ghash_ct.c). */
TARGET_CLMUL static inline __m128i gt_gf_reduce(const gt_gf_acc *a)
{
    __m128i mid = _mm_xor_si128(a->mid, _mm_xor_si128(a->lo, a->hi));
    __m128i lo = _mm_xor_si128(a->lo, _mm_slli_si128(mid, 8));
    __m128i hi = _mm_xor_si128(a->hi, _mm_srli_si128(mid, 8));
    /* 256-bit shift left by one. */
    __m128i clo = _mm_srli_epi64(lo, 63), chi = _mm_srli_epi64(hi, 63);
    lo = _mm_or_si128(_mm_slli_epi64(lo, 1), _mm_slli_si128(clo, 8));
    hi = _mm_or_si128(_mm_slli_epi64(hi, 1),
                      _mm_or_si128(_mm_slli_si128(chi, 8), _mm_srli_si128(clo, 8)));
    /* Fold the bits that the shifts below would push out of lo. */
    __m128i s = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)),
                              _mm_slli_epi64(lo, 57));
    __m128i t = _mm_xor_si128(lo, _mm_slli_si128(s, 8));
    __m128i u = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(t, 63), _mm_slli_epi64(t, 62)),
                              _mm_slli_epi64(t, 57));
    __m128i r = _mm_xor_si128(hi, t);
    r = _mm_xor_si128(r, _mm_xor_si128(_mm_srli_epi64(t, 1), _mm_srli_epi64(t, 2)));
    r = _mm_xor_si128(r, _mm_srli_epi64(t, 7));
    return _mm_xor_si128(r, _mm_srli_si128(u, 8));
}

TARGET_CLMUL static inline __m128i gt_gf_mul(__m128i x, __m128i h)
{
    gt_gf_acc a = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
    gt_gf_mul_acc(&a, x, h, _mm_xor_si128(h, _mm_shuffle_epi32(h, 0x4E)));
    return gt_gf_reduce(&a);
}

#endif
