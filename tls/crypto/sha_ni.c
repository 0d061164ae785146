/* SHA-1 and SHA-256 compression with the x86 SHA extensions (Intel SHA-NI).
 * Compiled per function with target attributes, so the library still builds
 * for any x86-64 and the caller decides at run time (gt_sha_ni_usable).
 * The round structure follows FIPS 180-4 §6.1.2 / §6.2.2; the instructions
 * do four rounds (SHA-1) or two rounds (SHA-256) each, and the message
 * schedule is computed four words at a time. */
#include "crypto/sha_impl.h"

#include "core/cpu.h"

int gt_sha_ni_usable(void)
{
    return gt_cpu_has(GT_CPU_SHA | GT_CPU_SSSE3 | GT_CPU_SSE41);
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define TARGET __attribute__((target("sha,sse4.1")))

/* FIPS 180-4 §4.2.2 constants, grouped four by four for the vector add. */
static const uint32_t K256[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Four rounds of SHA-256 with schedule words w (already loaded). sha256rnds2
 * takes the state as {C,D,G,H} / {A,B,E,F} pairs and the two round inputs
 * W+K in the low half of its third operand. */
#define R256(g, w)                                                                                 \
    do {                                                                                           \
        __m128i wk = _mm_add_epi32(w, _mm_load_si128((const __m128i *)&K256[4 * (g)]));            \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                              \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));                     \
    } while (0)

/* W[4g..4g+3] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] from the last four
 * groups: msg1 adds the σ0 terms, alignr gathers W[t-7], msg2 the σ1 terms. */
#define S256(w0, w1, w2, w3)                                                                       \
    (w0 = _mm_sha256msg2_epu32(                                                                    \
         _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4)), w3))

TARGET void gt_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; nblocks; nblocks--, p += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);
        R256(0, w0);
        R256(1, w1);
        R256(2, w2);
        R256(3, w3);
        for (int g = 4; g < 16; g += 4) {
            S256(w0, w1, w2, w3);
            R256(g, w0);
            S256(w1, w2, w3, w0);
            R256(g + 1, w1);
            S256(w2, w3, w0, w1);
            R256(g + 2, w2);
            S256(w3, w0, w1, w2);
            R256(g + 3, w3);
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* SHA-1: sha1rnds4 does four rounds with function/constant selector f
 * (§4.1.1, §4.2.1: rounds 0-19, 20-39, 40-59, 60-79). The E input of a
 * group is rol30 of A from four rounds earlier, plus the schedule words,
 * which is what sha1nexte computes. */
#define R1(f, w)                                                                                   \
    do {                                                                                           \
        e = _mm_sha1nexte_epu32(prev, w);                                                          \
        prev = abcd;                                                                               \
        abcd = _mm_sha1rnds4_epu32(abcd, e, f);                                                    \
    } while (0)

/* §6.1.2 step 1: W[t] = rol1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]). */
#define S1(w0, w1, w2, w3)                                                                         \
    (w0 = _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32(w0, w1), w2), w3))

TARGET void gt_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0001020304050607ll, 0x08090a0b0c0d0e0fll);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0x1B);
    __m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

    for (; nblocks; nblocks--, p += 64) {
        __m128i abcd0 = abcd, prev, e;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);

        /* The first group has no previous A: E comes straight from the state. */
        e = _mm_add_epi32(e0, w0);
        prev = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, e, 0);
        R1(0, w1);
        R1(0, w2);
        R1(0, w3);
        S1(w0, w1, w2, w3);
        R1(0, w0); /* rounds 16-19 */
        S1(w1, w2, w3, w0);
        R1(1, w1);
        S1(w2, w3, w0, w1);
        R1(1, w2);
        S1(w3, w0, w1, w2);
        R1(1, w3);
        S1(w0, w1, w2, w3);
        R1(1, w0);
        S1(w1, w2, w3, w0);
        R1(1, w1); /* rounds 36-39 */
        S1(w2, w3, w0, w1);
        R1(2, w2);
        S1(w3, w0, w1, w2);
        R1(2, w3);
        S1(w0, w1, w2, w3);
        R1(2, w0);
        S1(w1, w2, w3, w0);
        R1(2, w1);
        S1(w2, w3, w0, w1);
        R1(2, w2); /* rounds 56-59 */
        S1(w3, w0, w1, w2);
        R1(3, w3);
        S1(w0, w1, w2, w3);
        R1(3, w0);
        S1(w1, w2, w3, w0);
        R1(3, w1);
        S1(w2, w3, w0, w1);
        R1(3, w2);
        S1(w3, w0, w1, w2);
        R1(3, w3); /* rounds 76-79 */

        /* H4 += rol30(A from four rounds before the end). */
        e0 = _mm_sha1nexte_epu32(prev, e0);
        abcd = _mm_add_epi32(abcd, abcd0);
    }
    _mm_storeu_si128((__m128i *)h, _mm_shuffle_epi32(abcd, 0x1B));
    h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

#else
/* Not x86: never selected (gt_cpu_has is 0), but the symbols must exist. */
void gt_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
    gt_sha256_blocks_portable(h, p, nblocks);
}
void gt_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
    gt_sha1_blocks_portable(h, p, nblocks);
}
#endif
