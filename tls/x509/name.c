/* Distinguished names (RFC 5280 §4.1.2.4, X.501): structure checks,
 * iteration over attributes, and a one-line text rendering. Also OIDs as
 * dotted decimal, which the rendering needs for unknown attribute types. */
#include "x509/x509_impl.h"

#include <string.h>

/* AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY } */
static int read_atv(gt_rd *set, gt_x509_attr *a)
{
    gt_rd seq, val;
    uint8_t tag;
    int err = gt_der_expect(set, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_der_oid(&seq, &a->oid);
    if (!err) err = gt_der_any(&seq, &tag, &val, NULL);
    if (!err) err = gt_rd_end(&seq);
    if (!err && (tag & GT_DER_CONSTRUCTED)) err = gt_der_check_tree(val, GT_DER_MAX_DEPTH);
    if (err) return err;
    a->tag = tag;
    a->value = (gt_x509_slice){val.p, val.left};
    return 0;
}

int gt_x509_name_iter_init(gt_x509_name_iter *it, gt_x509_slice name)
{
    gt_rd r = gt_rd_init(name.p, name.len), seq;
    int err = gt_der_expect(&r, GT_DER_SEQUENCE, &seq);
    if (!err) err = gt_rd_end(&r);
    if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_NAME : err;
    memset(it, 0, sizeof *it);
    it->rdns = (gt_x509_iter){seq.p, seq.left};
    return 0;
}

/* it->rdn counts the RDNs opened so far; an attribute belongs to the
 * last one opened. */
int gt_x509_name_next(gt_x509_name_iter *it, gt_x509_attr *out)
{
    gt_rd set = {it->set.p, it->set.left};
    gt_x509_attr a;
    int err;
    if (!set.left) {
        gt_rd rdns = {it->rdns.p, it->rdns.left};
        if (!rdns.left) return 0;
        err = gt_der_expect(&rdns, GT_DER_SET, &set);
        if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_NAME : err;
        /* X.501: RelativeDistinguishedName is SET SIZE (1..MAX) */
        if (!set.left) return GT_ERR_X509_NAME;
        it->rdns = (gt_x509_iter){rdns.p, rdns.left};
        it->rdn++;
        gt_rd probe = set;
        it->multi = !read_atv(&probe, &a) && probe.left != 0;
    }
    err = read_atv(&set, &a);
    if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_NAME : err;
    a.rdn = it->rdn - 1;
    a.multi = it->multi;
    it->set = (gt_x509_iter){set.p, set.left};
    *out = a;
    return 1;
}

int gt_x509_name_read(gt_rd *r, gt_x509_slice *name)
{
    gt_rd c = *r, seq;
    gt_x509_slice tlv;
    int err = gt_der_expect_tlv(&c, GT_DER_SEQUENCE, &seq, &tlv);
    if (err) return err == GT_ERR_DER_TAG ? GT_ERR_X509_NAME : err;
    gt_x509_name_iter it;
    gt_x509_attr a;
    if ((err = gt_x509_name_iter_init(&it, tlv))) return err;
    while ((err = gt_x509_name_next(&it, &a)) == 1) {
    }
    if (err) return err;
    *name = tlv;
    *r = c;
    return 0;
}

int gt_x509_name_equal(gt_x509_slice a, gt_x509_slice b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* ---- attribute types ---- */

struct attr_row {
    uint8_t oid[10];
    uint8_t len;
    gt_x509_attr_type type;
    const char *name;
};

/* X.520 id-at (2.5.4.x), RFC 4519 §2, RFC 2985 (emailAddress) */
static const struct attr_row attrs[] = {
    {{0x55, 0x04, 0x03}, 3, GT_X509_ATTR_CN, "CN"},
    {{0x55, 0x04, 0x05}, 3, GT_X509_ATTR_SERIAL, "serialNumber"},
    {{0x55, 0x04, 0x06}, 3, GT_X509_ATTR_C, "C"},
    {{0x55, 0x04, 0x07}, 3, GT_X509_ATTR_L, "L"},
    {{0x55, 0x04, 0x08}, 3, GT_X509_ATTR_ST, "ST"},
    {{0x55, 0x04, 0x09}, 3, GT_X509_ATTR_STREET, "street"},
    {{0x55, 0x04, 0x0a}, 3, GT_X509_ATTR_O, "O"},
    {{0x55, 0x04, 0x0b}, 3, GT_X509_ATTR_OU, "OU"},
    {{0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19}, 10, GT_X509_ATTR_DC, "DC"},
    {{0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01}, 10, GT_X509_ATTR_UID, "UID"},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01}, 9, GT_X509_ATTR_EMAIL, "emailAddress"},
};

static const struct attr_row *attr_row(const gt_x509_attr *a)
{
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        if (gt_der_oid_is(a->oid, attrs[i].oid, attrs[i].len)) return &attrs[i];
    return NULL;
}

gt_x509_attr_type gt_x509_attr_kind(const gt_x509_attr *a)
{
    const struct attr_row *r = attr_row(a);
    return r ? r->type : GT_X509_ATTR_OTHER;
}

const char *gt_x509_attr_name(const gt_x509_attr *a)
{
    const struct attr_row *r = attr_row(a);
    return r ? r->name : NULL;
}
