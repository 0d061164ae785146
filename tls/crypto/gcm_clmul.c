/* GHASH with PCLMULQDQ and the fused AES-NI CTR + GHASH loop (SP 800-38D
 * §6.4, §7.1; Gueron and Kounavis, "Intel Carry-Less Multiplication
 * Instruction and its Usage for Computing the GCM Mode").
 *
 * Blocks are byte-reversed on load, so the register holds the same 128-bit
 * integer as ghash_ct.c (the coefficient of x^0 in the top bit); the
 * reduction is the same shift-and-fold as there. Eight blocks are hashed
 * with one reduction: Y' = (Y + X1) H^8 + X2 H^7 + ... + X8 H (aggregated
 * reduction), multiplying with Karatsuba (three PCLMULQDQ per block, the
 * xor of the halves of each power precomputed). The CTR keystream for the
 * next eight blocks is computed in the same loop, so the AES and the
 * carry-less multiplier units work in parallel. */
#include "crypto/aes_impl.h"

#include "core/cpu.h"

int gt_gcm_clmul_usable(void)
{
    return gt_cpu_has(GT_CPU_AESNI | GT_CPU_PCLMUL | GT_CPU_SSSE3 | GT_CPU_SSE41);
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "crypto/gcm_clmul.h"

TARGET_CLMUL void gt_ghash_clmul_init(gt_gcm_key *g, const uint8_t h[16])
{
    __m128i *pw = (__m128i *)g->htab, *kt = pw + GT_HTAB_KARATSUBA;
    __m128i h1 = gt_gf_load(h), p = h1;
    for (unsigned i = 0; i < GT_HTAB_POWERS; i++) {
        pw[i] = p;
        kt[i] = _mm_xor_si128(p, _mm_shuffle_epi32(p, 0x4E));
        p = gt_gf_mul(p, h1);
    }
}

TARGET_CLMUL void gt_ghash_clmul(const gt_gcm_key *g, uint8_t y[16], const uint8_t *in,
                                 size_t nblocks)
{
    const __m128i *pw = (const __m128i *)g->htab, *kt = pw + GT_HTAB_KARATSUBA;
    __m128i acc = gt_gf_load(y);
    for (; nblocks >= 8; nblocks -= 8, in += 128) {
        gt_gf_acc a = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
        for (unsigned j = 0; j < 8; j++) {
            __m128i x = gt_gf_load(in + 16 * j);
            if (j == 0) x = _mm_xor_si128(x, acc);
            gt_gf_mul_acc(&a, x, pw[7 - j], kt[7 - j]);
        }
        acc = gt_gf_reduce(&a);
    }
    for (; nblocks > 0; nblocks--, in += 16)
        acc = gt_gf_mul(_mm_xor_si128(acc, gt_gf_load(in)), pw[0]);
    gt_gf_store(y, acc);
}

/* Eight counter blocks ctr + 0..7 (inc32: only the low word, in the
 * byte-reversed register, is added to), ready for AES. */
TARGET_CLMUL static inline void counters(__m128i b[8], __m128i ctr_rev)
{
    const __m128i rev = GT_BSWAP128;
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++)
        b[j] = _mm_shuffle_epi8(_mm_add_epi32(ctr_rev, _mm_set_epi32(0, 0, 0, j)), rev);
}

/* One iteration: AES-CTR on eight counter blocks b[], and GHASH of eight
 * earlier ciphertext blocks c[] (if hash), interleaved round by round. */
TARGET_CLMUL static inline __m128i round8(const __m128i *rk, unsigned nr, __m128i b[8],
                                          const __m128i c[8], __m128i acc, int hash,
                                          const __m128i *pw, const __m128i *kt)
{
    gt_gf_acc a = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++)
        b[j] = _mm_xor_si128(b[j], rk[0]);
#pragma GCC unroll 8
    for (int r = 1; r <= 8; r++) {
        if (hash) {
            __m128i x = gt_gf_rev(c[r - 1]);
            if (r == 1) x = _mm_xor_si128(x, acc);
            gt_gf_mul_acc(&a, x, pw[8 - r], kt[8 - r]);
        }
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            b[j] = _mm_aesenc_si128(b[j], rk[r]);
    }
    for (unsigned r = 9; r < nr; r++) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            b[j] = _mm_aesenc_si128(b[j], rk[r]);
    }
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++)
        b[j] = _mm_aesenclast_si128(b[j], rk[nr]);
    return hash ? gt_gf_reduce(&a) : acc;
}

TARGET_CLMUL static inline __m128i enc1(const __m128i *rk, unsigned nr, __m128i b)
{
    b = _mm_xor_si128(b, rk[0]);
    for (unsigned r = 1; r < nr; r++)
        b = _mm_aesenc_si128(b, rk[r]);
    return _mm_aesenclast_si128(b, rk[nr]);
}

/* Remaining blocks one at a time (fewer than eight). */
TARGET_CLMUL static __m128i tail(const gt_gcm_key *g, __m128i *ctr_rev, __m128i acc,
                                 const uint8_t *in, uint8_t *out, size_t nblocks, int decrypt)
{
    const __m128i *rk = (const __m128i *)g->aes.rk, *pw = (const __m128i *)g->htab;
    const __m128i rev = GT_BSWAP128, one = _mm_set_epi32(0, 0, 0, 1);
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i ks = enc1(rk, g->aes.rounds, _mm_shuffle_epi8(*ctr_rev, rev));
        *ctr_rev = _mm_add_epi32(*ctr_rev, one);
        __m128i x = GT_LOADU(in), c = _mm_xor_si128(x, ks);
        GT_STOREU(out, c);
        acc = gt_gf_mul(_mm_xor_si128(acc, gt_gf_rev(decrypt ? x : c)), pw[0]);
    }
    return acc;
}

TARGET_CLMUL void gt_gcm_clmul_crypt(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16],
                                     const uint8_t *in, uint8_t *out, size_t nblocks, int decrypt)
{
    const __m128i *rk = (const __m128i *)g->aes.rk, *pw = (const __m128i *)g->htab;
    const __m128i *kt = pw + GT_HTAB_KARATSUBA, eight = _mm_set_epi32(0, 0, 0, 8);
    __m128i ctr_rev = gt_gf_load(ctr), acc = gt_gf_load(y), b[8], c[8];
    unsigned nr = g->aes.rounds;
    if (decrypt) {
        /* The ciphertext is known up front: hash it in the same pass. All
         * of it is loaded before anything is stored (in == out). */
        for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
            for (int j = 0; j < 8; j++)
                c[j] = GT_LOADU(in + 16 * j);
            counters(b, ctr_rev);
            ctr_rev = _mm_add_epi32(ctr_rev, eight);
            acc = round8(rk, nr, b, c, acc, 1, pw, kt);
            for (int j = 0; j < 8; j++)
                GT_STOREU(out + 16 * j, _mm_xor_si128(b[j], c[j]));
        }
    } else if (nblocks >= 8) {
        /* Encryption hashes the previous iteration's ciphertext. */
        int have = 0;
        for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
            counters(b, ctr_rev);
            ctr_rev = _mm_add_epi32(ctr_rev, eight);
            acc = round8(rk, nr, b, c, acc, have, pw, kt);
            for (int j = 0; j < 8; j++) {
                c[j] = _mm_xor_si128(b[j], GT_LOADU(in + 16 * j));
                GT_STOREU(out + 16 * j, c[j]);
            }
            have = 1;
        }
        gt_gf_acc a = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
        for (int j = 0; j < 8; j++) {
            __m128i x = gt_gf_rev(c[j]);
            if (j == 0) x = _mm_xor_si128(x, acc);
            gt_gf_mul_acc(&a, x, pw[7 - j], kt[7 - j]);
        }
        acc = gt_gf_reduce(&a);
    }
    acc = tail(g, &ctr_rev, acc, in, out, nblocks, decrypt);
    gt_gf_store(ctr, ctr_rev);
    gt_gf_store(y, acc);
}

#else
void gt_ghash_clmul_init(gt_gcm_key *g, const uint8_t h[16])
{
    gt_ghash_ct_init(g, h);
}
void gt_ghash_clmul(const gt_gcm_key *g, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    gt_ghash_ct(g, y, in, nblocks);
}
void gt_gcm_clmul_crypt(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                        uint8_t *out, size_t nblocks, int decrypt)
{
    (void)g, (void)ctr, (void)y, (void)in, (void)out, (void)nblocks, (void)decrypt;
}
#endif
