/* Poly1305 one-time authenticator (RFC 8439 §2.5), portable code and the
 * incremental front end.
 *
 * The accumulator h is kept in radix 2^64 (h0, h1, h2) and multiplied by r
 * with 64x64->128 products. Clamping (§2.5.1) clears the low two bits of
 * r1, so with s1 = r1 + (r1 >> 2) = 5 * (r1 / 4) the terms above 2^128 fold
 * back through 2^130 = 5 (mod p) without extra multiplications. Nothing
 * here branches on or indexes by key, message or accumulator values. */
#include <string.h>

#include "core/cpu.h"
#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/chacha_impl.h"

typedef unsigned __int128 u128;

/* Vector blocks pay a fixed cost to combine lanes, so only long updates
 * (such as TLS records) take that path. */
#define VECTOR_MIN 256

/* h = h * r mod p, partially reduced. Requires h2 <= 7 and r clamped;
 * leaves h2 <= 4 (h < 5 * 2^128 < 2p). */
static inline void mulmod(uint64_t *h0, uint64_t *h1, uint64_t *h2, uint64_t r0, uint64_t r1)
{
    uint64_t s1 = r1 + (r1 >> 2);
    u128 d0 = (u128)*h0 * r0 + (u128)*h1 * s1;
    u128 d1 = (u128)*h0 * r1 + (u128)*h1 * r0 + (u128)*h2 * s1;
    uint64_t d2 = *h2 * r0; /* < 2^63: h2 is tiny and r0 < 2^60 */
    d1 += (uint64_t)(d0 >> 64);
    d2 += (uint64_t)(d1 >> 64);
    /* Bits 130 and up of d2:d1:d0 times 5 go back to the bottom. */
    u128 t = (u128)(uint64_t)d0 + ((d2 >> 2) + (d2 & ~(uint64_t)3));
    *h0 = (uint64_t)t;
    t = (u128)(uint64_t)d1 + (uint64_t)(t >> 64);
    *h1 = (uint64_t)t;
    *h2 = (d2 & 3) + (uint64_t)(t >> 64);
}

/* RFC 8439 §2.5.1: for each block, h = (h + block + hibit * 2^128) * r. */
static void blocks(gt_poly1305_ctx *c, const uint8_t *p, size_t nblocks, uint64_t hibit)
{
    uint64_t h0 = c->h[0], h1 = c->h[1], h2 = c->h[2];
    for (; nblocks > 0; nblocks--, p += 16) {
        u128 t = (u128)h0 + gt_load64_le(p);
        h0 = (uint64_t)t;
        t = (u128)h1 + gt_load64_le(p + 8) + (uint64_t)(t >> 64);
        h1 = (uint64_t)t;
        h2 += (uint64_t)(t >> 64) + hibit;
        mulmod(&h0, &h1, &h2, c->r[0], c->r[1]);
    }
    c->h[0] = h0, c->h[1] = h1, c->h[2] = h2;
}

/* Fully reduces h (< 2p) modulo p = 2^130 - 5 without branching:
 * h >= p exactly when h + 5 carries into bit 130, and then h - p is the
 * low 130 bits of h + 5. */
static void reduce(uint64_t *h0, uint64_t *h1, uint64_t *h2)
{
    u128 t = (u128)*h0 + 5;
    uint64_t g0 = (uint64_t)t;
    t = (u128)*h1 + (uint64_t)(t >> 64);
    uint64_t g1 = (uint64_t)t;
    uint64_t g2 = *h2 + (uint64_t)(t >> 64);
    uint64_t use_g = g2 >> 2; /* 0 or 1 since h2 <= 4 */
    *h0 = gt_ct_select64(use_g, g0, *h0);
    *h1 = gt_ct_select64(use_g, g1, *h1);
    *h2 = gt_ct_select64(use_g, g2 & 3, *h2);
}

/* Powers r^1 .. r^8, fully reduced, for the vector paths. */
static void powers(gt_poly1305_ctx *c)
{
    uint64_t h0 = c->r[0], h1 = c->r[1], h2 = 0;
    for (int i = 0; i < 8; i++) {
        if (i > 0) mulmod(&h0, &h1, &h2, c->r[0], c->r[1]);
        uint64_t f0 = h0, f1 = h1, f2 = h2;
        reduce(&f0, &f1, &f2);
        c->pw[i][0] = f0, c->pw[i][1] = f1, c->pw[i][2] = f2;
    }
    c->have_powers = 1;
}

void gt_poly1305_init(gt_poly1305_ctx *c, const uint8_t key[32])
{
    memset(c, 0, sizeof *c);
    /* RFC 8439 §2.5.1: clamp r (top four bits of r[3], r[7], r[11], r[15]
     * and bottom two bits of r[4], r[8], r[12] cleared). */
    c->r[0] = gt_load64_le(key) & 0x0ffffffc0fffffffull;
    c->r[1] = gt_load64_le(key + 8) & 0x0ffffffc0ffffffcull;
    c->pad[0] = gt_load64_le(key + 16);
    c->pad[1] = gt_load64_le(key + 24);
    if (gt_cpu_has(GT_CPU_AVX512F | GT_CPU_AVX512VL | GT_CPU_AVX512IFMA))
        c->impl = GT_POLY_IFMA;
    else if (gt_cpu_has(GT_CPU_AVX2))
        c->impl = GT_POLY_AVX2;
    else
        c->impl = GT_POLY_PORTABLE;
}

/* Full blocks straight from the caller's buffer: the vector path for long
 * runs, then the portable loop. Returns the bytes consumed. */
static size_t full_blocks(gt_poly1305_ctx *c, const uint8_t *p, size_t n)
{
    size_t done = 0;
    if (c->impl != GT_POLY_PORTABLE && n >= VECTOR_MIN) {
        if (!c->have_powers) powers(c);
        if (c->impl == GT_POLY_IFMA)
            done = gt_poly1305_blocks_ifma(c, p, n);
        else
            done = gt_poly1305_blocks_avx2(c, p, n);
    }
    size_t nb = (n - done) / 16;
    blocks(c, p + done, nb, 1);
    return done + 16 * nb;
}

void gt_poly1305_update(gt_poly1305_ctx *c, const uint8_t *p, size_t n)
{
    if (n == 0) return; /* p may be NULL */
    if (c->n > 0) {
        size_t k = 16 - c->n < n ? 16 - c->n : n;
        memcpy(c->buf + c->n, p, k);
        c->n += k;
        p += k;
        n -= k;
        if (c->n < 16) return;
        blocks(c, c->buf, 1, 1);
        c->n = 0;
    }
    size_t used = full_blocks(c, p, n);
    memcpy(c->buf, p + used, n - used);
    c->n = n - used;
}

void gt_poly1305_final(gt_poly1305_ctx *c, uint8_t tag[16])
{
    /* RFC 8439 §2.5.1: a last partial block gets a 0x01 byte after it and
     * zero padding instead of the 2^128 bit. */
    if (c->n > 0) {
        c->buf[c->n] = 1;
        memset(c->buf + c->n + 1, 0, 15 - c->n);
        blocks(c, c->buf, 1, 0);
    }
    uint64_t h0 = c->h[0], h1 = c->h[1], h2 = c->h[2];
    reduce(&h0, &h1, &h2);
    /* tag = (h + s) mod 2^128 */
    u128 t = (u128)h0 + c->pad[0];
    gt_store64_le(tag, (uint64_t)t);
    gt_store64_le(tag + 8, h1 + c->pad[1] + (uint64_t)(t >> 64));
    gt_wipe(c, sizeof *c);
}
