/* Montgomery arithmetic and modular exponentiation (see bn.h).
 *
 * Multiplication is CIOS (Koc, Acar, Kaliski, "Analyzing and comparing
 * Montgomery multiplication algorithms", 1996): the product and the
 * reduction are interleaved limb by limb, so the accumulator stays n+2
 * limbs. Squaring computes the full square first (each cross product once,
 * doubled) and reduces it separately, which saves about a quarter of the
 * multiplications; squarings are ~80% of an RSA exponentiation.
 *
 * Invariant everywhere: inputs < m (one may be < R for mul), outputs < m
 * after one constant-time conditional subtraction (the pre-subtraction
 * value is < 2m). */
#include "crypto/bn.h"

#include "core/cpu.h"
#include "core/ct.h"
#include "crypto/bn_mont_impl.h"

typedef unsigned __int128 u128;

/* r = t - m if (hi || t >= m) else t; t has n limbs plus the bit hi and
 * must not alias r (the difference is formed in r, then kept or not). */
void gt_bn_mont_final_sub(uint64_t *r, const uint64_t *t, uint64_t hi, const uint64_t *m, size_t n)
{
    uint64_t borrow = gt_bn_sub(r, t, m, n);
    gt_bn_select((uint32_t)(hi | (borrow ^ 1)), r, r, t, n);
}

/* Clears a temporary without a library call (hot path: one per
 * multiplication); volatile so the stores are not elided. */
void gt_bn_scrub(uint64_t *t, size_t n)
{
    volatile uint64_t *v = t;
    for (size_t i = 0; i < n; i++)
        v[i] = 0;
}

static void mul_portable(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    const size_t n = c->n;
    const uint64_t *m = c->m;
    uint64_t t[GT_BN_MAX_LIMBS + 1] = {0};
    uint64_t hi = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t bi = b[i];
        u128 p = (u128)a[0] * bi + t[0];
        uint64_t u = (uint64_t)p * c->m0i;
        u128 q = (u128)u * m[0] + (uint64_t)p; /* low limb becomes 0 */
        uint64_t c1 = (uint64_t)(p >> 64), c2 = (uint64_t)(q >> 64);
        for (size_t j = 1; j < n; j++) {
            p = (u128)a[j] * bi + t[j] + c1;
            c1 = (uint64_t)(p >> 64);
            q = (u128)u * m[j] + (uint64_t)p + c2;
            c2 = (uint64_t)(q >> 64);
            t[j - 1] = (uint64_t)q;
        }
        u128 s = (u128)hi + c1 + c2;
        t[n - 1] = (uint64_t)s;
        hi = (uint64_t)(s >> 64);
    }
    gt_bn_mont_final_sub(r, t, hi, m, n);
    gt_bn_scrub(t, n + 1);
}

/* r = t / R mod m for t (2n limbs, destroyed) < m * R. */
void gt_bn_mont_redc(const gt_bn_mont *c, uint64_t *r, uint64_t *t)
{
    const size_t n = c->n;
    uint64_t hi = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t u = t[i] * c->m0i;
        u128 acc = 0;
        for (size_t j = 0; j < n; j++) {
            acc += (u128)u * c->m[j] + t[i + j];
            t[i + j] = (uint64_t)acc;
            acc >>= 64;
        }
        acc += (u128)t[i + n] + hi;
        t[i + n] = (uint64_t)acc;
        hi = (uint64_t)(acc >> 64);
    }
    gt_bn_mont_final_sub(r, t + n, hi, c->m, n);
}

static void sqr_portable(const gt_bn_mont *c, uint64_t *r, const uint64_t *a)
{
    const size_t n = c->n;
    uint64_t t[2 * GT_BN_MAX_LIMBS];
    gt_bn_zero(t, 2 * n);
    /* Cross products a[i]*a[j], i < j, once. */
    for (size_t i = 0; i + 1 < n; i++) {
        u128 acc = 0;
        for (size_t j = i + 1; j < n; j++) {
            acc += (u128)a[i] * a[j] + t[i + j];
            t[i + j] = (uint64_t)acc;
            acc >>= 64;
        }
        t[i + n] = (uint64_t)acc;
    }
    /* Double them and add the squares a[i]^2 on the diagonal. */
    uint64_t top = 0;
    u128 acc = 0;
    for (size_t i = 0; i < n; i++) {
        u128 sq = (u128)a[i] * a[i];
        uint64_t lo = t[2 * i], hi = t[2 * i + 1];
        uint64_t dlo = (lo << 1) | top, dhi = (hi << 1) | (lo >> 63);
        top = hi >> 63;
        acc += (u128)dlo + (uint64_t)sq;
        t[2 * i] = (uint64_t)acc;
        acc >>= 64;
        acc += (u128)dhi + (uint64_t)(sq >> 64);
        t[2 * i + 1] = (uint64_t)acc;
        acc >>= 64;
    }
    gt_bn_mont_redc(c, r, t);
    gt_bn_scrub(t, 2 * n);
}

/* r = 2a mod m. */
static void mod_double(const gt_bn_mont *c, uint64_t *r, const uint64_t *a)
{
    uint64_t t[GT_BN_MAX_LIMBS];
    uint64_t hi = gt_bn_add(t, a, a, c->n);
    gt_bn_mont_final_sub(r, t, hi, c->m, c->n);
    gt_bn_scrub(t, c->n);
}

/* -m^-1 mod 2^64 by Newton's iteration: m*m = 1 mod 8 for odd m, and each
 * step doubles the number of correct low bits (3 -> 96). */
static uint64_t neg_inv64(uint64_t m0)
{
    uint64_t inv = m0;
    for (int i = 0; i < 5; i++)
        inv *= 2 - m0 * inv;
    return 0 - inv;
}

static void set_backend(gt_bn_mont *c, int portable)
{
    c->mul = mul_portable;
    c->sqr = sqr_portable;
    c->ifma = 0;
#if defined(__x86_64__)
    if (!portable && c->n % 4 == 0 && gt_cpu_has(GT_CPU_BMI2 | GT_CPU_ADX)) {
        c->mul = gt_bn_mont_mul_adx;
        c->sqr = gt_bn_mont_sqr_adx;
    }
    c->ifma = !portable && gt_bn_ifma_size_ok(c->n) &&
              gt_cpu_has(GT_CPU_AVX512F | GT_CPU_AVX512VL | GT_CPU_AVX512IFMA);
#else
    (void)portable;
#endif
}

/* R mod m by doublings of 2^start (which must be < m): constant time in m
 * for a fixed start. */
static void init_one(gt_bn_mont *c, size_t start)
{
    gt_bn_zero(c->one, c->n);
    c->one[start / 64] = 1ull << (start % 64);
    for (size_t i = start; i < 64 * c->n; i++)
        mod_double(c, c->one, c->one);
}

/* R^2 mod m is R in Montgomery form, i.e. 2^(64n) computed in the
 * Montgomery domain: square-and-multiply over the public exponent 64n,
 * where multiplying by 2 is a modular doubling. */
static void init_rr(gt_bn_mont *c)
{
    size_t e = 64 * c->n;
    int top = 63 - __builtin_clzll(e);
    mod_double(c, c->rr, c->one); /* 2 in Montgomery form */
    for (int i = top - 1; i >= 0; i--) {
        c->sqr(c, c->rr, c->rr);
        if ((e >> i) & 1) mod_double(c, c->rr, c->rr);
    }
}

static void init_base(gt_bn_mont *c, const uint64_t *m, size_t n, int portable)
{
    c->n = n;
    gt_bn_copy(c->m, m, n);
    c->m0i = neg_inv64(m[0]);
    set_backend(c, portable);
}

void gt_bn_mont_init_portable(gt_bn_mont *c, const uint64_t *m, size_t n)
{
    init_base(c, m, n, 1);
    init_one(c, 0);
    init_rr(c);
}

void gt_bn_mont_init(gt_bn_mont *c, const uint64_t *m, size_t n)
{
    init_base(c, m, n, 0);
    init_one(c, 0); /* 64n doublings from 1: no dependence on m's size */
    init_rr(c);
}

void gt_bn_mont_init_pub(gt_bn_mont *c, const uint64_t *m, size_t n)
{
    init_base(c, m, n, 0);
    size_t bits = gt_bn_bitlen_vartime(m, n);
    init_one(c, bits ? bits - 1 : 0); /* 2^(bits-1) < m: few doublings */
    init_rr(c);
}

void gt_bn_mont_init_factor(gt_bn_mont *c, const uint64_t *p, size_t n, const gt_bn_mont *N)
{
    uint64_t x[2 * GT_BN_MAX_LIMBS], y[GT_BN_MAX_LIMBS];
    init_base(c, p, n, 0);
    /* X = 2^(3*64n) mod N, computed in N's Montgomery domain as above. */
    size_t e = 3 * 64 * n;
    int top = 63 - __builtin_clzll(e);
    mod_double(N, y, N->one);
    for (int i = top - 1; i >= 0; i--) {
        N->sqr(N, y, y);
        if ((e >> i) & 1) mod_double(N, y, y);
    }
    gt_bn_mont_from(N, y, y);
    /* p divides N, so X = R^3 mod p too, and X < N = p*q < p*R since
     * q < R: one Montgomery reduction gives R^2 mod p. */
    gt_bn_zero(x, 2 * n);
    gt_bn_copy(x, y, N->n);
    gt_bn_mont_redc(c, c->rr, x);
    gt_bn_zero(y, n);
    y[0] = 1;
    c->mul(c, c->one, y, c->rr);
    gt_bn_scrub(x, 2 * n);
    gt_bn_scrub(y, N->n);
}

void gt_bn_mont_wipe(gt_bn_mont *c)
{
    gt_wipe(c, sizeof *c);
}

void gt_bn_mont_to(const gt_bn_mont *c, uint64_t *r, const uint64_t *a)
{
    c->mul(c, r, a, c->rr);
}

void gt_bn_mont_from(const gt_bn_mont *c, uint64_t *r, const uint64_t *a)
{
    uint64_t one[GT_BN_MAX_LIMBS];
    gt_bn_zero(one, c->n);
    one[0] = 1;
    c->mul(c, r, a, one);
}

void gt_bn_mont_reduce_wide(const gt_bn_mont *c, uint64_t *r, const uint64_t *a)
{
    uint64_t t[2 * GT_BN_MAX_LIMBS];
    gt_bn_copy(t, a, 2 * c->n);
    gt_bn_mont_redc(c, r, t); /* a / R */
    c->mul(c, r, r, c->rr);   /* a / R * R^2 / R = a */
    gt_bn_scrub(t, 2 * c->n);
}
