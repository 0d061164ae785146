/* Reader for the project's known-answer text format (vectors/README.md):
 * "# source:" comment, [algorithm] sections, key = value lines (hex,
 * "quoted ASCII" or decimal), cases separated by blank lines. Anything the
 * format does not allow is reported as file:line and stops the file. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "kat.h"

typedef struct {
    vec_run *r;
    unsigned line;
    const vec_alg *alg;
    char alg_name[32];
    vec_case c;
    int have_source;
} kat_state;

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* Section name: lowercase letters, digits and dashes between brackets. */
static int is_section(const char *s, char *name, size_t cap)
{
    size_t n = strlen(s);
    if (n < 3 || s[0] != '[' || s[n - 1] != ']' || n - 2 >= cap) return 0;
    for (size_t i = 1; i + 1 < n; i++) {
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '-') return 0;
    }
    memcpy(name, s + 1, n - 2);
    name[n - 2] = 0;
    return 1;
}

static int finish_case(kat_state *st)
{
    if (!st->c.set) return 0;
    int rc = vec_case_run(st->r, st->alg, &st->c);
    vec_case_clear(&st->c);
    return rc;
}

static int parse_number(kat_state *st, int f, const char *v)
{
    char *end;
    if (f == F_RESULT) {
        if (strcmp(v, "valid") != 0 && strcmp(v, "invalid") != 0)
            return vec_malformed(st->r, st->line, "result must be valid or invalid");
        st->c.num[f] = strcmp(v, "invalid") == 0;
        return 0;
    }
    if (!isdigit((unsigned char)v[0]))
        return vec_malformed(st->r, st->line, "%s must be a decimal integer", vec_field_name(f));
    unsigned long long x = strtoull(v, &end, 10);
    if (*end || x > 0xffffffffull)
        return vec_malformed(st->r, st->line, "%s must be a decimal integer < 2^32",
                             vec_field_name(f));
    st->c.num[f] = (unsigned long)x;
    return 0;
}

static int parse_value(kat_state *st, int f, const char *v)
{
    if (f >= F_REPEAT) return parse_number(st, f, v);
    size_t n = strlen(v);
    if (v[0] == '"') {
        if (n < 2 || v[n - 1] != '"' || memchr(v + 1, '"', n - 2))
            return vec_malformed(st->r, st->line, "unterminated or nested quoted string");
        if (vec_buf_set(&st->c.f[f], v + 1, n - 2) != 0)
            return vec_malformed(st->r, st->line, "out of memory");
        return 0;
    }
    if (vec_unhex(&st->c.f[f], v, n) != 0)
        return vec_malformed(st->r, st->line,
                             "value of \"%s\" is not hex (odd length or bad digit)",
                             vec_field_name(f));
    return 0;
}

static int key_value(kat_state *st, char *s)
{
    char *eq = strchr(s, '=');
    if (!eq)
        return vec_malformed(st->r, st->line, "expected \"key = value\", [algorithm] or # comment");
    *eq = 0;
    char *key = trim(s), *val = trim(eq + 1);
    int f = vec_field_by_name(key);
    if (!st->alg)
        return vec_malformed(st->r, st->line, "\"%s\" before any [algorithm] section", key);
    if (f < 0 || !vec_alg_allows(st->alg, f))
        return vec_malformed(st->r, st->line, "unknown key \"%s\" for [%s]", key, st->alg_name);
    if (st->c.set & FBIT(f))
        return vec_malformed(st->r, st->line, "\"%s\" given twice in one case", key);
    if (!st->c.set) {
        st->c.line = st->line;
        snprintf(st->c.id, sizeof st->c.id, "line %u [%s]", st->line, st->alg_name);
    }
    st->c.set |= FBIT(f);
    return parse_value(st, f, val);
}

static int kat_line(kat_state *st, char *raw)
{
    char *s = trim(raw);
    char name[32];
    if (*s == '#') {
        if (strncmp(s, "# source:", 9) == 0 && s[9]) st->have_source = 1;
        return 0;
    }
    if (*s == 0) return finish_case(st);
    if (*s == '[') {
        if (finish_case(st) != 0) return VEC_MALFORMED;
        if (!is_section(s, name, sizeof name))
            return vec_malformed(st->r, st->line, "bad section line (want [algorithm])");
        st->alg = vec_alg_find(name);
        if (!st->alg) return vec_malformed(st->r, st->line, "unknown algorithm [%s]", name);
        snprintf(st->alg_name, sizeof st->alg_name, "%s", name);
        return 0;
    }
    return key_value(st, s);
}

int kat_run_text(vec_run *r, char *text, size_t len)
{
    kat_state st;
    memset(&st, 0, sizeof st);
    st.r = r;
    if (memchr(text, 0, len)) return vec_malformed(r, 0, "NUL byte in a text file");
    int rc = 0;
    for (char *p = text; p && rc == 0;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        st.line++;
        rc = kat_line(&st, p);
        p = nl ? nl + 1 : NULL;
    }
    if (rc == 0) rc = finish_case(&st);
    if (rc == 0 && !st.have_source)
        rc = vec_malformed(r, 1, "no \"# source:\" line naming where the values come from");
    vec_case_free(&st.c);
    return rc;
}

int kat_looks_like(const char *text)
{
    char name[32], buf[64];
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= sizeof buf) n = sizeof buf - 1;
        memcpy(buf, p, n);
        buf[n] = 0;
        char *s = trim(buf);
        if (*s && *s != '#') {
            /* First real line: [lowercase-alg], or a lowercase field key. */
            if (is_section(s, name, sizeof name)) return 1;
            char *eq = strchr(s, '=');
            if (eq) {
                *eq = 0;
                return vec_field_by_name(trim(s)) >= 0;
            }
            return 0;
        }
        p = nl ? nl + 1 : p + n;
    }
    return 1; /* empty or comments only: the project format reports it */
}
