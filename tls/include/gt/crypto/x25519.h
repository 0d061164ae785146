/* X25519 Diffie-Hellman (RFC 7748 §5, §6.1). Constant time in the scalar.
 * Scalars are clamped as in §5 and the top bit of the peer's u-coordinate is
 * ignored; non-canonical u values (>= 2^255 - 19) are accepted and reduced,
 * as the RFC requires. */
#ifndef GT_CRYPTO_X25519_H
#define GT_CRYPTO_X25519_H

#include <stdint.h>

#include "gt/gt_err.h"

#define GT_X25519_LEN 32

/* out = X25519(scalar, point). Returns GT_ERR_CRYPTO_ZERO_SECRET when the
 * result is all zeros (a small-order point: RFC 7748 §6.1 says to abort);
 * out is still written. 0 otherwise. No branch depends on the result. */
GT_MUST_CHECK int gt_x25519(uint8_t out[GT_X25519_LEN], const uint8_t scalar[GT_X25519_LEN],
                            const uint8_t point[GT_X25519_LEN]);
/* pub = X25519(scalar, 9): the public key of a private scalar. */
void gt_x25519_base(uint8_t pub[GT_X25519_LEN], const uint8_t scalar[GT_X25519_LEN]);

#endif
