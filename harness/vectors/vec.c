/* gt-vectors plumbing: per-file counters, messages, skip-reason summary,
 * hex decoding and file reading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

void vec_run_init(vec_run *r, const char *file, int verbose)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    r->verbose = verbose;
}

void vec_pass(vec_run *r, const char *id)
{
    r->passed++;
    if (r->verbose >= 2) printf("  %s: %s: ok\n", r->file, id);
}

void vec_fail(vec_run *r, const char *id, const char *fmt, ...)
{
    va_list ap;
    r->failed++;
    printf("  FAIL %s: %s: ", r->file, id);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* Skips are summarised per distinct reason, so a file with 300 skipped
 * cases prints one line per reason, not 300. */
void vec_skip(vec_run *r, const char *id, const char *reason)
{
    r->skipped++;
    if (r->verbose) printf("  skip %s: %s: %s\n", r->file, id, reason);
    for (int i = 0; i < VEC_MAX_REASONS; i++) {
        if (r->reasons[i].count == 0) {
            snprintf(r->reasons[i].text, sizeof r->reasons[i].text, "%s", reason);
            r->reasons[i].count = 1;
            return;
        }
        if (strcmp(r->reasons[i].text, reason) == 0) {
            r->reasons[i].count++;
            return;
        }
    }
    r->other_reasons++;
}

void vec_note(vec_run *r, const char *id, const char *fmt, ...)
{
    if (!r->verbose) return;
    va_list ap;
    printf("  note %s: %s: ", r->file, id);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

int vec_malformed(vec_run *r, unsigned line, const char *fmt, ...)
{
    va_list ap;
    if (r->malformed) return VEC_MALFORMED; /* report only the first problem */
    r->malformed = 1;
    fflush(stdout);
    if (line)
        fprintf(stderr, "%s:%u: malformed vector file: ", r->file, line);
    else
        fprintf(stderr, "%s: malformed vector file: ", r->file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return VEC_MALFORMED;
}

void vec_run_summary(const vec_run *r)
{
    printf("%s: %lu passed, %lu failed, %lu skipped", r->file, r->passed, r->failed, r->skipped);
    if (r->malformed) printf(" (MALFORMED, stopped)");
    putchar('\n');
    for (int i = 0; i < VEC_MAX_REASONS && r->reasons[i].count; i++)
        printf("    skipped %lu: %s\n", r->reasons[i].count, r->reasons[i].text);
    if (r->other_reasons) printf("    skipped %lu: (other reasons)\n", r->other_reasons);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int reserve(vec_buf *b, size_t n)
{
    if (n <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < n)
        cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

int vec_unhex(vec_buf *b, const char *hex, size_t len)
{
    if (reserve(b, len / 2 + 1) != 0) return -1;
    b->n = 0;
    int hi = -1;
    for (size_t i = 0; i < len; i++) {
        if (hex[i] == ' ' || hex[i] == '\t') continue;
        int v = hexval((unsigned char)hex[i]);
        if (v < 0) return -1;
        if (hi < 0) {
            hi = v;
        } else {
            b->p[b->n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? 0 : -1;
}

int vec_buf_set(vec_buf *b, const void *p, size_t n)
{
    if (reserve(b, n + 1) != 0) return -1;
    if (n) memcpy(b->p, p, n);
    b->n = n;
    return 0;
}

void vec_buf_free(vec_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

const char *vec_hex(char *dst, size_t cap, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t o = 0;
    if (cap == 0) return dst;
    for (size_t i = 0; i < n && o + 3 < cap; i++) {
        dst[o++] = digits[p[i] >> 4];
        dst[o++] = digits[p[i] & 15];
    }
    if (o + 3 >= cap && 2 * n > o && cap > 4) {
        o = cap - 4 < o ? cap - 4 : o;
        memcpy(dst + o, "...", 3);
        o += 3;
    }
    dst[o] = 0;
    return dst;
}

char *vec_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1) break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int err = ferror(f);
    fclose(f);
    if (!buf || err) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    if (len) *len = n;
    return buf;
}
