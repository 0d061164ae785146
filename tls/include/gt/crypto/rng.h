/* The randomness callback every primitive that needs randomness takes (RSA
 * blinding and padding, PSS salts, ECDSA hedging, key generation). libgt never
 * calls the OS directly outside gt_drbg_init: the engine passes its config's
 * RNG, tests pass a deterministic DRBG. Returns 0 or GT_ERR_CRYPTO_RNG. */
#ifndef GT_CRYPTO_RNG_H
#define GT_CRYPTO_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef int (*gt_rng_fn)(void *ctx, uint8_t *out, size_t n);

/* Adapter: ctx is a gt_drbg*. */
int gt_rng_drbg(void *ctx, uint8_t *out, size_t n);

#endif
