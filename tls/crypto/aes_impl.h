/* Internal: the pieces behind gt/crypto/aes.h, so each implementation lives
 * in its own file and the tests can pit the accelerated code against the
 * portable code. Block counts are whole 16-byte blocks; in == out is allowed
 * wherever the public API allows it.
 *
 * Counter blocks (ctr) follow SP 800-38D §6.2 inc32: only the last four
 * bytes, read big-endian, are incremented, modulo 2^32. GHASH accumulators
 * (y) are 16 bytes in the order of the specification's bit strings. */
#ifndef GT_CRYPTO_AES_IMPL_H
#define GT_CRYPTO_AES_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "gt/crypto/aes.h"

enum { GT_AES_IMPL_CT = 0, GT_AES_IMPL_NI = 1 };
enum { GT_GCM_IMPL_CT = 0, GT_GCM_IMPL_CLMUL = 1, GT_GCM_IMPL_VAES = 2 };

/* aes_ct.c: portable, constant-time (bitsliced) AES. */
/* FIPS 197 §5.2 key expansion into k->rk, k->rounds; SubWord is bitsliced. */
void gt_aes_ct_expand(gt_aes_key *k, const uint8_t *key, size_t key_len);
/* Fills k->sk from k->rk. */
void gt_aes_ct_bitslice_keys(gt_aes_key *k);
void gt_aes_ct_encrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);
void gt_aes_ct_decrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);
/* out = in ^ E(ctr), E(ctr+1), ...; ctr is advanced by nblocks. */
void gt_aes_ct_ctr32(const gt_aes_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                     size_t nblocks);
/* SubWord (FIPS 197 §5.2) on the four bytes of w, bitsliced (for tests). */
uint32_t gt_aes_ct_subword(uint32_t w);

/* aes_ni.c: AES-NI. Callers check gt_aesni_usable() first. */
int gt_aesni_usable(void);
/* Derives k->drk from k->rk (FIPS 197 §5.3.5 equivalent inverse cipher). */
void gt_aesni_setup(gt_aes_key *k);
void gt_aesni_encrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);
void gt_aesni_decrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);
void gt_aesni_cbc_encrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                          size_t nblocks);
void gt_aesni_cbc_decrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                          size_t nblocks);

/* ghash_ct.c: portable constant-time GHASH (SP 800-38D §6.4). */
void gt_ghash_ct_init(gt_gcm_key *g, const uint8_t h[16]);
void gt_ghash_ct(const gt_gcm_key *g, uint8_t y[16], const uint8_t *in, size_t nblocks);

/* gcm_clmul.c: PCLMULQDQ GHASH and the fused AES-NI CTR + GHASH loop. */
int gt_gcm_clmul_usable(void);
void gt_ghash_clmul_init(gt_gcm_key *g, const uint8_t h[16]);
void gt_ghash_clmul(const gt_gcm_key *g, uint8_t y[16], const uint8_t *in, size_t nblocks);
/* CTR-encrypts (decrypt = 0: GHASH over out) or CTR-decrypts (decrypt = 1:
 * GHASH over in) nblocks, updating ctr and y. */
void gt_gcm_clmul_crypt(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                        uint8_t *out, size_t nblocks, int decrypt);

/* gcm_vaes.c: the same with VAES + VPCLMULQDQ on 512-bit vectors. */
int gt_gcm_vaes_usable(void);
void gt_ghash_vaes_init(gt_gcm_key *g, const uint8_t h[16]);
void gt_gcm_vaes_crypt(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                       uint8_t *out, size_t nblocks, int decrypt);

#endif
