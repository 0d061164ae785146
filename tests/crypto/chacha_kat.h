/* A minimal reader of the project's known-answer files (vectors/README.md
 * format) for the ChaCha20 / Poly1305 / AEAD tests: it walks the cases of
 * one [section] and hands each to a callback. Header-only (static) so the
 * three test executables can share it without a library. A malformed line
 * fails the test, naming file:line. */
#ifndef GT_TESTS_CHACHA_KAT_H
#define GT_TESTS_CHACHA_KAT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "util/testutil.h"

#define KAT_MAX_FIELDS 8

typedef struct {
    char name[16];
    char *value; /* raw text after '=' (trimmed) */
} kat_field;

typedef struct {
    const char *file;
    unsigned line; /* first line of the case */
    int n;
    kat_field f[KAT_MAX_FIELDS];
} kat_case;

typedef void (*kat_fn)(const kat_case *c, void *arg);

static inline char *kat_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

static inline void kat_case_clear(kat_case *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->f[i].value);
    c->n = 0;
}

/* Raw value of field name, or NULL. */
static inline const char *kat_str(const kat_case *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->f[i].name, name) == 0) return c->f[i].value;
    return NULL;
}

/* Decoded hex value of a required field (malloc'ed, at least 1 byte). */
static inline uint8_t *kat_hex(const kat_case *c, const char *name, size_t *len)
{
    const char *v = kat_str(c, name);
    if (!v) fail_msg("%s:%u: case without '%s'", c->file, c->line, name);
    uint8_t *p = tu_unhex_alloc(v, len);
    if (!p) fail_msg("%s:%u: bad hex in '%s'", c->file, c->line, name);
    return p;
}

/* Runs fn on every case of [section] in vectors/<rel>; returns the count. */
static inline int kat_each(const char *rel, const char *section, kat_fn fn, void *arg)
{
    char path[1024], buf[8192], want[64];
    snprintf(want, sizeof want, "[%s]", section);
    snprintf(path, sizeof path, "%s/vectors/%s", tu_source_dir(), rel);
    FILE *fp = fopen(path, "r");
    if (!fp) fail_msg("cannot open %s", path);
    kat_case c = {.file = path};
    int in_section = 0, count = 0, has_source = 0;
    unsigned line = 0;
    for (;;) {
        char *got = fgets(buf, sizeof buf, fp);
        line++;
        if (got && strlen(buf) == sizeof buf - 1) fail_msg("%s:%u: line too long", path, line);
        char *s = got ? kat_trim(buf) : NULL;
        if (!s || *s == 0 || *s == '[') { /* end of a case */
            if (c.n > 0 && in_section) fn(&c, arg), count++;
            kat_case_clear(&c);
            if (!s) break;
            if (*s == '[') in_section = strcmp(s, want) == 0;
            continue;
        }
        if (*s == '#') {
            has_source |= strncmp(s, "# source:", 9) == 0;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq || c.n == KAT_MAX_FIELDS) fail_msg("%s:%u: malformed line", path, line);
        *eq = 0;
        char *name = kat_trim(s);
        if (strlen(name) >= sizeof c.f[0].name) fail_msg("%s:%u: bad key", path, line);
        if (c.n == 0) c.line = line;
        strcpy(c.f[c.n].name, name);
        c.f[c.n].value = strdup(kat_trim(eq + 1));
        c.n++;
    }
    fclose(fp);
    if (!has_source) fail_msg("%s: no '# source:' line", path);
    return count;
}

/* CPU feature sets selecting each back end this machine can run: portable
 * first, then AVX2, then AVX-512 (only portable under GT_FORCE_PORTABLE). */
static inline int kat_impls(uint32_t sets[3], const char *names[3])
{
    const uint32_t avx512 = GT_CPU_AVX512F | GT_CPU_AVX512VL;
    gt_cpu_reset();
    uint32_t f = gt_cpu_features();
    int n = 0;
    sets[n] = 0, names[n++] = "portable";
    if (f & GT_CPU_AVX2) sets[n] = f & ~avx512, names[n++] = "avx2";
    if ((f & avx512) == avx512) sets[n] = f, names[n++] = "avx512";
    return n;
}

#endif
