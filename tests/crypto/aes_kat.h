/* A small known-answer file reader shared by the AES, CBC and GCM tests.
 * It reads both the project's vectors/ text format and NIST CAVP .rsp
 * files: "name = hex" lines grouped into cases by blank lines, "[...]"
 * section lines, '#' comments, and CAVP's bare "FAIL" line (an invalid
 * case). Names compare case-insensitively. Values must be hex (spaces
 * allowed); that is all the AES files use. Header-only: the tests that use
 * it are separate executables. */
#ifndef GT_TEST_AES_KAT_H
#define GT_TEST_AES_KAT_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/testutil.h"

#define KAT_MAX_FIELDS 12

typedef struct {
    char name[24];
    uint8_t *v;
    size_t n;
} kat_field;

typedef struct {
    kat_field f[KAT_MAX_FIELDS];
    int nf;
    int fail;         /* CAVP "FAIL" line or "result = invalid" */
    char section[40]; /* last [section] line, brackets removed */
    const char *file;
    unsigned line; /* line of the case's first field */
} kat_case;

typedef void (*kat_fn)(const kat_case *c, void *arg);

static inline const kat_field *kat_get(const kat_case *c, const char *name)
{
    for (int i = 0; i < c->nf; i++)
        if (strcasecmp(c->f[i].name, name) == 0) return &c->f[i];
    return NULL;
}

static inline void kat_clear(kat_case *c)
{
    for (int i = 0; i < c->nf; i++)
        free(c->f[i].v);
    c->nf = 0;
    c->fail = 0;
}

static inline char *kat_trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* Adds one "name = value" line; returns 0, or -1 on a malformed line. */
static inline int kat_add(kat_case *c, char *s, unsigned line)
{
    char *eq = strchr(s, '=');
    if (eq == NULL || c->nf == KAT_MAX_FIELDS) return -1;
    *eq = 0;
    char *name = kat_trim(s), *val = kat_trim(eq + 1);
    if (strcasecmp(name, "result") == 0) {
        c->fail = strcmp(val, "invalid") == 0;
        return 0;
    }
    if (strcasecmp(name, "count") == 0) return 0;
    kat_field *f = &c->f[c->nf];
    snprintf(f->name, sizeof f->name, "%s", name);
    f->v = malloc(strlen(val) / 2 + 1);
    f->n = tu_unhex(val, f->v, strlen(val) / 2 + 1);
    if (f->v == NULL || f->n == (size_t)-1) {
        free(f->v);
        return -1;
    }
    if (c->nf++ == 0) c->line = line;
    return 0;
}

/* Calls fn for every case; returns the number of cases, or -1 if the file
 * cannot be read or a line is malformed. */
static inline int kat_run(const char *path, kat_fn fn, void *arg)
{
    FILE *fp = fopen(path, "r");
    if (fp == NULL) return -1;
    static char buf[1 << 16];
    kat_case c;
    memset(&c, 0, sizeof c);
    c.file = path;
    int cases = 0, bad = 0;
    unsigned line = 0;
    for (;;) {
        char *got = fgets(buf, sizeof buf, fp);
        char *s = got ? kat_trim(buf) : (char *)"";
        line++;
        if (*s == 0) {
            if (c.nf > 0) fn(&c, arg), cases++;
            kat_clear(&c);
            if (!got) break;
        } else if (*s == '#') {
            continue;
        } else if (*s == '[') {
            snprintf(c.section, sizeof c.section, "%.*s", (int)strcspn(s + 1, "]"), s + 1);
        } else if (strcmp(s, "FAIL") == 0) {
            c.fail = 1;
        } else if (kat_add(&c, s, line) != 0) {
            fprintf(stderr, "%s:%u: malformed line\n", path, line);
            bad = 1;
        }
    }
    kat_clear(&c);
    fclose(fp);
    return bad ? -1 : cases;
}

/* Path of a file under the source tree (vectors/...) or the CAVP folder. */
static inline const char *kat_src(const char *rel)
{
    static char p[4096];
    snprintf(p, sizeof p, "%s/%s", tu_source_dir(), rel);
    return p;
}

#define KAT_CAVP_AES "/usr/lib/python3/dist-packages/cryptography_vectors/ciphers/AES"

#endif
