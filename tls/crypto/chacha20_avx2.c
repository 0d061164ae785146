/* ChaCha20 (RFC 8439 §2.3-2.4), 8 blocks at a time with AVX2.
 *
 * Same word-sliced layout as the AVX-512 path (register i = word i of eight
 * consecutive blocks). AVX2 has no vector rotate: the byte-aligned rotations
 * (16, 8) are one vpshufb, the others (12, 7) two shifts and an or. */
#include <immintrin.h>

#include "core/ct.h"
#include "crypto/chacha_impl.h"

#define AVX2 __attribute__((target("avx2")))

#define TAIL_MIN 128

#define ADD(a, b)    _mm256_add_epi32(a, b)
#define XOR(a, b)    _mm256_xor_si256(a, b)
#define ROLS(a, n)   _mm256_or_si256(_mm256_slli_epi32(a, n), _mm256_srli_epi32(a, 32 - (n)))
#define ROLB(a, tbl) _mm256_shuffle_epi8(a, tbl)

#define QR(a, b, c, d)                                                                             \
    do {                                                                                           \
        a = ADD(a, b);                                                                             \
        d = ROLB(XOR(d, a), rot16);                                                                \
        c = ADD(c, d);                                                                             \
        b = ROLS(XOR(b, c), 12);                                                                   \
        a = ADD(a, b);                                                                             \
        d = ROLB(XOR(d, a), rot8);                                                                 \
        c = ADD(c, d);                                                                             \
        b = ROLS(XOR(b, c), 7);                                                                    \
    } while (0)

/* See chacha20_avx512.c: afterwards 128-bit lane k of register j holds
 * words w..w+3 of block 4k + j. */
AVX2 static inline void interleave4(__m256i *a, __m256i *b, __m256i *c, __m256i *d)
{
    __m256i t0 = _mm256_unpacklo_epi32(*a, *b), t1 = _mm256_unpackhi_epi32(*a, *b);
    __m256i t2 = _mm256_unpacklo_epi32(*c, *d), t3 = _mm256_unpackhi_epi32(*c, *d);
    *a = _mm256_unpacklo_epi64(t0, t2);
    *b = _mm256_unpackhi_epi64(t0, t2);
    *c = _mm256_unpacklo_epi64(t1, t3);
    *d = _mm256_unpackhi_epi64(t1, t3);
}

/* Blocks j and 4 + j from the words 0-3, 4-7, 8-11, 12-15 registers; block
 * b occupies ks[2b] (first 32 bytes) and ks[2b + 1]. */
AVX2 static inline void gather4(__m256i ks[16], int j, __m256i a, __m256i b, __m256i c, __m256i d)
{
    ks[2 * j] = _mm256_permute2x128_si256(a, b, 0x20);
    ks[2 * j + 1] = _mm256_permute2x128_si256(c, d, 0x20);
    ks[2 * (4 + j)] = _mm256_permute2x128_si256(a, b, 0x31);
    ks[2 * (4 + j) + 1] = _mm256_permute2x128_si256(c, d, 0x31);
}

/* Keystream blocks st[12] .. st[12] + 7 (mod 2^32) as 512 bytes in ks. */
AVX2 static void keystream8(const uint32_t st[16], __m256i ks[16])
{
    const __m256i rot16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2,
                                           3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    const __m256i rot8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14, 3,
                                          0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
    __m256i s[16], x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15;
    for (int i = 0; i < 16; i++)
        s[i] = _mm256_set1_epi32((int)st[i]);
    s[12] = ADD(s[12], _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
    x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11], x12 = s[12], x13 = s[13], x14 = s[14];
    x15 = s[15];

    for (int i = 0; i < 10; i++) {
        QR(x0, x4, x8, x12);
        QR(x1, x5, x9, x13);
        QR(x2, x6, x10, x14);
        QR(x3, x7, x11, x15);
        QR(x0, x5, x10, x15);
        QR(x1, x6, x11, x12);
        QR(x2, x7, x8, x13);
        QR(x3, x4, x9, x14);
    }
    x0 = ADD(x0, s[0]), x1 = ADD(x1, s[1]), x2 = ADD(x2, s[2]), x3 = ADD(x3, s[3]);
    x4 = ADD(x4, s[4]), x5 = ADD(x5, s[5]), x6 = ADD(x6, s[6]), x7 = ADD(x7, s[7]);
    x8 = ADD(x8, s[8]), x9 = ADD(x9, s[9]), x10 = ADD(x10, s[10]), x11 = ADD(x11, s[11]);
    x12 = ADD(x12, s[12]), x13 = ADD(x13, s[13]), x14 = ADD(x14, s[14]);
    x15 = ADD(x15, s[15]);

    interleave4(&x0, &x1, &x2, &x3);
    interleave4(&x4, &x5, &x6, &x7);
    interleave4(&x8, &x9, &x10, &x11);
    interleave4(&x12, &x13, &x14, &x15);
    gather4(ks, 0, x0, x4, x8, x12);
    gather4(ks, 1, x1, x5, x9, x13);
    gather4(ks, 2, x2, x6, x10, x14);
    gather4(ks, 3, x3, x7, x11, x15);
}

AVX2 void gt_chacha20_xor_avx2(uint32_t st[16], const uint8_t *in, uint8_t *out, size_t len)
{
    __m256i ks[16];
    for (; len >= 512; len -= 512, in += 512, out += 512) {
        keystream8(st, ks);
        st[12] += 8;
        for (int i = 0; i < 16; i++) {
            __m256i m = _mm256_loadu_si256((const __m256i *)(in + 32 * i));
            _mm256_storeu_si256((__m256i *)(out + 32 * i), XOR(m, ks[i]));
        }
    }
    if (len >= TAIL_MIN) {
        uint8_t buf[512];
        keystream8(st, ks);
        for (int i = 0; i < 16; i++)
            _mm256_storeu_si256((__m256i *)(buf + 32 * i), ks[i]);
        for (size_t i = 0; i < len; i++)
            out[i] = in[i] ^ buf[i];
        st[12] += (uint32_t)((len + 63) / 64);
        gt_wipe(buf, sizeof buf);
        len = 0;
    }
    gt_wipe(ks, sizeof ks);
    if (len > 0) gt_chacha20_xor_portable(st, in, out, len);
}
