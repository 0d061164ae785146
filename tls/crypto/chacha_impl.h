/* Internal interface between the ChaCha20 / Poly1305 front ends and their
 * portable and vector back ends (tls/crypto/chacha20*.c, poly1305*.c).
 * Not part of the public API; tests reach it through gt_internal. */
#ifndef GT_CRYPTO_CHACHA_IMPL_H
#define GT_CRYPTO_CHACHA_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "gt/crypto/chacha.h"

/* RFC 8439 §2.3: the 16-word input state (constants, key, counter, nonce). */
void gt_chacha20_state(uint32_t st[16], const uint8_t key[32], const uint8_t nonce[12],
                       uint32_t counter);

/* All back ends XOR the keystream of st (starting at block st[12]) into
 * in..in+len and leave st[12] advanced past the blocks they consumed. The
 * block counter wraps modulo 2^32 without touching the nonce, identically in
 * every back end. */
void gt_chacha20_xor_portable(uint32_t st[16], const uint8_t *in, uint8_t *out, size_t len);
void gt_chacha20_xor_avx2(uint32_t st[16], const uint8_t *in, uint8_t *out, size_t len);
void gt_chacha20_xor_avx512(uint32_t st[16], const uint8_t *in, uint8_t *out, size_t len);

/* Poly1305 back-end selection stored in gt_poly1305_ctx.impl. */
enum { GT_POLY_PORTABLE = 0, GT_POLY_AVX2 = 1, GT_POLY_IFMA = 2 };

/* Vector Poly1305 back ends. Each processes the largest multiple of 128
 * bytes of p (full 16-byte blocks, each with the 2^128 pad bit) into c->h
 * using the powers in c->pw, and returns the number of bytes consumed. On
 * entry and exit c->h is partially reduced with h[2] <= 4. */
size_t gt_poly1305_blocks_avx2(gt_poly1305_ctx *c, const uint8_t *p, size_t n);
size_t gt_poly1305_blocks_ifma(gt_poly1305_ctx *c, const uint8_t *p, size_t n);

#endif
