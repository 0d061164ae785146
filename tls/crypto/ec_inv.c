/* Constant-time modular inversion by divsteps: D. J. Bernstein and B.-Y.
 * Yang, "Fast constant-time gcd computation and modular inversion", TCHES
 * 2019(3), §§ 8-11.
 *
 * divstep(delta, f, g), f odd:
 *   delta > 0 and g odd:  (1 - delta, g, (g - f) / 2)
 *   g odd otherwise:      (1 + delta, f, (g + f) / 2)
 *   g even:               (1 + delta, f, g / 2)
 * Starting from (1, m, a), g reaches 0 and f = +-gcd(m, a) = +-1 within
 * floor((49d + 57) / 17) steps for d-bit inputs (Theorem 11.2): 741 for
 * d = 256, 1110 for d = 384. We always run that many (rounded up to whole
 * batches of 60), whatever a is.
 *
 * Each batch runs 60 divsteps on the low 64 bits of f and g only, recording
 * the 2x2 matrix T with 2^60 (f', g') = T (f, g), then applies T to the full
 * f, g and to d, e, which keep f = d a and g = e a (mod m): d, e start at
 * 0, 1 and take T too, the division by 2^60 made exact by adding a
 * multiple of m (Montgomery style, with m^-1 mod 2^60). At the end a^-1 =
 * +-d. A batch is two half-batches of 30 steps whose matrix entries (at
 * most 2^30 in magnitude) travel packed two to a word, u + 2^32 v and
 * q + 2^32 r: every operation on them is linear, so the packed words take
 * them all at once, and the step loop does half the matrix work.
 *
 * Numbers are signed, in 60-bit limbs: limbs below the top in [0, 2^60),
 * the top limb a signed int64 carrying the sign. |u| + |v| <= 2^60 for each
 * row of T (by induction over the steps), so every product fits the
 * 128-bit accumulators, and d, e stay in (-2m, m) from batch to batch
 * (update_de), reduced to [0, m) once at the end. No branch or memory
 * index depends on a. */
#include "crypto/ec_inv.h"

#include "core/ct.h"

#define L_MAX 7
#define LB    60 /* bits per limb, and divsteps per batch */
#define LMASK ((((uint64_t)1) << LB) - 1)

typedef __int128 i128;

typedef struct {
    int64_t u, v, q, r;
} trans;

/* All-ones if x < 0. (Right shifts of negative values below are
 * arithmetic, as GNU C defines them.) */
static inline int64_t sign_mask(int64_t x)
{
    return (int64_t)(0 - ((uint64_t)x >> 63));
}

/* 30 divsteps on the low 64 bits f, g (f odd), tracking zeta = -delta
 * (so that "delta > 0" is the sign bit of zeta); returns the new zeta.
 * Only the low 64 - i bits of f, g are exact after i steps, plenty for 30
 * parity tests. The matrix comes out packed (see the top of the file). */
static uint64_t divsteps30(uint64_t zeta, uint64_t f, uint64_t g, trans *t)
{
    uint64_t uv = 1, qr = (uint64_t)1 << 32, x;
    for (int i = 0; i < 30; i++) {
        /* pos: delta > 0; odd: g odd; swap: both. The g-odd step adds
         * -f (swap) or f to g, and -(u, v) or (u, v) to (q, r); then a
         * swap moves the old g, (q, r) into f, (u, v). Ordered so that
         * +-f does not wait for g: this loop is most of an inversion. */
        uint64_t pos = (uint64_t)sign_mask((int64_t)zeta), odd = 0 - (g & 1), swap = pos & odd;
        uint64_t tf = (f ^ pos) - pos, tuv = (uv ^ pos) - pos;
        x = (f ^ g) & swap;
        f ^= x;
        x = (uv ^ qr) & swap;
        uv ^= x;
        g += tf & odd;
        qr += tuv & odd;
        zeta = ((zeta ^ swap) - swap) - 1; /* delta' = 1 - delta or 1 + delta */
        g >>= 1;
        uv <<= 1;
    }
    /* Unpack: |u|, |v| <= 2^30, so u is the sign-extended low half. */
    t->u = (int32_t)(uint32_t)uv;
    t->v = ((int64_t)uv - t->u) >> 32;
    t->q = (int32_t)(uint32_t)qr;
    t->r = ((int64_t)qr - t->q) >> 32;
    return zeta;
}

/* 60 divsteps: two half-batches, the second on (f, g) advanced by the
 * first (low bits only), and T = T2 T1. */
static uint64_t divsteps60(uint64_t zeta, uint64_t f, uint64_t g, trans *t)
{
    trans a, b;
    zeta = divsteps30(zeta, f, g, &a);
    uint64_t f1 = ((uint64_t)a.u * f + (uint64_t)a.v * g) >> 30;
    uint64_t g1 = ((uint64_t)a.q * f + (uint64_t)a.r * g) >> 30;
    zeta = divsteps30(zeta, f1, g1, &b);
    t->u = b.u * a.u + b.v * a.q;
    t->v = b.u * a.v + b.v * a.r;
    t->q = b.q * a.u + b.r * a.q;
    t->r = b.q * a.v + b.r * a.r;
    return zeta;
}

/* (f, g) = T (f, g) / 2^60; exact (the low 60 bits of the products
 * cancel by construction of T). */
static void update_fg(size_t L, int64_t *f, int64_t *g, const trans *t)
{
    i128 cf = (i128)t->u * f[0] + (i128)t->v * g[0];
    i128 cg = (i128)t->q * f[0] + (i128)t->r * g[0];
    cf >>= LB;
    cg >>= LB;
    for (size_t i = 1; i < L; i++) {
        cf += (i128)t->u * f[i] + (i128)t->v * g[i];
        cg += (i128)t->q * f[i] + (i128)t->r * g[i];
        f[i - 1] = (int64_t)((uint64_t)cf & LMASK);
        g[i - 1] = (int64_t)((uint64_t)cg & LMASK);
        cf >>= LB;
        cg >>= LB;
    }
    f[L - 1] = (int64_t)cf;
    g[L - 1] = (int64_t)cg;
}

/* Canonical limbs of x + (m & mask), i.e. carries propagated. */
static void add_masked(size_t L, int64_t *x, const int64_t *m, int64_t mask)
{
    int64_t c = 0;
    for (size_t i = 0; i + 1 < L; i++) {
        c += x[i] + (m[i] & mask);
        x[i] = (int64_t)((uint64_t)c & LMASK);
        c >>= LB;
    }
    x[L - 1] += (m[L - 1] & mask) + c;
}

/* x in (-2m, 2m), canonical, to [0, m): add m while negative (twice),
 * then subtract m unless that goes negative. Used once, at the end. */
static void reduce(size_t L, int64_t *x, const int64_t *m)
{
    int64_t t[L_MAX], neg_m[L_MAX];
    add_masked(L, x, m, sign_mask(x[L - 1]));
    add_masked(L, x, m, sign_mask(x[L - 1]));
    for (size_t i = 0; i < L; i++) {
        t[i] = x[i];
        neg_m[i] = -m[i];
    }
    add_masked(L, t, neg_m, -1);
    int64_t keep = sign_mask(t[L - 1]);
    for (size_t i = 0; i < L; i++)
        x[i] = (x[i] & keep) | (t[i] & ~keep);
}

/* (d, e) = T (d, e) / 2^60 mod m, for d, e in (-2m, m); the results are in
 * (-2m, m) again, so no reduction is needed between batches. Adding m to a
 * negative input (folded into the multiple of m added, md) makes the
 * effective inputs D, E lie in (-m, m), so |u D + v E| < 2^60 m; the
 * correction k m with k in [0, 2^60) that clears the low 60 bits is
 * subtracted, leaving the sum in (-2^61 m, 2^60 m) before the division. */
static void update_de(size_t L, int64_t *d, int64_t *e, const trans *t, const int64_t *m,
                      uint64_t minv)
{
    int64_t sd = sign_mask(d[L - 1]), se = sign_mask(e[L - 1]);
    int64_t md = (t->u & sd) + (t->v & se), me = (t->q & sd) + (t->r & se);
    uint64_t xd = (uint64_t)t->u * (uint64_t)d[0] + (uint64_t)t->v * (uint64_t)e[0] +
                  (uint64_t)md * (uint64_t)m[0];
    uint64_t xe = (uint64_t)t->q * (uint64_t)d[0] + (uint64_t)t->r * (uint64_t)e[0] +
                  (uint64_t)me * (uint64_t)m[0];
    md -= (int64_t)((minv * xd) & LMASK);
    me -= (int64_t)((minv * xe) & LMASK);
    i128 cd = (i128)t->u * d[0] + (i128)t->v * e[0] + (i128)md * m[0];
    i128 ce = (i128)t->q * d[0] + (i128)t->r * e[0] + (i128)me * m[0];
    cd >>= LB;
    ce >>= LB;
    for (size_t i = 1; i < L; i++) {
        cd += (i128)t->u * d[i] + (i128)t->v * e[i] + (i128)md * m[i];
        ce += (i128)t->q * d[i] + (i128)t->r * e[i] + (i128)me * m[i];
        d[i - 1] = (int64_t)((uint64_t)cd & LMASK);
        e[i - 1] = (int64_t)((uint64_t)ce & LMASK);
        cd >>= LB;
        ce >>= LB;
    }
    d[L - 1] = (int64_t)cd;
    e[L - 1] = (int64_t)ce;
}

/* n 64-bit limbs to L 60-bit limbs (non-negative values). */
static void to60(size_t L, int64_t *o, const uint64_t *a, size_t n)
{
    for (size_t i = 0; i < L; i++) {
        size_t bit = LB * i, w = bit / 64, s = bit % 64;
        uint64_t v = w < n ? a[w] >> s : 0;
        if (s > 64 - LB && w + 1 < n) v |= a[w + 1] << (64 - s);
        o[i] = (int64_t)(v & LMASK);
    }
}

/* Canonical non-negative L-limb value below 2^(64n) to n 64-bit limbs. */
static void from60(size_t n, uint64_t *a, const int64_t *o, size_t L)
{
    for (size_t w = 0; w < n; w++) {
        size_t bit = 64 * w, i = bit / LB, s = bit % LB; /* s <= 20 */
        uint64_t v = (uint64_t)o[i] >> s;
        if (i + 1 < L) v |= (uint64_t)o[i + 1] << (LB - s);
        a[w] = v;
    }
}

/* m^-1 mod 2^64 by Newton's iteration (m odd: m is its own inverse mod 8,
 * and each step doubles the number of correct bits). */
static uint64_t inv64(uint64_t m)
{
    uint64_t x = m;
    for (int i = 0; i < 5; i++)
        x *= 2 - m * x;
    return x;
}

void ec_modinv(size_t n, uint64_t *r, const uint64_t *a, const uint64_t *m64)
{
    const size_t L = n == 4 ? 5 : 7;
    const int batches = n == 4 ? 13 : 19; /* 780 >= 741, 1140 >= 1110 */
    int64_t f[L_MAX], g[L_MAX], d[L_MAX] = {0}, e[L_MAX] = {0}, m[L_MAX];
    uint64_t minv = inv64(m64[0]) & LMASK;
    uint64_t zeta = (uint64_t)-1; /* delta = 1 */
    trans t;
    to60(L, m, m64, n);
    to60(L, f, m64, n);
    to60(L, g, a, n);
    e[0] = 1;
    for (int b = 0; b < batches; b++) {
        zeta = divsteps60(zeta, (uint64_t)f[0] | ((uint64_t)f[1] << LB),
                          (uint64_t)g[0] | ((uint64_t)g[1] << LB), &t);
        update_fg(L, f, g, &t);
        update_de(L, d, e, &t, m, minv);
    }
    /* f = +-1 (or m itself when a == 0, and then d == 0): a^-1 = sign(f) d. */
    int64_t neg = sign_mask(f[L - 1]), zero[L_MAX] = {0};
    for (size_t i = 0; i < L; i++)
        d[i] = (d[i] ^ neg) - neg;
    add_masked(L, d, zero, 0); /* canonical again */
    reduce(L, d, m);
    from60(n, r, d, L);
    gt_wipe(f, sizeof f);
    gt_wipe(g, sizeof g);
    gt_wipe(d, sizeof d);
    gt_wipe(e, sizeof e);
    gt_wipe(&t, sizeof t);
}
