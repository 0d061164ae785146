/* ECDSA over P-256 / P-384: FIPS 186-4 §6.4 (sign, verify), SEC 1 v2 §4.1,
 * with the nonce of RFC 6979 §3.2 (optionally hedged, §3.6), and the
 * ECDSA-Sig-Value DER encoding of RFC 3279 §2.2.3 / RFC 5480 §2.2.
 *
 * Signing is constant time in the private key and the nonce (fixed-base
 * comb, divstep inversion mod n: ec_inv.c); verification handles public
 * data only. */
#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/ec_curve.h"
#include "crypto/ec_scalar.h"

/* RFC 6979 §2.3.2 bits2int for qlen = 8 * len (true of P-256 and P-384):
 * the leftmost qlen bits of the digest, as a big-endian len-byte value
 * (shorter digests are left-padded). Also FIPS 186-4 §6.4 step 4 / SEC 1
 * §4.1.3 step 5: digests longer than n are truncated. */
static void bits2int(uint8_t *out, size_t len, const uint8_t *digest, size_t dlen)
{
    if (dlen >= len) {
        memcpy(out, digest, len);
    } else {
        memset(out, 0, len - dlen);
        memcpy(out + (len - dlen), digest, dlen);
    }
}

/* The HMAC_DRBG of RFC 6979 §3.2 steps b-h. */
typedef struct {
    const gt_hash *h;
    uint8_t k[GT_HASH_MAX_LEN], v[GT_HASH_MAX_LEN];
} r6979;

/* K = HMAC_K(V || sep || parts...), V = HMAC_K(V) (steps d-g, h.3). */
static void r6979_mix(r6979 *s, uint8_t sep, const uint8_t *x, const uint8_t *h1, size_t len,
                      const uint8_t *extra, size_t elen)
{
    gt_hmac_ctx m;
    size_t hl = s->h->out_len;
    gt_hmac_init(&m, s->h, s->k, hl);
    gt_hmac_update(&m, s->v, hl);
    gt_hmac_update(&m, &sep, 1);
    if (x) {
        gt_hmac_update(&m, x, len);
        gt_hmac_update(&m, h1, len);
        if (elen) gt_hmac_update(&m, extra, elen);
    }
    gt_hmac_final(&m, s->k);
    gt_hmac(s->h, s->k, hl, s->v, hl, s->v);
}

static void r6979_init(r6979 *s, const gt_hash *h, const uint8_t *x, const uint8_t *h1, size_t len,
                       const uint8_t *extra, size_t elen)
{
    s->h = h;
    memset(s->v, 0x01, sizeof s->v); /* step b */
    memset(s->k, 0x00, sizeof s->k); /* step c */
    r6979_mix(s, 0x00, x, h1, len, extra, elen);
    r6979_mix(s, 0x01, x, h1, len, extra, elen);
}

/* Step h.1-h.2: T = V1 || V2 ... until qlen bits; k = bits2int(T). */
static void r6979_next(r6979 *s, uint8_t *k, size_t len)
{
    size_t hl = s->h->out_len;
    for (size_t off = 0; off < len; off += hl) {
        gt_hmac(s->h, s->k, hl, s->v, hl, s->v);
        memcpy(k + off, s->v, len - off < hl ? len - off : hl);
    }
}

/* ECDSA-Sig-Value INTEGER: minimal big-endian, 0x00 prefix if the top bit
 * is set (X.690 §8.3). */
static void der_int(gt_wr *w, const uint8_t *v, size_t len)
{
    size_t i = 0;
    while (i + 1 < len && v[i] == 0)
        i++;
    int pad = v[i] >> 7;
    (void)gt_wr_u8(w, 0x02);
    (void)gt_wr_u8(w, (uint8_t)(len - i + (size_t)pad));
    if (pad) (void)gt_wr_u8(w, 0);
    (void)gt_wr_bytes(w, v + i, len - i);
}

static size_t der_int_len(const uint8_t *v, size_t len)
{
    size_t i = 0;
    while (i + 1 < len && v[i] == 0)
        i++;
    return 2 + (len - i) + (v[i] >> 7);
}

static int der_encode(const uint8_t *rs, size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    gt_wr w = gt_wr_init(out, cap);
    size_t body = der_int_len(rs, len) + der_int_len(rs + len, len);
    (void)gt_wr_u8(&w, 0x30);
    (void)gt_wr_u8(&w, (uint8_t)body); /* <= 102 bytes: short form */
    der_int(&w, rs, len);
    der_int(&w, rs + len, len);
    if (gt_wr_status(&w)) return gt_wr_status(&w);
    *out_len = w.len;
    return 0;
}

/* One DER TLV with a short-form length (every ECDSA-Sig-Value for these
 * curves is under 128 bytes, so a long form is never minimal). */
static int der_tlv(gt_rd *r, uint8_t tag, gt_rd *body)
{
    uint8_t t, l;
    if (gt_rd_u8(r, &t) || t != tag) return -1;
    if (gt_rd_u8(r, &l) || l >= 0x80) return -1;
    return gt_rd_sub(r, l, body) ? -1 : 0;
}

/* A non-negative INTEGER (X.690 §8.3: minimal, no sign padding beyond
 * what the top bit needs) of at most len value bytes, left-padded. */
static int der_uint(gt_rd *r, uint8_t *out, size_t len)
{
    gt_rd b, peek;
    uint8_t first, second;
    const uint8_t *v;
    if (der_tlv(r, 0x02, &b) || b.left == 0) return -1;
    peek = b;
    if (gt_rd_u8(&peek, &first) || (first & 0x80)) return -1; /* negative */
    if (first == 0 && b.left > 1) {
        if (gt_rd_u8(&peek, &second) || !(second & 0x80)) return -1; /* superfluous zero */
        if (gt_rd_skip(&b, 1)) return -1;
    }
    size_t n = b.left;
    if (n > len || gt_rd_bytes(&b, n, &v)) return -1;
    memset(out, 0, len - n);
    memcpy(out + (len - n), v, n);
    return 0;
}

/* ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, nothing after. */
static int der_decode(const uint8_t *sig, size_t sig_len, uint8_t *rs, size_t len)
{
    gt_rd all = gt_rd_init(sig, sig_len), seq;
    if (!sig || der_tlv(&all, 0x30, &seq) || gt_rd_end(&all)) return -1;
    if (der_uint(&seq, rs, len) || der_uint(&seq, rs + len, len)) return -1;
    return gt_rd_end(&seq) ? -1 : 0;
}

/* FIPS 186-4 §6.4 / RFC 6979 §3.2: rs = r || s. */
static int sign_raw(const ec_curve *c, const gt_hash *hash, const uint8_t *priv,
                    const uint8_t *digest, size_t digest_len, gt_rng_fn rng, void *rng_ctx,
                    uint8_t *rs)
{
    const size_t len = c->len;
    uint8_t z[GT_EC_MAX_SCALAR_LEN], k[GT_EC_MAX_SCALAR_LEN], xy[2 * GT_EC_MAX_SCALAR_LEN];
    uint8_t extra[32];
    size_t elen = 0;
    ec_sc d, e, kk, r, s;
    r6979 drbg;
    int err = GT_ERR_CRYPTO_RNG;

    uint32_t ok = ec_sc_from_bytes(c, &d, priv);
    ec_declassify(&ok, sizeof ok); /* an out-of-range key is an error */
    if (!ok) {
        gt_wipe(&d, sizeof d);
        return GT_ERR_CRYPTO_KEY;
    }
    /* e = bits2int(H) mod n; bits2octets(h1) of RFC 6979 §2.3.4 is its
     * encoding. */
    bits2int(z, len, digest, digest_len);
    ec_sc_from_bytes_reduce(c, &e, z);
    ec_sc_to_bytes(c, z, &e);
    if (rng) { /* RFC 6979 §3.6: k' as additional data */
        if (rng(rng_ctx, extra, sizeof extra)) goto out;
        elen = sizeof extra;
    }
    r6979_init(&drbg, hash, priv, z, len, extra, elen);
    for (int tries = 0; tries < 64; tries++) {
        if (tries) r6979_mix(&drbg, 0x00, NULL, NULL, 0, NULL, 0); /* step h.3 */
        r6979_next(&drbg, k, len);
        ok = ec_sc_from_bytes(c, &kk, k);
        /* Step h.3 rejects k outside [1, n-1]; the rejected candidate is
         * discarded, so revealing that it happened reveals nothing. */
        ec_declassify(&ok, sizeof ok);
        if (!ok) continue;
        if (c->mul_base(xy, k)) continue;
        ec_sc_from_bytes_reduce(c, &r, xy); /* r = x mod n (x < p < 2n) */
        ec_sc_inv(c, &kk, &kk);
        ec_sc_mul(c, &s, &r, &d);
        ec_sc_add(c, &s, &s, &e);
        ec_sc_mul(c, &s, &s, &kk); /* s = k^-1 (e + r d) */
        ec_sc_to_bytes(c, rs, &r);
        ec_sc_to_bytes(c, rs + len, &s);
        ec_declassify(rs, 2 * len); /* the signature is public */
        /* Step h.3 also retries on r == 0 or s == 0 (tested on the public
         * output bytes, not on the secret-derived limbs). */
        if (gt_ct_is_zero(rs, len) || gt_ct_is_zero(rs + len, len)) continue;
        err = 0;
        break;
    }
out:
    gt_wipe(&d, sizeof d);
    gt_wipe(&kk, sizeof kk);
    gt_wipe(&s, sizeof s);
    gt_wipe(k, sizeof k);
    gt_wipe(xy, sizeof xy);
    gt_wipe(&drbg, sizeof drbg);
    gt_wipe(extra, sizeof extra);
    return err;
}

int gt_ecdsa_sign_raw(gt_ec_curve curve, const gt_hash *hash, const uint8_t *priv,
                      const uint8_t *digest, size_t digest_len, gt_rng_fn rng, void *rng_ctx,
                      uint8_t *sig_raw)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    if (!c) return GT_ERR_UNSUPPORTED;
    if (!hash || !priv || (!digest && digest_len) || !sig_raw) return GT_ERR_ARG;
    return sign_raw(c, hash, priv, digest, digest_len, rng, rng_ctx, sig_raw);
}

int gt_ecdsa_sign(gt_ec_curve curve, const gt_hash *hash, const uint8_t *priv,
                  const uint8_t *digest, size_t digest_len, gt_rng_fn rng, void *rng_ctx,
                  uint8_t *sig_der, size_t cap, size_t *len)
{
    uint8_t rs[2 * GT_EC_MAX_SCALAR_LEN];
    const ec_curve *c = gt_ec_curve_get(curve);
    if (!c) return GT_ERR_UNSUPPORTED;
    if (!sig_der || !len) return GT_ERR_ARG;
    int err = gt_ecdsa_sign_raw(curve, hash, priv, digest, digest_len, rng, rng_ctx, rs);
    if (err) return err;
    return der_encode(rs, c->len, sig_der, cap, len);
}

/* FIPS 186-4 §6.4.2 / SEC 1 §4.1.4 on public data. */
static int verify_rs(const ec_curve *c, const uint8_t *pub, const uint8_t *digest,
                     size_t digest_len, const uint8_t *rs)
{
    const size_t len = c->len;
    uint8_t z[GT_EC_MAX_SCALAR_LEN], u1b[GT_EC_MAX_SCALAR_LEN], u2b[GT_EC_MAX_SCALAR_LEN];
    uint8_t x[GT_EC_MAX_SCALAR_LEN];
    ec_sc r, s, e, w, u1, u2, v;
    if (!ec_sc_from_bytes(c, &r, rs) || !ec_sc_from_bytes(c, &s, rs + len))
        return GT_ERR_CRYPTO_SIGNATURE; /* step 1: r, s in [1, n-1] */
    bits2int(z, len, digest, digest_len);
    ec_sc_from_bytes_reduce(c, &e, z);
    ec_sc_inv(c, &w, &s);
    ec_sc_mul(c, &u1, &e, &w);
    ec_sc_mul(c, &u2, &r, &w);
    ec_sc_to_bytes(c, u1b, &u1);
    ec_sc_to_bytes(c, u2b, &u2);
    if (c->mul_add_vartime(x, u1b, u2b, pub + 1)) return GT_ERR_CRYPTO_SIGNATURE;
    ec_sc_from_bytes_reduce(c, &v, x);
    ec_sc_to_bytes(c, x, &v);
    return memcmp(x, rs, len) == 0 ? 0 : GT_ERR_CRYPTO_SIGNATURE;
}

int gt_ecdsa_verify_raw(gt_ec_curve curve, const uint8_t *pub, size_t pub_len,
                        const uint8_t *digest, size_t digest_len, const uint8_t *sig_raw,
                        size_t sig_len)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    if (!c) return GT_ERR_UNSUPPORTED;
    if (!digest && digest_len) return GT_ERR_ARG;
    int err = gt_ec_check_pub(curve, pub, pub_len);
    if (err) return err;
    if (!sig_raw || sig_len != 2 * c->len) return GT_ERR_CRYPTO_SIGNATURE;
    return verify_rs(c, pub, digest, digest_len, sig_raw);
}

int gt_ecdsa_verify(gt_ec_curve curve, const uint8_t *pub, size_t pub_len, const uint8_t *digest,
                    size_t digest_len, const uint8_t *sig_der, size_t sig_len)
{
    uint8_t rs[2 * GT_EC_MAX_SCALAR_LEN];
    const ec_curve *c = gt_ec_curve_get(curve);
    if (!c) return GT_ERR_UNSUPPORTED;
    if (!digest && digest_len) return GT_ERR_ARG;
    int err = gt_ec_check_pub(curve, pub, pub_len);
    if (err) return err;
    if (der_decode(sig_der, sig_len, rs, c->len)) return GT_ERR_CRYPTO_SIGNATURE;
    return verify_rs(c, pub, digest, digest_len, rs);
}
