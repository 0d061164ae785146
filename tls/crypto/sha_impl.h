/* Internal: the block functions behind the SHA front ends, so the
 * accelerated variants can live in their own files and the tests can pit
 * them against the portable code. Each processes nblocks whole 64-byte
 * blocks into the chaining state h. */
#ifndef GT_CRYPTO_SHA_IMPL_H
#define GT_CRYPTO_SHA_IMPL_H

#include <stddef.h>
#include <stdint.h>

void gt_sha256_blocks_portable(uint32_t h[8], const uint8_t *p, size_t nblocks);
void gt_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks);
void gt_sha1_blocks_portable(uint32_t h[5], const uint8_t *p, size_t nblocks);
void gt_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks);

/* 1 when the SHA-NI paths may run (CPU support, not GT_FORCE_PORTABLE). */
int gt_sha_ni_usable(void);

#endif
