/* Certificate parsing, certificates per second over Debian's root bundle:
 * gt_x509_cert_parse (a view, no allocation) next to OpenSSL's d2i_X509
 * (which builds and frees an X509 object). Each call parses the next
 * certificate of the bundle, cycling, so both see the same mix. */
#include "bench.h"

#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt_x509.h"

#define BUNDLE "/etc/ssl/certs/ca-certificates.crt"

struct corpus {
    const uint8_t **der;
    size_t *len;
    size_t n, next;
    int failures;
};

static void gt_one(void *arg)
{
    struct corpus *c = arg;
    gt_x509_cert cert;
    size_t i = c->next++ % c->n;
    if (gt_x509_cert_parse(&cert, c->der[i], c->len[i])) c->failures++;
}

static void ossl_one(void *arg)
{
    struct corpus *c = arg;
    size_t i = c->next++ % c->n;
    const unsigned char *p = c->der[i];
    X509 *x = d2i_X509(NULL, &p, (long)c->len[i]);
    if (!x) c->failures++;
    X509_free(x);
}

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = sz > 0 ? malloc((size_t)sz) : NULL;
    if (buf && fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *n = buf ? (size_t)sz : 0;
    return buf;
}

void bench_x509(const bench_opts *o)
{
    size_t n;
    uint8_t *pem = slurp(BUNDLE, &n);
    if (!pem) {
        fprintf(stderr, "gt-bench: x509: cannot read %s\n", BUNDLE);
        return;
    }
    /* PEM decoding is set-up, outside the measurement */
    uint8_t *der = malloc(n);
    struct corpus c = {calloc(n / 64 + 1, sizeof *c.der), calloc(n / 64 + 1, sizeof *c.len), 0, 0,
                       0};
    gt_x509_iter it = {pem, n};
    gt_pem_label label;
    size_t used = 0, len;
    while (der && c.der && c.len && gt_pem_next(&it, &label, der + used, n - used, &len) == 1) {
        if (label != GT_PEM_CERTIFICATE) continue;
        c.der[c.n] = der + used;
        c.len[c.n++] = len;
        used += len;
    }
    if (c.n) {
        bench_pair(o, "x509 parse (Debian roots)", 0, gt_one, &c, ossl_one, &c);
        if (c.failures) fprintf(stderr, "gt-bench: x509: %d parse failures\n", c.failures);
    }
    free(c.der);
    free(c.len);
    free(der);
    free(pem);
}
