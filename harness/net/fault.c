/* I/O fault injection behind the gt_net_io vtable (gt_net_fault.h).
 *
 * Every fault is one a real socket can produce, so the code above must
 * already cope with it: recv/send may move fewer bytes than asked, any
 * call may be interrupted (EINTR) or find nothing ready (EAGAIN, after
 * poll said it was ready: spurious wakeups are allowed by POSIX), and a
 * peer may reset the connection at any byte. */
#include "gt_net_fault.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tick(gt_net_fault *f)
{
    uint64_t n = ++f->st.calls;
    if (f->cfg.eintr_every && n % f->cfg.eintr_every == 0) {
        f->st.eintrs++;
        errno = EINTR;
        return -1;
    }
    if (f->cfg.eagain_every && n % f->cfg.eagain_every == 0) {
        f->st.eagains++;
        errno = EAGAIN;
        return -1;
    }
    return 0;
}

/* Caps the size of one call at the configured short size and at the bytes
 * left before an injected reset; -1 (ECONNRESET) when the reset is due. */
static int cap_len(gt_net_fault *f, uint64_t done, uint64_t reset_after, size_t max, size_t *n)
{
    if (reset_after && done >= reset_after) {
        f->st.resets++;
        errno = ECONNRESET;
        return -1;
    }
    size_t want = *n;
    if (max && *n > max) *n = max;
    if (reset_after && *n > reset_after - done) *n = (size_t)(reset_after - done);
    if (*n < want) f->st.shorts++;
    return 0;
}

static uint64_t *slot(uint64_t *tab, int fd)
{
    static uint64_t spare;
    if (fd < 0 || fd >= GT_NET_FAULT_FDS) return &spare;
    return &tab[fd];
}

static ssize_t fault_read(void *ctx, int fd, uint8_t *buf, size_t cap)
{
    gt_net_fault *f = ctx;
    uint64_t *done = slot(f->rd, fd);
    if (tick(f)) return -1;
    if (cap_len(f, *done, f->cfg.reset_read_after, f->cfg.short_read, &cap)) return -1;
    ssize_t k = f->inner->read(f->inner->ctx, fd, buf, cap);
    if (k > 0) *done += (uint64_t)k;
    return k;
}

static ssize_t fault_write(void *ctx, int fd, const uint8_t *buf, size_t n)
{
    gt_net_fault *f = ctx;
    uint64_t *done = slot(f->wr, fd);
    if (tick(f)) return -1;
    if (cap_len(f, *done, f->cfg.reset_write_after, f->cfg.short_write, &n)) return -1;
    ssize_t k = f->inner->write(f->inner->ctx, fd, buf, n);
    if (k > 0) *done += (uint64_t)k;
    return k;
}

void gt_net_fault_init(gt_net_fault *f, const gt_net_io *inner, const gt_net_fault_cfg *cfg)
{
    memset(f, 0, sizeof *f);
    f->inner = inner ? inner : &gt_net_io_sys;
    if (cfg) f->cfg = *cfg;
    f->io.read = fault_read;
    f->io.write = fault_write;
    f->io.ctx = f;
}

void gt_net_fault_reset_fd(gt_net_fault *f, int fd)
{
    *slot(f->rd, fd) = 0;
    *slot(f->wr, fd) = 0;
}

uint64_t gt_net_fault_total(const gt_net_fault_stats *st)
{
    return st->shorts + st->eintrs + st->eagains + st->resets;
}

static int set_item(gt_net_fault_cfg *c, const char *key, size_t klen, unsigned long long v)
{
#define KEY(s) (klen == sizeof(s) - 1 && memcmp(key, s, klen) == 0)
    if (KEY("short")) {
        c->short_read = c->short_write = (size_t)v;
    } else if (KEY("short_read")) {
        c->short_read = (size_t)v;
    } else if (KEY("short_write")) {
        c->short_write = (size_t)v;
    } else if (KEY("eintr")) {
        c->eintr_every = (unsigned)v;
    } else if (KEY("eagain")) {
        c->eagain_every = (unsigned)v;
    } else if (KEY("reset_read")) {
        c->reset_read_after = v;
    } else if (KEY("reset_write")) {
        c->reset_write_after = v;
    } else {
        return -1;
    }
    return 0;
#undef KEY
}

int gt_net_fault_parse(gt_net_fault_cfg *cfg, const char *spec)
{
    memset(cfg, 0, sizeof *cfg);
    const char *p = spec;
    while (*p) {
        const char *eq = strchr(p, '='), *end = strchr(p, ',');
        if (!end) end = p + strlen(p);
        if (!eq || eq > end || eq == p) return -1;
        char *num_end;
        errno = 0;
        unsigned long long v = strtoull(eq + 1, &num_end, 10);
        if (errno || num_end != end || num_end == eq + 1 || v > 0xffffffffu) return -1;
        if (set_item(cfg, p, (size_t)(eq - p), v)) return -1;
        p = *end ? end + 1 : end;
    }
    return 0;
}

static gt_net_fault env_fault;

static void report_at_exit(void)
{
    const gt_net_fault_stats *s = &env_fault.st;
    fprintf(stderr,
            "gt_net faults: %llu injected (short %llu, EINTR %llu, EAGAIN %llu, reset %llu) "
            "in %llu calls\n",
            (unsigned long long)gt_net_fault_total(s), (unsigned long long)s->shorts,
            (unsigned long long)s->eintrs, (unsigned long long)s->eagains,
            (unsigned long long)s->resets, (unsigned long long)s->calls);
}

const gt_net_io *gt_net_io_default(void)
{
    static int state; /* 0 unknown, 1 sys, 2 faults */
    if (state == 0) {
        const char *spec = getenv("GT_NET_FAULTS");
        gt_net_fault_cfg cfg;
        state = 1;
        if (spec && *spec) {
            if (gt_net_fault_parse(&cfg, spec)) {
                fprintf(stderr, "GT_NET_FAULTS: cannot parse '%s' (ignored)\n", spec);
            } else {
                gt_net_fault_init(&env_fault, NULL, &cfg);
                state = 2;
                const char *rep = getenv("GT_NET_FAULTS_REPORT");
                if (rep && *rep == '1') atexit(report_at_exit);
            }
        }
    }
    return state == 2 ? &env_fault.io : &gt_net_io_sys;
}

const gt_net_io *gt_net_io_default_for(int fd)
{
    const gt_net_io *io = gt_net_io_default();
    if (io == &env_fault.io) gt_net_fault_reset_fd(&env_fault, fd);
    return io;
}
