/* Modular exponentiation in the Montgomery domain (see bn.h).
 *
 * gt_bn_mont_exp is the secret-exponent path (RSA CRT halves): fixed
 * windows of GT_BN_WINDOW bits, always 5 squarings and one multiplication
 * per window, and the multiplier is fetched by reading EVERY table entry and
 * keeping the wanted one with a mask, so neither the branch pattern nor the
 * memory access pattern (cache lines) depends on the exponent bits.
 * gt_bn_mont_exp_pub is the public-exponent path (e = 65537, verification,
 * encryption, blinding): plain left-to-right square-and-multiply, variable
 * time in e but still constant time in the base. */
#include "crypto/bn.h"

#include "core/ct.h"
#include "crypto/bn_mont_impl.h"

#define TABLE (1u << GT_BN_WINDOW)

/* r = table[w] scanning all entries; w is secret. */
static void table_select(uint64_t *r, const uint64_t *table, size_t n, uint32_t w)
{
    gt_bn_zero(r, n);
    for (uint32_t i = 0; i < TABLE; i++) {
        uint64_t mask = gt_ct_mask64(gt_ct_eq32(i, w));
        const uint64_t *e = table + (size_t)i * n;
        for (size_t j = 0; j < n; j++)
            r[j] |= e[j] & mask;
    }
}

/* The GT_BN_WINDOW bits of e starting at bit `pos` (bits past ebits read
 * as zero). The position is public; the bits are not. */
static uint32_t window_at(const uint64_t *e, size_t ebits, size_t pos)
{
    size_t nl = (ebits + 63) / 64;
    size_t limb = pos / 64, sh = pos % 64;
    uint64_t v = limb < nl ? e[limb] >> sh : 0;
    if (sh > 64 - GT_BN_WINDOW && limb + 1 < nl) v |= e[limb + 1] << (64 - sh);
    uint32_t w = (uint32_t)v & (TABLE - 1);
    /* Mask off bits at or above ebits. */
    if (pos + GT_BN_WINDOW > ebits) w &= (1u << (ebits - pos)) - 1;
    return w;
}

void gt_bn_mont_exp(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *e,
                    size_t ebits)
{
    const size_t n = c->n;
    uint64_t table[TABLE * GT_BN_MAX_LIMBS];
    uint64_t acc[GT_BN_MAX_LIMBS], t[GT_BN_MAX_LIMBS];
    if (ebits == 0) {
        gt_bn_mont_from(c, r, c->one);
        return;
    }
    /* table[i] = a^i in Montgomery form. Even entries by squaring. */
    gt_bn_copy(table, c->one, n);
    gt_bn_mont_to(c, table + n, a);
    for (size_t i = 2; i < TABLE; i++) {
        uint64_t *dst = table + i * n;
        if (i % 2 == 0)
            c->sqr(c, dst, table + (i / 2) * n);
        else
            c->mul(c, dst, table + (i - 1) * n, table + n);
    }
    /* Windows from the top; the first one just loads the accumulator. */
    size_t nwin = (ebits + GT_BN_WINDOW - 1) / GT_BN_WINDOW;
    size_t pos = (nwin - 1) * GT_BN_WINDOW;
    table_select(acc, table, n, window_at(e, ebits, pos));
    while (pos > 0) {
        pos -= GT_BN_WINDOW;
        for (int k = 0; k < GT_BN_WINDOW; k++)
            c->sqr(c, acc, acc);
        table_select(t, table, n, window_at(e, ebits, pos));
        c->mul(c, acc, acc, t);
    }
    gt_bn_mont_from(c, r, acc);
    gt_wipe(table, TABLE * n * sizeof(uint64_t));
    gt_wipe(acc, sizeof acc);
    gt_wipe(t, sizeof t);
}

void gt_bn_mont_exp_pub(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint8_t *e,
                        size_t elen)
{
    const size_t n = c->n;
    uint64_t base[GT_BN_MAX_LIMBS], acc[GT_BN_MAX_LIMBS];
    gt_bn_mont_to(c, base, a);
    gt_bn_copy(acc, c->one, n);
    int started = 0;
    for (size_t i = 0; i < elen; i++) {
        for (int b = 7; b >= 0; b--) {
            if (started) c->sqr(c, acc, acc);
            if ((e[i] >> b) & 1) {
                c->mul(c, acc, acc, base);
                started = 1;
            }
        }
    }
    gt_bn_mont_from(c, r, acc);
    gt_wipe(base, sizeof base);
    gt_wipe(acc, sizeof acc);
}
