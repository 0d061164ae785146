/* X25519 (RFC 7748) over GF(2^255 - 19), field elements in radix 2^51:
 * five 64-bit limbs, products accumulated in unsigned __int128. The scalar
 * multiplication is the Montgomery ladder of RFC 7748 §5 with conditional
 * swaps by mask, so neither branches nor addresses depend on the scalar.
 *
 * Limb bounds (the invariants that keep every sum in range):
 *   - fe_mul/fe_sq/fe_mul_small outputs ("reduced"): limbs < 2^51 + 2^13;
 *   - fe_add of two reduced values: limbs < 2^52 + 2^14;
 *   - fe_sub(f, g) with g reduced: limbs < f + 2^52;
 *   - fe_mul inputs up to 2^54 per limb: the 19-multiplied cross terms are
 *     < 19 * 2^108 each and five of them fit easily in 128 bits. */
#include "gt/crypto/x25519.h"

#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"

typedef unsigned __int128 u128;
typedef struct {
    uint64_t v[5];
} fe;

#define MASK51 ((1ull << 51) - 1)

/* Unpacks 32 little-endian bytes, ignoring bit 255 (§5: "implementations of
 * X25519 MUST mask the most significant bit in the final byte"). */
static void fe_frombytes(fe *h, const uint8_t s[32])
{
    uint64_t a = gt_load64_le(s), b = gt_load64_le(s + 8), c = gt_load64_le(s + 16),
             d = gt_load64_le(s + 24) & 0x7fffffffffffffffull;
    h->v[0] = a & MASK51;
    h->v[1] = ((a >> 51) | (b << 13)) & MASK51;
    h->v[2] = ((b >> 38) | (c << 26)) & MASK51;
    h->v[3] = ((c >> 25) | (d << 39)) & MASK51;
    h->v[4] = d >> 12;
}

/* One carry pass: limbs < 2^51 except limb 0 which may be < 2^51 + 19 * carry. */
static void fe_carry(fe *h)
{
    uint64_t c;
    for (int i = 0; i < 4; i++) {
        c = h->v[i] >> 51;
        h->v[i] &= MASK51;
        h->v[i + 1] += c;
    }
    c = h->v[4] >> 51;
    h->v[4] &= MASK51;
    h->v[0] += 19 * c;
}

/* Canonical encoding: the unique representative in [0, p). */
static void fe_tobytes(uint8_t s[32], const fe *f)
{
    fe h = *f;
    fe_carry(&h);
    fe_carry(&h); /* now every limb < 2^51, value < 2^255 */
    /* q = 1 iff h >= p, i.e. iff h + 19 carries out of bit 255. */
    uint64_t q = (h.v[0] + 19) >> 51;
    for (int i = 1; i < 5; i++)
        q = (h.v[i] + q) >> 51;
    h.v[0] += 19 * q;
    for (int i = 0; i < 4; i++) {
        h.v[i + 1] += h.v[i] >> 51;
        h.v[i] &= MASK51;
    }
    h.v[4] &= MASK51; /* drops the 2^255 that q accounted for */
    gt_store64_le(s, h.v[0] | (h.v[1] << 51));
    gt_store64_le(s + 8, (h.v[1] >> 13) | (h.v[2] << 38));
    gt_store64_le(s + 16, (h.v[2] >> 26) | (h.v[3] << 25));
    gt_store64_le(s + 24, (h.v[3] >> 39) | (h.v[4] << 12));
}

static void fe_add(fe *h, const fe *f, const fe *g)
{
    for (int i = 0; i < 5; i++)
        h->v[i] = f->v[i] + g->v[i];
}

/* h = f - g + 2p, limb by limb, so nothing underflows for reduced g. */
static void fe_sub(fe *h, const fe *f, const fe *g)
{
    h->v[0] = f->v[0] + 0xfffffffffffdaull - g->v[0];
    for (int i = 1; i < 5; i++)
        h->v[i] = f->v[i] + 0xffffffffffffeull - g->v[i];
}

/* Carries five 128-bit column sums into a reduced element. 2^255 = 19 mod p
 * folds the top carry back into limb 0. Always inlined: as a call, the five
 * 128-bit sums go through the stack, which costs gcc -O2 about a fifth of
 * the whole scalar multiplication. */
static inline __attribute__((always_inline)) void fe_reduce128(fe *h, u128 r0, u128 r1, u128 r2,
                                                               u128 r3, u128 r4)
{
    r1 += (uint64_t)(r0 >> 51);
    r2 += (uint64_t)(r1 >> 51);
    r3 += (uint64_t)(r2 >> 51);
    r4 += (uint64_t)(r3 >> 51);
    uint64_t h0 = ((uint64_t)r0 & MASK51) + 19 * (uint64_t)(r4 >> 51);
    h->v[1] = ((uint64_t)r1 & MASK51) + (h0 >> 51);
    h->v[0] = h0 & MASK51;
    h->v[2] = (uint64_t)r2 & MASK51;
    h->v[3] = (uint64_t)r3 & MASK51;
    h->v[4] = (uint64_t)r4 & MASK51;
}

static void fe_mul(fe *h, const fe *f, const fe *g)
{
    const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    u128 r0 =
        (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
    u128 r1 =
        (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
    u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
    u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
    u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
    fe_reduce128(h, r0, r1, r2, r3, r4);
}

/* Squaring: the symmetric cross terms are computed once and doubled. */
static void fe_sq(fe *h, const fe *f)
{
    const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f3_19 = 19 * f3, f4_19 = 19 * f4;
    u128 r0 = (u128)f0 * f0 + (u128)f1_2 * f4_19 + (u128)(2 * f2) * f3_19;
    u128 r1 = (u128)f0_2 * f1 + (u128)(2 * f2) * f4_19 + (u128)f3 * f3_19;
    u128 r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)(2 * f3) * f4_19;
    u128 r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4 * f4_19;
    u128 r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
    fe_reduce128(h, r0, r1, r2, r3, r4);
}

static void fe_sq_n(fe *h, const fe *f, int n)
{
    fe_sq(h, f);
    for (int i = 1; i < n; i++)
        fe_sq(h, h);
}

static void fe_mul_small(fe *h, const fe *f, uint32_t k)
{
    fe_reduce128(h, (u128)f->v[0] * k, (u128)f->v[1] * k, (u128)f->v[2] * k, (u128)f->v[3] * k,
                 (u128)f->v[4] * k);
}

/* h = z^(p-2) = z^(2^255 - 21) (Fermat): 254 squarings and 11 multiplies
 * along the usual chain through z^(2^k - 1). Maps 0 to 0, which is what
 * RFC 7748 §5 wants for the projective point at infinity. */
static void fe_invert(fe *h, const fe *z)
{
    fe z2, z9, z11, a, b, c, t;
    fe_sq(&z2, z);          /* 2 */
    fe_sq_n(&t, &z2, 2);    /* 8 */
    fe_mul(&z9, &t, z);     /* 9 */
    fe_mul(&z11, &z9, &z2); /* 11 */
    fe_sq(&t, &z11);        /* 22 */
    fe_mul(&a, &t, &z9);    /* 2^5 - 1 */
    fe_sq_n(&t, &a, 5);     /* 2^10 - 2^5 */
    fe_mul(&a, &t, &a);     /* 2^10 - 1 */
    fe_sq_n(&t, &a, 10);    /* 2^20 - 2^10 */
    fe_mul(&b, &t, &a);     /* 2^20 - 1 */
    fe_sq_n(&t, &b, 20);    /* 2^40 - 2^20 */
    fe_mul(&t, &t, &b);     /* 2^40 - 1 */
    fe_sq_n(&t, &t, 10);    /* 2^50 - 2^10 */
    fe_mul(&b, &t, &a);     /* 2^50 - 1 */
    fe_sq_n(&t, &b, 50);    /* 2^100 - 2^50 */
    fe_mul(&c, &t, &b);     /* 2^100 - 1 */
    fe_sq_n(&t, &c, 100);   /* 2^200 - 2^100 */
    fe_mul(&t, &t, &c);     /* 2^200 - 1 */
    fe_sq_n(&t, &t, 50);    /* 2^250 - 2^50 */
    fe_mul(&t, &t, &b);     /* 2^250 - 1 */
    fe_sq_n(&t, &t, 5);     /* 2^255 - 2^5 */
    fe_mul(h, &t, &z11);    /* 2^255 - 21 */
}

/* §5 cswap: swap a and b when bit is 1, by mask, touching both always. */
static void fe_cswap(fe *a, fe *b, uint64_t bit)
{
    uint64_t m = gt_ct_mask64(bit);
    for (int i = 0; i < 5; i++) {
        uint64_t t = m & (a->v[i] ^ b->v[i]);
        a->v[i] ^= t;
        b->v[i] ^= t;
    }
}

/* RFC 7748 §5: the Montgomery ladder on the clamped scalar k, from bit 254
 * down to 0, with a24 = 121665. Returns x2/z2 in (x, z). */
static void ladder(fe *x, fe *z, const uint8_t k[32], const fe *x1)
{
    fe x2 = {{1}}, z2 = {{0}}, x3 = *x1, z3 = {{1}};
    fe a, aa, b, bb, e, c, d, da, cb;
    uint64_t swap = 0;
    for (int t = 254; t >= 0; t--) {
        uint64_t kt = (k[t >> 3] >> (t & 7)) & 1;
        swap ^= kt;
        fe_cswap(&x2, &x3, swap);
        fe_cswap(&z2, &z3, swap);
        swap = kt;

        fe_add(&a, &x2, &z2);
        fe_sq(&aa, &a);
        fe_sub(&b, &x2, &z2);
        fe_sq(&bb, &b);
        fe_sub(&e, &aa, &bb);
        fe_add(&c, &x3, &z3);
        fe_sub(&d, &x3, &z3);
        fe_mul(&da, &d, &a);
        fe_mul(&cb, &c, &b);
        fe_add(&x3, &da, &cb);
        fe_sq(&x3, &x3);
        fe_sub(&z3, &da, &cb);
        fe_sq(&z3, &z3);
        fe_mul(&z3, &z3, x1);
        fe_mul(&x2, &aa, &bb);
        fe_mul_small(&z2, &e, 121665);
        fe_add(&z2, &z2, &aa);
        fe_mul(&z2, &z2, &e);
    }
    fe_cswap(&x2, &x3, swap);
    fe_cswap(&z2, &z3, swap);
    *x = x2;
    *z = z2;
    gt_wipe(&x3, sizeof x3);
    gt_wipe(&z3, sizeof z3);
}

int gt_x25519(uint8_t out[GT_X25519_LEN], const uint8_t scalar[GT_X25519_LEN],
              const uint8_t point[GT_X25519_LEN])
{
    uint8_t k[32];
    fe u, x, z, zi;

    /* §5 decodeScalar25519: clear the three low bits, clear bit 255, set bit 254. */
    memcpy(k, scalar, 32);
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
    fe_frombytes(&u, point);
    ladder(&x, &z, k, &u);
    fe_invert(&zi, &z);
    fe_mul(&x, &x, &zi);
    fe_tobytes(out, &x);
    gt_wipe(k, sizeof k);
    gt_wipe(&x, sizeof x);
    gt_wipe(&z, sizeof z);
    gt_wipe(&zi, sizeof zi);
    /* §6.1: an all-zero shared secret means a small-order point. The error
     * is selected by mask so that nothing branches on the secret here. */
    uint32_t zero = gt_ct_is_zero(out, GT_X25519_LEN);
    return (int)(gt_ct_mask32(zero) & (uint32_t)GT_ERR_CRYPTO_ZERO_SECRET);
}

void gt_x25519_base(uint8_t pub[GT_X25519_LEN], const uint8_t scalar[GT_X25519_LEN])
{
    static const uint8_t nine[32] = {9};
    /* A clamped scalar times the base point (prime order subgroup) is never
     * the identity, so the zero check cannot fire. */
    (void)!gt_x25519(pub, scalar, nine);
}
