/* Strict DER reader (see der.h). All byte access goes through gt_rd. */
#include "x509/der.h"

/* X.690 §8.1.2: identifier octet. Tag number 31 announces the
 * high-tag-number form, which X.509 never needs: rejected. */
static int read_tag(gt_rd *r, uint8_t *tag)
{
    int err = gt_rd_u8(r, tag);
    if (err) return err;
    if ((*tag & 0x1f) == 0x1f) return GT_ERR_DER_TAG;
    return 0;
}

/* X.690 §8.1.3 with the DER restriction of §10.1: definite form, and the
 * fewest octets possible (short form below 128, no leading zero octet). */
static int read_len(gt_rd *r, size_t *len)
{
    uint8_t b;
    int err = gt_rd_u8(r, &b);
    if (err) return err;
    if (b < 0x80) {
        *len = b;
        return 0;
    }
    if (b == 0x80) return GT_ERR_DER_LENGTH_INDEFINITE;
    size_t n = b & 0x7f;
    if (n > 4) return GT_ERR_DER_LENGTH_OVERFLOW; /* also 0xFF, reserved */
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        err = gt_rd_u8(r, &b);
        if (err) return err;
        if (i == 0 && b == 0) return GT_ERR_DER_LENGTH_NONMINIMAL;
        v = (v << 8) | b;
    }
    if (v < 0x80) return GT_ERR_DER_LENGTH_NONMINIMAL;
    *len = v;
    return 0;
}

int gt_der_peek(const gt_rd *r, uint8_t *tag)
{
    gt_rd c = *r;
    return read_tag(&c, tag);
}

int gt_der_any(gt_rd *r, uint8_t *tag, gt_rd *contents, gt_x509_slice *tlv)
{
    gt_rd c = *r;
    size_t len;
    int err = read_tag(&c, tag);
    if (!err) err = read_len(&c, &len);
    if (!err) err = gt_rd_sub(&c, len, contents);
    if (err) return err;
    if (tlv) {
        tlv->p = r->p;
        tlv->len = r->left - c.left;
    }
    *r = c;
    return 0;
}

int gt_der_expect_tlv(gt_rd *r, uint8_t tag, gt_rd *contents, gt_x509_slice *tlv)
{
    gt_rd c = *r;
    uint8_t t;
    int err = gt_der_any(&c, &t, contents, tlv);
    if (err) return err;
    if (t != tag) return GT_ERR_DER_TAG;
    *r = c;
    return 0;
}

int gt_der_expect(gt_rd *r, uint8_t tag, gt_rd *contents)
{
    return gt_der_expect_tlv(r, tag, contents, NULL);
}

int gt_der_optional(gt_rd *r, uint8_t tag, gt_rd *contents, int *present)
{
    uint8_t t;
    *present = 0;
    if (r->left == 0) return 0;
    int err = gt_der_peek(r, &t);
    if (err) return err;
    if (t != tag) return 0;
    *present = 1;
    return gt_der_expect(r, tag, contents);
}

/* X.690 §8.3.2: the first nine bits of a multi-octet INTEGER are not all
 * equal. */
int gt_der_check_int(const uint8_t *p, size_t n)
{
    gt_rd c = gt_rd_init(p, n);
    uint8_t b0, b1;
    if (gt_rd_u8(&c, &b0)) return GT_ERR_DER_INT_EMPTY;
    if (gt_rd_u8(&c, &b1)) return 0;
    if (b0 == 0x00 && !(b1 & 0x80)) return GT_ERR_DER_INT_NONMINIMAL;
    if (b0 == 0xff && (b1 & 0x80)) return GT_ERR_DER_INT_NONMINIMAL;
    return 0;
}

int gt_der_int(gt_rd *r, gt_x509_slice *contents)
{
    gt_rd c = *r, v;
    int err = gt_der_expect(&c, GT_DER_INTEGER, &v);
    if (!err) err = gt_der_check_int(v.p, v.left);
    if (err) return err;
    contents->p = v.p;
    contents->len = v.left;
    *r = c;
    return 0;
}

int gt_der_uint(gt_rd *r, gt_x509_slice *mag)
{
    gt_rd c = *r;
    gt_x509_slice s;
    int err = gt_der_int(&c, &s);
    if (err) return err;
    gt_rd v = gt_rd_init(s.p, s.len);
    uint8_t b0;
    err = gt_rd_u8(&v, &b0);
    if (err) return err;
    if (b0 & 0x80) return GT_ERR_DER_INT_NEGATIVE;
    /* a leading 00 only ever precedes a byte with the top bit set
     * (minimality), so stripping it leaves the magnitude */
    if (b0 == 0 && v.left > 0) s = (gt_x509_slice){v.p, v.left};
    *mag = s;
    *r = c;
    return 0;
}

int gt_der_pos_int(gt_rd *r, gt_x509_slice *mag)
{
    gt_rd c = *r;
    gt_x509_slice m;
    int err = gt_der_uint(&c, &m);
    if (err) return err;
    gt_rd v = gt_rd_init(m.p, m.len);
    uint8_t b0;
    err = gt_rd_u8(&v, &b0);
    if (err) return err;
    if (m.len == 1 && b0 == 0) return GT_ERR_DER_INT_RANGE;
    *mag = m;
    *r = c;
    return 0;
}

int gt_der_small_uint(gt_rd *r, uint64_t max, uint64_t *v)
{
    gt_rd c = *r;
    gt_x509_slice m;
    int err = gt_der_uint(&c, &m);
    if (err) return err;
    if (m.len > 8) return GT_ERR_DER_INT_RANGE;
    gt_rd d = gt_rd_init(m.p, m.len);
    uint64_t x = 0;
    uint8_t b;
    while (d.left) {
        err = gt_rd_u8(&d, &b);
        if (err) return err;
        x = (x << 8) | b;
    }
    if (x > max) return GT_ERR_DER_INT_RANGE;
    *v = x;
    *r = c;
    return 0;
}

/* X.690 §8.6.2 and §11.2.1: initial octet 0..7, zero for an empty string,
 * and the unused bits of the last octet set to zero. */
int gt_der_bits_contents(gt_rd v, gt_x509_slice *bits, unsigned *unused)
{
    uint8_t u, last = 0;
    if (gt_rd_u8(&v, &u)) return GT_ERR_DER_BITSTRING;
    if (u > 7 || (u && v.left == 0)) return GT_ERR_DER_BITSTRING;
    if (v.left) {
        gt_rd tail = v;
        int err = gt_rd_skip(&tail, v.left - 1);
        if (!err) err = gt_rd_u8(&tail, &last);
        if (err) return err;
    }
    if (last & ((1u << u) - 1)) return GT_ERR_DER_BITSTRING_PAD;
    bits->p = v.p;
    bits->len = v.left;
    *unused = u;
    return 0;
}

int gt_der_bit_string(gt_rd *r, gt_x509_slice *bits, unsigned *unused)
{
    gt_rd c = *r, v;
    int err = gt_der_expect(&c, GT_DER_BIT_STRING, &v);
    if (!err) err = gt_der_bits_contents(v, bits, unused);
    if (err) return err;
    *r = c;
    return 0;
}

int gt_der_bit_string_octets(gt_rd *r, gt_x509_slice *bits)
{
    gt_rd c = *r;
    unsigned u;
    int err = gt_der_bit_string(&c, bits, &u);
    if (err) return err;
    if (u) return GT_ERR_DER_BITSTRING;
    *r = c;
    return 0;
}

/* X.690 §8.19.2: each subidentifier is base 128, high bit set on all but
 * its last octet, and "the leading octet ... shall not have the value
 * 0x80" (no padding). */
int gt_der_check_oid(const uint8_t *p, size_t n)
{
    gt_rd c = gt_rd_init(p, n);
    int start = 1;
    uint8_t b = 0;
    if (n == 0) return GT_ERR_DER_OID;
    while (c.left) {
        if (gt_rd_u8(&c, &b)) return GT_ERR_DER_OID;
        if (start && b == 0x80) return GT_ERR_DER_OID;
        start = !(b & 0x80);
    }
    return (b & 0x80) ? GT_ERR_DER_OID : 0;
}

int gt_der_oid(gt_rd *r, gt_x509_slice *oid)
{
    gt_rd c = *r, v;
    int err = gt_der_expect(&c, GT_DER_OID, &v);
    if (!err) err = gt_der_check_oid(v.p, v.left);
    if (err) return err;
    oid->p = v.p;
    oid->len = v.left;
    *r = c;
    return 0;
}

int gt_der_bool(gt_rd *r, int *val)
{
    gt_rd c = *r, v;
    uint8_t b;
    int err = gt_der_expect(&c, GT_DER_BOOLEAN, &v);
    if (err) return err;
    if (v.left != 1 || gt_rd_u8(&v, &b)) return GT_ERR_DER_BOOLEAN;
    if (b != 0x00 && b != 0xff) return GT_ERR_DER_BOOLEAN;
    *val = b != 0;
    *r = c;
    return 0;
}

int gt_der_null(gt_rd *r)
{
    gt_rd c = *r, v;
    int err = gt_der_expect(&c, GT_DER_NULL, &v);
    if (err) return err;
    if (v.left) return GT_ERR_DER_NULL;
    *r = c;
    return 0;
}

int gt_der_check_tree(gt_rd contents, unsigned depth)
{
    while (contents.left) {
        uint8_t tag;
        gt_rd v;
        int err = gt_der_any(&contents, &tag, &v, NULL);
        if (err) return err;
        if (!(tag & GT_DER_CONSTRUCTED)) continue;
        if (depth == 0) return GT_ERR_DER_DEPTH;
        err = gt_der_check_tree(v, depth - 1);
        if (err) return err;
    }
    return 0;
}
