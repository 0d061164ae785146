/* ChaCha20 stream cipher (RFC 8439 §2.1-2.4): the portable block function
 * and the front end that picks a vector back end at run time. */
#include <string.h>

#include "core/cpu.h"
#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/chacha_impl.h"

/* Below this many bytes a vector back end would spend more on setting up
 * and transposing 8 or 16 blocks than it saves. */
#define VECTOR_MIN 128

static inline uint32_t rotl32(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

/* RFC 8439 §2.1: the quarter round on four words of the state. */
#define QR(a, b, c, d)                                                                             \
    do {                                                                                           \
        a += b;                                                                                    \
        d = rotl32(d ^ a, 16);                                                                     \
        c += d;                                                                                    \
        b = rotl32(b ^ c, 12);                                                                     \
        a += b;                                                                                    \
        d = rotl32(d ^ a, 8);                                                                      \
        c += d;                                                                                    \
        b = rotl32(b ^ c, 7);                                                                      \
    } while (0)

void gt_chacha20_state(uint32_t st[16], const uint8_t key[32], const uint8_t nonce[12],
                       uint32_t counter)
{
    /* RFC 8439 §2.3: "expand 32-byte k", key, block counter, nonce. */
    st[0] = 0x61707865;
    st[1] = 0x3320646e;
    st[2] = 0x79622d32;
    st[3] = 0x6b206574;
    for (int i = 0; i < 8; i++)
        st[4 + i] = gt_load32_le(key + 4 * i);
    st[12] = counter;
    for (int i = 0; i < 3; i++)
        st[13 + i] = gt_load32_le(nonce + 4 * i);
}

/* RFC 8439 §2.3: 20 rounds (10 column + diagonal pairs), then the input
 * state is added back. */
static void block(const uint32_t st[16], uint32_t x[16])
{
    memcpy(x, st, 16 * sizeof x[0]);
    for (int i = 0; i < 10; i++) {
        QR(x[0], x[4], x[8], x[12]);
        QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]);
        QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]);
        QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]);
        QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++)
        x[i] += st[i];
}

void gt_chacha20_xor_portable(uint32_t st[16], const uint8_t *in, uint8_t *out, size_t len)
{
    uint32_t ks[16];
    /* RFC 8439 §2.4: block j is XORed with keystream block counter + j,
     * serialised little-endian; a partial last block uses the first bytes
     * of its keystream. */
    for (; len >= 64; len -= 64, in += 64, out += 64) {
        block(st, ks);
        st[12]++;
        for (int i = 0; i < 16; i++)
            gt_store32_le(out + 4 * i, gt_load32_le(in + 4 * i) ^ ks[i]);
    }
    if (len > 0) {
        uint8_t last[64];
        block(st, ks);
        st[12]++;
        for (int i = 0; i < 16; i++)
            gt_store32_le(last + 4 * i, ks[i]);
        for (size_t i = 0; i < len; i++)
            out[i] = in[i] ^ last[i];
        gt_wipe(last, sizeof last);
    }
    gt_wipe(ks, sizeof ks);
}

void gt_chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                 const uint8_t *in, uint8_t *out, size_t len)
{
    uint32_t st[16];
    gt_chacha20_state(st, key, nonce, counter);
    if (len >= VECTOR_MIN && gt_cpu_has(GT_CPU_AVX512F | GT_CPU_AVX512VL))
        gt_chacha20_xor_avx512(st, in, out, len);
    else if (len >= VECTOR_MIN && gt_cpu_has(GT_CPU_AVX2))
        gt_chacha20_xor_avx2(st, in, out, len);
    else
        gt_chacha20_xor_portable(st, in, out, len);
    gt_wipe(st, sizeof st);
}
