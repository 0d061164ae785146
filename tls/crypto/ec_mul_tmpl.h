/* Scalar multiplication for one curve, included after ec_point_tmpl.h by
 * p256.c and p384.c, which also define:
 *   EC_BITS              bit length of the group order n
 *   ec_gx[], ec_gy[]     the base point, big-endian bytes (FE_LEN each)
 *
 * Scalars are recoded into signed base-32 digits in [-16, 16] (Booth
 * recoding: d_i = b(5i-1) + b(5i) + 2b(5i+1) + 4b(5i+2) + 8b(5i+3)
 * - 16b(5i+4)), so a table of 16 multiples covers every digit and a
 * negative digit costs only a conditional negation of y.
 *
 * Variable base (ECDH): fixed 5-bit windows left to right, 16 Jacobian
 * multiples, each looked up by scanning the whole table with masks.
 * Fixed base (key generation, signing): one table of 16 affine multiples
 * j * 32^i * G per window i, so k*G is one mixed addition per window and no
 * doubling. The table is computed from G at first use (pthread_once; about
 * a millisecond) rather than committed as a 50-120 KB constant.
 *
 * Exceptional additions: the incomplete formulas are wrong only for P == Q.
 * With k < n and P of prime order n, partial sums before the last window are
 * integers far smaller than n in magnitude, so P == Q cannot happen there
 * (fixed base: |sum_{j<i} d_j 32^j| < 32^i <= |d_i 32^i|; variable base:
 * 32*m == d with |d| <= 16 forces m == d == 0, the infinity case). Only the
 * last addition may meet it, and that one uses the complete variant. */
#include <pthread.h>

#define EC_NW ((EC_BITS + 1 + 4) / 5) /* windows covering bits 0..EC_BITS */

static inline uint32_t scalar_bit(const uint8_t *k, long i)
{
    if (i < 0 || i >= 8 * FE_LEN) return 0; /* i is a public position */
    return (k[FE_LEN - 1 - i / 8] >> (i % 8)) & 1;
}

/* Digit magnitudes (0..16) and negation masks, constant time. */
static void recode(uint8_t mag[EC_NW], uint64_t neg[EC_NW], const uint8_t *k)
{
    for (long i = 0; i < EC_NW; i++) {
        uint32_t v = 0;
        for (long j = 0; j < 6; j++)
            v |= scalar_bit(k, 5 * i - 1 + j) << j;
        int32_t d = (int32_t)((v & 1) + ((v >> 1) & 15)) - 16 * (int32_t)(v >> 5);
        uint32_t s = (uint32_t)d >> 31;
        mag[i] = (uint8_t)(((uint32_t)d ^ (0u - s)) + s);
        neg[i] = gt_ct_mask64(s);
    }
}

/* r = tab[idx - 1] (idx in 1..16), or infinity for idx == 0: every entry
 * is read and masked, OR-ed into local accumulators (a loop the compiler
 * vectorises, where a conditional move per limb through *r did not). */
static void select_jac(jac *r, const jac tab[16], uint32_t idx)
{
    jac acc;
    memset(&acc, 0, sizeof acc);
    for (uint32_t i = 0; i < 16; i++) {
        uint64_t m = gt_ct_mask64(gt_ct_eq32(idx, i + 1));
        for (int j = 0; j < EC_N; j++) {
            acc.x[j] |= tab[i].x[j] & m;
            acc.y[j] |= tab[i].y[j] & m;
            acc.z[j] |= tab[i].z[j] & m;
        }
    }
    *r = acc;
}

static void select_aff(aff *r, const aff tab[16], uint32_t idx)
{
    aff acc;
    memset(&acc, 0, sizeof acc);
    for (uint32_t i = 0; i < 16; i++) {
        uint64_t m = gt_ct_mask64(gt_ct_eq32(idx, i + 1));
        for (int j = 0; j < EC_N; j++) {
            acc.x[j] |= tab[i].x[j] & m;
            acc.y[j] |= tab[i].y[j] & m;
        }
    }
    *r = acc;
}

/* tab[j] = (j+1) * P for j = 0..15. P finite and of order n, so no sum
 * below meets P == Q. */
static void multiples(jac tab[16], const jac *p)
{
    tab[0] = *p;
    for (int j = 1; j < 16; j++) {
        if (j & 1)
            pt_dbl(&tab[j], &tab[j / 2]); /* (j+1) even: 2 * ((j+1)/2) P */
        else
            (void)pt_add_core(&tab[j], &tab[j - 1], p);
    }
}

static void mul_var_jac(jac *r, const uint8_t *k, const aff *p)
{
    jac tab[16], acc, t;
    uint8_t mag[EC_NW];
    uint64_t neg[EC_NW];
    fe_copy(acc.x, p->x);
    fe_copy(acc.y, p->y);
    fe_copy(acc.z, fe_one);
    multiples(tab, &acc);
    recode(mag, neg, k);
    select_jac(&acc, tab, mag[EC_NW - 1]); /* top digit is never negative */
    for (long i = EC_NW - 2; i >= 0; i--) {
        for (int s = 0; s < 5; s++)
            pt_dbl(&acc, &acc);
        select_jac(&t, tab, mag[i]);
        fe_cneg(t.y, neg[i]);
        pt_add_ct(&acc, &acc, &t, i == 0);
    }
    *r = acc;
    gt_wipe(&t, sizeof t);
    gt_wipe(&acc, sizeof acc);
    gt_wipe(mag, sizeof mag);
    gt_wipe(neg, sizeof neg);
}

static aff base_tab[EC_NW][16];
static pthread_once_t base_once = PTHREAD_ONCE_INIT;

/* Normalises 16 points to affine with one inversion (Montgomery's trick). */
static void batch_affine(aff out[16], const jac in[16])
{
    fe pre[16], inv, zi, zi2;
    fe_copy(pre[0], in[0].z);
    for (int j = 1; j < 16; j++)
        fe_mul(pre[j], pre[j - 1], in[j].z);
    fe_inv(inv, pre[15]);
    for (int j = 15; j >= 0; j--) {
        if (j > 0) {
            fe_mul(zi, inv, pre[j - 1]);
            fe_mul(inv, inv, in[j].z);
        } else {
            fe_copy(zi, inv);
        }
        fe_sqr(zi2, zi);
        fe_mul(out[j].x, in[j].x, zi2);
        fe_mul(zi2, zi2, zi);
        fe_mul(out[j].y, in[j].y, zi2);
    }
}

static void base_tab_init(void)
{
    jac row[16], base;
    (void)fe_from_bytes(base.x, ec_gx);
    (void)fe_from_bytes(base.y, ec_gy);
    fe_copy(base.z, fe_one);
    for (int w = 0; w < EC_NW; w++) {
        multiples(row, &base);
        batch_affine(base_tab[w], row);
        pt_dbl(&base, &row[15]); /* 32 * base */
    }
}

static void mul_base_jac(jac *r, const uint8_t *k)
{
    jac acc;
    aff t;
    uint8_t mag[EC_NW];
    uint64_t neg[EC_NW];
    pthread_once(&base_once, base_tab_init);
    recode(mag, neg, k);
    memset(&acc, 0, sizeof acc);
    for (long i = 0; i < EC_NW; i++) {
        select_aff(&t, base_tab[i], mag[i]);
        fe_cneg(t.y, neg[i]);
        uint64_t inf = gt_ct_mask64(gt_ct_eq32(mag[i], 0));
        pt_madd_ct(&acc, &acc, &t, inf, i == EC_NW - 1);
    }
    *r = acc;
    gt_wipe(&acc, sizeof acc);
    gt_wipe(&t, sizeof t);
    gt_wipe(mag, sizeof mag);
    gt_wipe(neg, sizeof neg);
}

static int ec_mul_base(uint8_t *xy, const uint8_t *k)
{
    jac r;
    mul_base_jac(&r, k);
    pt_to_bytes(xy, &r);
    gt_wipe(&r, sizeof r);
    return 0;
}

static int ec_mul(uint8_t *xy, const uint8_t *k, const uint8_t *p_xy)
{
    aff p;
    jac r;
    (void)aff_from_bytes(&p, p_xy);
    mul_var_jac(&r, k, &p);
    pt_to_bytes(xy, &r);
    gt_wipe(&r, sizeof r);
    return 0;
}

/* Variable-time counterparts for verification (public scalars and point):
 * the same recoding and tables, but entries are read by direct index and
 * zero digits skip their addition. */
static void mul_var_vartime(jac *r, const uint8_t *k, const aff *p)
{
    jac tab[16], acc, t;
    uint8_t mag[EC_NW];
    uint64_t neg[EC_NW];
    fe_copy(acc.x, p->x);
    fe_copy(acc.y, p->y);
    fe_copy(acc.z, fe_one);
    multiples(tab, &acc);
    recode(mag, neg, k);
    memset(&acc, 0, sizeof acc);
    for (long i = EC_NW - 1; i >= 0; i--) {
        for (int s = 0; s < 5 && !fe_is_zero(acc.z); s++)
            pt_dbl(&acc, &acc);
        if (!mag[i]) continue;
        t = tab[mag[i] - 1];
        fe_cneg(t.y, neg[i]);
        pt_add_vartime(&acc, &acc, &t);
    }
    *r = acc;
}

static void mul_base_vartime(jac *r, const uint8_t *k)
{
    jac acc, t;
    uint8_t mag[EC_NW];
    uint64_t neg[EC_NW];
    pthread_once(&base_once, base_tab_init);
    recode(mag, neg, k);
    memset(&acc, 0, sizeof acc);
    for (long i = 0; i < EC_NW; i++) {
        if (!mag[i]) continue;
        fe_copy(t.x, base_tab[i][mag[i] - 1].x);
        fe_copy(t.y, base_tab[i][mag[i] - 1].y);
        fe_copy(t.z, fe_one);
        fe_cneg(t.y, neg[i]);
        pt_add_vartime(&acc, &acc, &t);
    }
    *r = acc;
}

/* u1*G + u2*P for verification, then one complete addition. */
static int ec_mul_add_vartime(uint8_t *x, const uint8_t *u1, const uint8_t *u2, const uint8_t *p_xy)
{
    aff p;
    jac a, b;
    uint8_t xy[2 * FE_LEN];
    (void)aff_from_bytes(&p, p_xy);
    mul_base_vartime(&a, u1);
    mul_var_vartime(&b, u2, &p);
    pt_add_vartime(&a, &a, &b);
    if (fe_is_zero(a.z)) return -1;
    pt_to_bytes(xy, &a);
    memcpy(x, xy, FE_LEN);
    return 0;
}

static int ec_on_curve(const uint8_t *xy)
{
    aff p;
    return (int)aff_from_bytes(&p, xy);
}
