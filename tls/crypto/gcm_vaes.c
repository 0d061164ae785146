/* AES-GCM with VAES and VPCLMULQDQ on 512-bit vectors (AVX-512): four blocks
 * per register, sixteen per loop iteration. The structure is that of
 * gcm_clmul.c, one level wider: the CTR keystream for sixteen blocks is
 * computed while sixteen ciphertext blocks are hashed with one reduction,
 * Y' = (Y + X1) H^16 + X2 H^15 + ... + X16 H (SP 800-38D §6.4; the
 * aggregated reduction of the Intel CLMUL white paper). Fewer than sixteen
 * remaining blocks go to the 128-bit code in gcm_clmul.c, which also
 * handles AAD and J0. */
#include "crypto/aes_impl.h"

#include "core/cpu.h"

int gt_gcm_vaes_usable(void)
{
    return gt_gcm_clmul_usable() && gt_cpu_has(GT_CPU_VAES | GT_CPU_VPCLMUL | GT_CPU_AVX512F |
                                               GT_CPU_AVX512VL | GT_CPU_AVX512BW);
}

#if defined(__x86_64__)
#include <immintrin.h>

#include "crypto/gcm_clmul.h"

#define TARGET_VAES                                                                                \
    __attribute__((target("aes,pclmul,ssse3,sse4.1,avx2,avx512f,avx512vl,avx512bw,vaes,"           \
                          "vpclmulqdq")))

/* htab entries 32..47: four vectors of powers, vector i holding
 * H^(16-4i) .. H^(13-4i) in lanes 0..3 (block 4i + l of an iteration is
 * multiplied by H^(16-4i-l)); entries 48..63: their Karatsuba halves. */
TARGET_VAES void gt_ghash_vaes_init(gt_gcm_key *g, const uint8_t h[16])
{
    gt_ghash_clmul_init(g, h);
    __m128i *e = (__m128i *)g->htab;
    for (unsigned i = 0; i < 4; i++)
        for (unsigned l = 0; l < 4; l++) {
            e[GT_HTAB_VAES + 4 * i + l] = e[15 - 4 * i - l];
            e[GT_HTAB_VAES + 16 + 4 * i + l] = e[GT_HTAB_KARATSUBA + 15 - 4 * i - l];
        }
}

typedef struct {
    __m512i lo, hi, mid;
} acc512;

TARGET_VAES static inline void mul_acc4(acc512 *a, __m512i x, __m512i h, __m512i k)
{
    __m512i xk = _mm512_xor_si512(x, _mm512_shuffle_epi32(x, (_MM_PERM_ENUM)0x4E));
    a->lo = _mm512_xor_si512(a->lo, _mm512_clmulepi64_epi128(x, h, 0x00));
    a->hi = _mm512_xor_si512(a->hi, _mm512_clmulepi64_epi128(x, h, 0x11));
    a->mid = _mm512_xor_si512(a->mid, _mm512_clmulepi64_epi128(xk, k, 0x00));
}

TARGET_VAES static inline __m128i fold4(__m512i v)
{
    __m256i t = _mm256_xor_si256(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
    return _mm_xor_si128(_mm256_castsi256_si128(t), _mm256_extracti128_si256(t, 1));
}

TARGET_VAES static inline __m128i reduce4(const acc512 *a)
{
    gt_gf_acc r = {fold4(a->lo), fold4(a->hi), fold4(a->mid)};
    return gt_gf_reduce(&r);
}

/* Sixteen counter blocks in four vectors and sixteen AES encryptions,
 * with the GHASH of c[0..3] (when hash) interleaved with the rounds. */
TARGET_VAES static inline __m128i iter16(const __m512i *rk, unsigned nr, __m512i b[4],
                                         const __m512i c[4], __m128i y, int hash, const __m512i *pw,
                                         const __m512i *kt)
{
    const __m512i rev = _mm512_broadcast_i32x4(GT_BSWAP128);
    acc512 a = {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512()};
#pragma GCC unroll 4
    for (int j = 0; j < 4; j++)
        b[j] = _mm512_xor_si512(b[j], rk[0]);
#pragma GCC unroll 4
    for (int r = 1; r <= 4; r++) {
        if (hash) {
            __m512i x = _mm512_shuffle_epi8(c[r - 1], rev);
            if (r == 1) x = _mm512_xor_si512(x, _mm512_zextsi128_si512(y));
            mul_acc4(&a, x, pw[r - 1], kt[r - 1]);
        }
#pragma GCC unroll 4
        for (int j = 0; j < 4; j++)
            b[j] = _mm512_aesenc_epi128(b[j], rk[r]);
    }
    for (unsigned r = 5; r < nr; r++) {
#pragma GCC unroll 4
        for (int j = 0; j < 4; j++)
            b[j] = _mm512_aesenc_epi128(b[j], rk[r]);
    }
#pragma GCC unroll 4
    for (int j = 0; j < 4; j++)
        b[j] = _mm512_aesenclast_epi128(b[j], rk[nr]);
    return hash ? reduce4(&a) : y;
}

TARGET_VAES static inline void counters16(__m512i b[4], __m512i *ctr)
{
    const __m512i rev = _mm512_broadcast_i32x4(GT_BSWAP128);
    const __m512i four = _mm512_set_epi32(0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4);
#pragma GCC unroll 4
    for (int j = 0; j < 4; j++) {
        b[j] = _mm512_shuffle_epi8(*ctr, rev);
        *ctr = _mm512_add_epi32(*ctr, four);
    }
}

TARGET_VAES void gt_gcm_vaes_crypt(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16],
                                   const uint8_t *in, uint8_t *out, size_t nblocks, int decrypt)
{
    if (nblocks >= 16) {
        /* The key context is only 16-byte aligned (it may live inside any
         * caller struct), so the power tables are loaded unaligned once. */
        const uint8_t *tab = g->htab + 16 * GT_HTAB_VAES;
        __m512i pw[4], kt[4];
        for (int j = 0; j < 4; j++) {
            pw[j] = _mm512_loadu_si512(tab + 64 * j);
            kt[j] = _mm512_loadu_si512(tab + 64 * (j + 4));
        }
        const __m128i *rk128 = (const __m128i *)g->aes.rk;
        __m512i rk[15], b[4], c[4];
        unsigned nr = g->aes.rounds;
        for (unsigned r = 0; r <= nr; r++)
            rk[r] = _mm512_broadcast_i32x4(rk128[r]);
        /* Counter register: lane l holds ctr + l (inc32 on the low word of
         * the byte-reversed block). */
        __m512i ctrz =
            _mm512_add_epi32(_mm512_broadcast_i32x4(gt_gf_load(ctr)),
                             _mm512_set_epi32(0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0));
        __m128i acc = gt_gf_load(y);
        int have = 0;
        for (; nblocks >= 16; nblocks -= 16, in += 256, out += 256) {
            counters16(b, &ctrz);
            if (decrypt) {
                /* Hash this iteration's ciphertext; load it all before
                 * storing (in == out). */
                for (int j = 0; j < 4; j++)
                    c[j] = _mm512_loadu_si512(in + 64 * j);
                acc = iter16(rk, nr, b, c, acc, 1, pw, kt);
                for (int j = 0; j < 4; j++)
                    _mm512_storeu_si512(out + 64 * j, _mm512_xor_si512(b[j], c[j]));
            } else {
                /* Hash the previous iteration's ciphertext. */
                acc = iter16(rk, nr, b, c, acc, have, pw, kt);
                for (int j = 0; j < 4; j++) {
                    c[j] = _mm512_xor_si512(b[j], _mm512_loadu_si512(in + 64 * j));
                    _mm512_storeu_si512(out + 64 * j, c[j]);
                }
                have = 1;
            }
        }
        if (!decrypt) {
            const __m512i rev = _mm512_broadcast_i32x4(GT_BSWAP128);
            acc512 a = {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512()};
            for (int j = 0; j < 4; j++) {
                __m512i x = _mm512_shuffle_epi8(c[j], rev);
                if (j == 0) x = _mm512_xor_si512(x, _mm512_zextsi128_si512(acc));
                mul_acc4(&a, x, pw[j], kt[j]);
            }
            acc = reduce4(&a);
        }
        gt_gf_store(ctr, _mm512_castsi512_si128(ctrz));
        gt_gf_store(y, acc);
        _mm256_zeroupper();
    }
    gt_gcm_clmul_crypt(g, ctr, y, in, out, nblocks, decrypt);
}

#else
void gt_ghash_vaes_init(gt_gcm_key *g, const uint8_t h[16])
{
    gt_ghash_clmul_init(g, h);
}
void gt_gcm_vaes_crypt(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                       uint8_t *out, size_t nblocks, int decrypt)
{
    gt_gcm_clmul_crypt(g, ctr, y, in, out, nblocks, decrypt);
}
#endif
