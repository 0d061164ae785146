/* tlsgauntlet — I/O fault injection for the socket wrapper (gt_net.h).
 *
 * A gt_net_io that sits in front of another one (normally the real socket)
 * and misbehaves on purpose, the way networks and kernels do:
 *   - short reads and writes (at most N bytes per call, 1 = byte at a time);
 *   - EINTR and EAGAIN every Nth call (nothing moved; the caller retries
 *     or waits for poll);
 *   - a connection reset after N bytes have been read or written on a
 *     connection (ECONNRESET, possibly in the middle of a record).
 * Faults are counted, so a test can say how many it injected.
 *
 * The tools use it without a code change: gt_net_conn_init() with io NULL
 * takes gt_net_io_default(), which is the fault injector when the
 * environment variable GT_NET_FAULTS is set, e.g.
 *   GT_NET_FAULTS=short=1,eintr=3,eagain=5      ./gauntlet server ...
 *   GT_NET_FAULTS=reset_read=300                 ./gauntlet client ...
 * (keys: short, short_read, short_write, eintr, eagain, reset_read,
 * reset_write; values are decimal). Counters are printed to stderr at exit
 * when GT_NET_FAULTS_REPORT=1. */
#ifndef GT_NET_FAULT_H
#define GT_NET_FAULT_H

#include "gt_net.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GT_NET_FAULT_FDS 1024 /* per-connection byte counts, indexed by fd */

typedef struct {
    size_t short_read, short_write; /* most bytes per call (0: no cap) */
    unsigned eintr_every;           /* every Nth call fails with EINTR (0: never) */
    unsigned eagain_every;          /* every Nth call fails with EAGAIN (0: never) */
    uint64_t reset_read_after;      /* ECONNRESET once this many bytes were read (0: never) */
    uint64_t reset_write_after;     /* ... written */
} gt_net_fault_cfg;

typedef struct {
    uint64_t shorts, eintrs, eagains, resets; /* faults injected */
    uint64_t calls;
} gt_net_fault_stats;

typedef struct {
    gt_net_io io; /* pass &f->io to gt_net_conn_init */
    const gt_net_io *inner;
    gt_net_fault_cfg cfg;
    gt_net_fault_stats st;
    uint64_t rd[GT_NET_FAULT_FDS], wr[GT_NET_FAULT_FDS]; /* bytes per fd */
} gt_net_fault;

/* inner NULL: the real socket calls. */
void gt_net_fault_init(gt_net_fault *f, const gt_net_io *inner, const gt_net_fault_cfg *cfg);
/* A new connection on fd: its byte counts start again (accept and connect
 * reuse descriptor numbers). */
void gt_net_fault_reset_fd(gt_net_fault *f, int fd);
/* Parses "short=1,eintr=3,..." (see above). 0, or -1 on a bad item. */
int gt_net_fault_parse(gt_net_fault_cfg *cfg, const char *spec);
uint64_t gt_net_fault_total(const gt_net_fault_stats *st);

/* The io used when gt_net_conn_init gets NULL: &gt_net_io_sys, or the
 * process-wide injector configured by GT_NET_FAULTS. */
const gt_net_io *gt_net_io_default(void);
/* The same for a new connection on fd (restarts its byte counts). */
const gt_net_io *gt_net_io_default_for(int fd);

#ifdef __cplusplus
}
#endif
#endif
