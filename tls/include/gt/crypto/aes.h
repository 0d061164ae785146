/* AES (FIPS 197), CBC (SP 800-38A) and GCM (SP 800-38D).
 * The implementation is chosen at run time: AES-NI + PCLMULQDQ (and wider
 * VAES/VPCLMULQDQ paths where present) or portable constant-time code
 * (bitsliced AES, no table lookups indexed by secrets; GHASH with
 * constant-time carry-less multiplication). GT_FORCE_PORTABLE=1 or
 * gt_cpu_override(0) before the key is set selects the portable code. */
#ifndef GT_CRYPTO_AES_H
#define GT_CRYPTO_AES_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"

#define GT_AES_BLOCK 16

typedef struct {
    /* Round keys: 15 x 16 bytes for AES-256; layout is private to aes*.c
     * (bitsliced words for the portable path, raw bytes for AES-NI). */
    _Alignas(16) uint8_t rk[15 * 16];
    _Alignas(16) uint8_t drk[15 * 16]; /* decryption schedule */
    uint32_t sk[120];                  /* portable: bitsliced/expanded schedule */
    unsigned rounds;                   /* 10, 12 or 14 */
    unsigned impl;                     /* private: which path was chosen */
} gt_aes_key;

/* key_len 16, 24 or 32; anything else is GT_ERR_CRYPTO_KEY_SIZE. */
GT_MUST_CHECK int gt_aes_init(gt_aes_key *k, const uint8_t *key, size_t key_len);
void gt_aes_encrypt_block(const gt_aes_key *k, const uint8_t in[16], uint8_t out[16]);
void gt_aes_decrypt_block(const gt_aes_key *k, const uint8_t in[16], uint8_t out[16]);
void gt_aes_free(gt_aes_key *k); /* wipes */

/* CBC without padding: len must be a multiple of 16 (else
 * GT_ERR_CRYPTO_LENGTH). iv is updated to the last ciphertext block, so
 * consecutive calls chain. in == out is allowed. */
GT_MUST_CHECK int gt_aes_cbc_encrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in,
                                     uint8_t *out, size_t len);
GT_MUST_CHECK int gt_aes_cbc_decrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in,
                                     uint8_t *out, size_t len);

/* GCM. A key context holds the AES key and the GHASH key powers. */
typedef struct {
    gt_aes_key aes;
    _Alignas(16) uint8_t htab[16 * 16]; /* H powers / tables; private layout */
    uint64_t hl[16], hh[16];            /* portable GHASH precomputation */
    unsigned impl;
} gt_gcm_key;

GT_MUST_CHECK int gt_gcm_init(gt_gcm_key *g, const uint8_t *key, size_t key_len);
void gt_gcm_free(gt_gcm_key *g); /* wipes */

/* One-shot AEAD. iv_len >= 1 (12 is the fast path; other lengths go through
 * GHASH per SP 800-38D §7.1). tag_len 4..16 (open compares the first tag_len
 * bytes in constant time). On a tag mismatch open returns GT_ERR_CRYPTO_TAG
 * and zeroes out[0..len). in == out is allowed. */
GT_MUST_CHECK int gt_gcm_seal(const gt_gcm_key *g, const uint8_t *iv, size_t iv_len,
                              const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                              uint8_t *out, uint8_t *tag, size_t tag_len);
GT_MUST_CHECK int gt_gcm_open(const gt_gcm_key *g, const uint8_t *iv, size_t iv_len,
                              const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                              const uint8_t *tag, size_t tag_len, uint8_t *out);

/* Incremental interface (same results as one-shot): start, any number of
 * aad calls, then any number of encrypt/decrypt calls, then finish. */
typedef struct {
    const gt_gcm_key *key;
    _Alignas(16) uint8_t y[16], j0[16], ks[16], x[16], buf[16];
    uint64_t aad_len, msg_len;
    size_t ks_used, buf_used;
    int phase;
} gt_gcm_ctx;

GT_MUST_CHECK int gt_gcm_start(gt_gcm_ctx *c, const gt_gcm_key *g, const uint8_t *iv,
                               size_t iv_len);
GT_MUST_CHECK int gt_gcm_aad(gt_gcm_ctx *c, const uint8_t *aad, size_t n);
GT_MUST_CHECK int gt_gcm_encrypt(gt_gcm_ctx *c, const uint8_t *in, uint8_t *out, size_t n);
GT_MUST_CHECK int gt_gcm_decrypt(gt_gcm_ctx *c, const uint8_t *in, uint8_t *out, size_t n);
/* Writes the full 16-byte tag and wipes the context. */
void gt_gcm_finish(gt_gcm_ctx *c, uint8_t tag[16]);

#endif
