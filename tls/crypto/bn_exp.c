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
#if defined(__x86_64__)
    if (c->ifma) {
        gt_bn_mont_exp_ifma(c, r, a, e, ebits);
        return;
    }
#endif
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
    table_select(acc, table, n, gt_bn_exp_window(e, ebits, pos));
    while (pos > 0) {
        pos -= GT_BN_WINDOW;
        for (int k = 0; k < GT_BN_WINDOW; k++)
            c->sqr(c, acc, acc);
        table_select(t, table, n, gt_bn_exp_window(e, ebits, pos));
        c->mul(c, acc, acc, t);
    }
    gt_bn_mont_from(c, r, acc);
    gt_wipe(table, TABLE * n * sizeof(uint64_t));
    gt_wipe(acc, sizeof acc);
    gt_wipe(t, sizeof t);
}

void gt_bn_mont_exp2(const gt_bn_mont *c1, uint64_t *r1, const uint64_t *a1, const uint64_t *e1,
                     const gt_bn_mont *c2, uint64_t *r2, const uint64_t *a2, const uint64_t *e2,
                     size_t ebits)
{
#if defined(__x86_64__)
    if (c1->ifma && c2->ifma && c1->n == c2->n && ebits) {
        gt_bn_mont_exp2_ifma(c1, r1, a1, e1, c2, r2, a2, e2, ebits);
        return;
    }
#endif
    gt_bn_mont_exp(c1, r1, a1, e1, ebits);
    gt_bn_mont_exp(c2, r2, a2, e2, ebits);
}

void gt_bn_mont_exp_pub(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint8_t *e,
                        size_t elen)
{
    const size_t n = c->n;
#if defined(__x86_64__)
    if (c->ifma) {
        gt_bn_mont_exp_pub_ifma(c, r, a, e, elen);
        return;
    }
#endif
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
