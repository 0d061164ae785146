/* Internals shared by the RSA files: the raw public and private
 * operations (rsa.c) used by the paddings (rsa_pkcs1.c, rsa_pss.c). */
#ifndef GT_CRYPTO_RSA_IMPL_H
#define GT_CRYPTO_RSA_IMPL_H

#include "gt/crypto/rsa.h"

/* out = in^e mod n, in and out k bytes (k = gt_rsa_public_len). in >= n is
 * GT_ERR_CRYPTO_SIGNATURE (RFC 8017 §5.2.2 step 1). Variable time: the
 * inputs are public. */
int gt_rsa_public_op(const gt_rsa_public_key *k, unsigned flags, const uint8_t *in, uint8_t *out);

/* out = in^d mod n, in and out k bytes, CRT + blinding + public-key check.
 * Constant time in the key and in `in` (the private components and the
 * input may all be secret). Returns an all-ones mask on success; on any
 * failure (in >= n, inconsistent key, fault, RNG) returns 0 and zeroes
 * out. The key's public part must have passed gt_rsa_public_len. */
uint32_t gt_rsa_private_op(const gt_rsa_private_key *k, gt_rng_fn rng, void *rng_ctx,
                           const uint8_t *in, uint8_t *out);

/* Checks a private key's public part for private use (2048..4096 bits)
 * and returns k, or a negative error. */
int gt_rsa_private_len(const gt_rsa_private_key *k);

/* Mask-to-error: 0 if ok is all ones, else err; no branch. */
static inline int gt_rsa_mask_err(uint32_t ok, int err)
{
    return (int)((uint32_t)err & ~ok);
}

#endif
