/* Certificate parsing into a view (RFC 5280 §4.1). The view's slices
 * point into the caller's DER; nothing is copied or allocated. */
#include "x509/x509_impl.h"

#include <string.h>

/* version [0] EXPLICIT Version DEFAULT v1. DER (X.690 §11.5) forbids
 * encoding the default, so an explicit v1 is rejected. */
static int version(gt_rd *tbs, int *v)
{
    gt_rd f;
    uint64_t x;
    int present, err = gt_der_optional(tbs, GT_DER_CONTEXT_C | 0, &f, &present);
    *v = 1;
    if (err || !present) return err;
    err = gt_der_small_uint(&f, 2, &x);
    if (err == GT_ERR_DER_INT_RANGE || err == GT_ERR_DER_INT_NEGATIVE) return GT_ERR_X509_VERSION;
    if (!err) err = gt_rd_end(&f);
    if (err) return err;
    if (x == 0) return GT_ERR_DER_DEFAULT;
    *v = (int)x + 1;
    return 0;
}

/* RFC 5280 §4.1.2.2: a positive integer of at most 20 octets. Negative
 * and empty serials are rejected; longer ones are accepted (deployed CAs
 * issued them, and the length is visible in the view). Zero is accepted
 * for the same reason. */
static int serial(gt_rd *tbs, gt_x509_slice *s)
{
    int err = gt_der_int(tbs, s);
    if (err == GT_ERR_DER_INT_EMPTY) return GT_ERR_X509_SERIAL;
    if (err) return err;
    gt_rd r = gt_rd_init(s->p, s->len);
    uint8_t b0;
    if ((err = gt_rd_u8(&r, &b0))) return err;
    return (b0 & 0x80) ? GT_ERR_X509_SERIAL : 0;
}

static int validity(gt_rd *tbs, gt_x509_cert *c)
{
    gt_rd seq;
    int err = gt_der_expect(tbs, GT_DER_SEQUENCE, &seq);
    if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_VALIDITY : err;
    if ((err = gt_der_time(&seq, &c->not_before))) return err;
    if ((err = gt_der_time(&seq, &c->not_after))) return err;
    return gt_rd_end(&seq);
}

/* issuerUniqueID [1] / subjectUniqueID [2] IMPLICIT BIT STRING (§4.1.2.8:
 * only in v2 and v3). */
static int unique_id(gt_rd *tbs, uint8_t tag, int ver, gt_x509_slice *out)
{
    gt_rd f;
    unsigned unused;
    int present, err = gt_der_optional(tbs, tag, &f, &present);
    if (err || !present) return err;
    if (ver < 2) return GT_ERR_X509_VERSION;
    err = gt_der_bits_contents(f, out, &unused);
    return err ? GT_ERR_X509_UNIQUE_ID : 0;
}

static int extensions(gt_rd *tbs, gt_x509_cert *c)
{
    gt_rd f, seq;
    int present, err = gt_der_optional(tbs, GT_DER_CONTEXT_C | 3, &f, &present);
    if (err || !present) return err;
    if (c->version < 3) return GT_ERR_X509_VERSION; /* §4.1.2.9 */
    if ((err = gt_der_expect(&f, GT_DER_SEQUENCE, &seq))) return err;
    if ((err = gt_rd_end(&f))) return err;
    return gt_x509_exts_parse(c, seq);
}

static int tbs_parse(gt_x509_cert *c, gt_rd tbs)
{
    int err = version(&tbs, &c->version);
    if (!err) err = serial(&tbs, &c->serial);
    if (!err) err = gt_x509_sigalg_read(&tbs, &c->sigalg);
    if (!err) err = gt_x509_name_read(&tbs, &c->issuer);
    if (!err) err = validity(&tbs, c);
    if (!err) err = gt_x509_name_read(&tbs, &c->subject);
    if (!err) err = gt_x509_spki_read(&tbs, &c->key);
    if (!err) err = unique_id(&tbs, GT_DER_CONTEXT | 1, c->version, &c->issuer_uid);
    if (!err) err = unique_id(&tbs, GT_DER_CONTEXT | 2, c->version, &c->subject_uid);
    if (!err) err = extensions(&tbs, c);
    if (!err) err = gt_rd_end(&tbs);
    return err;
}

int gt_x509_cert_parse_prefix(gt_x509_cert *c, const uint8_t *der, size_t n, size_t *used)
{
    gt_rd r = gt_rd_init(der, n), seq, tbs;
    gt_x509_cert v;
    gt_x509_sigalg outer;
    memset(&v, 0, sizeof v);
    v.path_len = -1;
    int err = gt_der_expect_tlv(&r, GT_DER_SEQUENCE, &seq, &v.der);
    if (!err) err = gt_der_expect_tlv(&seq, GT_DER_SEQUENCE, &tbs, &v.tbs);
    if (!err) err = tbs_parse(&v, tbs);
    if (!err) err = gt_x509_sigalg_read(&seq, &outer);
    /* §4.1.1.2: "MUST contain the same algorithm identifier as the
     * signature field in the sequence tbsCertificate" */
    if (!err && !gt_x509_name_equal(outer.der, v.sigalg.der)) err = GT_ERR_X509_SIGALG_MISMATCH;
    if (!err) err = gt_der_bit_string_octets(&seq, &v.signature);
    if (!err) err = gt_rd_end(&seq);
    if (err) return err;
    *c = v;
    *used = n - r.left;
    return 0;
}

int gt_x509_cert_parse(gt_x509_cert *c, const uint8_t *der, size_t n)
{
    size_t used;
    gt_x509_cert v;
    int err = gt_x509_cert_parse_prefix(&v, der, n, &used);
    if (!err && used != n) err = GT_ERR_DECODE_TRAILING;
    if (err) return err;
    *c = v;
    return 0;
}
