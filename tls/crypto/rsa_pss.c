/* RSASSA-PSS (RFC 8017 §8.1) with EMSA-PSS (§9.1) and MGF1 (§B.2.1).
 *
 * emBits = modBits - 1, so EM is one byte shorter than the modulus when
 * modBits = 1 mod 8; the leftmost 8*emLen - emBits bits of EM are zero.
 * Verification takes the salt length from the caller and enforces it
 * (§9.1.2 step 10 checks that the PS bytes are zero and the 0x01 separator
 * sits exactly where that salt length puts it). */
#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/rsa_impl.h"

/* out[0..len) ^= MGF1(seed), RFC 8017 §B.2.1. */
static void mgf1_xor(const gt_hash *h, const uint8_t *seed, size_t seed_len, uint8_t *out,
                     size_t len)
{
    uint8_t block[GT_HASH_MAX_LEN], ctr[4];
    gt_hash_ctx c;
    for (uint32_t counter = 0; len > 0; counter++) {
        gt_store32_be(ctr, counter);
        h->init(&c);
        h->update(&c, seed, seed_len);
        h->update(&c, ctr, 4);
        h->final(&c, block);
        size_t n = len < h->out_len ? len : h->out_len;
        for (size_t i = 0; i < n; i++)
            out[i] ^= block[i];
        out += n;
        len -= n;
    }
    gt_wipe(block, sizeof block);
}

/* H = Hash(00*8 || mHash || salt), §9.1.1 steps 5-6. */
static void pss_hash(const gt_hash *h, const uint8_t *mhash, const uint8_t *salt, size_t slen,
                     uint8_t *out)
{
    static const uint8_t zeros[8] = {0};
    gt_hash_ctx c;
    h->init(&c);
    h->update(&c, zeros, 8);
    h->update(&c, mhash, h->out_len);
    if (slen) h->update(&c, salt, slen);
    h->final(&c, out);
}

static size_t mod_bits(const uint8_t *n, size_t n_len)
{
    while (n_len && !n[0]) {
        n++;
        n_len--;
    }
    return n_len ? 8 * (n_len - 1) + (size_t)(32 - __builtin_clz(n[0])) : 0;
}

int gt_rsa_pss_sign(const gt_rsa_private_key *k, const gt_hash *h, const uint8_t *digest,
                    size_t salt_len, gt_rng_fn rng, void *rng_ctx, uint8_t *sig, size_t sig_cap,
                    size_t *sig_len)
{
    uint8_t em[GT_RSA_MAX_LEN], salt[GT_RSA_MAX_LEN];
    int len = gt_rsa_private_len(k);
    if (len < 0) return len;
    if (!h || !digest || !rng) return GT_ERR_ARG;
    if (!sig || !sig_len || sig_cap < (size_t)len) return GT_ERR_ENCODE_OVERFLOW;
    size_t hl = h->out_len, slen = salt_len == GT_RSA_PSS_SALT_HASH_LEN ? hl : salt_len;
    size_t em_bits = mod_bits(k->n, k->n_len) - 1, em_len = (em_bits + 7) / 8;
    if (slen > em_len || em_len < hl + slen + 2) return GT_ERR_CRYPTO_LENGTH; /* §9.1.1 step 3 */
    if (slen && rng(rng_ctx, salt, slen)) return GT_ERR_CRYPTO_RNG;
    /* EM = maskedDB || H || 0xbc with DB = PS || 0x01 || salt. */
    size_t db_len = em_len - hl - 1, k_len = (size_t)len;
    uint8_t *e = em + (k_len - em_len); /* I2OSP: leading zero byte if short */
    memset(em, 0, k_len);
    e[db_len - slen - 1] = 0x01;
    memcpy(e + db_len - slen, salt, slen);
    pss_hash(h, digest, salt, slen, e + db_len);
    mgf1_xor(h, e + db_len, hl, e, db_len);
    e[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));
    e[em_len - 1] = 0xbc;
    uint32_t ok = gt_rsa_private_op(k, rng, rng_ctx, em, sig);
    *sig_len = k_len;
    gt_wipe(em, sizeof em);
    gt_wipe(salt, sizeof salt);
    return gt_rsa_mask_err(ok, GT_ERR_CRYPTO_KEY);
}

/* EMSA-PSS-VERIFY (§9.1.2) on em (em_len bytes); 1 if consistent. The
 * input is a public signature, so early returns are fine. */
static int emsa_pss_verify(const gt_hash *h, const gt_hash *mgf, const uint8_t *mhash, uint8_t *em,
                           size_t em_len, size_t em_bits, size_t slen)
{
    size_t hl = h->out_len;
    uint8_t hh[GT_HASH_MAX_LEN];
    if (slen > em_len || em_len < hl + slen + 2) return 0; /* step 3 */
    if (em[em_len - 1] != 0xbc) return 0;                  /* step 4 */
    size_t db_len = em_len - hl - 1;
    uint8_t top_mask = (uint8_t)(0xff << (8 - (8 * em_len - em_bits)));
    if (8 * em_len != em_bits && (em[0] & top_mask)) return 0; /* step 6 */
    mgf1_xor(mgf, em + db_len, hl, em, db_len);                /* steps 7-8 */
    em[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));        /* step 9 */
    for (size_t i = 0; i < db_len - slen - 1; i++)             /* step 10 */
        if (em[i]) return 0;
    if (em[db_len - slen - 1] != 0x01) return 0;
    pss_hash(h, mhash, em + db_len - slen, slen, hh); /* steps 11-13 */
    return (int)gt_ct_memeq(hh, em + db_len, hl);     /* step 14 */
}

int gt_rsa_pss_verify_ex(const gt_rsa_public_key *k, unsigned flags, const gt_hash *h,
                         const gt_hash *mgf1_hash, const uint8_t *digest, size_t salt_len,
                         const uint8_t *sig, size_t sig_len)
{
    uint8_t m[GT_RSA_MAX_LEN];
    int len = gt_rsa_public_len(k, flags);
    if (len < 0) return len;
    if (!h || !mgf1_hash || !digest) return GT_ERR_ARG;
    size_t k_len = (size_t)len, slen = salt_len == GT_RSA_PSS_SALT_HASH_LEN ? h->out_len : salt_len;
    if (!sig || sig_len != k_len) return GT_ERR_CRYPTO_SIGNATURE; /* §8.1.2 step 1 */
    int rc = gt_rsa_public_op(k, flags, sig, m);
    if (rc) return rc;
    size_t em_bits = mod_bits(k->n, k->n_len) - 1, em_len = (em_bits + 7) / 8;
    /* I2OSP(m, emLen) fails if m needs more than emLen bytes. */
    if (em_len < k_len && m[0]) return GT_ERR_CRYPTO_SIGNATURE;
    uint8_t *em = m + (k_len - em_len);
    return emsa_pss_verify(h, mgf1_hash, digest, em, em_len, em_bits, slen)
               ? 0
               : GT_ERR_CRYPTO_SIGNATURE;
}

int gt_rsa_pss_verify(const gt_rsa_public_key *k, unsigned flags, const gt_hash *h,
                      const uint8_t *digest, size_t salt_len, const uint8_t *sig, size_t sig_len)
{
    return gt_rsa_pss_verify_ex(k, flags, h, h, digest, salt_len, sig, sig_len);
}
