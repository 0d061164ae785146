/* ChaCha20 (RFC 8439 §2.3-2.4), 16 blocks at a time with AVX-512.
 *
 * Vector register i holds word i of sixteen consecutive blocks (lane b is
 * block counter + b), so a quarter round is twelve vector instructions for
 * all sixteen blocks and AVX-512's vprold does each rotation in one. After
 * the rounds a 16x16 transpose turns the word-sliced registers into one
 * register per 64-byte block. */
#include <immintrin.h>
#include <string.h>

#include "core/ct.h"
#include "crypto/chacha_impl.h"

#define AVX512 __attribute__((target("avx512f,avx512vl")))

/* A partial chunk at least this long still goes through the vector code
 * (keystream into a buffer); shorter tails use the portable blocks. */
#define TAIL_MIN 128

#define ADD(a, b) _mm512_add_epi32(a, b)
#define XOR(a, b) _mm512_xor_si512(a, b)
#define ROL(a, n) _mm512_rol_epi32(a, n)

#define QR(a, b, c, d)                                                                             \
    do {                                                                                           \
        a = ADD(a, b);                                                                             \
        d = ROL(XOR(d, a), 16);                                                                    \
        c = ADD(c, d);                                                                             \
        b = ROL(XOR(b, c), 12);                                                                    \
        a = ADD(a, b);                                                                             \
        d = ROL(XOR(d, a), 8);                                                                     \
        c = ADD(c, d);                                                                             \
        b = ROL(XOR(b, c), 7);                                                                     \
    } while (0)

/* Interleaves four word-sliced registers (words w..w+3 of 16 blocks) into
 * four registers whose 128-bit lane k holds words w..w+3 of block 4k + j. */
AVX512 static inline void interleave4(__m512i *a, __m512i *b, __m512i *c, __m512i *d)
{
    __m512i t0 = _mm512_unpacklo_epi32(*a, *b), t1 = _mm512_unpackhi_epi32(*a, *b);
    __m512i t2 = _mm512_unpacklo_epi32(*c, *d), t3 = _mm512_unpackhi_epi32(*c, *d);
    *a = _mm512_unpacklo_epi64(t0, t2); /* j = 0 */
    *b = _mm512_unpackhi_epi64(t0, t2); /* j = 1 */
    *c = _mm512_unpacklo_epi64(t1, t3); /* j = 2 */
    *d = _mm512_unpackhi_epi64(t1, t3); /* j = 3 */
}

/* 4x4 transpose of 128-bit lanes: a, b, c, d hold words 0-3, 4-7, 8-11,
 * 12-15 of blocks 4k + j in lane k; writes blocks j, 4 + j, 8 + j, 12 + j. */
AVX512 static inline void gather4(__m512i ks[16], int j, __m512i a, __m512i b, __m512i c, __m512i d)
{
    __m512i p = _mm512_shuffle_i32x4(a, b, 0x44), q = _mm512_shuffle_i32x4(c, d, 0x44);
    __m512i r = _mm512_shuffle_i32x4(a, b, 0xee), s = _mm512_shuffle_i32x4(c, d, 0xee);
    ks[j] = _mm512_shuffle_i32x4(p, q, 0x88);
    ks[4 + j] = _mm512_shuffle_i32x4(p, q, 0xdd);
    ks[8 + j] = _mm512_shuffle_i32x4(r, s, 0x88);
    ks[12 + j] = _mm512_shuffle_i32x4(r, s, 0xdd);
}

/* Keystream blocks st[12] .. st[12] + 15 (mod 2^32), ks[b] = block b. */
AVX512 static void keystream16(const uint32_t st[16], __m512i ks[16])
{
    const __m512i s0 = _mm512_set1_epi32((int)st[0]), s1 = _mm512_set1_epi32((int)st[1]);
    const __m512i s2 = _mm512_set1_epi32((int)st[2]), s3 = _mm512_set1_epi32((int)st[3]);
    const __m512i s4 = _mm512_set1_epi32((int)st[4]), s5 = _mm512_set1_epi32((int)st[5]);
    const __m512i s6 = _mm512_set1_epi32((int)st[6]), s7 = _mm512_set1_epi32((int)st[7]);
    const __m512i s8 = _mm512_set1_epi32((int)st[8]), s9 = _mm512_set1_epi32((int)st[9]);
    const __m512i s10 = _mm512_set1_epi32((int)st[10]), s11 = _mm512_set1_epi32((int)st[11]);
    const __m512i s12 =
        ADD(_mm512_set1_epi32((int)st[12]),
            _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    const __m512i s13 = _mm512_set1_epi32((int)st[13]), s14 = _mm512_set1_epi32((int)st[14]);
    const __m512i s15 = _mm512_set1_epi32((int)st[15]);
    __m512i x0 = s0, x1 = s1, x2 = s2, x3 = s3, x4 = s4, x5 = s5, x6 = s6, x7 = s7;
    __m512i x8 = s8, x9 = s9, x10 = s10, x11 = s11, x12 = s12, x13 = s13, x14 = s14, x15 = s15;

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
    x0 = ADD(x0, s0), x1 = ADD(x1, s1), x2 = ADD(x2, s2), x3 = ADD(x3, s3);
    x4 = ADD(x4, s4), x5 = ADD(x5, s5), x6 = ADD(x6, s6), x7 = ADD(x7, s7);
    x8 = ADD(x8, s8), x9 = ADD(x9, s9), x10 = ADD(x10, s10), x11 = ADD(x11, s11);
    x12 = ADD(x12, s12), x13 = ADD(x13, s13), x14 = ADD(x14, s14), x15 = ADD(x15, s15);

    interleave4(&x0, &x1, &x2, &x3);
    interleave4(&x4, &x5, &x6, &x7);
    interleave4(&x8, &x9, &x10, &x11);
    interleave4(&x12, &x13, &x14, &x15);
    gather4(ks, 0, x0, x4, x8, x12);
    gather4(ks, 1, x1, x5, x9, x13);
    gather4(ks, 2, x2, x6, x10, x14);
    gather4(ks, 3, x3, x7, x11, x15);
}

AVX512 void gt_chacha20_xor_avx512(uint32_t st[16], const uint8_t *in, uint8_t *out, size_t len)
{
    __m512i ks[16];
    for (; len >= 1024; len -= 1024, in += 1024, out += 1024) {
        keystream16(st, ks);
        st[12] += 16;
        for (int b = 0; b < 16; b++) {
            __m512i m = _mm512_loadu_si512(in + 64 * b);
            _mm512_storeu_si512(out + 64 * b, XOR(m, ks[b]));
        }
    }
    if (len >= TAIL_MIN) {
        uint8_t buf[1024];
        keystream16(st, ks);
        for (int b = 0; b < 16; b++)
            _mm512_storeu_si512(buf + 64 * b, ks[b]);
        for (size_t i = 0; i < len; i++)
            out[i] = in[i] ^ buf[i];
        st[12] += (uint32_t)((len + 63) / 64);
        gt_wipe(buf, sizeof buf);
        len = 0;
    }
    gt_wipe(ks, sizeof ks);
    if (len > 0) gt_chacha20_xor_portable(st, in, out, len);
}
