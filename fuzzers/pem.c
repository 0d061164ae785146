/* Fuzz target pem: PEM text (RFC 7468) through every entry point that
 * takes it, and each decoded block through the parser its label selects.
 *
 * Aims at: gt_pem_next, gt_pem_decode_one (tls/x509/pem.c), the
 * constant-time base64 decoder behind them, gt_x509_privkey_load,
 * gt_x509_pkcs8_parse, gt_x509_rsa_privkey_parse, gt_x509_ec_privkey_parse,
 * gt_x509_spki_parse (key.c), gt_trust_pem_size, gt_trust_add_pem,
 * gt_trust_find (trust.c).
 *
 * Properties checked: a buffer as large as the PEM text always holds the
 * decoded DER (gt_x509.h promises it), and decoding never writes past the
 * length it reports.
 *
 * fuzz-dict: x509
 */
#include <stdlib.h>
#include <string.h>

#include "driver/fuzz.h"
#include "gt/gt_x509.h"

static volatile unsigned sink;

static void parse_block(gt_pem_label label, const uint8_t *der, size_t n)
{
    gt_x509_cert c;
    gt_x509_pubkey k;
    gt_x509_privkey pk;
    size_t used;
    switch (label) {
    case GT_PEM_CERTIFICATE:
        sink += (unsigned)gt_x509_cert_parse_prefix(&c, der, n, &used);
        break;
    case GT_PEM_PUBLIC_KEY:
        sink += (unsigned)gt_x509_spki_parse(&k, der, n);
        break;
    case GT_PEM_PRIVATE_KEY:
        sink += (unsigned)gt_x509_pkcs8_parse(&pk, der, n);
        break;
    case GT_PEM_RSA_PRIVATE_KEY:
        sink += (unsigned)gt_x509_rsa_privkey_parse(&pk, der, n);
        break;
    case GT_PEM_EC_PRIVATE_KEY:
        sink += (unsigned)gt_x509_ec_privkey_parse(&pk, der, n, GT_X509_CURVE_UNKNOWN);
        break;
    default:
        break;
    }
}

static void iterate(const uint8_t *data, size_t size, uint8_t *out, size_t cap)
{
    gt_x509_iter it = {data, size};
    for (unsigned i = 0; i < 256; i++) {
        gt_pem_label label;
        size_t len = (size_t)-1;
        /* a canary after the buffer catches writes past cap in gcc builds */
        out[cap] = 0xa5;
        int r = gt_pem_next(&it, &label, out, cap, &len);
        if (out[cap] != 0xa5) fz_fail("gt_pem_next wrote past its buffer");
        if (r == GT_ERR_ENCODE_OVERFLOW && cap >= size)
            fz_fail("a buffer as large as the PEM text did not hold the DER");
        if (r == 0) return;
        if (r < 0) continue; /* a bad block is stepped over (gt_x509.h) */
        if (len > cap) fz_fail("gt_pem_next reported %zu bytes for a %zu-byte buffer", len, cap);
        parse_block(label, out, len);
        if (it.left > size) fz_fail("PEM iterator outside the input");
    }
}

static void trust(const uint8_t *data, size_t size)
{
    size_t certs = 0, der_bytes = 0, added = 0;
    if (gt_trust_pem_size(data, size, &certs, &der_bytes) != 0) return;
    /* each block takes at least the two 27-byte boundary lines */
    size_t cap = size / 54 + 1;
    gt_x509_cert *anchors = calloc(cap, sizeof *anchors);
    uint8_t *buf = malloc(size + 1);
    gt_trust_store ts;
    if (!anchors || !buf) abort();
    gt_trust_init(&ts, anchors, cap, buf, size);
    int r = gt_trust_add_pem(&ts, data, size, data[0] & 1, &added);
    if (r == GT_ERR_X509_TRUST_FULL) fz_fail("trust store full although sized from the PEM text");
    if (r == 0 && added != ts.n)
        fz_fail("gt_trust_add_pem added %zu but the store holds %zu", added, ts.n);
    for (size_t i = 0; i < ts.n; i++) {
        size_t pos = 0;
        if (!gt_trust_find(&ts, anchors[i].subject, &pos))
            fz_fail("an anchor is not found by its own subject");
    }
    free(buf);
    free(anchors);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const gt_pem_label wants[] = {GT_PEM_CERTIFICATE, GT_PEM_PRIVATE_KEY,
                                         GT_PEM_RSA_PRIVATE_KEY, GT_PEM_EC_PRIVATE_KEY,
                                         GT_PEM_PUBLIC_KEY};
    if (size == 0 || size > 65536) return 0;
    uint8_t *out = malloc(size + 1);
    if (!out) abort();
    iterate(data, size, out, size);
    /* a short buffer drives the overflow paths */
    iterate(data, size, out, size / 3);
    for (size_t i = 0; i < sizeof wants / sizeof wants[0]; i++) {
        size_t len;
        if (gt_pem_decode_one(data, size, wants[i], out, size, &len) == 0)
            parse_block(wants[i], out, len);
    }
    gt_x509_privkey pk;
    sink += (unsigned)gt_x509_privkey_load(&pk, data, size, out, size);
    free(out);
    trust(data, size);
    return 0;
}
