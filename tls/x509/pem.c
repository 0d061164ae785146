/* PEM (RFC 7468): "-----BEGIN label-----", base64 lines, "-----END
 * label-----". Text outside blocks is ignored (§2), as are whitespace and
 * line lengths inside (the "lax" parser of §3); everything else in the
 * body must be base64 (RFC 4648 §4) with canonical padding.
 *
 * The base64 decoder maps characters to values arithmetically, without a
 * lookup table or branches on the character, because private keys pass
 * through it (a table indexed by secret bytes leaks through the cache).
 * Only whitespace and the final '=' padding — public layout — steer
 * branches. */
#define _GNU_SOURCE /* memmem */
#include "x509/x509_impl.h"

#include <string.h>

#define DASHES "-----"

/* Value of a base64 character, or -1: each range test computes an
 * all-ones mask (the sign of (lo-1-c) & (c-hi-1)) instead of branching. */
static int b64_value(uint8_t c)
{
    int ch = c, v = -1;
    v += (((0x40 - ch) & (ch - 0x5b)) >> 8) & (ch - 64); /* 'A'..'Z' -> 0..25 */
    v += (((0x60 - ch) & (ch - 0x7b)) >> 8) & (ch - 70); /* 'a'..'z' -> 26..51 */
    v += (((0x2f - ch) & (ch - 0x3a)) >> 8) & (ch + 5);  /* '0'..'9' -> 52..61 */
    v += (((0x2a - ch) & (ch - 0x2c)) >> 8) & 63;        /* '+' -> 62 */
    v += (((0x2e - ch) & (ch - 0x30)) >> 8) & 64;        /* '/' -> 63 */
    return v;
}

static int is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int decode_body(gt_rd body, uint8_t *out, size_t cap, size_t *len)
{
    uint32_t acc = 0;
    unsigned nbits = 0, pad = 0;
    size_t chars = 0, n = 0;
    int bad = 0;
    while (body.left) {
        uint8_t c;
        int err = gt_rd_u8(&body, &c);
        if (err) return err;
        if (is_space(c)) continue;
        if (c == '=') {
            pad++;
            continue;
        }
        if (pad) return GT_ERR_PEM_BASE64; /* data after padding */
        int v = b64_value(c);
        bad |= v >> 8; /* -1 for an invalid character */
        acc = (acc << 6) | (uint32_t)(v & 63);
        nbits += 6;
        chars++;
        if (nbits >= 8) {
            nbits -= 8;
            if (n == cap) return GT_ERR_ENCODE_OVERFLOW;
            out[n++] = (uint8_t)(acc >> nbits);
        }
    }
    /* RFC 4648 §3.5: canonical encodings only — the padding completes the
     * last quantum and the bits it leaves over are zero */
    bad |= (int)(acc & ((1u << nbits) - 1));
    if (bad) return GT_ERR_PEM_BASE64;
    if (chars % 4 == 1 || (chars + pad) % 4 != 0 || pad > 2) return GT_ERR_PEM_BASE64;
    if (chars % 4 == 0 && pad) return GT_ERR_PEM_BASE64;
    *len = n;
    return 0;
}

struct label_row {
    const char *text;
    gt_pem_label label;
};
/* RFC 7468 §5.1 also lets parsers accept "X509 CERTIFICATE" and
 * "X.509 CERTIFICATE" for CERTIFICATE. */
static const struct label_row labels[] = {
    {"CERTIFICATE", GT_PEM_CERTIFICATE},         {"X509 CERTIFICATE", GT_PEM_CERTIFICATE},
    {"X.509 CERTIFICATE", GT_PEM_CERTIFICATE},   {"PRIVATE KEY", GT_PEM_PRIVATE_KEY},
    {"RSA PRIVATE KEY", GT_PEM_RSA_PRIVATE_KEY}, {"EC PRIVATE KEY", GT_PEM_EC_PRIVATE_KEY},
    {"PUBLIC KEY", GT_PEM_PUBLIC_KEY},
};

static gt_pem_label label_of(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strlen(labels[i].text) == n && memcmp(labels[i].text, p, n) == 0)
            return labels[i].label;
    return GT_PEM_OTHER;
}

/* Reads "label-----" and the rest of the line; *lab gets the label. */
static int boundary_tail(gt_rd *r, gt_x509_slice *lab)
{
    const uint8_t *end = memmem(r->p, r->left, DASHES, 5);
    const uint8_t *nl = memchr(r->p, '\n', r->left);
    if (!end || (nl && nl < end)) return GT_ERR_PEM_FORMAT;
    lab->p = r->p;
    lab->len = (size_t)(end - r->p);
    int err = gt_rd_skip(r, lab->len + 5);
    /* only whitespace may follow on the line (RFC 7468 §3 WSP) */
    while (!err && r->left) {
        uint8_t c;
        if ((err = gt_rd_u8(r, &c))) return err;
        if (c == '\n') break;
        if (!is_space(c)) return GT_ERR_PEM_FORMAT;
    }
    return err;
}

int gt_pem_next(gt_x509_iter *it, gt_pem_label *label, uint8_t *out, size_t cap, size_t *len)
{
    gt_rd r = {it->p, it->left};
    const uint8_t *begin = r.left ? memmem(r.p, r.left, DASHES "BEGIN ", 11) : NULL;
    if (!begin) {
        *it = (gt_x509_iter){r.p + r.left, 0};
        return 0;
    }
    gt_x509_slice lab, endlab;
    int err = gt_rd_skip(&r, (size_t)(begin - r.p) + 11);
    if (!err) err = boundary_tail(&r, &lab);
    const uint8_t *end = err ? NULL : memmem(r.p, r.left, DASHES "END ", 9);
    if (!err && !end) err = GT_ERR_PEM_FORMAT;
    if (err) { /* nothing after this point can be a well-formed block */
        *it = (gt_x509_iter){r.p + r.left, 0};
        return err;
    }
    gt_rd body;
    if (!err) err = gt_rd_sub(&r, (size_t)(end - r.p), &body);
    if (!err) err = gt_rd_skip(&r, 9);
    if (!err) err = boundary_tail(&r, &endlab);
    if (!err && !gt_x509_name_equal(lab, endlab)) err = GT_ERR_PEM_LABEL;
    *it = (gt_x509_iter){r.p, r.left}; /* past this block, even on error */
    if (!err) err = decode_body(body, out, cap, len);
    if (err) return err;
    *label = label_of(lab.p, lab.len);
    return 1;
}

int gt_pem_decode_one(const uint8_t *pem, size_t n, gt_pem_label want, uint8_t *out, size_t cap,
                      size_t *len)
{
    gt_x509_iter it = {pem, n};
    gt_pem_label got;
    int err = gt_pem_next(&it, &got, out, cap, len);
    if (err == 0) return GT_ERR_PEM_FORMAT;
    if (err < 0) return err;
    if (got != want) return GT_ERR_PEM_LABEL;
    /* "exactly one block": any further block is an error */
    if (it.left && memmem(it.p, it.left, DASHES "BEGIN ", 11)) return GT_ERR_PEM_LABEL;
    return 0;
}

static int parse_key_der(gt_x509_privkey *k, gt_pem_label label, const uint8_t *der, size_t n)
{
    switch (label) {
    case GT_PEM_PRIVATE_KEY:
        return gt_x509_pkcs8_parse(k, der, n);
    case GT_PEM_RSA_PRIVATE_KEY:
        return gt_x509_rsa_privkey_parse(k, der, n);
    case GT_PEM_EC_PRIVATE_KEY:
        return gt_x509_ec_privkey_parse(k, der, n, GT_X509_CURVE_UNKNOWN);
    default:
        return GT_ERR_PEM_LABEL;
    }
}

int gt_x509_privkey_load(gt_x509_privkey *k, const uint8_t *in, size_t n, uint8_t *buf, size_t cap)
{
    gt_x509_iter it = {in, n};
    gt_pem_label label;
    size_t len;
    int err;
    if (!memmem(in, n, DASHES "BEGIN ", 11)) {
        /* DER: try each structure; copy so the views point into buf */
        if (n > cap) return GT_ERR_ENCODE_OVERFLOW;
        memcpy(buf, in, n);
        static const gt_pem_label order[] = {GT_PEM_PRIVATE_KEY, GT_PEM_RSA_PRIVATE_KEY,
                                             GT_PEM_EC_PRIVATE_KEY};
        for (size_t i = 0; i < 3; i++)
            if ((err = parse_key_der(k, order[i], buf, n)) == 0) return 0;
        return GT_ERR_X509_KEY;
    }
    while ((err = gt_pem_next(&it, &label, buf, cap, &len)) == 1) {
        if (label == GT_PEM_PRIVATE_KEY || label == GT_PEM_RSA_PRIVATE_KEY ||
            label == GT_PEM_EC_PRIVATE_KEY)
            return parse_key_der(k, label, buf, len);
    }
    return err ? err : GT_ERR_PEM_LABEL;
}
