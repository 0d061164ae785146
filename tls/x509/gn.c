/* GeneralName (RFC 5280 §4.2.1.6), GeneralSubtrees (§4.2.1.10) and
 * KeyPurposeId lists (§4.2.1.12): iteration with full well-formedness
 * checks, so a verifier walking them later never meets a surprise. */
#include "x509/x509_impl.h"

/* IA5String contents: 7-bit characters only (X.680 §41). */
static int check_ia5(gt_rd v)
{
    while (v.left) {
        uint8_t b;
        int err = gt_rd_u8(&v, &b);
        if (err) return err;
        if (b & 0x80) return GT_ERR_DER_STRING;
    }
    return 0;
}

/* OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } (the
 * SEQUENCE tag replaced by the implicit [0]). */
static int check_other_name(gt_rd v)
{
    gt_x509_slice oid;
    gt_rd val;
    int err = gt_der_oid(&v, &oid);
    if (!err) err = gt_der_expect(&v, GT_DER_CONTEXT_C | 0, &val);
    if (!err) err = gt_rd_end(&v);
    if (!err) err = gt_der_check_tree(val, GT_DER_MAX_DEPTH);
    return err;
}

static int check_one(uint8_t tag, gt_rd v, gt_x509_general_name *out)
{
    gt_rd name;
    int err;
    out->value = (gt_x509_slice){v.p, v.left};
    switch (tag) {
    case GT_DER_CONTEXT_C | 0:
        out->type = GT_X509_GN_OTHER;
        return check_other_name(v);
    case GT_DER_CONTEXT | 1:
    case GT_DER_CONTEXT | 2:
    case GT_DER_CONTEXT | 6:
        out->type = (gt_x509_gn_type)(tag & 0x1f);
        return check_ia5(v);
    case GT_DER_CONTEXT_C | 3:
    case GT_DER_CONTEXT_C | 5:
        out->type = (gt_x509_gn_type)(tag & 0x1f);
        return gt_der_check_tree(v, GT_DER_MAX_DEPTH);
    case GT_DER_CONTEXT_C | 4: /* [4] EXPLICIT Name: Name is a CHOICE */
        out->type = GT_X509_GN_DIRNAME;
        name = v;
        err = gt_x509_name_read(&name, &out->value);
        return err ? err : gt_rd_end(&name);
    case GT_DER_CONTEXT | 7:
        out->type = GT_X509_GN_IP;
        /* 4/16 octets for an address, 8/32 address+mask in constraints */
        if (v.left != 4 && v.left != 16 && v.left != 8 && v.left != 32)
            return GT_ERR_X509_GENERAL_NAME;
        return 0;
    case GT_DER_CONTEXT | 8:
        out->type = GT_X509_GN_RID;
        return gt_der_check_oid(v.p, v.left);
    default:
        return GT_ERR_X509_GENERAL_NAME;
    }
}

int gt_x509_gn_next(gt_x509_iter *it, gt_x509_general_name *out)
{
    gt_rd r = {it->p, it->left}, v;
    uint8_t tag;
    if (!r.left) return 0;
    int err = gt_der_any(&r, &tag, &v, NULL);
    if (err) return err;
    gt_x509_general_name gn = {0};
    if ((err = check_one(tag, v, &gn)))
        return err == GT_ERR_DER_TAG ? GT_ERR_X509_GENERAL_NAME : err;
    *out = gn;
    *it = (gt_x509_iter){r.p, r.left};
    return 1;
}

int gt_x509_gns_check(gt_x509_slice gns, int allow_empty)
{
    gt_x509_iter it = gt_x509_iter_of(gns);
    gt_x509_general_name gn = {0};
    int err, n = 0;
    while ((err = gt_x509_gn_next(&it, &gn)) == 1) {
        /* RFC 5280 §4.2.1.6: an iPAddress in an alternative name is 4 or
         * 16 octets (8/32 only exist in name constraints) */
        if (gn.type == GT_X509_GN_IP && gn.value.len != 4 && gn.value.len != 16)
            return GT_ERR_X509_GENERAL_NAME;
        n++;
    }
    if (err) return err;
    /* GeneralNames ::= SEQUENCE SIZE (1..MAX) */
    return n == 0 && !allow_empty ? GT_ERR_X509_EXT_VALUE : 0;
}

int gt_x509_subtree_next(gt_x509_iter *it, gt_x509_general_name *base)
{
    gt_rd r = {it->p, it->left}, seq;
    if (!r.left) return 0;
    int err = gt_der_expect(&r, GT_DER_SEQUENCE, &seq);
    if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_EXT_VALUE : err;
    gt_x509_iter one = {seq.p, seq.left};
    gt_x509_general_name gn = {0};
    err = gt_x509_gn_next(&one, &gn);
    if (err != 1) return err ? err : GT_ERR_X509_EXT_VALUE;
    /* RFC 5280 §4.2.1.10: "the minimum MUST be zero, and maximum MUST be
     * absent"; DER leaves minimum 0 unencoded, so any field is an error */
    if (one.left) return GT_ERR_X509_EXT_VALUE;
    if (gn.type == GT_X509_GN_IP && gn.value.len != 8 && gn.value.len != 32)
        return GT_ERR_X509_GENERAL_NAME;
    *base = gn;
    *it = (gt_x509_iter){r.p, r.left};
    return 1;
}

int gt_x509_eku_next(gt_x509_iter *it, gt_x509_slice *oid)
{
    gt_rd r = {it->p, it->left};
    if (!r.left) return 0;
    int err = gt_der_oid(&r, oid);
    if (err) return err;
    *it = (gt_x509_iter){r.p, r.left};
    return 1;
}
