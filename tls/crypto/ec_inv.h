/* Constant-time modular inversion for the EC code (ec_inv.c): the scalar
 * inverse of ECDSA and the P-256 field inverse behind every conversion to
 * affine coordinates. Bernstein-Yang "safegcd" divsteps, about four times
 * faster here than Fermat's a^(m-2). */
#ifndef GT_CRYPTO_EC_INV_H
#define GT_CRYPTO_EC_INV_H

#include <stddef.h>
#include <stdint.h>

/* r = a^-1 mod m, or 0 if a == 0. m is an odd public modulus of n 64-bit
 * limbs (n = 4 or 6, little-endian limbs) with gcd(a, m) = 1 when a != 0
 * (m prime); a < m. r may alias a. The time and memory access pattern do
 * not depend on a. */
void ec_modinv(size_t n, uint64_t *r, const uint64_t *a, const uint64_t *m);

#endif
