/* Wycheproof RSA keys for the handlers (see wy_rsa.h). Most files give the
 * raw components as hex; rsa_pkcs1_2048_sig_gen gives only n, e, d, so its
 * CRT components come from the PKCS #8 DER through the minimal decoder
 * below, written on gt_rd. It is a harness stand-in: the X.509 issue will
 * provide libgt's real PKCS #1 / PKCS #8 key parser. */
#include "wy_rsa.h"

#include <string.h>

/* gt-vectors sees only the public headers; the cursor is internal. */
#include "../../tls/core/cursor.h"
#include "gt/crypto/drbg.h"

const gt_hash *wy_rsa_hash(const cJSON *group, const char *field)
{
    const char *name = wy_str(group, field);
    return name ? gt_hash_by_name(name) : NULL;
}

int wy_rsa_public(wy_test *t, gt_rsa_public_key *k)
{
    const cJSON *pk = cJSON_GetObjectItemCaseSensitive(t->group, "publicKey");
    if (!pk) return wy_hex(t, t->group, "publicKey", NULL) ? WY_BAD : WY_BAD; /* reports it */
    k->n = wy_hex(t, pk, "modulus", &k->n_len);
    k->e = wy_hex(t, pk, "publicExponent", &k->e_len);
    return k->n && k->e ? 0 : WY_BAD;
}

/* DER: one TLV with the given tag; short or long (1-2 byte) lengths. */
static int der_tlv(gt_rd *r, uint8_t tag, gt_rd *val)
{
    uint8_t t, l0, b;
    size_t len = 0;
    if (gt_rd_u8(r, &t) || t != tag || gt_rd_u8(r, &l0)) return -1;
    if (l0 < 0x80) {
        len = l0;
    } else {
        if (l0 != 0x81 && l0 != 0x82) return -1;
        for (int i = 0; i < (l0 & 0x7f); i++) {
            if (gt_rd_u8(r, &b)) return -1;
            len = len << 8 | b;
        }
    }
    return gt_rd_sub(r, len, val) ? -1 : 0;
}

static int der_int(gt_rd *r, const uint8_t **p, size_t *len)
{
    gt_rd v;
    if (der_tlv(r, 0x02, &v)) return -1;
    *len = v.left;
    return gt_rd_bytes(&v, v.left, p) ? -1 : 0;
}

/* PrivateKeyInfo (RFC 5208) wrapping RSAPrivateKey (RFC 8017 §A.1.2). */
static int from_pkcs8(const uint8_t *der, size_t len, gt_rsa_private_key *k)
{
    gt_rd r = gt_rd_init(der, len), pki, alg, os, rsa;
    const uint8_t *ver;
    size_t ver_len;
    if (der_tlv(&r, 0x30, &pki) || gt_rd_end(&r) || der_int(&pki, &ver, &ver_len) ||
        der_tlv(&pki, 0x30, &alg) || der_tlv(&pki, 0x04, &os) || der_tlv(&os, 0x30, &rsa) ||
        der_int(&rsa, &ver, &ver_len))
        return -1;
    const uint8_t **f[8] = {&k->n, &k->e, &k->d, &k->p, &k->q, &k->dp, &k->dq, &k->qinv};
    size_t *l[8] = {&k->n_len, &k->e_len,  &k->d_len,  &k->p_len,
                    &k->q_len, &k->dp_len, &k->dq_len, &k->qinv_len};
    for (int i = 0; i < 8; i++)
        if (der_int(&rsa, f[i], l[i])) return -1;
    return 0;
}

int wy_rsa_private(wy_test *t, gt_rsa_private_key *k)
{
    const cJSON *sk = cJSON_GetObjectItemCaseSensitive(t->group, "privateKey");
    memset(k, 0, sizeof *k);
    if (sk && cJSON_GetObjectItemCaseSensitive(sk, "prime1")) {
        k->n = wy_hex(t, sk, "modulus", &k->n_len);
        k->e = wy_hex(t, sk, "publicExponent", &k->e_len);
        k->p = wy_hex(t, sk, "prime1", &k->p_len);
        k->q = wy_hex(t, sk, "prime2", &k->q_len);
        k->dp = wy_hex(t, sk, "exponent1", &k->dp_len);
        k->dq = wy_hex(t, sk, "exponent2", &k->dq_len);
        k->qinv = wy_hex(t, sk, "coefficient", &k->qinv_len);
        return k->n && k->e && k->p && k->q && k->dp && k->dq && k->qinv ? 0 : WY_BAD;
    }
    size_t len;
    const uint8_t *der = wy_hex(t, t->group, "privateKeyPkcs8", &len);
    if (!der) return WY_BAD;
    if (from_pkcs8(der, len, k)) return wy_unsupported(t, "cannot decode privateKeyPkcs8");
    return 0;
}

int wy_rsa_rng(void *ctx, uint8_t *out, size_t n)
{
    static gt_drbg d;
    static int seeded;
    (void)ctx;
    if (!seeded) {
        gt_drbg_init_seed(&d, (const uint8_t *)"gt-vectors rsa", 14);
        seeded = 1;
    }
    return gt_drbg_generate(&d, out, n, NULL, 0) ? GT_ERR_CRYPTO_RNG : 0;
}
