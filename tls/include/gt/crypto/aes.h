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
    /* Private layout (aes*.c). rk: the FIPS 197 §5.2 round keys as bytes,
     * used by AES-NI; drk: AES-NI equivalent inverse cipher keys (§5.3.5);
     * sk: the same round keys bitsliced for the portable code (8 words of
     * 64 bits per round). */
    _Alignas(16) uint8_t rk[15 * 16];
    _Alignas(16) uint8_t drk[15 * 16];
    uint64_t sk[15 * 8];
    unsigned rounds; /* 10, 12 or 14 */
    unsigned impl;   /* private: which path was chosen at init */
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
    /* Private: powers of H for the PCLMULQDQ/VPCLMULQDQ paths (byte
     * reflected, with Karatsuba halves), H as two words for the portable
     * path, and the GHASH implementation chosen at init. */
    _Alignas(64) uint8_t htab[64 * 16];
    uint64_t h[2];
    unsigned impl;
} gt_gcm_key;

GT_MUST_CHECK int gt_gcm_init(gt_gcm_key *g, const uint8_t *key, size_t key_len);
void gt_gcm_free(gt_gcm_key *g); /* wipes */

/* One-shot AEAD. iv_len >= 1 (12 is the fast path; other lengths go through
 * GHASH per SP 800-38D §7.1); iv_len 0 is GT_ERR_CRYPTO_IV_SIZE. tag_len is
 * one of SP 800-38D §5.2.1.2's lengths: 16, 15, 14, 13, 12, 8 or 4 (else
 * GT_ERR_CRYPTO_IV_SIZE); open compares the first tag_len bytes in constant
 * time. len is at most 2^36 - 32 bytes (else GT_ERR_CRYPTO_LENGTH). On a tag
 * mismatch open returns GT_ERR_CRYPTO_TAG and zeroes out[0..len). in == out
 * is allowed (other overlaps are not). */
GT_MUST_CHECK int gt_gcm_seal(const gt_gcm_key *g, const uint8_t *iv, size_t iv_len,
                              const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                              uint8_t *out, uint8_t *tag, size_t tag_len);
GT_MUST_CHECK int gt_gcm_open(const gt_gcm_key *g, const uint8_t *iv, size_t iv_len,
                              const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                              const uint8_t *tag, size_t tag_len, uint8_t *out);

/* Incremental interface (same results as one-shot): start, any number of
 * aad calls, then any number of encrypt calls or any number of decrypt
 * calls, then finish. Calls out of that order are GT_ERR_STATE. Decrypt
 * releases plaintext before the tag is known: the caller must compare the
 * tag (gt_ct_memeq) and discard the plaintext on mismatch. */
typedef struct {
    const gt_gcm_key *key;
    /* ctr: next counter block; y: GHASH accumulator; ks: keystream of the
     * current partial block; buf: the partial block awaiting GHASH. */
    _Alignas(16) uint8_t ctr[16], j0[16], y[16], ks[16], buf[16];
    uint64_t aad_len, msg_len;
    size_t buf_used;
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
