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
 * batches of 62), whatever a is.
 *
 * Each batch runs 62 divsteps on the low 64 bits of f and g only, recording
 * the 2x2 matrix T with 2^62 (f', g') = T (f, g), then applies T to the full
 * f, g and to d, e, which keep f = d a and g = e a (mod m): d, e start at
 * 0, 1 and take T too, the division by 2^62 made exact by adding a
 * multiple of m (Montgomery style, with m^-1 mod 2^62). At the end a^-1 =
 * +-d.
 *
 * Numbers are signed, in 62-bit limbs: limbs below the top in [0, 2^62),
 * the top limb a signed int64 carrying the sign. |u| + |v| <= 2^62 for each
 * row of T (by induction over the steps), so every product fits the
 * 128-bit accumulators, and d, e in [0, m) before a batch are in (-m, 2m)
 * after it, brought back by two masked corrections. No branch or memory
 * index depends on a. */
#include "crypto/ec_inv.h"

#include "core/ct.h"

#define L_MAX 7
#define M62   ((((uint64_t)1) << 62) - 1)

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

/* 62 divsteps on the low 64 bits f, g (f odd), tracking zeta = -delta
 * (so that "delta > 0" is the sign bit of zeta); returns the new zeta.
 * Unsigned words: the matrix entries are two's-complement values with
 * |entry| <= 2^62, and only the low 64 - i bits of f, g are exact after i
 * steps, enough for the 62 parity tests. */
static uint64_t divsteps62(uint64_t zeta, uint64_t f, uint64_t g, trans *t)
{
    uint64_t u = 1, v = 0, q = 0, r = 1, x;
    for (int i = 0; i < 62; i++) {
        /* pos: delta > 0; odd: g odd; swap: both. The g-odd step adds
         * -f (swap) or f to g, and -u/-v or u/v to q/r; then a swap moves
         * the old g, q, r into f, u, v. Ordered so that +-f does not wait
         * for g: this loop is the whole cost of an inversion. */
        uint64_t pos = (uint64_t)sign_mask((int64_t)zeta), odd = 0 - (g & 1), swap = pos & odd;
        uint64_t tf = (f ^ pos) - pos, tu = (u ^ pos) - pos, tv = (v ^ pos) - pos;
        x = (f ^ g) & swap;
        f ^= x;
        x = (u ^ q) & swap;
        u ^= x;
        x = (v ^ r) & swap;
        v ^= x;
        g += tf & odd;
        q += tu & odd;
        r += tv & odd;
        zeta = ((zeta ^ swap) - swap) - 1; /* delta' = 1 - delta or 1 + delta */
        g >>= 1;
        u <<= 1;
        v <<= 1;
    }
    t->u = (int64_t)u;
    t->v = (int64_t)v;
    t->q = (int64_t)q;
    t->r = (int64_t)r;
    return zeta;
}

/* (f, g) = T (f, g) / 2^62; exact (the low 62 bits of the products
 * cancel by construction of T). */
static void update_fg(size_t L, int64_t *f, int64_t *g, const trans *t)
{
    i128 cf = (i128)t->u * f[0] + (i128)t->v * g[0];
    i128 cg = (i128)t->q * f[0] + (i128)t->r * g[0];
    cf >>= 62;
    cg >>= 62;
    for (size_t i = 1; i < L; i++) {
        cf += (i128)t->u * f[i] + (i128)t->v * g[i];
        cg += (i128)t->q * f[i] + (i128)t->r * g[i];
        f[i - 1] = (int64_t)((uint64_t)cf & M62);
        g[i - 1] = (int64_t)((uint64_t)cg & M62);
        cf >>= 62;
        cg >>= 62;
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
        x[i] = (int64_t)((uint64_t)c & M62);
        c >>= 62;
    }
    x[L - 1] += (m[L - 1] & mask) + c;
}

/* x in (-m, 2m) to [0, m): add m if negative, then subtract m unless that
 * goes negative. */
static void reduce(size_t L, int64_t *x, const int64_t *m)
{
    int64_t t[L_MAX], neg_m[L_MAX];
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

/* (d, e) = T (d, e) / 2^62 mod m, kept in [0, m). */
static void update_de(size_t L, int64_t *d, int64_t *e, const trans *t, const int64_t *m,
                      uint64_t minv)
{
    /* md, me in [0, 2^62) make the low 62 bits of the sums vanish. */
    uint64_t xd = (uint64_t)t->u * (uint64_t)d[0] + (uint64_t)t->v * (uint64_t)e[0];
    uint64_t xe = (uint64_t)t->q * (uint64_t)d[0] + (uint64_t)t->r * (uint64_t)e[0];
    int64_t md = (int64_t)((0 - minv * xd) & M62), me = (int64_t)((0 - minv * xe) & M62);
    i128 cd = (i128)t->u * d[0] + (i128)t->v * e[0] + (i128)md * m[0];
    i128 ce = (i128)t->q * d[0] + (i128)t->r * e[0] + (i128)me * m[0];
    cd >>= 62;
    ce >>= 62;
    for (size_t i = 1; i < L; i++) {
        cd += (i128)t->u * d[i] + (i128)t->v * e[i] + (i128)md * m[i];
        ce += (i128)t->q * d[i] + (i128)t->r * e[i] + (i128)me * m[i];
        d[i - 1] = (int64_t)((uint64_t)cd & M62);
        e[i - 1] = (int64_t)((uint64_t)ce & M62);
        cd >>= 62;
        ce >>= 62;
    }
    d[L - 1] = (int64_t)cd;
    e[L - 1] = (int64_t)ce;
    reduce(L, d, m);
    reduce(L, e, m);
}

/* n 64-bit limbs to L 62-bit limbs (non-negative values). */
static void to62(size_t L, int64_t *o, const uint64_t *a, size_t n)
{
    for (size_t i = 0; i < L; i++) {
        size_t bit = 62 * i, w = bit / 64, s = bit % 64;
        uint64_t v = w < n ? a[w] >> s : 0;
        if (s > 2 && w + 1 < n) v |= a[w + 1] << (64 - s);
        o[i] = (int64_t)(v & M62);
    }
}

/* Canonical non-negative L-limb value below 2^(64n) to n 64-bit limbs. */
static void from62(size_t n, uint64_t *a, const int64_t *o, size_t L)
{
    for (size_t w = 0; w < n; w++) {
        size_t bit = 64 * w, i = bit / 62, s = bit % 62; /* s <= 10 */
        uint64_t v = (uint64_t)o[i] >> s;
        if (i + 1 < L) v |= (uint64_t)o[i + 1] << (62 - s);
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
    const int batches = n == 4 ? 12 : 18; /* 744 >= 741, 1116 >= 1110 */
    int64_t f[L_MAX], g[L_MAX], d[L_MAX] = {0}, e[L_MAX] = {0}, m[L_MAX];
    uint64_t minv = inv64(m64[0]) & M62;
    uint64_t zeta = (uint64_t)-1; /* delta = 1 */
    trans t;
    to62(L, m, m64, n);
    to62(L, f, m64, n);
    to62(L, g, a, n);
    e[0] = 1;
    for (int b = 0; b < batches; b++) {
        zeta = divsteps62(zeta, (uint64_t)f[0] | ((uint64_t)f[1] << 62),
                          (uint64_t)g[0] | ((uint64_t)g[1] << 62), &t);
        update_fg(L, f, g, &t);
        update_de(L, d, e, &t, m, minv);
    }
    /* f = +-1 (or m itself when a == 0, and then d == 0): a^-1 = sign(f) d. */
    int64_t neg = sign_mask(f[L - 1]), zero[L_MAX] = {0};
    for (size_t i = 0; i < L; i++)
        d[i] = (d[i] ^ neg) - neg;
    add_masked(L, d, zero, 0); /* canonical again */
    reduce(L, d, m);
    from62(n, r, d, L);
    gt_wipe(f, sizeof f);
    gt_wipe(g, sizeof g);
    gt_wipe(d, sizeof d);
    gt_wipe(e, sizeof e);
    gt_wipe(&t, sizeof t);
}
