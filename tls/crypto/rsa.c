/* RSA primitives (RFC 8017 §5): key checks, RSAEP/RSAVP1 (public) and
 * RSADP/RSASP1 (private, CRT with blinding and a public-key check).
 *
 * Private operation, in constant time in the key and the input:
 *   1. blind: c' = c * r^e mod n, r a random 256-bit factor;
 *   2. CRT (RFC 8017 §5.1.2 2.b): m1 = c'^dp mod p, m2 = c'^dq mod q,
 *      h = (m1 - m2) * qinv mod p, m' = m2 + q*h;
 *   3. unblind: m = m' * r^-1 mod n;
 *   4. check m^e == c (Boneh-DeMillo-Lipton: a fault in one CRT half would
 *      otherwise reveal a factor through gcd(m^e - c, n)).
 * Every failure is folded into one mask; the output is zeroed under it.
 *
 * Blinding factor: r = w1*w2*w3*w4 for four random odd 64-bit words, so
 * r^-1 = w1^-1 * ... * w4^-1 costs four word-size extended Euclids instead
 * of a full-size inversion (which would cost as much as the CRT itself).
 * The word inversions are variable time in the w_i, which are fresh random
 * values unrelated to the key or the message; at worst a few bits of each
 * are exposed, leaving r far more unpredictable than an attacker needs. */
#include "crypto/rsa_impl.h"

#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/bn.h"

#define LIMBS(bytes) (((bytes) + 7) / 8)

/* Leading zero bytes do not count (public values only). */
static const uint8_t *strip(const uint8_t *p, size_t *len)
{
    while (*len && !p[0]) {
        p++;
        (*len)--;
    }
    return p;
}

static size_t bits_of(const uint8_t *p, size_t len)
{
    if (!len) return 0;
    return 8 * (len - 1) + (size_t)(32 - __builtin_clz(p[0]));
}

static int check_pub(const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len,
                     size_t min_bits)
{
    if (!n || !e) return GT_ERR_ARG;
    n = strip(n, &n_len);
    e = strip(e, &e_len);
    size_t bits = bits_of(n, n_len);
    if (bits < min_bits || bits > GT_RSA_MAX_BITS) return GT_ERR_CRYPTO_KEY_SIZE;
    if (!(n[n_len - 1] & 1)) return GT_ERR_CRYPTO_KEY;
    /* e odd, 3 <= e < 2^64 */
    if (e_len == 0 || e_len > 8 || !(e[e_len - 1] & 1) || (e_len == 1 && e[0] < 3))
        return GT_ERR_CRYPTO_KEY;
    return (int)n_len;
}

int gt_rsa_public_len(const gt_rsa_public_key *k, unsigned flags)
{
    if (!k) return GT_ERR_ARG;
    size_t min = (flags & GT_RSA_ALLOW_LEGACY) ? GT_RSA_LEGACY_MIN_BITS : GT_RSA_MIN_BITS;
    return check_pub(k->n, k->n_len, k->e, k->e_len, min);
}

int gt_rsa_private_len(const gt_rsa_private_key *k)
{
    if (!k || !k->p || !k->q || !k->dp || !k->dq || !k->qinv) return GT_ERR_ARG;
    return check_pub(k->n, k->n_len, k->e, k->e_len, GT_RSA_MIN_BITS);
}

gt_rsa_public_key gt_rsa_public_of(const gt_rsa_private_key *k)
{
    gt_rsa_public_key p = {k->n, k->n_len, k->e, k->e_len};
    return p;
}

int gt_rsa_public_op(const gt_rsa_public_key *k, unsigned flags, const uint8_t *in, uint8_t *out)
{
    int len = gt_rsa_public_len(k, flags);
    if (len < 0) return len;
    size_t n_len = k->n_len, e_len = k->e_len;
    const uint8_t *n = strip(k->n, &n_len), *e = strip(k->e, &e_len);
    size_t nl = LIMBS(n_len);
    gt_bn_mont N;
    uint64_t x[GT_BN_MAX_LIMBS], nn[GT_BN_MAX_LIMBS];
    gt_bn_decode(nn, nl, n, n_len);
    gt_bn_decode(x, nl, in, n_len);
    if (!gt_bn_lt(x, nn, nl)) return GT_ERR_CRYPTO_SIGNATURE;
    gt_bn_mont_init_pub(&N, nn, nl);
    gt_bn_mont_exp_pub(&N, x, x, e, e_len);
    gt_bn_encode(out, n_len, x, nl);
    return 0;
}

/* Limbs for p and q: a balanced key's halves fit in half the modulus
 * (one leading zero byte in the encoding tolerated). A key whose encoded
 * factors are longer than that (unbalanced, e.g. Wycheproof's 1364/684-bit
 * split) gets limbs for its longest encoded factor. Decided from the
 * encoded lengths only, which are public. */
static size_t half_limbs(const gt_rsa_private_key *k, size_t bits)
{
    size_t pl = (bits + 127) / 128;
    size_t longest = k->p_len > k->q_len ? k->p_len : k->q_len;
    if (longest > 8 * pl + 1) pl = LIMBS(longest);
    return pl;
}

/* Everything the private operation touches, wiped in one go. */
struct priv_ws {
    gt_bn_mont N, P, Q;
    uint64_t n[GT_BN_MAX_LIMBS], c[GT_BN_MAX_LIMBS], cb[2 * GT_BN_MAX_LIMBS];
    uint64_t p[GT_BN_MAX_LIMBS], q[GT_BN_MAX_LIMBS], dp[GT_BN_MAX_LIMBS], dq[GT_BN_MAX_LIMBS];
    uint64_t qinv[GT_BN_MAX_LIMBS], m1[GT_BN_MAX_LIMBS], m2[GT_BN_MAX_LIMBS];
    uint64_t t[GT_BN_MAX_LIMBS], u[GT_BN_MAX_LIMBS], mm[2 * GT_BN_MAX_LIMBS];
    uint64_t r[GT_BN_MAX_LIMBS], rinv[GT_BN_MAX_LIMBS];
    uint8_t rnd[32];
};

/* r (a plain product of four odd words) and rinv = r^-1 * R mod n
 * (Montgomery form). Returns 0 or GT_ERR_CRYPTO_RNG / GT_ERR_CRYPTO_KEY. */
static int make_blinding(struct priv_ws *w, gt_rng_fn rng, void *rng_ctx)
{
    const size_t nl = w->N.n;
    if (!rng || rng(rng_ctx, w->rnd, sizeof w->rnd)) return GT_ERR_CRYPTO_RNG;
    gt_bn_zero(w->r, nl);
    w->r[0] = 1;
    gt_bn_copy(w->rinv, w->N.one, nl);
    for (int i = 0; i < 4; i++) {
        uint64_t word = gt_load64_le(w->rnd + 8 * i) | 1;
        /* r *= word: r < 2^(64i) * ... < 2^256 < n, no reduction needed */
        unsigned __int128 carry = 0;
        for (size_t j = 0; j < nl; j++) {
            carry += (unsigned __int128)w->r[j] * word;
            w->r[j] = (uint64_t)carry;
            carry >>= 64;
        }
        if (!gt_bn_inv_word_vartime(w->t, word, w->n, nl)) return GT_ERR_CRYPTO_KEY;
        gt_bn_mont_to(&w->N, w->t, w->t);
        gt_bn_mont_mul(&w->N, w->rinv, w->rinv, w->t);
    }
    return 0;
}

/* m (n limbs of N) = CRT recombination of the blinded input w->cb. */
static void crt(struct priv_ws *w, size_t pl)
{
    const size_t nl = w->N.n;
    gt_bn_zero(w->mm, 2 * pl);
    gt_bn_copy(w->mm, w->cb, nl);
    /* c' < n = p*q < p * 2^(64 pl): reduce_wide applies. */
    gt_bn_mont_reduce_wide(&w->P, w->t, w->mm);
    gt_bn_mont_reduce_wide(&w->Q, w->u, w->mm);
    gt_bn_mont_exp2(&w->P, w->m1, w->t, w->dp, &w->Q, w->m2, w->u, w->dq, 64 * pl);
    /* h = (m1 - m2) * qinv mod p, in the Montgomery domain of p: m2 < q <
     * R converts directly. */
    gt_bn_mont_to(&w->P, w->t, w->m1);
    gt_bn_mont_to(&w->P, w->u, w->m2);
    gt_bn_mod_sub(w->t, w->t, w->u, w->p, pl);
    gt_bn_mont_mul(&w->P, w->u, w->t, w->qinv); /* h, plain */
    /* m' = m2 + q*h < n */
    gt_bn_mul(w->mm, w->q, w->u, pl);
    gt_bn_zero(w->t, 2 * pl);
    gt_bn_copy(w->t, w->m2, pl);
    /* No carry out for a consistent key (m' < n); an inconsistent one
     * fails the final check. */
    (void)gt_bn_add(w->mm, w->mm, w->t, 2 * pl);
}

static uint32_t private_op(struct priv_ws *w, const gt_rsa_private_key *k, gt_rng_fn rng,
                           void *rng_ctx, const uint8_t *in)
{
    size_t n_len = k->n_len, e_len = k->e_len;
    const uint8_t *n = strip(k->n, &n_len), *e = strip(k->e, &e_len);
    const size_t nl = LIMBS(n_len);
    const size_t pl = half_limbs(k, bits_of(n, n_len));
    uint32_t ok = 1;
    if (pl > GT_BN_MAX_LIMBS / 2) return 0; /* public: encoded lengths only */
    gt_bn_decode(w->n, nl, n, n_len);
    gt_bn_mont_init_pub(&w->N, w->n, nl);
    /* The component sizes are public; their values are not: every check
     * below is arithmetic, folded into ok. */
    ok &= gt_bn_decode(w->p, pl, k->p, k->p_len);
    ok &= gt_bn_decode(w->q, pl, k->q, k->q_len);
    ok &= gt_bn_decode(w->dp, pl, k->dp, k->dp_len);
    ok &= gt_bn_decode(w->dq, pl, k->dq, k->dq_len);
    ok &= gt_bn_decode(w->qinv, pl, k->qinv, k->qinv_len);
    /* p and q must be odd for Montgomery; force it and let an even factor
     * fail the final check rather than branch. */
    ok &= (uint32_t)(w->p[0] & w->q[0] & 1);
    w->p[0] |= 1;
    w->q[0] |= 1;
    gt_bn_mont_init_factor(&w->P, w->p, pl, &w->N);
    gt_bn_mont_init_factor(&w->Q, w->q, pl, &w->N);
    gt_bn_decode(w->c, nl, in, n_len);
    ok &= gt_bn_lt(w->c, w->n, nl);
    if (make_blinding(w, rng, rng_ctx)) return 0; /* depends on public data only */
    /* c' = c * r^e mod n */
    gt_bn_mont_exp_pub(&w->N, w->t, w->r, e, e_len);
    gt_bn_mont_to(&w->N, w->u, w->c);
    gt_bn_mont_mul(&w->N, w->cb, w->u, w->t);
    crt(w, pl);
    /* m = m' * r^-1 mod n (rinv is in Montgomery form) */
    gt_bn_mont_mul(&w->N, w->m1, w->mm, w->rinv);
    /* Fault check: m^e == c, compared in constant time. */
    gt_bn_mont_exp_pub(&w->N, w->t, w->m1, e, e_len);
    ok &= gt_bn_eq(w->t, w->c, nl);
    return gt_ct_mask32(ok);
}

uint32_t gt_rsa_private_op(const gt_rsa_private_key *k, gt_rng_fn rng, void *rng_ctx,
                           const uint8_t *in, uint8_t *out)
{
    int len = gt_rsa_private_len(k);
    if (len < 0) return 0;
    struct priv_ws w;
    memset(&w, 0, sizeof w);
    uint32_t ok = private_op(&w, k, rng, rng_ctx, in);
    gt_bn_encode(out, (size_t)len, w.m1, w.N.n);
    for (int i = 0; i < len; i++)
        out[i] &= (uint8_t)ok;
    gt_wipe(&w, sizeof w);
    return ok;
}

int gt_rsa_private_check(const gt_rsa_private_key *k)
{
    int len = gt_rsa_private_len(k);
    if (len < 0) return len;
    size_t n_len = k->n_len, e_len = k->e_len;
    const uint8_t *n = strip(k->n, &n_len), *e = strip(k->e, &e_len);
    const size_t nl = LIMBS(n_len), pl = half_limbs(k, bits_of(n, n_len));
    struct priv_ws w;
    memset(&w, 0, sizeof w);
    int rc = GT_ERR_CRYPTO_KEY;
    if (pl > GT_BN_MAX_LIMBS / 2) goto out;
    gt_bn_decode(w.n, nl, n, n_len);
    if (!gt_bn_decode(w.p, pl, k->p, k->p_len) || !gt_bn_decode(w.q, pl, k->q, k->q_len) ||
        !gt_bn_decode(w.dp, pl, k->dp, k->dp_len) || !gt_bn_decode(w.dq, pl, k->dq, k->dq_len) ||
        !gt_bn_decode(w.qinv, pl, k->qinv, k->qinv_len))
        goto out;
    if (!(w.p[0] & 1) || !(w.q[0] & 1) || gt_bn_bitlen_vartime(w.p, pl) < 2 ||
        gt_bn_bitlen_vartime(w.q, pl) < 2)
        goto out;
    /* n == p*q */
    gt_bn_mul(w.mm, w.p, w.q, pl);
    gt_bn_zero(w.cb, 2 * pl);
    gt_bn_copy(w.cb, w.n, nl);
    if (!gt_bn_eq(w.mm, w.cb, 2 * pl)) goto out;
    gt_bn_mont_init_pub(&w.N, w.n, nl);
    gt_bn_mont_init_pub(&w.P, w.p, pl);
    gt_bn_mont_init_pub(&w.Q, w.q, pl);
    /* qinv < p and q * qinv == 1 mod p */
    if (!gt_bn_lt(w.qinv, w.p, pl)) goto out;
    gt_bn_mont_to(&w.P, w.t, w.q); /* q mod p, Montgomery form */
    gt_bn_mont_mul(&w.P, w.u, w.t, w.qinv);
    gt_bn_zero(w.t, pl);
    w.t[0] = 1;
    if (!gt_bn_eq(w.u, w.t, pl)) goto out;
    /* e*dp == 1 mod p-1 and e*dq == 1 mod q-1, tested as (2^e)^dp == 2. */
    const gt_bn_mont *M[2] = {&w.P, &w.Q};
    const uint64_t *D[2] = {w.dp, w.dq};
    for (int i = 0; i < 2; i++) {
        gt_bn_zero(w.t, pl);
        w.t[0] = 2;
        gt_bn_mont_exp_pub(M[i], w.u, w.t, e, e_len);
        gt_bn_mont_exp(M[i], w.u, w.u, D[i], 64 * pl);
        if (!gt_bn_eq(w.u, w.t, pl)) goto out;
    }
    rc = 0;
out:
    gt_wipe(&w, sizeof w);
    return rc;
}
