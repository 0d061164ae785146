/* Plain big-integer arithmetic on 64-bit limbs (see bn.h): conversions,
 * add/sub/compare/select in constant time, schoolbook multiplication, and
 * the one variable-time routine, a binary extended Euclid for blinded
 * inversion. */
#include "crypto/bn.h"

#include "core/ct.h"

typedef unsigned __int128 u128;

uint32_t gt_bn_decode(uint64_t *x, size_t n, const uint8_t *src, size_t len)
{
    uint64_t extra = 0;
    gt_bn_zero(x, n);
    /* k counts bytes from the least significant end; the loop shape
     * depends on len and n only. */
    for (size_t k = 0; k < len; k++) {
        uint64_t b = src[len - 1 - k];
        if (k / 8 < n)
            x[k / 8] |= b << (8 * (k % 8));
        else
            extra |= b;
    }
    return (uint32_t)gt_ct_eq32((uint32_t)(extra | (extra >> 32)), 0);
}

void gt_bn_encode(uint8_t *dst, size_t len, const uint64_t *x, size_t n)
{
    for (size_t k = 0; k < len; k++) {
        uint8_t b = 0;
        if (k / 8 < n) b = (uint8_t)(x[k / 8] >> (8 * (k % 8)));
        dst[len - 1 - k] = b;
    }
}

void gt_bn_zero(uint64_t *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = 0;
}

void gt_bn_copy(uint64_t *r, const uint64_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        r[i] = a[i];
}

uint64_t gt_bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    u128 c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (u128)a[i] + b[i];
        r[i] = (uint64_t)c;
        c >>= 64;
    }
    return (uint64_t)c;
}

uint64_t gt_bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 d = (u128)a[i] - b[i] - borrow;
        r[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    return borrow;
}

void gt_bn_select(uint32_t bit, uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t m = gt_ct_mask64(bit);
    for (size_t i = 0; i < n; i++)
        r[i] = (a[i] & m) | (b[i] & ~m);
}

uint32_t gt_bn_lt(const uint64_t *a, const uint64_t *b, size_t n)
{
    /* The borrow out of a - b, without storing the difference. */
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 d = (u128)a[i] - b[i] - borrow;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    return (uint32_t)gt_ct_barrier64(borrow);
}

uint32_t gt_bn_eq(const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= a[i] ^ b[i];
    return gt_ct_eq32((uint32_t)(acc | (acc >> 32)), 0);
}

uint32_t gt_bn_is_zero(const uint64_t *a, size_t n)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= a[i];
    return gt_ct_eq32((uint32_t)(acc | (acc >> 32)), 0);
}

void gt_bn_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    gt_bn_zero(r, 2 * n);
    for (size_t i = 0; i < n; i++) {
        u128 c = 0;
        for (size_t j = 0; j < n; j++) {
            c += (u128)a[j] * b[i] + r[i + j];
            r[i + j] = (uint64_t)c;
            c >>= 64;
        }
        r[i + n] = (uint64_t)c;
    }
}

void gt_bn_mod_add(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n)
{
    uint64_t t[GT_BN_MAX_LIMBS];
    uint64_t carry = gt_bn_add(r, a, b, n);
    uint64_t borrow = gt_bn_sub(t, r, m, n);
    /* a + b >= m exactly when the addition carried or the subtraction did
     * not borrow. */
    gt_bn_select((uint32_t)(carry | (borrow ^ 1)), r, t, r, n);
    gt_wipe(t, sizeof t);
}

void gt_bn_mod_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n)
{
    uint64_t t[GT_BN_MAX_LIMBS];
    uint64_t borrow = gt_bn_sub(r, a, b, n);
    gt_bn_add(t, r, m, n);
    gt_bn_select((uint32_t)borrow, r, t, r, n);
    gt_wipe(t, sizeof t);
}

size_t gt_bn_bitlen_vartime(const uint64_t *x, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (x[i]) return 64 * i + 64 - (size_t)__builtin_clzll(x[i]);
    }
    return 0;
}

/* ---- variable-time inversion ---- */

/* x >>= k for 0 < k < 64, with `top` shifted in from above. */
static void shr_small(uint64_t *x, size_t n, unsigned k, uint64_t top)
{
    for (size_t i = 0; i + 1 < n; i++)
        x[i] = (x[i] >> k) | (x[i + 1] << (64 - k));
    x[n - 1] = (x[n - 1] >> k) | (top << (64 - k));
}

/* x = x / 2^k mod m (x < m, odd m, 0 < k < 64, mi = m^-1 mod 2^64):
 * add the multiple t*m that clears the low k bits, then shift. */
static void halve_k(uint64_t *x, const uint64_t *m, uint64_t mi, size_t n, unsigned k)
{
    uint64_t t = (0 - x[0] * mi) & ((1ull << k) - 1);
    u128 c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (u128)t * m[i] + x[i];
        x[i] = (uint64_t)c;
        c >>= 64;
    }
    shr_small(x, n, k, (uint64_t)c);
    if (!gt_bn_lt(x, m, n)) gt_bn_sub(x, x, m, n);
}

/* Strips factors of two from u (non-zero), dividing x by the same power
 * of two mod m. */
static void strip_twos(uint64_t *u, uint64_t *x, const uint64_t *m, uint64_t mi, size_t n)
{
    while (!(u[0] & 1)) {
        unsigned k = u[0] ? (unsigned)__builtin_ctzll(u[0]) : 63;
        shr_small(u, n, k, 0);
        halve_k(x, m, mi, n, k);
    }
}

uint32_t gt_bn_modinv_vartime(uint64_t *r, const uint64_t *a, const uint64_t *m, size_t n)
{
    uint64_t u[GT_BN_MAX_LIMBS], v[GT_BN_MAX_LIMBS];
    uint64_t x1[GT_BN_MAX_LIMBS], x2[GT_BN_MAX_LIMBS];
    uint64_t mi = m[0]; /* Newton: each step doubles the correct low bits */
    for (int i = 0; i < 6; i++)
        mi *= 2 - m[0] * mi;
    if (gt_bn_is_zero(a, n) || !(m[0] & 1)) return 0;
    gt_bn_copy(u, a, n);
    gt_bn_copy(v, m, n);
    gt_bn_zero(x1, n);
    gt_bn_zero(x2, n);
    x1[0] = 1;
    /* Invariants: x1 * a = u and x2 * a = v (mod m); gcd(u, v) = gcd(a, m). */
    for (;;) {
        strip_twos(u, x1, m, mi, n);
        strip_twos(v, x2, m, mi, n);
        if (gt_bn_lt(u, v, n)) {
            gt_bn_sub(v, v, u, n);
            gt_bn_mod_sub(x2, x2, x1, m, n);
            if (gt_bn_is_zero(v, n)) break;
        } else {
            gt_bn_sub(u, u, v, n);
            gt_bn_mod_sub(x1, x1, x2, m, n);
            if (gt_bn_is_zero(u, n)) break;
        }
    }
    /* One of u, v is now 0 and the other is the gcd. */
    uint64_t *g = gt_bn_is_zero(u, n) ? v : u, *x = gt_bn_is_zero(u, n) ? x2 : x1;
    uint64_t one[GT_BN_MAX_LIMBS];
    gt_bn_zero(one, n);
    one[0] = 1;
    uint32_t ok = gt_bn_eq(g, one, n);
    if (ok) gt_bn_copy(r, x, n);
    gt_wipe(u, sizeof u);
    gt_wipe(v, sizeof v);
    gt_wipe(x1, sizeof x1);
    gt_wipe(x2, sizeof x2);
    return ok;
}

uint32_t gt_bn_inv_word_vartime(uint64_t *r, uint64_t w, const uint64_t *m, size_t n)
{
    uint64_t q[GT_BN_MAX_LIMBS], s_bn[GT_BN_MAX_LIMBS], tq[GT_BN_MAX_LIMBS + 1];
    if (w == 0) return 0;
    /* m = q*w + r1, limb by limb from the top. */
    u128 rem = 0;
    for (size_t i = n; i-- > 0;) {
        rem = (rem << 64) | m[i];
        q[i] = (uint64_t)(rem / w);
        rem %= w;
    }
    uint64_t r1 = (uint64_t)rem;
    if (r1 == 0) {
        /* w divides m: invertible only if w == 1. */
        if (w != 1) return 0;
        gt_bn_zero(r, n);
        r[0] = 1;
        return 1;
    }
    /* Extended Euclid on (w, r1): s*w + t*r1 = g, |s|, |t| < 2^64. */
    __int128 s0 = 1, s1 = 0, t0 = 0, t1 = 1;
    uint64_t a = w, b = r1;
    while (b) {
        uint64_t k = a / b, tmp = a % b;
        __int128 ns = s0 - (__int128)k * s1, nt = t0 - (__int128)k * t1;
        a = b;
        b = tmp;
        s0 = s1;
        s1 = ns;
        t0 = t1;
        t1 = nt;
    }
    if (a != 1) return 0;
    /* r1 = m - q*w, so s*w + t*(m - q*w) = 1 and w^-1 = s - t*q (mod m). */
    uint64_t tabs = (uint64_t)(t0 < 0 ? -t0 : t0);
    u128 c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (u128)q[i] * tabs;
        tq[i] = (uint64_t)c;
        c >>= 64;
    }
    /* |t| < r1 <= w and q <= m / w, so |t| * q < m: no carry out. */
    gt_bn_zero(s_bn, n);
    s_bn[0] = (uint64_t)(s0 < 0 ? -s0 : s0);
    if (s0 < 0) gt_bn_sub(s_bn, m, s_bn, n); /* -|s| mod m */
    if (t0 < 0)
        gt_bn_mod_add(r, s_bn, tq, m, n); /* s + |t|q */
    else
        gt_bn_mod_sub(r, s_bn, tq, m, n); /* s - |t|q */
    gt_wipe(q, sizeof q);
    gt_wipe(tq, sizeof tq);
    gt_wipe(s_bn, sizeof s_bn);
    return 1;
}
