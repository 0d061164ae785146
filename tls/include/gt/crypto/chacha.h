/* ChaCha20, Poly1305 and the ChaCha20-Poly1305 AEAD (RFC 8439).
 * Vector paths (AVX2 / AVX-512) are chosen at run time; GT_FORCE_PORTABLE=1
 * selects the portable code. */
#ifndef GT_CRYPTO_CHACHA_H
#define GT_CRYPTO_CHACHA_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"

/* RFC 8439 §2.4: XORs the keystream starting at block `counter` into in
 * (in == out allowed). The 32-bit block counter wraps to 0 after 0xffffffff
 * and the nonce is left alone, in every implementation; callers that care
 * (the AEAD) bound len so that it never wraps. */
void gt_chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                 const uint8_t *in, uint8_t *out, size_t len);

/* Private layout: r is the clamped key half, h the accumulator in radix
 * 2^64 (h[2] small), pad the final addend s. pw holds r^1 .. r^8 (fully
 * reduced, radix 2^64) for the vector paths, filled on their first use. */
typedef struct {
    uint64_t r[2], h[3], pad[2];
    uint64_t pw[8][3];
    uint8_t buf[16];
    size_t n;
    unsigned impl, have_powers;
} gt_poly1305_ctx;

/* RFC 8439 §2.5. The key must be used for one message only. */
void gt_poly1305_init(gt_poly1305_ctx *c, const uint8_t key[32]);
void gt_poly1305_update(gt_poly1305_ctx *c, const uint8_t *p, size_t n);
void gt_poly1305_final(gt_poly1305_ctx *c, uint8_t tag[16]); /* wipes */

/* RFC 8439 §2.8. nonce is 12 bytes; open returns GT_ERR_CRYPTO_TAG on a
 * mismatch (constant-time compare) and zeroes out[0..len). in == out is
 * allowed. Both return GT_ERR_CRYPTO_LENGTH when len exceeds the RFC's
 * limit of 2^38 - 64 bytes (the 32-bit counter would wrap). */
GT_MUST_CHECK int gt_chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12],
                                           const uint8_t *aad, size_t aad_len, const uint8_t *in,
                                           size_t len, uint8_t *out, uint8_t tag[16]);
GT_MUST_CHECK int gt_chacha20poly1305_open(const uint8_t key[32], const uint8_t nonce[12],
                                           const uint8_t *aad, size_t aad_len, const uint8_t *in,
                                           size_t len, const uint8_t tag[16], uint8_t *out);

#endif
