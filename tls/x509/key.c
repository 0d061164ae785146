/* Public and private key structures: SubjectPublicKeyInfo (RFC 5280
 * §4.1.2.7, RFC 3279 §2.3, RFC 5480, RFC 4055 §1.2, RFC 8410 §4), PKCS#1
 * RSAPrivateKey (RFC 8017 A.1.2), SEC 1 ECPrivateKey (RFC 5915 §3) and
 * PKCS#8 PrivateKeyInfo (RFC 5208 §5, RFC 5958 §2).
 *
 * Private-key parsing checks structure only; the caller's crypto code
 * checks the numbers (gt_rsa_private_check, gt_ec_pub_from_priv). */
#include "x509/x509_impl.h"
#include "x509/oid.h"

unsigned gt_x509_bits(gt_x509_slice mag)
{
    gt_rd r = gt_rd_init(mag.p, mag.len);
    uint8_t b0;
    if (gt_rd_u8(&r, &b0)) return 0;
    unsigned bits = (unsigned)(mag.len - 1) * 8;
    while (b0) {
        bits++;
        b0 >>= 1;
    }
    return bits;
}

struct curve_row {
    const uint8_t *oid;
    size_t len;
    gt_x509_curve curve;
    unsigned field_len; /* bytes of a field element (and of a scalar) */
};
static const struct curve_row curves[] = {
    {OID_P256, sizeof OID_P256, GT_X509_CURVE_P256, 32},
    {OID_P384, sizeof OID_P384, GT_X509_CURVE_P384, 48},
    {OID_P521, sizeof OID_P521, GT_X509_CURVE_P521, 66},
};

static const struct curve_row *curve_by_oid(gt_x509_slice oid)
{
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
        if (gt_der_oid_is(oid, curves[i].oid, curves[i].len)) return &curves[i];
    return NULL;
}

static const struct curve_row *curve_by_id(gt_x509_curve c)
{
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
        if (curves[i].curve == c) return &curves[i];
    return NULL;
}

/* RFC 5480 §2.1.1: ECParameters in a certificate MUST be namedCurve;
 * implicitCurve (NULL) and specifiedCurve are not supported. */
static int named_curve(gt_x509_slice params, gt_x509_slice *oid)
{
    gt_rd p = gt_rd_init(params.p, params.len);
    uint8_t tag;
    if (!params.p) return GT_ERR_X509_CURVE;
    int err = gt_der_peek(&p, &tag);
    if (err) return err;
    if (tag != GT_DER_OID) return GT_ERR_X509_CURVE;
    if ((err = gt_der_oid(&p, oid))) return err;
    return gt_rd_end(&p);
}

/* SEC 1 §2.3.3 point: uncompressed 04||X||Y or compressed 02/03||X. */
static int check_point(gt_x509_slice pt, unsigned field_len)
{
    gt_rd r = gt_rd_init(pt.p, pt.len);
    uint8_t form;
    if (gt_rd_u8(&r, &form)) return GT_ERR_X509_SPKI;
    if (form == 4 && r.left == 2 * (size_t)field_len) return 0;
    if ((form == 2 || form == 3) && r.left == field_len) return 0;
    return GT_ERR_X509_SPKI;
}

/* RFC 8017 A.1.1 RSAPublicKey inside the BIT STRING. */
static int rsa_public(gt_x509_pubkey *k)
{
    gt_rd r = gt_rd_init(k->key.p, k->key.len), seq;
    int err = gt_der_expect(&r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_rd_end(&r);
    if (!err) err = gt_der_pos_int(&seq, &k->rsa_n);
    if (!err) err = gt_der_pos_int(&seq, &k->rsa_e);
    if (!err) err = gt_rd_end(&seq);
    if (err) return err;
    k->bits = gt_x509_bits(k->rsa_n);
    return 0;
}

static int spki_rsa(gt_x509_pubkey *k)
{
    /* RFC 3279 §2.3.1: parameters MUST be NULL (absent tolerated) */
    gt_rd p = gt_rd_init(k->alg_params.p, k->alg_params.len);
    if (k->alg_params.p && (gt_der_null(&p) || p.left)) return GT_ERR_X509_SPKI;
    k->type = GT_X509_KEY_RSA;
    return rsa_public(k);
}

static int spki_rsa_pss(gt_x509_pubkey *k)
{
    /* RFC 4055 §1.2: parameters absent, or RSASSA-PSS-params restricting
     * how the key may be used */
    if (k->alg_params.p) {
        gt_x509_sigalg tmp = {0};
        if (gt_x509_pss_params(k->alg_params, &tmp)) return GT_ERR_X509_SPKI;
    }
    k->type = GT_X509_KEY_RSA_PSS;
    return rsa_public(k);
}

static int spki_ec(gt_x509_pubkey *k)
{
    int err = named_curve(k->alg_params, &k->curve_oid);
    if (err) return err;
    k->type = GT_X509_KEY_EC;
    k->ec_point = k->key;
    const struct curve_row *c = curve_by_oid(k->curve_oid);
    if (!c) return 0; /* another named curve: shown, not usable */
    k->curve = c->curve;
    k->bits = c->curve == GT_X509_CURVE_P521 ? 521 : c->field_len * 8;
    return check_point(k->key, c->field_len);
}

static int spki_eddsa(gt_x509_pubkey *k, gt_x509_key_type t, size_t len, unsigned bits)
{
    /* RFC 8410 §3: parameters MUST be absent */
    if (k->alg_params.p || k->key.len != len) return GT_ERR_X509_SPKI;
    k->type = t;
    k->bits = bits;
    return 0;
}

static int spki_dispatch(gt_x509_pubkey *k)
{
    if (GT_OID_IS(k->alg_oid, OID_RSA_ENCRYPTION)) return spki_rsa(k);
    if (GT_OID_IS(k->alg_oid, OID_RSA_PSS)) return spki_rsa_pss(k);
    if (GT_OID_IS(k->alg_oid, OID_EC_PUBLIC_KEY)) return spki_ec(k);
    if (GT_OID_IS(k->alg_oid, OID_ED25519)) return spki_eddsa(k, GT_X509_KEY_ED25519, 32, 256);
    if (GT_OID_IS(k->alg_oid, OID_ED448)) return spki_eddsa(k, GT_X509_KEY_ED448, 57, 456);
    if (GT_OID_IS(k->alg_oid, OID_DSA)) k->type = GT_X509_KEY_DSA;
    return 0;
}

int gt_x509_spki_read(gt_rd *r, gt_x509_pubkey *k)
{
    gt_rd c = *r, seq, alg;
    gt_x509_pubkey v = {0};
    int err = gt_der_expect_tlv(&c, GT_DER_SEQUENCE, &seq, &v.der);
    if (!err) err = gt_der_expect(&seq, GT_DER_SEQUENCE, &alg);
    if (!err) err = gt_der_oid(&alg, &v.alg_oid);
    if (err) return err;
    if (alg.left) {
        uint8_t tag;
        gt_rd pv;
        if ((err = gt_der_any(&alg, &tag, &pv, &v.alg_params))) return err;
        if ((err = gt_rd_end(&alg))) return err;
        if ((tag & GT_DER_CONSTRUCTED) && (err = gt_der_check_tree(pv, GT_DER_MAX_DEPTH)))
            return err;
    }
    if ((err = gt_der_bit_string_octets(&seq, &v.key))) return err;
    if ((err = gt_rd_end(&seq))) return err;
    if ((err = spki_dispatch(&v))) return err;
    *k = v;
    *r = c;
    return 0;
}

int gt_x509_spki_parse(gt_x509_pubkey *k, const uint8_t *der, size_t n)
{
    gt_rd r = gt_rd_init(der, n);
    int err = gt_x509_spki_read(&r, k);
    return err ? err : gt_rd_end(&r);
}

/* ---- private keys ---- */

static int key_err(int err)
{
    /* structure errors keep their DER code; wrong tags mean "not a key" */
    return err == GT_ERR_DER_TAG ? GT_ERR_X509_KEY : err;
}

int gt_x509_rsa_privkey_parse(gt_x509_privkey *k, const uint8_t *der, size_t n)
{
    gt_rd r = gt_rd_init(der, n), seq;
    gt_x509_privkey v = {0};
    uint64_t version;
    int err = gt_der_expect(&r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_rd_end(&r);
    /* RFC 8017 A.1.2: version 0 is two-prime; 1 (multi-prime) unsupported */
    if (!err) err = gt_der_small_uint(&seq, 0, &version);
    gt_x509_slice *parts[] = {&v.n, &v.e, &v.d, &v.p, &v.q, &v.dp, &v.dq, &v.qinv};
    for (size_t i = 0; !err && i < 8; i++)
        err = gt_der_pos_int(&seq, parts[i]);
    if (!err) err = gt_rd_end(&seq);
    if (err) return key_err(err == GT_ERR_DER_INT_RANGE ? GT_ERR_X509_KEY : err);
    v.type = GT_X509_KEY_RSA;
    v.bits = gt_x509_bits(v.n);
    *k = v;
    return 0;
}

static int ec_params(gt_rd *seq, gt_x509_curve *curve)
{
    gt_rd f;
    int present, err = gt_der_optional(seq, GT_DER_CONTEXT_C | 0, &f, &present);
    if (err || !present) return err;
    gt_x509_slice oid, params = {f.p, f.left};
    if ((err = named_curve(params, &oid))) return err;
    const struct curve_row *c = curve_by_oid(oid);
    if (!c) return GT_ERR_X509_CURVE;
    /* inside PKCS#8 the two places naming the curve must agree */
    if (*curve != GT_X509_CURVE_UNKNOWN && *curve != c->curve) return GT_ERR_X509_KEY;
    *curve = c->curve;
    return 0;
}

int gt_x509_ec_privkey_parse(gt_x509_privkey *k, const uint8_t *der, size_t n, gt_x509_curve curve)
{
    gt_rd r = gt_rd_init(der, n), seq, oct, f;
    gt_x509_privkey v = {0};
    uint64_t version;
    int present, err = gt_der_expect(&r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_rd_end(&r);
    if (!err) err = gt_der_small_uint(&seq, 1, &version);
    if (!err && version != 1) err = GT_ERR_X509_KEY; /* RFC 5915 §3: ecPrivkeyVer1 */
    if (!err) err = gt_der_expect(&seq, GT_DER_OCTET_STRING, &oct);
    if (!err) err = ec_params(&seq, &curve);
    if (!err) err = gt_der_optional(&seq, GT_DER_CONTEXT_C | 1, &f, &present);
    if (!err && present) {
        err = gt_der_bit_string_octets(&f, &v.ec_pub);
        if (!err) err = gt_rd_end(&f);
    }
    if (!err) err = gt_rd_end(&seq);
    if (err) return key_err(err);
    const struct curve_row *c = curve_by_id(curve);
    if (!c) return GT_ERR_X509_CURVE;
    /* RFC 5915 §3: the octet string is ceiling(log2(n)/8) octets long */
    if (oct.left != c->field_len) return GT_ERR_X509_KEY;
    if (v.ec_pub.p && check_point(v.ec_pub, c->field_len)) return GT_ERR_X509_KEY;
    v.type = GT_X509_KEY_EC;
    v.curve = curve;
    v.ec_priv = (gt_x509_slice){oct.p, oct.left};
    v.bits = c->curve == GT_X509_CURVE_P521 ? 521 : c->field_len * 8;
    *k = v;
    return 0;
}

int gt_x509_pkcs8_parse(gt_x509_privkey *k, const uint8_t *der, size_t n)
{
    gt_rd r = gt_rd_init(der, n), seq, alg, oct, f;
    gt_x509_slice oid, params = {0};
    uint64_t version;
    int present, err = gt_der_expect(&r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_rd_end(&r);
    /* RFC 5958 §2: v1 (0) or v2 (1, may carry the public key) */
    if (!err) err = gt_der_small_uint(&seq, 1, &version);
    if (!err) err = gt_der_expect(&seq, GT_DER_SEQUENCE, &alg);
    if (!err) err = gt_der_oid(&alg, &oid);
    if (!err && alg.left) {
        params = (gt_x509_slice){alg.p, alg.left};
        uint8_t tag;
        gt_rd pv;
        err = gt_der_any(&alg, &tag, &pv, NULL);
        if (!err) err = gt_rd_end(&alg);
    }
    if (!err) err = gt_der_expect(&seq, GT_DER_OCTET_STRING, &oct);
    if (!err) err = gt_der_optional(&seq, GT_DER_CONTEXT_C | 0, &f, &present);
    if (!err) err = gt_der_optional(&seq, GT_DER_CONTEXT | 1, &f, &present);
    if (!err) err = gt_rd_end(&seq);
    if (err) return key_err(err);
    if (GT_OID_IS(oid, OID_RSA_ENCRYPTION)) return gt_x509_rsa_privkey_parse(k, oct.p, oct.left);
    if (!GT_OID_IS(oid, OID_EC_PUBLIC_KEY)) return GT_ERR_X509_KEY;
    gt_x509_slice curve_oid;
    if ((err = named_curve(params, &curve_oid))) return err;
    const struct curve_row *c = curve_by_oid(curve_oid);
    if (!c) return GT_ERR_X509_CURVE;
    return gt_x509_ec_privkey_parse(k, oct.p, oct.left, c->curve);
}
