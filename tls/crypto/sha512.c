/* SHA-384 and SHA-512 (FIPS 180-4 §6.4, §6.5), portable C. */
#include "gt/crypto/hash.h"

#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/sha_impl.h"

/* §4.2.3: first 64 bits of the fractional parts of the cube roots of the
 * first 80 primes. */
static const uint64_t K[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
    0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
    0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
    0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
    0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
    0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
    0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
    0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
    0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
    0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
    0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
    0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

static inline uint64_t ror(uint64_t x, int n)
{
    return (x >> n) | (x << (64 - n));
}

/* §4.1.3 functions. */
#define BSIG0(x)     (ror(x, 28) ^ ror(x, 34) ^ ror(x, 39))
#define BSIG1(x)     (ror(x, 14) ^ ror(x, 18) ^ ror(x, 41))
#define SSIG0(x)     (ror(x, 1) ^ ror(x, 8) ^ ((x) >> 7))
#define SSIG1(x)     (ror(x, 19) ^ ror(x, 61) ^ ((x) >> 6))
#define CH(x, y, z)  (((x) & ((y) ^ (z))) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

#define ROUND(a, b, c, d, e, f, g, h, i)                                                           \
    do {                                                                                           \
        uint64_t t1 = h + BSIG1(e) + CH(e, f, g) + K[i] + w[(i)&15];                               \
        d += t1;                                                                                   \
        h = t1 + BSIG0(a) + MAJ(a, b, c);                                                          \
    } while (0)

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

static void block(uint64_t h[8], const uint8_t *p)
{
    uint64_t w[16];
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 16; i++)
        w[i] = gt_load64_be(p + 8 * i);
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
    SCHED8(64);
    EIGHT(64);
    SCHED8(72);
    EIGHT(72);
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

/* The compression for gt_md_update/gt_md_pad. */
static void blocks(void *h, const uint8_t *p, size_t nblocks)
{
    for (; nblocks; nblocks--, p += 128)
        block(h, p);
}

/* §5.3.5 and §5.3.4: initial hash values. */
void gt_sha512_init(gt_sha512_ctx *c)
{
    static const uint64_t iv[8] = {
        0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
        0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
    };
    memcpy(c->h, iv, sizeof iv);
    c->bytes = 0;
    c->n = 0;
}

void gt_sha384_init(gt_sha512_ctx *c)
{
    static const uint64_t iv[8] = {
        0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
        0x67332667ffc00b31ull, 0x8eb44a8768581511ull, 0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
    };
    memcpy(c->h, iv, sizeof iv);
    c->bytes = 0;
    c->n = 0;
}

void gt_sha512_update(gt_sha512_ctx *c, const void *data, size_t n)
{
    gt_md_update(c->h, c->buf, &c->n, &c->bytes, 128, blocks, data, n);
}

static void finish(gt_sha512_ctx *c, uint8_t *out, size_t words)
{
    gt_md_pad(c->h, c->buf, c->n, c->bytes, 128, blocks);
    for (size_t i = 0; i < words; i++)
        gt_store64_be(out + 8 * i, c->h[i]);
    gt_wipe(c, sizeof *c);
}

void gt_sha512_final(gt_sha512_ctx *c, uint8_t out[GT_SHA512_LEN])
{
    finish(c, out, 8);
}

/* §6.5: SHA-384 is SHA-512 with other IVs, truncated to six words. */
void gt_sha384_final(gt_sha512_ctx *c, uint8_t out[GT_SHA384_LEN])
{
    finish(c, out, 6);
}
