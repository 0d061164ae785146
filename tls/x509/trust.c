/* Trust anchors in caller-provided storage (see gt_x509.h): an array of
 * certificate views plus a byte buffer that PEM bundles are decoded into.
 * Lookups are a linear scan over subject names: a system bundle holds
 * ~150 roots and chain building asks a handful of times per handshake. */
#define _GNU_SOURCE /* memmem */
#include "x509/x509_impl.h"

#include <string.h>

void gt_trust_init(gt_trust_store *ts, gt_x509_cert *anchors, size_t cap, uint8_t *buf,
                   size_t buf_cap)
{
    memset(ts, 0, sizeof *ts);
    ts->anchors = anchors;
    ts->cap = anchors ? cap : 0;
    ts->buf = buf;
    ts->buf_cap = buf ? buf_cap : 0;
}

int gt_trust_add_der(gt_trust_store *ts, const uint8_t *der, size_t n)
{
    if (ts->n == ts->cap) return GT_ERR_X509_TRUST_FULL;
    gt_x509_cert c;
    int err = gt_x509_cert_parse(&c, der, n);
    if (err) return err;
    ts->anchors[ts->n++] = c;
    return 0;
}

int gt_trust_add_pem(gt_trust_store *ts, const uint8_t *pem, size_t n, int strict, size_t *added)
{
    gt_x509_iter it = {pem, n};
    gt_pem_label label;
    size_t len, count = 0;
    int err;
    if (added) *added = 0;
    for (;;) {
        uint8_t *at = ts->buf + ts->buf_used;
        err = gt_pem_next(&it, &label, at, ts->buf_cap - ts->buf_used, &len);
        if (err == 0) break;
        if (err == GT_ERR_ENCODE_OVERFLOW) return GT_ERR_X509_TRUST_FULL;
        if (err < 0) {
            if (strict) return err;
            ts->rejected++;
            continue;
        }
        if (label != GT_PEM_CERTIFICATE) continue;
        err = gt_trust_add_der(ts, at, len);
        if (err == GT_ERR_X509_TRUST_FULL || (err && strict)) return err;
        if (err) {
            ts->rejected++;
            continue;
        }
        ts->buf_used += len;
        count++;
        if (added) *added = count;
    }
    return 0;
}

int gt_trust_pem_size(const uint8_t *pem, size_t n, size_t *certs, size_t *der_bytes)
{
    /* base64 decodes 4 characters to 3 bytes, so counting the body's
     * characters bounds the DER without decoding it */
    gt_x509_iter it = {pem, n};
    size_t nc = 0, bytes = 0;
    const uint8_t *p;
    while (it.left && (p = memmem(it.p, it.left, "-----BEGIN CERTIFICATE-----", 27))) {
        const uint8_t *body = p + 27;
        size_t rest = it.left - (size_t)(body - it.p);
        const uint8_t *end = memmem(body, rest, "-----END", 8);
        if (!end) return GT_ERR_PEM_FORMAT;
        bytes += (size_t)(end - body) / 4 * 3 + 3;
        nc++;
        it = (gt_x509_iter){end, rest - (size_t)(end - body)};
        if (it.left < 8) break;
        it.p += 8;
        it.left -= 8;
    }
    *certs = nc;
    *der_bytes = bytes;
    return 0;
}

const gt_x509_cert *gt_trust_find(const gt_trust_store *ts, gt_x509_slice name, size_t *pos)
{
    for (size_t i = *pos; i < ts->n; i++) {
        if (gt_x509_name_equal(ts->anchors[i].subject, name)) {
            *pos = i + 1;
            return &ts->anchors[i];
        }
    }
    *pos = ts->n;
    return NULL;
}
