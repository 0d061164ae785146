/* Certificate signature verification with libgt's own crypto: the
 * algorithm policy of gt_x509_verify.h (RFC 4055, RFC 5758, RFC 8017). */
#include "gt/crypto/ec.h"
#include "gt/crypto/rsa.h"
#include "x509/verify_impl.h"

static const gt_hash *hash_of(gt_x509_hash h, unsigned flags)
{
    switch (h) {
    case GT_X509_HASH_SHA256:
        return &gt_hash_sha256;
    case GT_X509_HASH_SHA384:
        return &gt_hash_sha384;
    case GT_X509_HASH_SHA512:
        return &gt_hash_sha512;
    case GT_X509_HASH_SHA1:
        /* SHAttered (2017): chosen-prefix collisions make SHA-1 signatures
         * on certificates forgeable; off unless the caller opts in */
        return (flags & GT_X509V_ALLOW_SHA1) ? &gt_hash_sha1 : NULL;
    default:
        /* MD2/MD5 never (RFC 6151); SHA-224 outside the TLS 1.2 profile */
        return NULL;
    }
}

/* Crypto layer errors as path-validation errors: a key the crypto layer
 * refuses is an unsupported issuer key, anything else a bad signature. */
static int map_err(int err)
{
    if (!err) return 0;
    if (err == GT_ERR_CRYPTO_KEY_SIZE || err == GT_ERR_CRYPTO_KEY || err == GT_ERR_CRYPTO_POINT)
        return GT_ERR_X509V_KEY;
    return GT_ERR_X509V_SIGNATURE;
}

static int verify_rsa(const gt_x509_cert *child, const gt_x509_pubkey *k, const gt_hash *h,
                      const uint8_t *digest)
{
    gt_rsa_public_key pk = {k->rsa_n.p, k->rsa_n.len, k->rsa_e.p, k->rsa_e.len};
    const gt_x509_sigalg *a = &child->sigalg;
    if (a->type == GT_X509_SIG_RSA_PKCS1) {
        /* an RSASSA-PSS key (RFC 4055 §1.2) must not sign PKCS#1 v1.5 */
        if (k->type != GT_X509_KEY_RSA) return GT_ERR_X509V_SIGNATURE;
        return map_err(
            gt_rsa_pkcs1_verify(&pk, 0, h, digest, child->signature.p, child->signature.len));
    }
    /* RSA-PSS: RFC 4055 §3.1 parameters were parsed into the sigalg. MGF1
     * with another hash than the message hash buys nothing and is refused
     * (as RFC 8446 §4.2.3 does for rsa_pss_* schemes). */
    const gt_hash *mgf = hash_of(a->mgf1_hash, 0);
    if (mgf != h || a->salt_len > GT_RSA_MAX_LEN) return GT_ERR_X509V_SIG_ALG;
    return map_err(gt_rsa_pss_verify_ex(&pk, 0, h, mgf, digest, a->salt_len, child->signature.p,
                                        child->signature.len));
}

int gt_x509v_check_sig(const gt_x509_cert *child, const gt_x509_pubkey *k, unsigned flags)
{
    const gt_x509_sigalg *a = &child->sigalg;
    const gt_hash *h = hash_of(a->hash, flags);
    uint8_t digest[GT_HASH_MAX_LEN];
    if (!h) return GT_ERR_X509V_SIG_ALG;
    switch (a->type) {
    case GT_X509_SIG_RSA_PKCS1:
    case GT_X509_SIG_RSA_PSS:
        if (k->type != GT_X509_KEY_RSA && k->type != GT_X509_KEY_RSA_PSS)
            return GT_ERR_X509V_SIGNATURE;
        gt_hash_digest(h, child->tbs.p, child->tbs.len, digest);
        return verify_rsa(child, k, h, digest);
    case GT_X509_SIG_ECDSA:
        /* RFC 5758 §3.2 / CA/B BR 7.1.3.2: SHA-256 and SHA-384 */
        if (h != &gt_hash_sha256 && h != &gt_hash_sha384 && h != &gt_hash_sha1)
            return GT_ERR_X509V_SIG_ALG;
        if (k->type != GT_X509_KEY_EC) return GT_ERR_X509V_SIGNATURE;
        if (k->curve != GT_X509_CURVE_P256 && k->curve != GT_X509_CURVE_P384)
            return GT_ERR_X509V_KEY;
        gt_hash_digest(h, child->tbs.p, child->tbs.len, digest);
        return map_err(gt_ecdsa_verify((gt_ec_curve)k->curve, k->ec_point.p, k->ec_point.len,
                                       digest, h->out_len, child->signature.p,
                                       child->signature.len));
    default:
        /* DSA, EdDSA, unknown OIDs */
        return GT_ERR_X509V_SIG_ALG;
    }
}
