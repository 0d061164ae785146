/* Helpers for the path-validation tests (tests/x509/test_verify*.c,
 * test_hostname.c, test_nc.c): files of the source tree and certificate
 * loading. Buffers are kept for the life of the test process. */
#ifndef GT_VERIFY_TEST_H
#define GT_VERIFY_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt_x509_verify.h"
#include "util/testutil.h"

/* Whole file (NUL-terminated); NULL if unreadable. */
static inline char *vt_read(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long len;
    if (!f) return NULL;
    if (!fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
        (buf = malloc((size_t)len + 1)) && fread(buf, 1, (size_t)len, f) == (size_t)len) {
        buf[len] = 0;
        if (n) *n = (size_t)len;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* A file under the source tree, e.g. "vectors/x509/chains/leaf-rsa.pem". */
static inline char *vt_src(const char *rel, size_t *n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", tu_source_dir(), rel);
    return vt_read(path, n);
}

/* DER buffers the loaded views point into, freed at exit. */
static uint8_t *vt_kept[256];
static size_t vt_n_kept;

static void vt_free_kept(void)
{
    while (vt_n_kept)
        free(vt_kept[--vt_n_kept]);
}

static inline void vt_keep(uint8_t *p)
{
    if (vt_n_kept == 0) atexit(vt_free_kept);
    if (vt_n_kept < 256) vt_kept[vt_n_kept++] = p;
}

/* Appends the certificates of a PEM file to certs[*count..cap); returns
 * how many were added (0 on any error). */
static inline size_t vt_load_pem(const char *rel, gt_x509_cert *certs, size_t *count, size_t cap)
{
    size_t n, len, added = 0;
    char *pem = vt_src(rel, &n);
    if (!pem) return 0;
    uint8_t *der = malloc(n + 1), *at = der;
    if (der) vt_keep(der);
    gt_x509_iter it = {(const uint8_t *)pem, n};
    gt_pem_label label;
    while (der && *count < cap && gt_pem_next(&it, &label, at, n, &len) == 1) {
        if (label != GT_PEM_CERTIFICATE) continue;
        if (gt_x509_cert_parse(&certs[*count], at, len)) {
            free(pem);
            return 0;
        }
        (*count)++;
        added++;
        at += len;
    }
    free(pem);
    return added; /* der stays allocated: the views point into it */
}

/* A trust store over the certificates of a PEM file. */
static inline int vt_trust(gt_trust_store *ts, const char *rel)
{
    static gt_x509_cert anchors[4][256], tmp[256];
    static int next;
    size_t count = 0;
    gt_x509_cert *a = anchors[next++ % 4];
    if (!vt_load_pem(rel, tmp, &count, 256)) return -1;
    gt_trust_init(ts, a, 256, NULL, 0);
    for (size_t i = 0; i < count; i++)
        if (gt_trust_add_der(ts, tmp[i].der.p, tmp[i].der.len)) return -1;
    return 0;
}

#endif
