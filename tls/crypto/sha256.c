/* SHA-224 and SHA-256 (FIPS 180-4 §6.2, §6.3), portable C. The compression
 * function is chosen per call: SHA-NI when the CPU has it (sha256_shani.c),
 * else the code below. */
#include "gt/crypto/hash.h"

#include <string.h>

#include "core/cpu.h"
#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/sha_impl.h"

/* FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t ror(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

/* §4.1.2 functions. */
#define BSIG0(x)     (ror(x, 2) ^ ror(x, 13) ^ ror(x, 22))
#define BSIG1(x)     (ror(x, 6) ^ ror(x, 11) ^ ror(x, 25))
#define SSIG0(x)     (ror(x, 7) ^ ror(x, 18) ^ ((x) >> 3))
#define SSIG1(x)     (ror(x, 17) ^ ror(x, 19) ^ ((x) >> 10))
#define CH(x, y, z)  (((x) & ((y) ^ (z))) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* One round with the working variables renamed instead of shifted: the
 * caller rotates the argument list, which saves seven moves per round. */
#define ROUND(a, b, c, d, e, f, g, h, i)                                                           \
    do {                                                                                           \
        uint32_t t1 = h + BSIG1(e) + CH(e, f, g) + K[i] + w[(i)&15];                               \
        d += t1;                                                                                   \
        h = t1 + BSIG0(a) + MAJ(a, b, c);                                                          \
    } while (0)

/* §6.2.2 step 1: W[t] for t >= 16 from a 16-word ring. */
#define SCHED(i) (w[(i)&15] += SSIG1(w[((i)-2) & 15]) + w[((i)-7) & 15] + SSIG0(w[((i)-15) & 15]))

/* Eight rounds with the variables rotated back to their names, and the
 * schedule for the next eight: written out so every w[] index is a
 * constant (about 30% faster than a loop over i). */
#define EIGHT(i)                                                                                   \
    do {                                                                                           \
        ROUND(a, b, c, d, e, f, g, hh, i);                                                         \
        ROUND(hh, a, b, c, d, e, f, g, i + 1);                                                     \
        ROUND(g, hh, a, b, c, d, e, f, i + 2);                                                     \
        ROUND(f, g, hh, a, b, c, d, e, i + 3);                                                     \
        ROUND(e, f, g, hh, a, b, c, d, i + 4);                                                     \
        ROUND(d, e, f, g, hh, a, b, c, i + 5);                                                     \
        ROUND(c, d, e, f, g, hh, a, b, i + 6);                                                     \
        ROUND(b, c, d, e, f, g, hh, a, i + 7);                                                     \
    } while (0)
#define SCHED8(i)                                                                                  \
    do {                                                                                           \
        SCHED(i);                                                                                  \
        SCHED(i + 1);                                                                              \
        SCHED(i + 2);                                                                              \
        SCHED(i + 3);                                                                              \
        SCHED(i + 4);                                                                              \
        SCHED(i + 5);                                                                              \
        SCHED(i + 6);                                                                              \
        SCHED(i + 7);                                                                              \
    } while (0)

static void block(uint32_t h[8], const uint8_t *p)
{
    uint32_t w[16];
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 16; i++)
        w[i] = gt_load32_be(p + 4 * i);
    EIGHT(0);
    EIGHT(8);
    SCHED8(16);
    EIGHT(16);
    SCHED8(24);
    EIGHT(24);
    SCHED8(32);
    EIGHT(32);
    SCHED8(40);
    EIGHT(40);
    SCHED8(48);
    EIGHT(48);
    SCHED8(56);
    EIGHT(56);
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

void gt_sha256_blocks_portable(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
    for (; nblocks; nblocks--, p += 64)
        block(h, p);
}

typedef void (*blocks_fn)(uint32_t h[8], const uint8_t *p, size_t nblocks);

/* The compression for gt_md_update/gt_md_pad, chosen per call. Called
 * through a pointer, so the portable loop is not inlined here: block()
 * then keeps its one caller and is inlined into it (a direct call here
 * made GCC keep block() out of line, 1% slower). */
static void blocks(void *h, const uint8_t *p, size_t nblocks)
{
    blocks_fn f = gt_sha_ni_usable() ? gt_sha256_blocks_shani : gt_sha256_blocks_portable;
    f(h, p, nblocks);
}

/* §5.3.3 and §5.3.2: initial hash values. */
void gt_sha256_init(gt_sha256_ctx *c)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, iv, sizeof iv);
    c->bytes = 0;
    c->n = 0;
}

void gt_sha224_init(gt_sha256_ctx *c)
{
    static const uint32_t iv[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                   0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
    memcpy(c->h, iv, sizeof iv);
    c->bytes = 0;
    c->n = 0;
}

void gt_sha256_update(gt_sha256_ctx *c, const void *data, size_t n)
{
    gt_md_update(c->h, c->buf, &c->n, &c->bytes, 64, blocks, data, n);
}

static void finish(gt_sha256_ctx *c, uint8_t *out, size_t words)
{
    gt_md_pad(c->h, c->buf, c->n, c->bytes, 64, blocks);
    for (size_t i = 0; i < words; i++)
        gt_store32_be(out + 4 * i, c->h[i]);
    gt_wipe(c, sizeof *c);
}

void gt_sha256_final(gt_sha256_ctx *c, uint8_t out[GT_SHA256_LEN])
{
    finish(c, out, 8);
}

/* §6.3: SHA-224 is SHA-256 with other IVs, truncated to seven words. */
void gt_sha224_final(gt_sha256_ctx *c, uint8_t out[GT_SHA224_LEN])
{
    finish(c, out, 7);
}
