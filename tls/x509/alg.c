/* Signature AlgorithmIdentifiers (RFC 5280 §4.1.1.2) and their parameter
 * rules: RFC 4055 §5 (PKCS#1 v1.5: NULL; absent accepted, as deployed
 * encoders omit it), RFC 5758 §3.2 (ECDSA: parameters absent), RFC 8410 §3
 * (EdDSA: absent), RFC 4055 §3.1 (RSASSA-PSS-params). */
#include "x509/x509_impl.h"
#include "x509/oid.h"

struct sig_row {
    const uint8_t *oid;
    size_t len;
    gt_x509_sig_type type;
    gt_x509_hash hash;
};

#define ROW(o, t, h)                                                                               \
    {                                                                                              \
        o, sizeof(o), t, h                                                                         \
    }
static const struct sig_row sig_rows[] = {
    ROW(OID_SHA256_RSA, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_SHA256),
    ROW(OID_SHA384_RSA, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_SHA384),
    ROW(OID_SHA512_RSA, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_SHA512),
    ROW(OID_SHA224_RSA, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_SHA224),
    ROW(OID_SHA1_RSA, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_SHA1),
    ROW(OID_SHA1_RSA_OIW, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_SHA1),
    ROW(OID_MD5_RSA, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_MD5),
    ROW(OID_MD2_RSA, GT_X509_SIG_RSA_PKCS1, GT_X509_HASH_MD2),
    ROW(OID_ECDSA_SHA256, GT_X509_SIG_ECDSA, GT_X509_HASH_SHA256),
    ROW(OID_ECDSA_SHA384, GT_X509_SIG_ECDSA, GT_X509_HASH_SHA384),
    ROW(OID_ECDSA_SHA512, GT_X509_SIG_ECDSA, GT_X509_HASH_SHA512),
    ROW(OID_ECDSA_SHA224, GT_X509_SIG_ECDSA, GT_X509_HASH_SHA224),
    ROW(OID_ECDSA_SHA1, GT_X509_SIG_ECDSA, GT_X509_HASH_SHA1),
    ROW(OID_RSA_PSS, GT_X509_SIG_RSA_PSS, GT_X509_HASH_SHA1),
    ROW(OID_ED25519, GT_X509_SIG_ED25519, GT_X509_HASH_NONE),
    ROW(OID_ED448, GT_X509_SIG_ED448, GT_X509_HASH_NONE),
    ROW(OID_DSA_SHA1, GT_X509_SIG_DSA, GT_X509_HASH_SHA1),
    ROW(OID_DSA_SHA224, GT_X509_SIG_DSA, GT_X509_HASH_SHA224),
    ROW(OID_DSA_SHA256, GT_X509_SIG_DSA, GT_X509_HASH_SHA256),
};

/* A hash AlgorithmIdentifier inside PSS parameters: RFC 4055 §2.1 says
 * NULL parameters SHOULD be omitted but accepts NULL. */
static int hash_alg(gt_rd *r, gt_x509_hash *h)
{
    gt_rd seq, params;
    gt_x509_slice oid;
    int err = gt_der_expect(r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_der_oid(&seq, &oid);
    if (err) return err;
    if (seq.left) {
        params = seq;
        err = gt_der_null(&params);
        if (err == GT_ERR_DER_TAG || err == GT_ERR_DER_NULL) return GT_ERR_X509_SIGALG_PARAMS;
        if (err) return err;
        if (params.left) return GT_ERR_DECODE_TRAILING;
    }
    if (GT_OID_IS(oid, OID_SHA1))
        *h = GT_X509_HASH_SHA1;
    else if (GT_OID_IS(oid, OID_SHA224))
        *h = GT_X509_HASH_SHA224;
    else if (GT_OID_IS(oid, OID_SHA256))
        *h = GT_X509_HASH_SHA256;
    else if (GT_OID_IS(oid, OID_SHA384))
        *h = GT_X509_HASH_SHA384;
    else if (GT_OID_IS(oid, OID_SHA512))
        *h = GT_X509_HASH_SHA512;
    else
        return GT_ERR_X509_SIGALG_PARAMS;
    return 0;
}

/* [1] maskGenAlgorithm: only MGF1 (RFC 8017 B.2.1) with a hash. */
static int mgf(gt_rd *r, gt_x509_hash *h)
{
    gt_rd seq;
    gt_x509_slice oid;
    int err = gt_der_expect(r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_der_oid(&seq, &oid);
    if (err) return err;
    if (!GT_OID_IS(oid, OID_MGF1)) return GT_ERR_X509_SIGALG_PARAMS;
    err = hash_alg(&seq, h);
    if (!err) err = gt_rd_end(&seq);
    return err;
}

int gt_x509_pss_params(gt_x509_slice params, gt_x509_sigalg *out)
{
    gt_rd r = gt_rd_init(params.p, params.len), seq, f;
    int present, err = gt_der_expect(&r, GT_DER_SEQUENCE, &seq);
    if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_SIGALG_PARAMS : err;
    if ((err = gt_rd_end(&r))) return err;
    out->hash = out->mgf1_hash = GT_X509_HASH_SHA1; /* RFC 4055 §3.1 defaults */
    out->salt_len = 20;
    if ((err = gt_der_optional(&seq, GT_DER_CONTEXT_C | 0, &f, &present))) return err;
    if (present && ((err = hash_alg(&f, &out->hash)) || (err = gt_rd_end(&f)))) return err;
    if ((err = gt_der_optional(&seq, GT_DER_CONTEXT_C | 1, &f, &present))) return err;
    if (present && ((err = mgf(&f, &out->mgf1_hash)) || (err = gt_rd_end(&f)))) return err;
    if ((err = gt_der_optional(&seq, GT_DER_CONTEXT_C | 2, &f, &present))) return err;
    if (present) {
        uint64_t salt;
        if ((err = gt_der_small_uint(&f, 0xffff, &salt)) || (err = gt_rd_end(&f))) return err;
        out->salt_len = (uint32_t)salt;
    }
    if ((err = gt_der_optional(&seq, GT_DER_CONTEXT_C | 3, &f, &present))) return err;
    if (present) {
        uint64_t trailer;
        if ((err = gt_der_small_uint(&f, 0xff, &trailer)) || (err = gt_rd_end(&f))) return err;
        /* RFC 4055 §3.1: trailerFieldBC (1) is the only value */
        if (trailer != 1) return GT_ERR_X509_SIGALG_PARAMS;
    }
    return gt_rd_end(&seq);
}

static int check_params(gt_x509_sigalg *a)
{
    gt_rd p = gt_rd_init(a->params.p, a->params.len);
    switch (a->type) {
    case GT_X509_SIG_RSA_PKCS1:
        if (!a->params.p) return 0;
        return gt_der_null(&p) ? GT_ERR_X509_SIGALG_PARAMS : 0;
    case GT_X509_SIG_RSA_PSS:
        /* RFC 4055 §3.1: the parameters MUST be present in a signature */
        if (!a->params.p) return GT_ERR_X509_SIGALG_PARAMS;
        return gt_x509_pss_params(a->params, a);
    case GT_X509_SIG_ECDSA:
    case GT_X509_SIG_ED25519:
    case GT_X509_SIG_ED448:
    case GT_X509_SIG_DSA:
        return a->params.p ? GT_ERR_X509_SIGALG_PARAMS : 0;
    default:
        return 0;
    }
}

int gt_x509_sigalg_read(gt_rd *r, gt_x509_sigalg *out)
{
    gt_rd c = *r, seq;
    gt_x509_sigalg a = {0};
    int err = gt_der_expect_tlv(&c, GT_DER_SEQUENCE, &seq, &a.der);
    if (!err) err = gt_der_oid(&seq, &a.oid);
    if (err) return err;
    if (seq.left) {
        gt_rd pv;
        uint8_t tag;
        if ((err = gt_der_any(&seq, &tag, &pv, &a.params))) return err;
        if ((err = gt_rd_end(&seq))) return err;
        if ((tag & GT_DER_CONSTRUCTED) && (err = gt_der_check_tree(pv, GT_DER_MAX_DEPTH)))
            return err;
    }
    for (size_t i = 0; i < sizeof sig_rows / sizeof sig_rows[0]; i++) {
        if (gt_der_oid_is(a.oid, sig_rows[i].oid, sig_rows[i].len)) {
            a.type = sig_rows[i].type;
            a.hash = sig_rows[i].hash;
            break;
        }
    }
    if ((err = check_params(&a))) return err;
    *out = a;
    *r = c;
    return 0;
}
