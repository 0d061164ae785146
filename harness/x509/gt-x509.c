/* gt-x509: `gt-x509 show FILE [--json]`. FILE holds PEM (every
 * CERTIFICATE block is shown) or one DER certificate. Malformed input
 * exits 2 with a message naming the file, the certificate and the error. */
#define _GNU_SOURCE /* memmem */
#include "x509tool.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t *x509tool_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        uint8_t *bigger = realloc(buf, cap *= 2);
        if (!bigger) free(buf);
        buf = bigger;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

static int usage(void)
{
    fprintf(stderr, "usage: gt-x509 show FILE [--json]\n");
    return 2;
}

static int fail(const char *path, int index, int err)
{
    fprintf(stderr, "gt-x509: %s: certificate %d: %s (error %d)\n", path, index, gt_err_str(err),
            err);
    return 2;
}

/* Calls show on every certificate; returns the exit status. */
static int each_cert(const char *path, const uint8_t *in, size_t n, uint8_t *der, int json,
                     cJSON *arr)
{
    gt_x509_cert c;
    int index = 0, err;
    if (!memmem(in, n, "-----BEGIN ", 11)) {
        if ((err = gt_x509_cert_parse(&c, in, n))) return fail(path, 1, err);
        if (json)
            cJSON_AddItemToArray(arr, x509tool_show_json(&c));
        else
            x509tool_show_text(&c);
        return 0;
    }
    gt_x509_iter it = {in, n};
    gt_pem_label label;
    size_t len;
    while ((err = gt_pem_next(&it, &label, der, n, &len)) != 0) {
        if (err < 0) return fail(path, index + 1, err);
        if (label != GT_PEM_CERTIFICATE) continue;
        index++;
        if ((err = gt_x509_cert_parse(&c, der, len))) return fail(path, index, err);
        if (json)
            cJSON_AddItemToArray(arr, x509tool_show_json(&c));
        else
            x509tool_show_text(&c);
    }
    if (index == 0) {
        fprintf(stderr, "gt-x509: %s: no CERTIFICATE block\n", path);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "verify")) return x509tool_verify(argc - 2, argv + 2);
    if (argc < 3 || strcmp(argv[1], "show")) return usage();
    const char *path = argv[2];
    int json = argc == 4 && !strcmp(argv[3], "--json");
    if (argc > 4 || (argc == 4 && !json)) return usage();
    size_t n;
    uint8_t *in = x509tool_read_file(path, &n);
    if (!in) {
        fprintf(stderr, "gt-x509: %s: %s\n", path, strerror(errno));
        return 2;
    }
    uint8_t *der = malloc(n ? n : 1);
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    int rc = der ? each_cert(path, in, n, der, json, arr) : 2;
    if (json && rc == 0) {
        char *text = cJSON_Print(arr);
        if (text) puts(text);
        cJSON_free(text);
    }
    cJSON_Delete(arr);
    free(der);
    free(in);
    return rc;
}
