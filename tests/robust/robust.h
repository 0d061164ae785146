/* Shared by the robustness tests (tests/robust/test_*.c): an allocator for
 * the gt_allocator callback that
 *   - counts calls and bytes, and fails the Nth call on demand
 *     (allocation-failure injection);
 *   - keeps a table of live blocks, so a free of an unknown pointer, a
 *     double free or a free with the wrong size is caught, and a leak is a
 *     non-empty table at the end;
 *   - scans every block it frees for known secrets (the master secret, the
 *     key block, ECDHE and long-term private keys), so a secret that
 *     survives gt_conn_free / gt_config_free is found (issue 11 §6);
 *   - records the call sites (two return addresses) to report how many
 *     distinct allocation sites a test exercised.
 * Header-only (static functions): each test is a single-file executable
 * (tests/CMakeLists.txt). Include after <cmocka.h>. */
#ifndef GT_TEST_ROBUST_H
#define GT_TEST_ROBUST_H

#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt.h"

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define RB_UNPOISON(p, n) __msan_unpoison((p), (n))
#endif
#endif
#ifndef RB_UNPOISON
#define RB_UNPOISON(p, n) ((void)0)
#endif

#define RB_MAX_BLOCKS  256
#define RB_MAX_SECRETS 32
#define RB_MAX_SITES   64
#define RB_SECRET_MAX  512
#define RB_WINDOW      16 /* bytes of a secret that count as a find */

typedef struct {
    uint8_t b[RB_SECRET_MAX];
    size_t n;
    char what[48];
} rb_secret;

typedef struct {
    size_t calls;   /* allocation calls so far */
    size_t fail_at; /* fail the call with this number (1-based); 0: never */
    size_t fails;   /* calls that were failed */
    size_t live_bytes, live_blocks, total_bytes;
    int bad_free; /* unknown pointer, double free or size mismatch */
    struct {
        void *p;
        size_t n;
    } blk[RB_MAX_BLOCKS];
    rb_secret sec[RB_MAX_SECRETS];
    size_t n_sec;
    size_t found; /* secrets found in freed blocks */
    char found_what[128];
    void *site[RB_MAX_SITES][2];
    size_t n_sites;
    gt_allocator al;
} rb_alloc;

static void rb_note_site(rb_alloc *a)
{
    void *bt[4] = {0};
    int n = backtrace(bt, 4);
    /* bt[0] is here, bt[1] the allocator, bt[2] and bt[3] the caller */
    void *s0 = n > 2 ? bt[2] : NULL, *s1 = n > 3 ? bt[3] : NULL;
    for (size_t i = 0; i < a->n_sites; i++)
        if (a->site[i][0] == s0 && a->site[i][1] == s1) return;
    if (a->n_sites < RB_MAX_SITES) {
        a->site[a->n_sites][0] = s0;
        a->site[a->n_sites++][1] = s1;
    }
}

static void *rb_alloc_fn(void *ctx, size_t n)
{
    rb_alloc *a = ctx;
    rb_note_site(a);
    if (++a->calls == a->fail_at) {
        a->fails++;
        return NULL;
    }
    void *p = malloc(n ? n : 1);
    if (!p) return NULL;
    for (size_t i = 0; i < RB_MAX_BLOCKS; i++) {
        if (a->blk[i].p) continue;
        a->blk[i].p = p;
        a->blk[i].n = n;
        a->live_bytes += n;
        a->live_blocks++;
        a->total_bytes += n;
        return p;
    }
    free(p); /* table full: the test's fault, reported as a bad free */
    a->bad_free = 1;
    return NULL;
}

/* memmem without _GNU_SOURCE (tests are plain C11 + extensions). */
static int rb_contains(const uint8_t *p, size_t n, const uint8_t *w, size_t wn)
{
    for (size_t i = 0; wn <= n && i <= n - wn; i++)
        if (p[i] == w[0] && memcmp(p + i, w, wn) == 0) return 1;
    return 0;
}

/* Finds any RB_WINDOW-byte window of a known secret in p[0..n). */
static const char *rb_scan(const rb_alloc *a, const uint8_t *p, size_t n)
{
    for (size_t s = 0; s < a->n_sec; s++) {
        const rb_secret *k = &a->sec[s];
        size_t w = k->n < RB_WINDOW ? k->n : RB_WINDOW;
        for (size_t off = 0; off + w <= k->n; off += w)
            if (rb_contains(p, n, k->b + off, w)) return k->what;
    }
    return NULL;
}

static void rb_free_fn(void *ctx, void *p, size_t n)
{
    rb_alloc *a = ctx;
    for (size_t i = 0; i < RB_MAX_BLOCKS; i++) {
        if (a->blk[i].p != p) continue;
        if (a->blk[i].n != n) a->bad_free = 1;
        /* the scan reads bytes the engine may never have written (MSan) */
        RB_UNPOISON(p, a->blk[i].n);
        const char *what = rb_scan(a, p, a->blk[i].n);
        if (what) {
            a->found++;
            snprintf(a->found_what, sizeof a->found_what, "%s", what);
        }
        a->live_bytes -= a->blk[i].n;
        a->live_blocks--;
        a->blk[i].p = NULL;
        free(p);
        return;
    }
    a->bad_free = 1; /* not ours, or freed twice: do not touch it */
}

static void rb_init(rb_alloc *a, size_t fail_at)
{
    memset(a, 0, sizeof *a);
    a->fail_at = fail_at;
    a->al.alloc = rb_alloc_fn;
    a->al.free = rb_free_fn;
    a->al.ctx = a;
}

/* Registers a secret to look for in freed blocks (all-zero windows are
 * skipped by the caller's choice of secrets; short ones are ignored). */
static void rb_add_secret(rb_alloc *a, const uint8_t *p, size_t n, const char *what)
{
    if (n < 8 || a->n_sec == RB_MAX_SECRETS) return;
    rb_secret *k = &a->sec[a->n_sec++];
    k->n = n < RB_SECRET_MAX ? n : RB_SECRET_MAX;
    memcpy(k->b, p, k->n);
    snprintf(k->what, sizeof k->what, "%s", what);
}

/* Live block table empty, sizes matched: no leak and no bad free. */
static int rb_clean(const rb_alloc *a)
{
    return a->live_blocks == 0 && a->live_bytes == 0 && !a->bad_free;
}

/* ---- key log: the master secret as the keylog callback hands it out --- */

typedef struct {
    uint8_t client_random[32], master[48];
    int have;
} rb_keylog;

static int rb_hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int rb_unhex(const char *s, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = rb_hexval(s[2 * i]), lo = hi < 0 ? -1 : rb_hexval(s[2 * i + 1]);
        if (lo < 0) return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* NSS key log format: "CLIENT_RANDOM <64 hex> <96 hex>". */
static void rb_keylog_fn(void *ctx, const char *line)
{
    rb_keylog *k = ctx;
    static const char tag[] = "CLIENT_RANDOM ";
    if (strncmp(line, tag, sizeof tag - 1) || strlen(line) < sizeof tag - 1 + 64 + 1 + 96) return;
    const char *p = line + sizeof tag - 1;
    if (rb_unhex(p, k->client_random, 32) == 0 && rb_unhex(p + 65, k->master, 48) == 0) k->have = 1;
}

#endif
