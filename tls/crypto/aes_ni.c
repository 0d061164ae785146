/* AES with the x86 AES-NI instructions (Intel's AES-NI white paper,
 * FIPS 197 round structure). Compiled per function with target attributes
 * so the library still builds for any x86-64; aes.c and cbc.c call here only
 * when gt_aesni_usable(). Independent blocks are processed eight at a time
 * so the pipelined AESENC/AESDEC units stay busy (latency 4, throughput 2
 * per cycle on current cores). The round keys come from the constant-time
 * expansion in aes_ct.c. */
#include "crypto/aes_impl.h"

#include "core/cpu.h"

int gt_aesni_usable(void)
{
    return gt_cpu_has(GT_CPU_AESNI | GT_CPU_SSE41);
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define TARGET __attribute__((target("aes,sse4.1")))

TARGET void gt_aesni_setup(gt_aes_key *k)
{
    /* FIPS 197 §5.3.5: the equivalent inverse cipher uses the round keys in
     * reverse order, InvMixColumns applied to all but the first and last. */
    const __m128i *rk = (const __m128i *)k->rk;
    __m128i *drk = (__m128i *)k->drk;
    unsigned nr = k->rounds;
    drk[0] = rk[nr];
    for (unsigned i = 1; i < nr; i++)
        drk[i] = _mm_aesimc_si128(rk[nr - i]);
    drk[nr] = rk[0];
}

#define LOAD(p)     _mm_loadu_si128((const __m128i *)(const void *)(p))
#define STORE(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))

TARGET static inline __m128i enc1(const __m128i *rk, unsigned nr, __m128i b)
{
    b = _mm_xor_si128(b, rk[0]);
    for (unsigned r = 1; r < nr; r++)
        b = _mm_aesenc_si128(b, rk[r]);
    return _mm_aesenclast_si128(b, rk[nr]);
}

TARGET static inline __m128i dec1(const __m128i *rk, unsigned nr, __m128i b)
{
    b = _mm_xor_si128(b, rk[0]);
    for (unsigned r = 1; r < nr; r++)
        b = _mm_aesdec_si128(b, rk[r]);
    return _mm_aesdeclast_si128(b, rk[nr]);
}

TARGET static inline void enc8(const __m128i *rk, unsigned nr, __m128i b[8])
{
    for (unsigned j = 0; j < 8; j++)
        b[j] = _mm_xor_si128(b[j], rk[0]);
    for (unsigned r = 1; r < nr; r++)
        for (unsigned j = 0; j < 8; j++)
            b[j] = _mm_aesenc_si128(b[j], rk[r]);
    for (unsigned j = 0; j < 8; j++)
        b[j] = _mm_aesenclast_si128(b[j], rk[nr]);
}

TARGET static inline void dec8(const __m128i *rk, unsigned nr, __m128i b[8])
{
    for (unsigned j = 0; j < 8; j++)
        b[j] = _mm_xor_si128(b[j], rk[0]);
    for (unsigned r = 1; r < nr; r++)
        for (unsigned j = 0; j < 8; j++)
            b[j] = _mm_aesdec_si128(b[j], rk[r]);
    for (unsigned j = 0; j < 8; j++)
        b[j] = _mm_aesdeclast_si128(b[j], rk[nr]);
}

TARGET void gt_aesni_encrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const __m128i *rk = (const __m128i *)k->rk;
    __m128i b[8];
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        for (unsigned j = 0; j < 8; j++)
            b[j] = LOAD(in + 16 * j);
        enc8(rk, k->rounds, b);
        for (unsigned j = 0; j < 8; j++)
            STORE(out + 16 * j, b[j]);
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16)
        STORE(out, enc1(rk, k->rounds, LOAD(in)));
}

TARGET void gt_aesni_decrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const __m128i *rk = (const __m128i *)k->drk;
    __m128i b[8];
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        for (unsigned j = 0; j < 8; j++)
            b[j] = LOAD(in + 16 * j);
        dec8(rk, k->rounds, b);
        for (unsigned j = 0; j < 8; j++)
            STORE(out + 16 * j, b[j]);
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16)
        STORE(out, dec1(rk, k->rounds, LOAD(in)));
}

/* SP 800-38A §6.2: C_i = E(P_i ^ C_{i-1}); inherently serial. */
TARGET void gt_aesni_cbc_encrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in,
                                 uint8_t *out, size_t nblocks)
{
    const __m128i *rk = (const __m128i *)k->rk;
    __m128i c = LOAD(iv);
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        c = enc1(rk, k->rounds, _mm_xor_si128(c, LOAD(in)));
        STORE(out, c);
    }
    STORE(iv, c);
}

/* P_i = D(C_i) ^ C_{i-1}: the block decryptions are independent, so eight
 * run in parallel. All ciphertext is loaded before anything is stored, which
 * keeps in == out correct. */
TARGET void gt_aesni_cbc_decrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in,
                                 uint8_t *out, size_t nblocks)
{
    const __m128i *rk = (const __m128i *)k->drk;
    __m128i prev = LOAD(iv), c[8], b[8];
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        for (unsigned j = 0; j < 8; j++)
            b[j] = c[j] = LOAD(in + 16 * j);
        dec8(rk, k->rounds, b);
        STORE(out, _mm_xor_si128(b[0], prev));
        for (unsigned j = 1; j < 8; j++)
            STORE(out + 16 * j, _mm_xor_si128(b[j], c[j - 1]));
        prev = c[7];
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i cur = LOAD(in);
        STORE(out, _mm_xor_si128(dec1(rk, k->rounds, cur), prev));
        prev = cur;
    }
    STORE(iv, prev);
}

#else /* no AES-NI on this architecture: never called (usable() is 0) */
void gt_aesni_setup(gt_aes_key *k)
{
    (void)k;
}
void gt_aesni_encrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    gt_aes_ct_encrypt(k, in, out, nblocks);
}
void gt_aesni_decrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    gt_aes_ct_decrypt(k, in, out, nblocks);
}
void gt_aesni_cbc_encrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                          size_t nblocks)
{
    (void)k, (void)iv, (void)in, (void)out, (void)nblocks;
}
void gt_aesni_cbc_decrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                          size_t nblocks)
{
    (void)k, (void)iv, (void)in, (void)out, (void)nblocks;
}
#endif
