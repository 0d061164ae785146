/* Internal: the block functions behind the SHA front ends, so the
 * accelerated variants can live in their own files and the tests can pit
 * them against the portable code. Each processes nblocks whole 64-byte
 * blocks into the chaining state h. */
#ifndef GT_CRYPTO_SHA_IMPL_H
#define GT_CRYPTO_SHA_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/cursor.h"

void gt_sha256_blocks_portable(uint32_t h[8], const uint8_t *p, size_t nblocks);
void gt_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks);
void gt_sha1_blocks_portable(uint32_t h[5], const uint8_t *p, size_t nblocks);
void gt_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks);

/* 1 when the SHA-NI paths may run (CPU support, not GT_FORCE_PORTABLE). */
int gt_sha_ni_usable(void);

/* The Merkle-Damgard framing all the SHAs share (FIPS 180-4 §5.1, §6): a
 * hash keeps a partial block of bsize bytes (64 or 128) in buf, *n bytes
 * long, and the count of bytes hashed; blocks(h, p, nblocks) compresses
 * whole blocks into the chaining state h. Static inline, so each hash gets
 * a copy with its block size and block function folded in. */
typedef void (*gt_md_blocks_fn)(void *h, const uint8_t *p, size_t nblocks);

static inline void gt_md_update(void *h, uint8_t *buf, size_t *n, uint64_t *bytes, size_t bsize,
                                gt_md_blocks_fn blocks, const uint8_t *p, size_t len)
{
    *bytes += len;
    if (*n) {
        size_t take = bsize - *n < len ? bsize - *n : len;
        memcpy(buf + *n, p, take);
        *n += take;
        p += take;
        len -= take;
        if (*n < bsize) return;
        blocks(h, buf, 1);
        *n = 0;
    }
    if (len >= bsize) {
        blocks(h, p, len / bsize);
        p += len - len % bsize;
        len %= bsize;
    }
    if (len) memcpy(buf, p, len);
    *n = len;
}

/* §5.1.1 (64-byte blocks) and §5.1.2 (128-byte blocks) padding: 0x80,
 * zeros, then the length in bits, big-endian, in the last 8 or 16 bytes.
 * The byte count is 64 bits, so the top half of a 128-bit length holds
 * only the count's carry out of the shift. */
static inline void gt_md_pad(void *h, uint8_t *buf, size_t n, uint64_t bytes, size_t bsize,
                             gt_md_blocks_fn blocks)
{
    size_t at = bsize - bsize / 8; /* where the length field starts */
    buf[n++] = 0x80;
    if (n > at) {
        memset(buf + n, 0, bsize - n);
        blocks(h, buf, 1);
        n = 0;
    }
    memset(buf + n, 0, at - n);
    if (bsize == 128) gt_store64_be(buf + at, bytes >> 61);
    gt_store64_be(buf + bsize - 8, bytes << 3);
    blocks(h, buf, 1);
}

#endif
