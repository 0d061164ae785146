/* `gt-bench handshake`: TLS 1.2 handshakes per second (full and resumed),
 * bulk transfer and peak heap per connection, the IUT next to OpenSSL's
 * libssl and wolfSSL in the same run. Both ends of every connection live in
 * this process and talk over memory queues (no sockets, no kernel), so the
 * figures are the libraries' own work; what each side does per handshake is
 * the same for all three (bench_hs.h).
 *
 * Peak heap cannot be measured here: OpenSSL's allocator hook must be set
 * before OpenSSL allocates anything, and the other benchmarks already ran.
 * So a child process (`gt-bench --heap-child`, bench_hs_heap.c) measures it
 * and prints its figures, which are recorded here. */
#include "bench.h"
#include "bench_hs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The two suites of issue 10. RFC 8422 §6 / RFC 5288 §3 code points. */
static const hs_suite suites[] = {
    {"ECDHE-ECDSA-P256-AES128-GCM", "server-p256", 0xc02b, 23, "ECDHE-ECDSA-AES128-GCM-SHA256",
     "P-256"},
    {"ECDHE-RSA2048-X25519-AES128-GCM", "server-rsa2048", 0xc02f, 29, "ECDHE-RSA-AES128-GCM-SHA256",
     "X25519"},
};
#define NSUITES (sizeof suites / sizeof suites[0])

static const hs_impl *const impls[3] = {&hs_impl_gt, &hs_impl_openssl, &hs_impl_wolfssl};

/* Bulk transfer: bytes per measured call (whole 2^14 records). */
#define BULK_BYTES (4u * 16384u)

const char *hs_pki(const char *name)
{
    static char path[4][1024];
    static int k;
    const char *dir = getenv("GT_PKI_DIR");
    k = (k + 1) % 4;
    if (dir && *dir)
        snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    else
        snprintf(path[k], sizeof path[k], "%s/vectors/pki/%s", GT_BENCH_SOURCE_DIR, name);
    return path[k];
}

uint8_t *hs_slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, len = 0, got;
    uint8_t *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len < cap) continue;
        uint8_t *more = realloc(buf, 2 * cap + 1);
        if (!more) free(buf);
        buf = more;
        cap *= 2;
    }
    fclose(f);
    if (buf) buf[len] = 0;
    *n = len;
    return buf;
}

int hs_queue_init(hs_queue *q, size_t cap)
{
    q->buf = malloc(cap);
    q->cap = cap;
    q->r = q->w = 0;
    return q->buf ? 0 : -1;
}

void hs_queue_free(hs_queue *q)
{
    free(q->buf);
    q->buf = NULL;
}

size_t hs_queue_put(hs_queue *q, const uint8_t *p, size_t n)
{
    if (q->r == q->w) q->r = q->w = 0;
    if (q->cap - q->w < n && q->r) {
        memmove(q->buf, q->buf + q->r, q->w - q->r);
        q->w -= q->r;
        q->r = 0;
    }
    size_t k = q->cap - q->w < n ? q->cap - q->w : n;
    memcpy(q->buf + q->w, p, k);
    q->w += k;
    return k;
}

size_t hs_queue_get(hs_queue *q, uint8_t *p, size_t n)
{
    size_t k = q->w - q->r < n ? q->w - q->r : n;
    memcpy(p, q->buf + q->r, k);
    q->r += k;
    return k;
}

/* ---- measured calls ----------------------------------------------------- */

struct run {
    const hs_impl *impl;
    void *ctx;
    int failures;
};

static void one_handshake(void *arg)
{
    struct run *r = arg;
    if (r->impl->handshake(r->ctx)) r->failures++;
}

static void one_transfer(void *arg)
{
    struct run *r = arg;
    if (r->impl->transfer(r->ctx, BULK_BYTES, 0)) r->failures++;
}

/* Sets up each implementation for one benchmark; an implementation that
 * cannot (or whose first call fails) is left out (its figure: n/a). */
static void prepare(struct run run[3], bench_fn fn[3], void *arg[3], const hs_suite *s, int mode,
                    int bulk)
{
    for (int k = 0; k < 3; k++) {
        run[k] = (struct run){impls[k], impls[k]->setup(s, mode), 0};
        fn[k] = NULL;
        arg[k] = &run[k];
        if (!run[k].ctx) continue;
        int err = bulk ? run[k].impl->open_pair(run[k].ctx) : run[k].impl->handshake(run[k].ctx);
        if (err) {
            fprintf(stderr, "gt-bench: handshake: %s: %s %s failed\n", impls[k]->name, s->label,
                    bulk                 ? "pair"
                    : mode == HS_RESUMED ? "resumption"
                                         : "handshake");
            impls[k]->teardown(run[k].ctx);
            run[k].ctx = NULL;
            continue;
        }
        fn[k] = bulk ? one_transfer : one_handshake;
    }
}

/* Frees the contexts; a figure whose calls failed is not reported. */
static void finish(struct run run[3], const char *name)
{
    for (int k = 0; k < 3; k++) {
        if (!run[k].ctx) continue;
        if (run[k].failures)
            fprintf(stderr, "gt-bench: handshake: %s: %d failed calls in \"%s\"\n", impls[k]->name,
                    run[k].failures, name);
        impls[k]->teardown(run[k].ctx);
    }
}

static void measure_rows(const bench_opts *o, const hs_suite *s, int mode, int bulk)
{
    struct run run[3];
    bench_fn fn[3];
    void *arg[3];
    char name[64];
    if (bulk)
        snprintf(name, sizeof name, "tls bulk AES-128-GCM 16KiB records");
    else
        snprintf(name, sizeof name, "handshake %s %s", mode == HS_RESUMED ? "resumed" : "full",
                 s->label);
    prepare(run, fn, arg, s, mode, bulk);
    bench_trio(o, name, bulk ? BULK_BYTES : 0, fn, arg);
    finish(run, name);
}

/* ---- peak heap, from the child process ---------------------------------- */

/* Runs `gt-bench --heap-child` and reads its lines into peak[impl][suite]
 * [side]; -1 where the child had no figure. */
static void heap_from_child(double peak[3][NSUITES][2])
{
    for (int k = 0; k < 3; k++)
        for (size_t s = 0; s < NSUITES; s++)
            peak[k][s][0] = peak[k][s][1] = -1;
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    int fds[2];
    if (n <= 0 || pipe(fds)) return;
    self[n] = 0;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl(self, self, "--heap-child", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *f = pid > 0 ? fdopen(fds[0], "r") : NULL;
    char line[256], impl[32];
    unsigned si;
    double c, sv;
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%31s %u %lf %lf", impl, &si, &c, &sv) != 4 || si >= NSUITES) continue;
        for (int k = 0; k < 3; k++) {
            if (strcmp(impl, impls[k]->name)) continue;
            peak[k][si][0] = c;
            peak[k][si][1] = sv;
        }
    }
    if (f)
        fclose(f);
    else
        close(fds[0]);
    int status;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

static void heap_rows(void)
{
    double peak[3][NSUITES][2];
    heap_from_child(peak);
    for (size_t s = 0; s < NSUITES; s++) {
        for (int side = 0; side < 2; side++) {
            char name[64];
            snprintf(name, sizeof name, "peak heap/conn %s %s", side ? "server" : "client",
                     suites[s].label);
            bench_record3(name, "bytes", peak[0][s][side], peak[1][s][side], peak[2][s][side]);
        }
    }
    fprintf(stderr, "  measured peak heap per connection\n");
}

void bench_handshake(const bench_opts *o)
{
    for (size_t s = 0; s < NSUITES; s++)
        measure_rows(o, &suites[s], HS_FULL, 0);
    for (size_t s = 0; s < NSUITES; s++)
        measure_rows(o, &suites[s], HS_RESUMED, 0);
    measure_rows(o, &suites[0], HS_FULL, 1);
    heap_rows();
}

/* ---- the child ---------------------------------------------------------- */

/* One connection's life under the counting allocator: warm-up pairs first
 * (libraries fill lazy caches on first uses, e.g. wolfSSL's fixed-point
 * ECC tables on a point's second use, which is not per-connection memory),
 * then the measured pair: handshake and one 2^14-byte record each way. */
#define HEAP_WARMUP 5
static int heap_one(const hs_impl *impl, size_t si)
{
    void *ctx = impl->setup(&suites[si], HS_FULL);
    if (!ctx) return -1;
    int err = 0;
    for (int pass = 0; pass <= HEAP_WARMUP && !err; pass++) {
        int measured = pass == HEAP_WARMUP;
        if (measured) hs_heap_mark();
        err = impl->open_pair(ctx);
        if (!err) err = impl->transfer(ctx, 16384, 0);
        if (!err) err = impl->transfer(ctx, 16384, 1);
        if (!err && measured)
            printf("%s %zu %zu %zu\n", impl->name, si, hs_heap_peak(HS_SIDE_CLIENT),
                   hs_heap_peak(HS_SIDE_SERVER));
        impl->close_pair(ctx);
    }
    impl->teardown(ctx);
    if (err) fprintf(stderr, "gt-bench --heap-child: %s %s failed\n", impl->name, suites[si].label);
    return err;
}

int bench_heap_child(void)
{
    /* before anything else touches the libraries (OpenSSL requires it) */
    for (int k = 0; k < 3; k++)
        impls[k]->install_allocator();
    int rc = 0;
    for (int k = 0; k < 3; k++)
        for (size_t s = 0; s < NSUITES; s++)
            rc |= heap_one(impls[k], s) ? 1 : 0;
    fflush(stdout);
    return rc;
}
