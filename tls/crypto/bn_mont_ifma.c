/* Montgomery exponentiation with AVX-512 IFMA (VPMADD52LUQ/VPMADD52HUQ).
 *
 * Numbers are re-encoded in radix 2^52: L digits, one per 64-bit lane, in
 * NR = ceil(L/8) zmm registers. IFMA multiplies the low 52 bits of two lanes
 * and adds the low or high 52 bits of the 104-bit product to a 64-bit lane,
 * so each lane has 12 bits of headroom and carries can wait until the end of
 * a multiplication (Gueron and Krasnov, "Accelerating big integer arithmetic
 * using Intel IFMA extensions", ARITH 2016, describe the method).
 *
 * The multiplication is "almost Montgomery" (AMM): with R' = 2^(52L) and
 * R' > 4m, inputs a, b < 2m give a*b/R' mod m as a value < 2m, with no final
 * subtraction; only the last conversion out of the domain reduces fully.
 * Word-serial: for each digit b_i, S += a*b_i, u = S_0 * (-m^-1) mod 2^52,
 * S += u*m, S /= 2^52 (a one-lane shift). The high halves of the products
 * and the low half for b_(i+1) are summed into a side register T that does
 * not depend on u, which keeps the u -> u chain short; the dual version runs
 * two independent multiplications (the two CRT halves of RSA) in one loop so
 * that one fills the other's latency gaps.
 *
 * Constant time by construction: the loops run over L, NR and the table
 * size (public); no branch or address depends on a digit or exponent value.
 * Carries between lanes are resolved with mask-register arithmetic, the
 * window table is read in full and combined with masks. valgrind cannot
 * execute AVX-512, so tests/ct/ct_rsa.c checks only the other back ends;
 * this file must keep that property by review.
 *
 * Used for moduli of 4..51 limbs (2^52L up to 3328 bits): RSA-2048/3072
 * CRT halves and public moduli up to 3072 bits. */
#include "crypto/bn_mont_impl.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <stddef.h>

#include "core/ct.h"

#define IFMA   __attribute__((target("avx512f,avx512ifma,avx512vl")))
#define INLINE static inline __attribute__((always_inline))
#define UNROLL _Pragma("GCC unroll 8")

#define MASK52 ((1ull << 52) - 1)
#define MAXR   8 /* zmm registers per number */
#define MAXD   (8 * MAXR)
#define TABLE  (1u << GT_BN_WINDOW)

/* A modulus in radix 2^52. */
typedef struct {
    size_t L, nr;
    uint64_t k0; /* -m^-1 mod 2^52 */
    _Alignas(64) uint64_t m[MAXD];
} mod52;

struct amm_job {
    uint64_t *r;
    const uint64_t *a, *b;
    const mod52 *md;
};

static size_t digits_for(size_t n)
{
    return (64 * n + 2 + 51) / 52; /* 2^(52L) >= 4 * 2^(64n) */
}

int gt_bn_ifma_size_ok(size_t n)
{
    return n >= 4 && digits_for(n) <= MAXD;
}

/* Carries every lane into the next so that all digits are < 2^52. Lanes
 * come in below 2^61. One shift-and-add pass leaves lanes < 2^52 + 2^12;
 * the remaining one-bit carries ripple through runs of all-ones digits,
 * which is an addition on the lane bitmaps: with g = lanes >= 2^52 and
 * p = lanes == 2^52 - 1, the lanes that receive a carry are
 * ((g << 1) + p) ^ p. */
IFMA INLINE void normalize(__m512i *x, const int nr)
{
    const __m512i mask = _mm512_set1_epi64((long long)MASK52), zero = _mm512_setzero_si512();
    const __m512i one = _mm512_set1_epi64(1);
    __m512i c[MAXR];
    UNROLL for (int k = 0; k < nr; k++)
    {
        c[k] = _mm512_srli_epi64(x[k], 52);
        x[k] = _mm512_and_si512(x[k], mask);
    }
    UNROLL for (int k = 0; k < nr; k++) x[k] =
        _mm512_add_epi64(x[k], _mm512_alignr_epi64(c[k], k ? c[k - 1] : zero, 7));
    uint64_t g = 0, p = 0;
    UNROLL for (int k = 0; k < nr; k++)
    {
        g |= (uint64_t)_mm512_cmpgt_epu64_mask(x[k], mask) << (8 * k);
        p |= (uint64_t)_mm512_cmpeq_epu64_mask(x[k], mask) << (8 * k);
    }
    uint64_t cin = ((g << 1) + p) ^ p;
    UNROLL for (int k = 0; k < nr; k++)
    {
        x[k] = _mm512_mask_add_epi64(x[k], (__mmask8)(cin >> (8 * k)), x[k], one);
        x[k] = _mm512_and_si512(x[k], mask);
    }
}

/* j[w].r = AMM(j[w].a, j[w].b) for `ways` (1 or 2) independent jobs with
 * the same L. r may alias a or b: it is written only at the end. */
IFMA INLINE void amm_run(const struct amm_job *j, const int ways, const int nr)
{
    const __m512i zero = _mm512_setzero_si512();
    __m512i A[2][MAXR], M[2][MAXR], S[2][MAXR];
    const size_t L = j[0].md->L;
    UNROLL for (int w = 0; w < ways; w++)
    {
        __m512i b0 = _mm512_set1_epi64((long long)j[w].b[0]);
        UNROLL for (int k = 0; k < nr; k++)
        {
            A[w][k] = _mm512_loadu_si512(j[w].a + 8 * k);
            M[w][k] = _mm512_loadu_si512(j[w].md->m + 8 * k);
            S[w][k] = _mm512_madd52lo_epu64(zero, A[w][k], b0);
        }
    }
    for (size_t i = 0; i < L; i++) {
        UNROLL for (int w = 0; w < ways; w++)
        {
            /* S already holds the low halves of a * b_i. */
            uint64_t s0 = (uint64_t)_mm_cvtsi128_si64(_mm512_castsi512_si128(S[w][0]));
            __m512i u = _mm512_set1_epi64((long long)((s0 * j[w].md->k0) & MASK52));
            __m512i bi = _mm512_set1_epi64((long long)j[w].b[i]);
            __m512i bn = _mm512_set1_epi64((long long)(i + 1 < L ? j[w].b[i + 1] : 0));
            __m512i T[MAXR], X[MAXR];
            UNROLL for (int k = 0; k < nr; k++)
            {
                __m512i t = _mm512_madd52hi_epu64(zero, A[w][k], bi);
                t = _mm512_madd52lo_epu64(t, A[w][k], bn);
                T[k] = _mm512_madd52hi_epu64(t, M[w][k], u);
                X[k] = _mm512_madd52lo_epu64(S[w][k], M[w][k], u);
            }
            /* X_0 is now a multiple of 2^52: its top carries into the
             * next digit, and every lane moves down by one. */
            __m512i c = _mm512_maskz_srli_epi64(1, X[0], 52);
            UNROLL for (int k = 0; k < nr; k++) S[w][k] =
                _mm512_add_epi64(_mm512_alignr_epi64(k + 1 < nr ? X[k + 1] : zero, X[k], 1), T[k]);
            S[w][0] = _mm512_add_epi64(S[w][0], c);
        }
    }
    UNROLL for (int w = 0; w < ways; w++)
    {
        normalize(S[w], nr);
        UNROLL for (int k = 0; k < nr; k++) _mm512_storeu_si512(j[w].r + 8 * k, S[w][k]);
    }
}

typedef void (*amm_fn)(const struct amm_job *j);
#define AMM_NR(NR)                                                                                 \
    IFMA static void amm1_##NR(const struct amm_job *j)                                            \
    {                                                                                              \
        amm_run(j, 1, NR);                                                                         \
    }                                                                                              \
    IFMA static void amm2_##NR(const struct amm_job *j)                                            \
    {                                                                                              \
        amm_run(j, 2, NR);                                                                         \
    }
AMM_NR(1)
AMM_NR(2)
AMM_NR(3)
AMM_NR(4)
AMM_NR(5)
AMM_NR(6)
AMM_NR(7)
AMM_NR(8)
static const amm_fn amm1[MAXR + 1] = {0,      amm1_1, amm1_2, amm1_3, amm1_4,
                                      amm1_5, amm1_6, amm1_7, amm1_8};
static const amm_fn amm2[MAXR + 1] = {0,      amm2_1, amm2_2, amm2_3, amm2_4,
                                      amm2_5, amm2_6, amm2_7, amm2_8};

/* ---- conversions (positions are public; values pass through shifts) ---- */

/* d (8*nr digits) = x (n limbs) in radix 2^52. */
static void to52(uint64_t *d, size_t nd, const uint64_t *x, size_t n)
{
    for (size_t j = 0; j < nd; j++) {
        size_t bit = 52 * j, limb = bit / 64, sh = bit % 64;
        uint64_t v = limb < n ? x[limb] >> sh : 0;
        if (sh > 12 && limb + 1 < n) v |= x[limb + 1] << (64 - sh);
        d[j] = v & MASK52;
    }
}

/* x (n limbs) = d (L normalized digits) mod 2^(64n). */
static void from52(uint64_t *x, size_t n, const uint64_t *d, size_t L)
{
    for (size_t i = 0; i < n; i++) {
        size_t bit = 64 * i, j = bit / 52, sh = bit % 52;
        uint64_t v = j < L ? d[j] >> sh : 0;
        if (j + 1 < L) v |= d[j + 1] << (52 - sh);
        if (sh > 40 && j + 2 < L) v |= d[j + 2] << (104 - sh);
        x[i] = v;
    }
}

static void pow2_52(uint64_t *d, size_t nd, size_t e)
{
    gt_bn_zero(d, nd);
    d[e / 52] = 1ull << (e % 52);
}

/* ---- exponentiation ---- */

/* One exponentiation's state; the dual version keeps two. */
struct side {
    mod52 md;
    _Alignas(64) uint64_t acc[MAXD], t[MAXD], x[MAXD];
    _Alignas(64) uint64_t table[TABLE * MAXD];
};

enum { ACC = -1, TMP = -2, AUX = -3 };

static uint64_t *slot(struct side *s, int i)
{
    switch (i) {
    case ACC:
        return s->acc;
    case TMP:
        return s->t;
    case AUX:
        return s->x;
    default:
        return s->table + (size_t)i * 8 * s->md.nr;
    }
}

/* slot r = AMM(slot a, slot b) on every side. */
static void op(struct side *s, int ways, int r, int a, int b)
{
    struct amm_job j[2];
    for (int w = 0; w < ways; w++)
        j[w] = (struct amm_job){slot(&s[w], r), slot(&s[w], a), slot(&s[w], b), &s[w].md};
    (ways == 2 ? amm2 : amm1)[s[0].md.nr](j);
}

/* Radix-2^52 modulus, R'^2 mod m into ACC (as a value < 2m), base a*R'
 * into table[1] and R' into table[0]. With R = 2^(64n) (c->rr = R^2 mod m)
 * and delta = 52L - 64n: AMM(AMM(rr, rr), 2^(4 delta)) = R'^2 and
 * AMM(rr, 2^(2 delta)) = R'. The powers of two are < 2^216 < R'/2, so every
 * AMM input stays within its bound. */
static void setup(struct side *s, int ways, const gt_bn_mont *const *c, const uint64_t *const *a)
{
    for (int w = 0; w < ways; w++) {
        mod52 *md = &s[w].md;
        md->L = digits_for(c[w]->n);
        md->nr = (md->L + 7) / 8;
        md->k0 = c[w]->m0i & MASK52;
        to52(md->m, MAXD, c[w]->m, c[w]->n);
        to52(s[w].t, 8 * md->nr, c[w]->rr, c[w]->n);
        pow2_52(s[w].x, 8 * md->nr, 4 * (52 * md->L - 64 * c[w]->n));
    }
    op(s, ways, ACC, TMP, TMP);
    op(s, ways, ACC, ACC, AUX);
    for (int w = 0; w < ways; w++)
        pow2_52(s[w].x, 8 * s[w].md.nr, 2 * (52 * s[w].md.L - 64 * c[w]->n));
    op(s, ways, 0, TMP, AUX);
    for (int w = 0; w < ways; w++)
        to52(s[w].t, 8 * s[w].md.nr, a[w], c[w]->n);
    op(s, ways, 1, TMP, ACC);
}

/* r = ACC / R' mod m, fully reduced (AMM by 1 gives a value <= m). */
static void finish(struct side *s, int ways, const gt_bn_mont *const *c, uint64_t *const *r)
{
    for (int w = 0; w < ways; w++)
        pow2_52(s[w].x, 8 * s[w].md.nr, 0);
    op(s, ways, ACC, ACC, AUX);
    for (int w = 0; w < ways; w++) {
        uint64_t t[GT_BN_MAX_LIMBS];
        from52(t, c[w]->n, s[w].acc, s[w].md.L);
        gt_bn_mont_final_sub(r[w], t, 0, c[w]->m, c[w]->n);
        gt_bn_scrub(t, c[w]->n);
    }
}

/* ACC (or TMP) = table[w] reading every entry; w is secret. */
IFMA static void table_select(struct side *s, int dst, uint32_t w)
{
    const size_t stride = 8 * s->md.nr;
    __m512i acc[MAXR];
    for (size_t k = 0; k < s->md.nr; k++)
        acc[k] = _mm512_setzero_si512();
    for (uint32_t i = 0; i < TABLE; i++) {
        __m512i m = _mm512_set1_epi64((long long)gt_ct_mask64(gt_ct_eq32(i, w)));
        const uint64_t *e = s->table + i * stride;
        for (size_t k = 0; k < s->md.nr; k++)
            acc[k] = _mm512_or_si512(acc[k], _mm512_and_si512(m, _mm512_loadu_si512(e + 8 * k)));
    }
    uint64_t *out = slot(s, dst);
    for (size_t k = 0; k < s->md.nr; k++)
        _mm512_storeu_si512(out + 8 * k, acc[k]);
}

/* Fixed windows as in bn_exp.c: 5 squarings and one table multiplication
 * per window on every side, same public positions. */
static void exp_ways(struct side *s, int ways, const gt_bn_mont *const *c, uint64_t *const *r,
                     const uint64_t *const *a, const uint64_t *const *e, size_t ebits)
{
    setup(s, ways, c, a);
    for (int i = 2; i < (int)TABLE; i++) {
        if (i % 2 == 0)
            op(s, ways, i, i / 2, i / 2);
        else
            op(s, ways, i, i - 1, 1);
    }
    size_t nwin = (ebits + GT_BN_WINDOW - 1) / GT_BN_WINDOW;
    size_t pos = (nwin - 1) * GT_BN_WINDOW;
    for (int w = 0; w < ways; w++)
        table_select(&s[w], ACC, gt_bn_exp_window(e[w], ebits, pos));
    while (pos > 0) {
        pos -= GT_BN_WINDOW;
        for (int k = 0; k < GT_BN_WINDOW; k++)
            op(s, ways, ACC, ACC, ACC);
        for (int w = 0; w < ways; w++)
            table_select(&s[w], TMP, gt_bn_exp_window(e[w], ebits, pos));
        op(s, ways, ACC, ACC, TMP);
    }
    finish(s, ways, c, r);
}

void gt_bn_mont_exp_ifma(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *e,
                         size_t ebits)
{
    struct side s;
    exp_ways(&s, 1, &c, &r, &a, &e, ebits);
    gt_wipe(&s, sizeof s);
}

void gt_bn_mont_exp2_ifma(const gt_bn_mont *c1, uint64_t *r1, const uint64_t *a1,
                          const uint64_t *e1, const gt_bn_mont *c2, uint64_t *r2,
                          const uint64_t *a2, const uint64_t *e2, size_t ebits)
{
    struct side s[2];
    const gt_bn_mont *c[2] = {c1, c2};
    uint64_t *r[2] = {r1, r2};
    const uint64_t *a[2] = {a1, a2}, *e[2] = {e1, e2};
    exp_ways(s, 2, c, r, a, e, ebits);
    gt_wipe(s, sizeof s);
}

/* Public exponent (big-endian bytes): square-and-multiply, variable time in
 * e only. Uses table slots 0 (R') and 1 (the base). */
void gt_bn_mont_exp_pub_ifma(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint8_t *e,
                             size_t elen)
{
    struct side s;
    setup(&s, 1, &c, &a);
    gt_bn_copy(s.acc, s.table, 8 * s.md.nr);
    int started = 0;
    for (size_t i = 0; i < elen; i++) {
        for (int b = 7; b >= 0; b--) {
            if (started) op(&s, 1, ACC, ACC, ACC);
            if ((e[i] >> b) & 1) {
                op(&s, 1, ACC, ACC, 1);
                started = 1;
            }
        }
    }
    finish(&s, 1, &c, &r);
    /* Only slots 0 and 1 of the table were used. */
    gt_wipe(&s, offsetof(struct side, table) + 2 * 8 * s.md.nr * sizeof(uint64_t));
}
#endif
