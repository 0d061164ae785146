/* Elliptic curves P-256 and P-384 (FIPS 186-4 App. D.1.2.3/D.1.2.4, SEC 2):
 * key generation, ECDH (SEC 1 §3.3.1, RFC 8422 §5.10) and ECDSA (FIPS 186-4
 * §6, SEC 1 §4.1) with RFC 6979 deterministic nonces.
 *
 * Encodings: a private key is the big-endian scalar of GT_EC_SCALAR_LEN bytes
 * (1 <= d <= n-1); a public key is the SEC 1 §2.3.3 uncompressed point
 * 0x04 || X || Y (RFC 8422 §5.4.1: TLS 1.2 uses uncompressed points only).
 * A shared secret is the x coordinate of d*Q, big-endian, field-size bytes
 * (RFC 8422 §5.10).
 *
 * Every operation on a private key or nonce runs in time independent of
 * their value (fixed windows, constant-time table selection, Fermat
 * inversion); signature verification handles public data only and is
 * variable time. Secrets on the stack are wiped before returning. */
#ifndef GT_CRYPTO_EC_H
#define GT_CRYPTO_EC_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"
#include "gt/crypto/hash.h"
#include "gt/crypto/rng.h"

typedef enum {
    GT_EC_P256 = 23, /* secp256r1: the RFC 8422 NamedCurve code point */
    GT_EC_P384 = 24, /* secp384r1 */
} gt_ec_curve;

#define GT_EC_MAX_SCALAR_LEN 48
#define GT_EC_MAX_PUB_LEN    97  /* 1 + 2 * 48 */
#define GT_EC_MAX_SIG_DER    104 /* SEQUENCE { INTEGER(49), INTEGER(49) } */
#define GT_EC_MAX_SIG_RAW    96

/* Byte length of a scalar / field element (32 or 48); 0 for an unknown
 * curve. */
size_t gt_ec_scalar_len(gt_ec_curve curve);
/* Byte length of an uncompressed public point (65 or 97); 0 if unknown. */
size_t gt_ec_pub_len(gt_ec_curve curve);

/* Draws a private scalar uniformly in [1, n-1] (FIPS 186-4 App. B.4.2,
 * rejection sampling) and computes its public point. priv gets
 * gt_ec_scalar_len() bytes, pub gt_ec_pub_len() bytes. */
GT_MUST_CHECK int gt_ec_keygen(gt_ec_curve curve, gt_rng_fn rng, void *rng_ctx, uint8_t *priv,
                               uint8_t *pub);
/* pub = d*G. A scalar of the wrong value (0 or >= n) is GT_ERR_CRYPTO_KEY. */
GT_MUST_CHECK int gt_ec_pub_from_priv(gt_ec_curve curve, const uint8_t *priv, uint8_t *pub);
/* Full public-key validation (SEC 1 §3.2.2.1, NIST SP 800-56A §5.6.2.3.3):
 * uncompressed form, the right length, coordinates < p, on the curve.
 * The point at infinity has no encoding here. (The prime-order curves have
 * cofactor 1, so nQ == O needs no check.) Returns 0 or GT_ERR_CRYPTO_POINT. */
GT_MUST_CHECK int gt_ec_check_pub(gt_ec_curve curve, const uint8_t *pub, size_t pub_len);

/* shared_x = x(d * peer), after validating peer as gt_ec_check_pub does.
 * Errors: GT_ERR_CRYPTO_POINT (bad peer point), GT_ERR_CRYPTO_KEY (bad d). */
GT_MUST_CHECK int gt_ecdh(gt_ec_curve curve, const uint8_t *priv, const uint8_t *peer_pub,
                          size_t peer_len, uint8_t *shared_x);

/* ECDSA signature of a message digest (the caller hashes). The nonce is
 * RFC 6979 §3.2 (HMAC_DRBG over `hash` keyed with the private key and the
 * digest). When rng is not NULL, 32 bytes from it are mixed in as the §3.6
 * "additional data" k' (hedged signatures: still safe if the RNG fails
 * silently, still unpredictable if the private key leaks through faults);
 * with rng NULL the signature is the deterministic RFC 6979 one.
 * Digests longer than the group order are truncated to its bit length
 * (FIPS 186-4 §6.4, SEC 1 §4.1.3 step 5).
 * The DER form is ECDSA-Sig-Value (RFC 3279 §2.2.3); *len gets its length.
 * The raw form is r || s, each gt_ec_scalar_len() bytes (IEEE P1363). */
GT_MUST_CHECK int gt_ecdsa_sign(gt_ec_curve curve, const gt_hash *hash, const uint8_t *priv,
                                const uint8_t *digest, size_t digest_len, gt_rng_fn rng,
                                void *rng_ctx, uint8_t *sig_der, size_t cap, size_t *len);
GT_MUST_CHECK int gt_ecdsa_sign_raw(gt_ec_curve curve, const gt_hash *hash, const uint8_t *priv,
                                    const uint8_t *digest, size_t digest_len, gt_rng_fn rng,
                                    void *rng_ctx, uint8_t *sig_raw);

/* Verification. The DER parser is strict (X.690 DER): one SEQUENCE of two
 * INTEGERs, minimal lengths, no negative values, no superfluous leading
 * zero, nothing after the SEQUENCE; r and s must lie in [1, n-1].
 * Returns 0 for a valid signature, GT_ERR_CRYPTO_SIGNATURE for a wrong or
 * malformed one, GT_ERR_CRYPTO_POINT for an invalid public key. */
GT_MUST_CHECK int gt_ecdsa_verify(gt_ec_curve curve, const uint8_t *pub, size_t pub_len,
                                  const uint8_t *digest, size_t digest_len, const uint8_t *sig_der,
                                  size_t sig_len);
/* Raw r || s; sig_len must be exactly 2 * gt_ec_scalar_len(). */
GT_MUST_CHECK int gt_ecdsa_verify_raw(gt_ec_curve curve, const uint8_t *pub, size_t pub_len,
                                      const uint8_t *digest, size_t digest_len,
                                      const uint8_t *sig_raw, size_t sig_len);

#endif
