/*
 * The peer's side of the output protocol (peers/README.md): READY and
 * RESULT lines on stdout, exit status 0 ok / 1 fail / 2 usage / 3 skip,
 * the global timeout, and a one-slot error message that library adapters
 * fill before returning a failure.
 */
#ifndef GT_PEERS_RESULT_H
#define GT_PEERS_RESULT_H

#include <stddef.h>
#include <stdint.h>

enum { GT_PEER_OK = 0, GT_PEER_FAIL = 1, GT_PEER_USAGE = 2, GT_PEER_SKIP = 3 };

/* What one finished connection negotiated, as printed in RESULT ok. */
typedef struct {
    uint16_t suite;    /* IANA code point */
    const char *group; /* contract name or "-" */
    int resumed;
    char alpn[256]; /* "" = none */
    int ems;
    int renegotiated;
    long bytes;
} gt_peer_result;

/* Stores a library's selected ALPN protocol (n bytes, p NULL = none) in
 * r->alpn; a name that does not fit is left out. */
void gt_peer_result_alpn(gt_peer_result *r, const void *p, size_t n);

/* Line-buffers stdout, ignores SIGPIPE, arms the --timeout alarm. */
void gt_peer_io_init(int timeout_s);

/* Records why the current step failed (printf style); returns GT_PEER_FAIL. */
int gt_peer_errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, but the combination is unsupported: returns GT_PEER_SKIP. */
int gt_peer_skipf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *gt_peer_err(void);

void gt_peer_ready(int port);
void gt_peer_print_ok(const gt_peer_result *r);

/* Print the RESULT line for status (GT_PEER_FAIL/SKIP, message from the
 * error slot) and exit with that status. */
__attribute__((noreturn)) void gt_peer_exit(int status);
__attribute__((noreturn, format(printf, 1, 2))) void gt_peer_usage(const char *fmt, ...);
__attribute__((noreturn, format(printf, 1, 2))) void gt_peer_die(const char *fmt, ...);

#endif
