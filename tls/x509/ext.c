/* Certificate extensions (RFC 5280 §4.2): the known ones are parsed fully
 * into the certificate view; unknown ones are kept opaque unless critical
 * (§4.2: "A certificate-using system MUST reject the certificate if it
 * encounters a critical extension it does not recognize"); an extension
 * appearing twice is rejected (§4.2: "MUST NOT include more than one
 * instance of a particular extension"). */
#include "x509/x509_impl.h"
#include "x509/oid.h"

#include <limits.h>

/* Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE,
 * extnValue OCTET STRING }. An explicitly encoded FALSE is not DER, but
 * deployed CAs emitted it and every major verifier accepts it: so do we. */
static int read_ext(gt_rd *r, gt_x509_ext *e)
{
    gt_rd seq, val;
    int present;
    uint8_t tag;
    int err = gt_der_expect(r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_der_oid(&seq, &e->oid);
    if (err) return err;
    e->critical = 0;
    if ((err = gt_der_peek(&seq, &tag))) return err;
    if (tag == GT_DER_BOOLEAN && (err = gt_der_bool(&seq, &e->critical))) return err;
    if ((err = gt_der_optional(&seq, GT_DER_OCTET_STRING, &val, &present))) return err;
    if (!present) return GT_ERR_DER_TAG;
    if ((err = gt_rd_end(&seq))) return err;
    e->value = (gt_x509_slice){val.p, val.left};
    e->known = 0;
    return 0;
}

/* The value of most extensions is one TLV filling the OCTET STRING. */
static int one_tlv(gt_x509_slice v, uint8_t tag, gt_rd *contents, gt_x509_slice *tlv)
{
    gt_rd r = gt_rd_init(v.p, v.len);
    int err = gt_der_expect_tlv(&r, tag, contents, tlv);
    if (!err) err = gt_rd_end(&r);
    if (!err && (tag & GT_DER_CONSTRUCTED)) err = gt_der_check_tree(*contents, GT_DER_MAX_DEPTH);
    return err;
}

static int basic_constraints(gt_x509_cert *c, gt_x509_slice v)
{
    gt_rd seq;
    uint8_t tag;
    int err = one_tlv(v, GT_DER_SEQUENCE, &seq, NULL);
    if (err) return err;
    if (seq.left && !(err = gt_der_peek(&seq, &tag)) && tag == GT_DER_BOOLEAN)
        err = gt_der_bool(&seq, &c->is_ca);
    if (!err && seq.left) {
        uint64_t len;
        err = gt_der_small_uint(&seq, INT_MAX, &len);
        c->path_len = (int)len;
    }
    return err ? err : gt_rd_end(&seq);
}

/* KeyUsage BIT STRING: bit 0 is the most significant bit of the first
 * octet. §4.2.1.3: at least one bit MUST be set. */
static int key_usage(gt_x509_cert *c, gt_x509_slice v)
{
    gt_rd r = gt_rd_init(v.p, v.len);
    gt_x509_slice bits;
    unsigned unused;
    int err = gt_der_bit_string(&r, &bits, &unused);
    if (!err) err = gt_rd_end(&r);
    if (err) return err;
    gt_rd b = gt_rd_init(bits.p, bits.len);
    uint32_t ku = 0;
    for (unsigned i = 0; b.left; i++) {
        uint8_t octet;
        if ((err = gt_rd_u8(&b, &octet))) return err;
        for (unsigned j = 0; j < 8; j++)
            if (octet & (0x80u >> j) && i * 8 + j < 9)
                ku |= 1u << (i * 8 + j); /* later bits: ignored */
    }
    if (bits.len == 0) return GT_ERR_X509_EXT_VALUE;
    c->key_usage = ku;
    return ku ? 0 : GT_ERR_X509_EXT_VALUE;
}

static int ext_key_usage(gt_x509_cert *c, gt_x509_slice v)
{
    gt_rd seq;
    int err = one_tlv(v, GT_DER_SEQUENCE, &seq, NULL);
    if (err) return err;
    c->eku = (gt_x509_slice){seq.p, seq.left};
    gt_x509_iter it = gt_x509_iter_of(c->eku);
    gt_x509_slice oid;
    unsigned n = 0;
    while ((err = gt_x509_eku_next(&it, &oid)) == 1) {
        n++;
        if (GT_OID_IS(oid, OID_KP_SERVER_AUTH))
            c->eku_flags |= GT_X509_EKU_SERVER_AUTH;
        else if (GT_OID_IS(oid, OID_KP_CLIENT_AUTH))
            c->eku_flags |= GT_X509_EKU_CLIENT_AUTH;
        else if (GT_OID_IS(oid, OID_EKU_ANY))
            c->eku_flags |= GT_X509_EKU_ANY;
        else
            c->eku_flags |= GT_X509_EKU_OTHER;
    }
    if (err) return err;
    return n ? 0 : GT_ERR_X509_EXT_VALUE; /* SEQUENCE SIZE (1..MAX) */
}

static int alt_name(gt_x509_slice v, gt_x509_slice *out)
{
    gt_rd seq;
    int err = one_tlv(v, GT_DER_SEQUENCE, &seq, NULL);
    if (err) return err;
    *out = (gt_x509_slice){seq.p, seq.left};
    return gt_x509_gns_check(*out, 0);
}

static int subtrees(gt_rd *seq, uint8_t tag, gt_x509_slice *out)
{
    gt_rd v;
    int present, err = gt_der_optional(seq, tag, &v, &present);
    if (err || !present) return err;
    *out = (gt_x509_slice){v.p, v.left};
    gt_x509_iter it = gt_x509_iter_of(*out);
    gt_x509_general_name gn;
    unsigned n = 0;
    while ((err = gt_x509_subtree_next(&it, &gn)) == 1)
        n++;
    if (err) return err;
    return n ? 0 : GT_ERR_X509_EXT_VALUE; /* GeneralSubtrees SIZE (1..MAX) */
}

/* §4.2.1.10: "Conforming CAs MUST NOT issue certificates where name
 * constraints is an empty sequence." */
static int name_constraints(gt_x509_cert *c, gt_x509_slice v)
{
    gt_rd seq;
    int err = one_tlv(v, GT_DER_SEQUENCE, &seq, NULL);
    if (!err) err = subtrees(&seq, GT_DER_CONTEXT_C | 0, &c->nc_permitted);
    if (!err) err = subtrees(&seq, GT_DER_CONTEXT_C | 1, &c->nc_excluded);
    if (!err) err = gt_rd_end(&seq);
    if (err) return err;
    return c->nc_permitted.p || c->nc_excluded.p ? 0 : GT_ERR_X509_EXT_VALUE;
}

static int akid(gt_x509_cert *c, gt_x509_slice v)
{
    gt_rd seq, f;
    int present, err = one_tlv(v, GT_DER_SEQUENCE, &seq, NULL);
    if (!err) err = gt_der_optional(&seq, GT_DER_CONTEXT | 0, &f, &present);
    if (!err && present) c->akid_key_id = (gt_x509_slice){f.p, f.left};
    if (!err) err = gt_der_optional(&seq, GT_DER_CONTEXT_C | 1, &f, &present);
    if (!err && present) {
        c->akid_issuer = (gt_x509_slice){f.p, f.left};
        err = gt_x509_gns_check(c->akid_issuer, 0);
    }
    if (!err) err = gt_der_optional(&seq, GT_DER_CONTEXT | 2, &f, &present);
    if (!err && present) {
        c->akid_serial = (gt_x509_slice){f.p, f.left};
        err = gt_der_check_int(f.p, f.left);
    }
    return err ? err : gt_rd_end(&seq);
}

static int skid(gt_x509_cert *c, gt_x509_slice v)
{
    gt_rd oct;
    int err = one_tlv(v, GT_DER_OCTET_STRING, &oct, NULL);
    if (!err) c->skid = (gt_x509_slice){oct.p, oct.left};
    return err;
}

/* Extensions left to the path validator: checked to be one well-formed
 * TLV of the right type, kept whole. */
static int kept(gt_x509_slice v, uint8_t tag, gt_x509_slice *out)
{
    gt_rd contents;
    gt_x509_slice tlv;
    int err = one_tlv(v, tag, &contents, &tlv);
    if (!err && out) *out = tlv;
    return err;
}

struct ext_row {
    const uint8_t *oid;
    size_t len;
    unsigned bit;
};
#define EXT(o, b)                                                                                  \
    {                                                                                              \
        o, sizeof(o), b                                                                            \
    }
static const struct ext_row ext_rows[] = {
    EXT(OID_CE_BASIC_CONSTRAINTS, GT_X509_EXT_BASIC_CONSTRAINTS),
    EXT(OID_CE_KEY_USAGE, GT_X509_EXT_KEY_USAGE),
    EXT(OID_CE_EXT_KEY_USAGE, GT_X509_EXT_EXT_KEY_USAGE),
    EXT(OID_CE_SAN, GT_X509_EXT_SAN),
    EXT(OID_CE_NAME_CONSTRAINTS, GT_X509_EXT_NAME_CONSTRAINTS),
    EXT(OID_CE_AKID, GT_X509_EXT_AKID),
    EXT(OID_CE_SKID, GT_X509_EXT_SKID),
    EXT(OID_CE_CERT_POLICIES, GT_X509_EXT_CERT_POLICIES),
    EXT(OID_CE_POLICY_MAPPINGS, GT_X509_EXT_POLICY_MAPPINGS),
    EXT(OID_CE_POLICY_CONSTRAINTS, GT_X509_EXT_POLICY_CONSTRAINTS),
    EXT(OID_CE_INHIBIT_ANY_POLICY, GT_X509_EXT_INHIBIT_ANY_POLICY),
    EXT(OID_CE_IAN, GT_X509_EXT_IAN),
    EXT(OID_CE_CRL_DP, GT_X509_EXT_CRL_DP),
    EXT(OID_PE_AIA, GT_X509_EXT_AIA),
};

static unsigned known_bit(gt_x509_slice oid)
{
    for (size_t i = 0; i < sizeof ext_rows / sizeof ext_rows[0]; i++)
        if (gt_der_oid_is(oid, ext_rows[i].oid, ext_rows[i].len)) return ext_rows[i].bit;
    return 0;
}

static int parse_known(gt_x509_cert *c, unsigned bit, gt_x509_slice v)
{
    switch (bit) {
    case GT_X509_EXT_BASIC_CONSTRAINTS:
        return basic_constraints(c, v);
    case GT_X509_EXT_KEY_USAGE:
        return key_usage(c, v);
    case GT_X509_EXT_EXT_KEY_USAGE:
        return ext_key_usage(c, v);
    case GT_X509_EXT_SAN:
        return alt_name(v, &c->san);
    case GT_X509_EXT_IAN:
        return alt_name(v, &c->ian);
    case GT_X509_EXT_NAME_CONSTRAINTS:
        return name_constraints(c, v);
    case GT_X509_EXT_AKID:
        return akid(c, v);
    case GT_X509_EXT_SKID:
        return skid(c, v);
    case GT_X509_EXT_CERT_POLICIES:
        return kept(v, GT_DER_SEQUENCE, &c->policies);
    case GT_X509_EXT_POLICY_MAPPINGS:
        return kept(v, GT_DER_SEQUENCE, &c->policy_mappings);
    case GT_X509_EXT_POLICY_CONSTRAINTS:
        return kept(v, GT_DER_SEQUENCE, &c->policy_constraints);
    case GT_X509_EXT_INHIBIT_ANY_POLICY:
        return kept(v, GT_DER_INTEGER, &c->inhibit_any_policy);
    case GT_X509_EXT_CRL_DP:
    case GT_X509_EXT_AIA:
        return kept(v, GT_DER_SEQUENCE, NULL);
    default:
        return GT_ERR_INTERNAL;
    }
}

/* Unknown extensions are compared against every earlier one (a
 * certificate has a handful, so quadratic is fine). */
static int seen_before(gt_x509_slice exts, const uint8_t *upto, gt_x509_slice oid)
{
    gt_x509_iter it = gt_x509_iter_of(exts);
    gt_x509_ext e;
    while (it.p < upto && gt_x509_ext_next(&it, &e) == 1)
        if (gt_x509_name_equal(e.oid, oid)) return 1;
    return 0;
}

int gt_x509_ext_next(gt_x509_iter *it, gt_x509_ext *out)
{
    gt_rd r = {it->p, it->left};
    gt_x509_ext e;
    if (!r.left) return 0;
    int err = read_ext(&r, &e);
    if (err) return err;
    e.known = known_bit(e.oid);
    *out = e;
    *it = (gt_x509_iter){r.p, r.left};
    return 1;
}

int gt_x509_exts_parse(gt_x509_cert *c, gt_rd exts)
{
    c->extensions = (gt_x509_slice){exts.p, exts.left};
    /* Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension */
    if (!exts.left) return GT_ERR_X509_EXT_EMPTY;
    while (exts.left) {
        const uint8_t *at = exts.p;
        gt_x509_ext e;
        int err = read_ext(&exts, &e);
        if (err) return err;
        unsigned bit = known_bit(e.oid);
        c->n_ext++;
        if (!bit) {
            if (seen_before(c->extensions, at, e.oid)) return GT_ERR_X509_EXT_DUPLICATE;
            if (e.critical) return GT_ERR_X509_EXT_UNKNOWN_CRITICAL;
            c->n_unknown_ext++;
            continue;
        }
        if (c->ext_present & bit) return GT_ERR_X509_EXT_DUPLICATE;
        c->ext_present |= bit;
        if (e.critical) c->ext_critical |= bit;
        err = parse_known(c, bit, e.value);
        if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_EXT_VALUE : err;
    }
    return 0;
}
