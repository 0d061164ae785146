/* PKCS #1 v1.5 paddings (RFC 8017 §7.2, §8.2, §9.2) and the TLS 1.2 RSA
 * premaster decryption (RFC 5246 §7.4.7.1).
 *
 * Signatures are verified by building the one valid encoding and comparing
 * (never by parsing the decoded block: parsing is where BER leniency and
 * Bleichenbacher's e=3 forgery live). Decryption never branches on the
 * padding: validity is a mask, the message is moved into place with a
 * constant-time shift, and gt_rsa_decrypt_premaster selects between the
 * real and a random premaster with that mask. */
#include <string.h>

#include "core/ct.h"
#include "crypto/rsa_impl.h"

/* DigestInfo prefixes, RFC 8017 §9.2 note 1 (DER of AlgorithmIdentifier
 * with NULL parameters, then the OCTET STRING header). */
static const uint8_t di_sha1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                  0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
static const uint8_t di_sha224[] = {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c};
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

static const uint8_t *digest_info(const gt_hash *h, size_t *len)
{
    const uint8_t *p = NULL;
    if (h == &gt_hash_sha1) p = di_sha1, *len = sizeof di_sha1;
    if (h == &gt_hash_sha224) p = di_sha224, *len = sizeof di_sha224;
    if (h == &gt_hash_sha256) p = di_sha256, *len = sizeof di_sha256;
    if (h == &gt_hash_sha384) p = di_sha384, *len = sizeof di_sha384;
    if (h == &gt_hash_sha512) p = di_sha512, *len = sizeof di_sha512;
    return p;
}

/* EMSA-PKCS1-v1_5 (RFC 8017 §9.2): 00 01 FF..FF 00 DigestInfo || H. */
static int emsa_pkcs1(const gt_hash *h, const uint8_t *digest, uint8_t *em, size_t k)
{
    size_t di_len = 0;
    const uint8_t *di = h ? digest_info(h, &di_len) : NULL;
    if (!di || !digest) return GT_ERR_ARG;
    size_t t_len = di_len + h->out_len;
    if (k < t_len + 11) return GT_ERR_CRYPTO_KEY_SIZE;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, k - t_len - 3);
    em[k - t_len - 1] = 0x00;
    memcpy(em + k - t_len, di, di_len);
    memcpy(em + k - h->out_len, digest, h->out_len);
    return 0;
}

int gt_rsa_pkcs1_sign(const gt_rsa_private_key *k, const gt_hash *h, const uint8_t *digest,
                      gt_rng_fn rng, void *rng_ctx, uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    uint8_t em[GT_RSA_MAX_LEN];
    int len = gt_rsa_private_len(k);
    if (len < 0) return len;
    if (!sig || !sig_len || sig_cap < (size_t)len) return GT_ERR_ENCODE_OVERFLOW;
    int rc = emsa_pkcs1(h, digest, em, (size_t)len);
    if (rc) return rc;
    uint32_t ok = gt_rsa_private_op(k, rng, rng_ctx, em, sig);
    *sig_len = (size_t)len;
    gt_wipe(em, sizeof em);
    return gt_rsa_mask_err(ok, GT_ERR_CRYPTO_KEY);
}

int gt_rsa_pkcs1_verify(const gt_rsa_public_key *k, unsigned flags, const gt_hash *h,
                        const uint8_t *digest, const uint8_t *sig, size_t sig_len)
{
    uint8_t em[GT_RSA_MAX_LEN], want[GT_RSA_MAX_LEN];
    int len = gt_rsa_public_len(k, flags);
    if (len < 0) return len;
    if (!sig || sig_len != (size_t)len) return GT_ERR_CRYPTO_SIGNATURE; /* §8.2.2 step 1 */
    int rc = emsa_pkcs1(h, digest, want, (size_t)len);
    if (rc) return rc;
    rc = gt_rsa_public_op(k, flags, sig, em);
    if (rc) return rc;
    return gt_ct_memeq(em, want, (size_t)len) ? 0 : GT_ERR_CRYPTO_SIGNATURE;
}

int gt_rsa_pkcs1_encrypt(const gt_rsa_public_key *k, unsigned flags, const uint8_t *msg,
                         size_t msg_len, gt_rng_fn rng, void *rng_ctx, uint8_t *out, size_t out_cap,
                         size_t *out_len)
{
    uint8_t em[GT_RSA_MAX_LEN];
    int len = gt_rsa_public_len(k, flags);
    if (len < 0) return len;
    size_t kl = (size_t)len;
    if (!out || !out_len || out_cap < kl) return GT_ERR_ENCODE_OVERFLOW;
    if (msg_len > kl - 11 || (msg_len && !msg)) return GT_ERR_CRYPTO_LENGTH;
    if (!rng) return GT_ERR_ARG;
    /* EM = 00 02 PS 00 M, PS at least 8 random non-zero bytes. */
    size_t ps = kl - msg_len - 3;
    em[0] = 0x00;
    em[1] = 0x02;
    if (rng(rng_ctx, em + 2, ps)) return GT_ERR_CRYPTO_RNG;
    for (size_t i = 2; i < 2 + ps; i++) {
        while (!em[i]) {
            if (rng(rng_ctx, em + i, 1)) return GT_ERR_CRYPTO_RNG;
        }
    }
    em[2 + ps] = 0x00;
    if (msg_len) memcpy(em + 3 + ps, msg, msg_len);
    int rc = gt_rsa_public_op(k, flags, em, out);
    gt_wipe(em, sizeof em);
    if (rc) return rc;
    *out_len = kl;
    return 0;
}

/* Checks EM = 00 02 PS(>= 8 non-zero) 00 M in constant time. Returns the
 * validity mask and the index of the separating zero (k if none). */
static uint32_t check_type2(const uint8_t *em, size_t k, size_t *zero_at)
{
    uint32_t good = gt_ct_eq32(em[0], 0) & gt_ct_eq32(em[1], 2);
    uint32_t found = 0, idx = (uint32_t)k;
    for (size_t i = 2; i < k; i++) {
        uint32_t z = gt_ct_eq32(em[i], 0) & (found ^ 1);
        idx = gt_ct_select32(z, (uint32_t)i, idx);
        found |= z;
    }
    good &= found & gt_ct_ge32(idx, 10); /* PS: em[2..9] non-zero */
    *zero_at = idx;
    return gt_ct_mask32(good);
}

uint32_t gt_rsa_pkcs1_decrypt(const gt_rsa_private_key *k, const uint8_t *ct, size_t ct_len,
                              gt_rng_fn rng, void *rng_ctx, uint8_t *out, size_t *out_len)
{
    uint8_t em[GT_RSA_MAX_LEN];
    if (out_len) *out_len = 0;
    int len = gt_rsa_private_len(k);
    if (len < 0 || !ct || !out || !out_len || ct_len != (size_t)len) return 0;
    size_t kl = (size_t)len, zero_at;
    uint32_t ok = gt_rsa_private_op(k, rng, rng_ctx, ct, em);
    ok &= check_type2(em, kl, &zero_at);
    /* The message starts at zero_at + 1 (secret). Move em[11..k) left by
     * s = zero_at + 1 - 11 with log2(k) conditional shifts, each touching
     * every byte, then copy k - 11 bytes. */
    size_t s = (zero_at + 1 - 11) & ok;
    uint8_t *buf = em + 11;
    size_t blen = kl - 11;
    for (size_t step = 1; step < blen; step <<= 1) {
        uint32_t bit = gt_ct_nz32((uint32_t)(s & step));
        for (size_t i = 0; i < blen; i++) {
            uint8_t next = i + step < blen ? buf[i + step] : 0;
            buf[i] = gt_ct_select8(bit, next, buf[i]);
        }
    }
    size_t mlen = (kl - zero_at - 1) & ok;
    for (size_t i = 0; i < blen; i++)
        out[i] = buf[i] & (uint8_t)ok;
    *out_len = mlen;
    gt_wipe(em, sizeof em);
    return ok;
}

int gt_rsa_decrypt_premaster(const gt_rsa_private_key *k, const uint8_t *ct, size_t ct_len,
                             const uint8_t client_version[2], gt_rng_fn rng, void *rng_ctx,
                             uint8_t out48[GT_RSA_PREMASTER_LEN])
{
    uint8_t em[GT_RSA_MAX_LEN], fake[GT_RSA_PREMASTER_LEN];
    int len = gt_rsa_private_len(k);
    if (len < 0) return len;
    if (!out48 || !client_version || !rng) return GT_ERR_ARG;
    size_t kl = (size_t)len, zero_at;
    /* RFC 5246 §7.4.7.1: generate the random premaster first, whatever the
     * ciphertext looks like. */
    fake[0] = client_version[0];
    fake[1] = client_version[1];
    if (rng(rng_ctx, fake + 2, sizeof fake - 2)) return GT_ERR_CRYPTO_RNG;
    /* A ciphertext of the wrong length is public information, but it
     * takes the same path (all zeros, which fails the padding check). */
    uint32_t ok = gt_ct_mask32(gt_ct_eq32((uint32_t)ct_len, (uint32_t)kl) &
                               (uint32_t)(ct_len == kl) & (uint32_t)(ct != NULL));
    memset(em, 0, kl);
    if (ct && ct_len == kl) memcpy(em, ct, kl);
    ok &= gt_rsa_private_op(k, rng, rng_ctx, em, em);
    ok &= check_type2(em, kl, &zero_at);
    ok &= gt_ct_mask32(gt_ct_eq32((uint32_t)zero_at, (uint32_t)(kl - 49)));
    const uint8_t *pm = em + kl - GT_RSA_PREMASTER_LEN;
    ok &= gt_ct_mask32(gt_ct_eq32(pm[0], client_version[0]) & gt_ct_eq32(pm[1], client_version[1]));
    gt_ct_select_bytes(ok & 1, out48, pm, fake, GT_RSA_PREMASTER_LEN);
    gt_wipe(em, sizeof em);
    gt_wipe(fake, sizeof fake);
    return 0;
}
