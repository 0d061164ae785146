/* HMAC_DRBG with SHA-256 (NIST SP 800-90A Rev. 1 §10.1.2), no prediction
 * resistance, reseeded from getrandom(2) every GT_DRBG_RESEED_INTERVAL
 * requests. A deterministic instantiation exists for tests and fuzzing. */
#ifndef GT_CRYPTO_DRBG_H
#define GT_CRYPTO_DRBG_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"

#define GT_DRBG_RESEED_INTERVAL 100000u
#define GT_DRBG_MAX_REQUEST     65536u /* SP 800-90A Table 2 allows 2^19 bits */

typedef struct {
    uint8_t k[32];
    uint8_t v[32];
    uint64_t reseed_counter;
    int deterministic; /* seeded by gt_drbg_init_seed: never touches the OS */
} gt_drbg;

/* Seeds from getrandom(2) (entropy + nonce) and the personalisation string. */
GT_MUST_CHECK int gt_drbg_init(gt_drbg *d, const uint8_t *pers, size_t pers_len);
/* Deterministic: the seed is the only input. For tests and fuzzing. */
void gt_drbg_init_seed(gt_drbg *d, const uint8_t *seed, size_t seed_len);
GT_MUST_CHECK int gt_drbg_reseed(gt_drbg *d, const uint8_t *add, size_t add_len);
/* SP 800-90A generate with optional additional input. */
GT_MUST_CHECK int gt_drbg_generate(gt_drbg *d, uint8_t *out, size_t n, const uint8_t *add,
                                   size_t add_len);
void gt_drbg_free(gt_drbg *d); /* wipes */

/* Raw SP 800-90A instantiate with caller-supplied entropy/nonce/pers, for
 * CAVP-style known-answer tests. */
void gt_drbg_instantiate(gt_drbg *d, const uint8_t *entropy, size_t elen, const uint8_t *nonce,
                         size_t nlen, const uint8_t *pers, size_t plen);
void gt_drbg_reseed_with(gt_drbg *d, const uint8_t *entropy, size_t elen, const uint8_t *add,
                         size_t alen);

#endif
