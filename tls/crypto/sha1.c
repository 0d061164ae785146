/* SHA-1 (FIPS 180-4 §6.1). Still needed by TLS 1.2: HMAC-SHA1 record MACs
 * of the CBC suites and legacy signatures. Portable code, with the SHA-NI
 * compression (sha_ni.c) when the CPU has it. */
#include "gt/crypto/hash.h"

#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/sha_impl.h"

static inline uint32_t rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

/* §4.1.1 functions with the §4.2.1 constants, one per 20 rounds. */
#define F0(b, c, d) (((b) & ((c) ^ (d))) ^ (d))
#define F1(b, c, d) ((b) ^ (c) ^ (d))
#define F2(b, c, d) (((b) & (c)) | ((d) & ((b) | (c))))
#define F3(b, c, d) F1(b, c, d)

#define ROUND(F, k, a, b, c, d, e, i)                                                              \
    do {                                                                                           \
        e += rol(a, 5) + F(b, c, d) + (k) + W(i);                                                  \
        b = rol(b, 30);                                                                            \
    } while (0)

/* §6.1.2 step 1 on a 16-word ring. */
#define W(i)                                                                                       \
    ((i) < 16                                                                                      \
         ? w[(i)&15]                                                                               \
         : (w[(i)&15] = rol(w[((i)-3) & 15] ^ w[((i)-8) & 15] ^ w[((i)-14) & 15] ^ w[(i)&15], 1)))

#define FIVE(F, k, i)                                                                              \
    do {                                                                                           \
        ROUND(F, k, a, b, c, d, e, i);                                                             \
        ROUND(F, k, e, a, b, c, d, i + 1);                                                         \
        ROUND(F, k, d, e, a, b, c, i + 2);                                                         \
        ROUND(F, k, c, d, e, a, b, i + 3);                                                         \
        ROUND(F, k, b, c, d, e, a, i + 4);                                                         \
    } while (0)

static void block(uint32_t h[5], const uint8_t *p)
{
    uint32_t w[16];
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 16; i++)
        w[i] = gt_load32_be(p + 4 * i);
    for (int i = 0; i < 20; i += 5)
        FIVE(F0, 0x5a827999, i);
    for (int i = 20; i < 40; i += 5)
        FIVE(F1, 0x6ed9eba1, i);
    for (int i = 40; i < 60; i += 5)
        FIVE(F2, 0x8f1bbcdc, i);
    for (int i = 60; i < 80; i += 5)
        FIVE(F3, 0xca62c1d6, i);
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

void gt_sha1_blocks_portable(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
    for (; nblocks; nblocks--, p += 64)
        block(h, p);
}

typedef void (*blocks_fn)(uint32_t h[5], const uint8_t *p, size_t nblocks);

/* The compression for gt_md_update/gt_md_pad, chosen per call. Called
 * through a pointer, so the portable loop is not inlined here: block()
 * then keeps its one caller and is inlined into it (a direct call here
 * made GCC keep block() out of line, 1% slower). */
static void blocks(void *h, const uint8_t *p, size_t nblocks)
{
    blocks_fn f = gt_sha_ni_usable() ? gt_sha1_blocks_shani : gt_sha1_blocks_portable;
    f(h, p, nblocks);
}

/* §5.3.1 */
void gt_sha1_init(gt_sha1_ctx *c)
{
    static const uint32_t iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    memcpy(c->h, iv, sizeof iv);
    c->bytes = 0;
    c->n = 0;
}

void gt_sha1_update(gt_sha1_ctx *c, const void *data, size_t n)
{
    gt_md_update(c->h, c->buf, &c->n, &c->bytes, 64, blocks, data, n);
}

void gt_sha1_final(gt_sha1_ctx *c, uint8_t out[GT_SHA1_LEN])
{
    gt_md_pad(c->h, c->buf, c->n, c->bytes, 64, blocks);
    for (int i = 0; i < 5; i++)
        gt_store32_be(out + 4 * i, c->h[i]);
    gt_wipe(c, sizeof *c);
}
