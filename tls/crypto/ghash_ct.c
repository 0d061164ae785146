/* Portable constant-time GHASH (SP 800-38D §6.4).
 *
 * Field elements are handled as 128-bit integers read big-endian from the
 * block, so the first bit of the block (the coefficient of x^0) is the most
 * significant bit: the "reflected" order of the Intel CLMUL white paper.
 * The same representation is used by gcm_clmul.c, so both paths share the
 * reduction below.
 *
 * Carry-less multiplication uses ordinary integer multiplies on operands
 * with holes (one bit in four kept): the integer carries then pile up in
 * the holes and are masked away. No table is indexed by H or by data, and
 * there are no branches, so the timing depends on neither. Integer
 * multiplication is constant-time on the x86-64 and ARMv8 cores we target. */
#include "crypto/aes_impl.h"

#include "core/ct.h"
#include "core/cursor.h"

/* 32 x 32 -> 64-bit carry-less product. Each operand is split into four
 * masked parts; a column of a partial product then sums at most 8 bits,
 * i.e. stays below 16, so its carries never reach the next bit of the same
 * residue class mod 4, which is the only one kept by the final masks. */
static uint64_t bmul32(uint32_t x, uint32_t y)
{
    const uint64_t m0 = 0x1111111111111111, m1 = m0 << 1, m2 = m0 << 2, m3 = m0 << 3;
    uint64_t x0 = x & (uint32_t)m0, x1 = x & (uint32_t)m1, x2 = x & (uint32_t)m2,
             x3 = x & (uint32_t)m3;
    uint64_t y0 = y & (uint32_t)m0, y1 = y & (uint32_t)m1, y2 = y & (uint32_t)m2,
             y3 = y & (uint32_t)m3;
    uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}

/* 64 x 64 -> 128 (hi:lo), Karatsuba over 32-bit halves. */
static void clmul64(uint64_t x, uint64_t y, uint64_t *hi, uint64_t *lo)
{
    uint32_t xl = (uint32_t)x, xh = (uint32_t)(x >> 32);
    uint32_t yl = (uint32_t)y, yh = (uint32_t)(y >> 32);
    uint64_t ll = bmul32(xl, yl), hh = bmul32(xh, yh);
    uint64_t mm = bmul32(xl ^ xh, yl ^ yh) ^ ll ^ hh;
    *lo = ll ^ (mm << 32);
    *hi = hh ^ (mm >> 32);
}

/* (y1:y0) = (y1:y0) * (h1:h0) in GF(2^128), reflected representation. */
static void gmul(uint64_t *y1, uint64_t *y0, uint64_t h1, uint64_t h0)
{
    uint64_t a1 = *y1, a0 = *y0, lh, ll, hh, hl, mh, ml;
    clmul64(a0, h0, &lh, &ll);
    clmul64(a1, h1, &hh, &hl);
    clmul64(a0 ^ a1, h0 ^ h1, &mh, &ml);
    mh ^= lh ^ hh;
    ml ^= ll ^ hl;
    uint64_t w0 = ll, w1 = lh ^ ml, w2 = hl ^ mh, w3 = hh;

    /* The 255-bit product of reflected operands is the reflection of the
     * true product shifted right by one: shift it back. */
    w3 = (w3 << 1) | (w2 >> 63);
    w2 = (w2 << 1) | (w1 >> 63);
    w1 = (w1 << 1) | (w0 >> 63);
    w0 <<= 1;

    /* Reduce mod x^128 + x^7 + x^2 + x + 1: the low half (w1:w0) holds the
     * coefficients of x^128..x^255, which fold back multiplied by
     * 1 + x + x^2 + x^7 (a right shift by k multiplies by x^k here). The
     * bits shifted out of (w1:w0) are folded first, into t1. */
    uint64_t t1 = w1 ^ (w0 << 63) ^ (w0 << 62) ^ (w0 << 57), t0 = w0;
    *y1 = w3 ^ t1 ^ (t1 >> 1) ^ (t1 >> 2) ^ (t1 >> 7);
    *y0 = w2 ^ t0 ^ (t0 >> 1) ^ (t1 << 63) ^ (t0 >> 2) ^ (t1 << 62) ^ (t0 >> 7) ^ (t1 << 57);
}

void gt_ghash_ct_init(gt_gcm_key *g, const uint8_t h[16])
{
    g->h[0] = gt_load64_be(h);
    g->h[1] = gt_load64_be(h + 8);
}

void gt_ghash_ct(const gt_gcm_key *g, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    uint64_t y1 = gt_load64_be(y), y0 = gt_load64_be(y + 8);
    for (; nblocks > 0; nblocks--, in += 16) {
        y1 ^= gt_load64_be(in);
        y0 ^= gt_load64_be(in + 8);
        gmul(&y1, &y0, g->h[0], g->h[1]);
    }
    gt_store64_be(y, y1);
    gt_store64_be(y + 8, y0);
}
