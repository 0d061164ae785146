/* A small reader for the project's known-answer text format (vectors/<area>/<name>.txt,
 * documented in vectors/README.md), for unit tests that want to run a
 * vector file in place. Header-only so a test includes it without a CMake
 * change; every function is static inline.
 *
 *   kat_file k;
 *   if (kat_open(&k, path)) fail_msg("%s", k.err);
 *   while ((rc = kat_next(&k)) == 1) { kat_get(&k, "msg") ... }
 *   rc < 0: k.err names file:line. kat_close(&k).
 *
 * Hex values are decoded into bytes (spaces allowed), "quoted" values are
 * taken literally, an empty value is the empty string, and integer keys
 * (repeat, counter) keep their text in kat_kv.raw. A file without a
 * "# source:" line is an error. */
#ifndef GT_TEST_KAT_H
#define GT_TEST_KAT_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/testutil.h"

#define KAT_MAX_KV 16

typedef struct {
    char key[32];
    char *raw;    /* the value text as written (trimmed) */
    uint8_t *bin; /* decoded bytes; never NULL after a successful kat_next */
    size_t len;
} kat_kv;

typedef struct {
    FILE *f;
    char path[1024];
    int line;      /* last line read */
    int case_line; /* first line of the current case */
    char section[64];
    kat_kv kv[KAT_MAX_KV];
    size_t n;
    int has_source;
    char err[1400];
} kat_file;

static inline void kat_clear_case(kat_file *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->kv[i].raw);
        free(k->kv[i].bin);
    }
    memset(k->kv, 0, sizeof k->kv);
    k->n = 0;
}

static inline int kat_open(kat_file *k, const char *path)
{
    memset(k, 0, sizeof *k);
    snprintf(k->path, sizeof k->path, "%s", path);
    k->f = fopen(path, "r");
    if (!k->f) {
        snprintf(k->err, sizeof k->err, "%s: cannot open", path);
        return -1;
    }
    return 0;
}

static inline void kat_close(kat_file *k)
{
    kat_clear_case(k);
    if (k->f) fclose(k->f);
    k->f = NULL;
}

static inline int kat_fail(kat_file *k, const char *what)
{
    snprintf(k->err, sizeof k->err, "%s:%d: %s", k->path, k->line, what);
    return -1;
}

static inline int kat_is_int_key(const char *key)
{
    return !strcmp(key, "repeat") || !strcmp(key, "counter");
}

/* Decodes v (already trimmed) for key into kv. */
static inline int kat_decode(kat_file *k, kat_kv *kv, const char *v)
{
    size_t n = strlen(v);
    kv->raw = strdup(v);
    if (kat_is_int_key(kv->key)) {
        for (size_t i = 0; i < n; i++)
            if (!isdigit((unsigned char)v[i])) return kat_fail(k, "integer expected");
        kv->bin = malloc(1);
        return n ? 0 : kat_fail(k, "integer expected");
    }
    if (n && v[0] == '"') {
        if (n < 2 || v[n - 1] != '"') return kat_fail(k, "unterminated string");
        kv->len = n - 2;
        kv->bin = malloc(kv->len + 1);
        memcpy(kv->bin, v + 1, kv->len);
        return 0;
    }
    kv->bin = tu_unhex_alloc(v, &kv->len);
    return kv->bin ? 0 : kat_fail(k, "bad hex value");
}

/* Reads the next case. 1: a case is ready; 0: end of file; -1: error. */
static inline int kat_next(kat_file *k)
{
    char *ln = NULL;
    size_t cap = 0;
    int rc = 0;
    kat_clear_case(k);
    while (getline(&ln, &cap, k->f) >= 0) {
        k->line++;
        char *s = ln, *e = ln + strlen(ln);
        while (e > s && isspace((unsigned char)e[-1]))
            *--e = 0;
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '#') {
            if (!strncmp(s, "# source:", 9)) k->has_source = 1;
            continue;
        }
        if (!*s) {
            if (k->n) {
                rc = 1;
                break;
            }
            continue;
        }
        if (*s == '[') {
            if (k->n || e[-1] != ']' || (size_t)(e - s) > sizeof k->section) {
                rc = kat_fail(k, "bad section line");
                break;
            }
            memcpy(k->section, s + 1, (size_t)(e - s - 2));
            k->section[e - s - 2] = 0;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq || !k->section[0] || k->n == KAT_MAX_KV) {
            rc = kat_fail(k, "malformed line (no '=', no section, or too many keys)");
            break;
        }
        char *ke = eq;
        while (ke > s && isspace((unsigned char)ke[-1]))
            ke--;
        char *v = eq + 1;
        while (isspace((unsigned char)*v))
            v++;
        kat_kv *kv = &k->kv[k->n++];
        if (ke == s || (size_t)(ke - s) >= sizeof kv->key) {
            rc = kat_fail(k, "bad key");
            break;
        }
        memcpy(kv->key, s, (size_t)(ke - s));
        if (k->n == 1) k->case_line = k->line;
        if ((rc = kat_decode(k, kv, v)) < 0) break;
    }
    free(ln);
    if (rc == 0 && k->n) rc = 1; /* a case ended by EOF */
    if (rc == 0 && !k->has_source) rc = kat_fail(k, "no '# source:' line");
    return rc;
}

static inline const kat_kv *kat_get(const kat_file *k, const char *key)
{
    for (size_t i = 0; i < k->n; i++)
        if (!strcmp(k->kv[i].key, key)) return &k->kv[i];
    return NULL;
}

/* 1 when every key of the case is in the space-separated list allowed. */
static inline int kat_keys_ok(kat_file *k, const char *allowed)
{
    for (size_t i = 0; i < k->n; i++) {
        const char *p = allowed;
        size_t kl = strlen(k->kv[i].key);
        int found = 0;
        while ((p = strstr(p, k->kv[i].key)) != NULL) {
            if ((p == allowed || p[-1] == ' ') && (p[kl] == ' ' || p[kl] == 0)) {
                found = 1;
                break;
            }
            p += kl;
        }
        if (!found) {
            snprintf(k->err, sizeof k->err, "%s:%d: unknown key '%s'", k->path, k->case_line,
                     k->kv[i].key);
            return 0;
        }
    }
    return 1;
}

/* The path of a file in the source tree's vectors/ folder. */
static inline const char *kat_vectors_path(char *buf, size_t cap, const char *rel)
{
    snprintf(buf, cap, "%s/vectors/%s", tu_source_dir(), rel);
    return buf;
}

#endif
