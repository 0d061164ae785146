/* Arithmetic modulo the group order n of P-256 / P-384, for ECDSA and for
 * range checks on private scalars. Values are plain (not Montgomery) little-
 * endian limbs, fully reduced; every function is constant time (Montgomery
 * multiplication from ec_mont.h, inversion by divsteps from ec_inv.c). */
#ifndef GT_CRYPTO_EC_SCALAR_H
#define GT_CRYPTO_EC_SCALAR_H

#include <stdint.h>

#include "crypto/ec_curve.h"

typedef struct {
    uint64_t v[6];
} ec_sc;

/* Loads c->len big-endian bytes; returns 1 if 1 <= value <= n-1, else 0
 * (then r holds the unreduced value: do not use it). */
uint32_t ec_sc_from_bytes(const ec_curve *c, ec_sc *r, const uint8_t *b);
/* Loads c->len bytes holding a value < 2^bits and reduces it mod n (one
 * conditional subtraction suffices: 2^bits < 2n). */
void ec_sc_from_bytes_reduce(const ec_curve *c, ec_sc *r, const uint8_t *b);
void ec_sc_to_bytes(const ec_curve *c, uint8_t *b, const ec_sc *a);
/* 1 if a == 0. */
uint32_t ec_sc_is_zero(const ec_curve *c, const ec_sc *a);
void ec_sc_add(const ec_curve *c, ec_sc *r, const ec_sc *a, const ec_sc *b);
void ec_sc_mul(const ec_curve *c, ec_sc *r, const ec_sc *a, const ec_sc *b);
/* r = 1/a mod n (0 for 0). */
void ec_sc_inv(const ec_curve *c, ec_sc *r, const ec_sc *a);

#endif
