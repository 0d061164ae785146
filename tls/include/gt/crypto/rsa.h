/* RSA (RFC 8017): PKCS #1 v1.5 and PSS signatures, PKCS #1 v1.5
 * encryption, and the TLS 1.2 RSA key-exchange decryption helper
 * (RFC 5246 §7.4.7.1).
 *
 * Keys are raw big-endian components pointing into caller memory (nothing
 * is copied or allocated; leading zero bytes are allowed). Parsing them
 * from DER/PEM belongs to the X.509 layer. Supported moduli: 2048 to 4096
 * bits; 1024 to 2047 bits only for verification/encryption and only with
 * GT_RSA_ALLOW_LEGACY. The public exponent must be odd, >= 3 and < 2^64.
 *
 * Private-key operations use the CRT components (p, q, dp, dq, qinv; d is
 * not needed), blind the input with a fresh random factor r (r^e * c) drawn
 * from the rng callback, run in constant time with respect to the key and
 * the data, and check the result with the public key before releasing it
 * (so a fault during the CRT cannot leak a factor). All temporaries are
 * wiped.
 *
 * Return values: 0 or a negative GT_ERR_* (gt/gt_err.h), except the
 * constant-time decryption below, which returns a mask. */
#ifndef GT_CRYPTO_RSA_H
#define GT_CRYPTO_RSA_H

#include <stddef.h>
#include <stdint.h>

#include "gt/crypto/hash.h"
#include "gt/crypto/rng.h"
#include "gt/gt_err.h"

#define GT_RSA_MIN_BITS        2048
#define GT_RSA_LEGACY_MIN_BITS 1024
#define GT_RSA_MAX_BITS        4096
#define GT_RSA_MAX_LEN         (GT_RSA_MAX_BITS / 8) /* bytes of the largest modulus */
#define GT_RSA_PREMASTER_LEN   48

/* Flags for public-key operations. */
#define GT_RSA_ALLOW_LEGACY 1u /* accept 1024..2047-bit moduli (verification only) */

/* PSS salt length meaning "the hash length" (the default, RFC 8017 §9.1). */
#define GT_RSA_PSS_SALT_HASH_LEN ((size_t)-1)

typedef struct {
    const uint8_t *n;
    size_t n_len;
    const uint8_t *e;
    size_t e_len;
} gt_rsa_public_key;

typedef struct {
    const uint8_t *n, *e, *d, *p, *q, *dp, *dq, *qinv; /* d may be NULL */
    size_t n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
} gt_rsa_private_key;

/* Checks the public key and returns the modulus length in bytes (k), or a
 * negative error: GT_ERR_CRYPTO_KEY_SIZE (size out of range),
 * GT_ERR_CRYPTO_KEY (even modulus, bad exponent). */
int gt_rsa_public_len(const gt_rsa_public_key *k, unsigned flags);
/* The public half of a private key. */
gt_rsa_public_key gt_rsa_public_of(const gt_rsa_private_key *k);
/* Full consistency check of a private key (n = p*q, e*dp = 1 mod p-1,
 * e*dq = 1 mod q-1, q*qinv = 1 mod p), variable time: for key loading and
 * tests, not for every operation. 0 or GT_ERR_CRYPTO_KEY(_SIZE). */
int gt_rsa_private_check(const gt_rsa_private_key *k);

/* RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) over a digest already computed with h
 * (SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512); digest is h->out_len bytes.
 * sign writes k bytes to sig (sig_cap >= k) and sets *sig_len = k. */
int gt_rsa_pkcs1_sign(const gt_rsa_private_key *k, const gt_hash *h, const uint8_t *digest,
                      gt_rng_fn rng, void *rng_ctx, uint8_t *sig, size_t sig_cap, size_t *sig_len);
/* Strict verification: the expected encoding (with the DigestInfo's NULL
 * parameters) is built and compared; the decoded block is never parsed.
 * 0, or GT_ERR_CRYPTO_SIGNATURE for any bad signature. */
int gt_rsa_pkcs1_verify(const gt_rsa_public_key *k, unsigned flags, const gt_hash *h,
                        const uint8_t *digest, const uint8_t *sig, size_t sig_len);

/* RSASSA-PSS (RFC 8017 §8.1, §9.1) with MGF1. h hashes the message (digest
 * is h->out_len bytes) and is also the MGF1 hash unless the _ex variants
 * name another. salt_len: GT_RSA_PSS_SALT_HASH_LEN for the hash length.
 * Verification accepts only the given salt length. */
int gt_rsa_pss_sign(const gt_rsa_private_key *k, const gt_hash *h, const uint8_t *digest,
                    size_t salt_len, gt_rng_fn rng, void *rng_ctx, uint8_t *sig, size_t sig_cap,
                    size_t *sig_len);
int gt_rsa_pss_verify(const gt_rsa_public_key *k, unsigned flags, const gt_hash *h,
                      const uint8_t *digest, size_t salt_len, const uint8_t *sig, size_t sig_len);
int gt_rsa_pss_verify_ex(const gt_rsa_public_key *k, unsigned flags, const gt_hash *h,
                         const gt_hash *mgf1_hash, const uint8_t *digest, size_t salt_len,
                         const uint8_t *sig, size_t sig_len);

/* RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1): msg_len <= k - 11; writes
 * k bytes to out (out_cap >= k). */
int gt_rsa_pkcs1_encrypt(const gt_rsa_public_key *k, unsigned flags, const uint8_t *msg,
                         size_t msg_len, gt_rng_fn rng, void *rng_ctx, uint8_t *out, size_t out_cap,
                         size_t *out_len);
/* RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2) in constant time: returns
 * 0xFFFFFFFF when the padding was valid (then out[0..*out_len) is the
 * message) and 0 otherwise (bad padding, ct_len != k, bad key, RNG
 * failure), with no branch on the padding. out needs room for k bytes;
 * *out_len is always written (0 on failure). The caller must not reveal
 * which way it went (Bleichenbacher): TLS uses gt_rsa_decrypt_premaster. */
uint32_t gt_rsa_pkcs1_decrypt(const gt_rsa_private_key *k, const uint8_t *ct, size_t ct_len,
                              gt_rng_fn rng, void *rng_ctx, uint8_t *out, size_t *out_len);

/* RFC 5246 §7.4.7.1: always writes 48 bytes to out48: the decrypted
 * premaster secret if the padding, the length (48) and the version bytes
 * (== client_version) are all right, else 46 random bytes after
 * client_version, chosen with masks after everything was computed. The
 * return value does not depend on the ciphertext: 0, or an error for a
 * bad/unsupported key or an RNG failure. */
int gt_rsa_decrypt_premaster(const gt_rsa_private_key *k, const uint8_t *ct, size_t ct_len,
                             const uint8_t client_version[2], gt_rng_fn rng, void *rng_ctx,
                             uint8_t out48[GT_RSA_PREMASTER_LEN]);

#endif
