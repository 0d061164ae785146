/* Test helpers for the EC tests: a minimal reader for NIST CAVP .rsp files
 * (Debian's python3-cryptography-vectors, read in place) and fixed-width
 * hex decoding. Header-only, static inline; include after <cmocka.h>.
 *
 *   rsp_file f; rsp_open(&f, path);
 *   while (rsp_next(&f, "Result")) { rsp_get(&f, "Qx") ... f.section ... }
 * A record is the key/value lines since the previous record, closed by the
 * line whose key is `last`. */
#ifndef GT_TEST_EC_RSP_H
#define GT_TEST_EC_RSP_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RSP_MAX_KV 12

typedef struct {
    FILE *f;
    int line;
    char section[64];
    struct {
        char key[16];
        char val[1100];
    } kv[RSP_MAX_KV];
    int n;
} rsp_file;

#define CAVP_ECDSA_DIR                                                                             \
    "/usr/lib/python3/dist-packages/cryptography_vectors/asymmetric/ECDSA/FIPS_186-3"

static inline int rsp_open(rsp_file *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->f = fopen(path, "r");
    return r->f ? 0 : -1;
}

static inline void rsp_close(rsp_file *r)
{
    if (r->f) fclose(r->f);
    r->f = NULL;
}

/* 1 when a record ending with key `last` is ready, 0 at end of file. */
static inline int rsp_next(rsp_file *r, const char *last)
{
    char ln[2400];
    r->n = 0;
    while (fgets(ln, sizeof ln, r->f)) {
        r->line++;
        size_t n = strlen(ln);
        while (n && isspace((unsigned char)ln[n - 1]))
            ln[--n] = 0;
        if (ln[0] == '#' || !n) continue;
        if (ln[0] == '[') {
            /* "[P-256,SHA-256]", "[P-256]", "[EC - SHA256]" name sections;
             * "[Curve selected: ...]" and "[B.4.2 ...]" are notes. */
            if (!strchr(ln, ':') && strncmp(ln, "[B.", 3)) {
                size_t l = strcspn(ln + 1, "]");
                if (l >= sizeof r->section) l = sizeof r->section - 1;
                memcpy(r->section, ln + 1, l);
                r->section[l] = 0;
            }
            continue;
        }
        char *eq = strstr(ln, " = ");
        if (!eq || r->n == RSP_MAX_KV) continue;
        *eq = 0;
        size_t kl = strlen(ln), vl = strlen(eq + 3);
        if (kl >= sizeof r->kv[0].key || vl >= sizeof r->kv[0].val) continue;
        memcpy(r->kv[r->n].key, ln, kl + 1);
        memcpy(r->kv[r->n].val, eq + 3, vl + 1);
        r->n++;
        if (!strcmp(ln, last)) return 1;
    }
    return 0;
}

static inline const char *rsp_get(const rsp_file *r, const char *key)
{
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->kv[i].key, key)) return r->kv[i].val;
    return NULL;
}

/* Hex of any digit count into exactly len bytes, left-padded. Returns 0,
 * or -1 if the value needs more than len bytes or is not hex. */
static inline int hex_fixed(const char *hex, uint8_t *out, size_t len)
{
    size_t n = strlen(hex);
    while (n > 1 && hex[0] == '0') { /* leading zero digits carry nothing */
        hex++;
        n--;
    }
    if (n > 2 * len) return -1;
    memset(out, 0, len);
    for (size_t i = 0; i < n; i++) {
        int c = tolower((unsigned char)hex[n - 1 - i]);
        int v = isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
        if (v < 0) return -1;
        out[len - 1 - i / 2] |= (uint8_t)(v << (4 * (i % 2)));
    }
    return 0;
}

#endif
