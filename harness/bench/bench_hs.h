/* Handshake benchmark (bench_handshake.c): one interface per TLS library,
 * both ends of a connection in this process over memory queues.
 *
 * Every implementation does the same work per handshake (TLS 1.2 only,
 * extended master secret on, SNI "localhost"):
 * - server: loads nothing per handshake (the chain and key are parsed once
 *   into the context), signs the ServerKeyExchange, derives keys;
 * - client: verifies the server's chain (leaf + intermediate, sent by the
 *   server) against the test roots of vectors/pki/ca-bundle.pem, checks
 *   the name "localhost" against the leaf, verifies the ServerKeyExchange
 *   signature, derives keys;
 * - both: ECDHE key generation and agreement, Finished both ways.
 * Full handshakes run with session caches and tickets off on both sides
 * (nothing is stored); resumed handshakes present a session ticket
 * (RFC 5077) obtained once by a full handshake, servers keep no session-ID
 * cache. OpenSSL and wolfSSL do not renew the ticket on resumption; the
 * IUT's server always sends a new one (NewSessionTicket, one more AEAD seal
 * and a few hundred bytes), so its resumed figure includes that work. */
#ifndef GT_BENCH_HS_H
#define GT_BENCH_HS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *label;       /* row name part, e.g. "ECDHE-ECDSA-P256" */
    const char *leaf;        /* vectors/pki/<leaf>.chain.pem and <leaf>.key */
    uint16_t suite;          /* IANA cipher suite */
    uint16_t group;          /* IANA named group */
    const char *cipher_name; /* OpenSSL/wolfSSL cipher list name */
    const char *group_name;  /* OpenSSL groups list name */
} hs_suite;

enum { HS_FULL = 0, HS_RESUMED = 1 };

/* One library. ctx is that library's own state (contexts, a kept session,
 * an established pair for bulk transfer). */
typedef struct {
    const char *name;
    /* Contexts for suite s; mode HS_FULL or HS_RESUMED (the latter also
     * runs one full handshake to obtain the session). NULL on failure or
     * when the mode is not supported (resumed: NULL without a message). */
    void *(*setup)(const hs_suite *s, int mode);
    /* One handshake, both sides, connections created and freed. 0 ok. */
    int (*handshake)(void *ctx);
    /* Establishes one long-lived pair (for transfer). 0 ok. */
    int (*open_pair)(void *ctx);
    /* One side writes n bytes (records of 2^14), the other reads them all;
     * from_server 0: client to server. 0 ok. */
    int (*transfer)(void *ctx, size_t n, int from_server);
    void (*close_pair)(void *ctx);
    void (*teardown)(void *ctx); /* also closes the pair */
    /* Heap measurement (child process only): routes the library's
     * allocations through hs_heap_* before anything else of it runs. */
    void (*install_allocator)(void);
} hs_impl;

extern const hs_impl hs_impl_gt, hs_impl_openssl, hs_impl_wolfssl;

/* vectors/pki/<name> in the source tree (GT_PKI_DIR overrides). */
const char *hs_pki(const char *name);
/* The whole file, NUL-terminated (malloc'ed), NULL on error. */
uint8_t *hs_slurp(const char *path, size_t *n);

/* ---- memory queues (one per direction) -------------------------------- */

typedef struct {
    uint8_t *buf;
    size_t cap, r, w; /* bytes [r, w) are queued */
} hs_queue;

int hs_queue_init(hs_queue *q, size_t cap);
void hs_queue_free(hs_queue *q);
/* Appends up to n bytes; returns how many fit. */
size_t hs_queue_put(hs_queue *q, const uint8_t *p, size_t n);
/* Takes up to n bytes; returns how many were there. */
size_t hs_queue_get(hs_queue *q, uint8_t *p, size_t n);

/* ---- heap accounting (bench_hs_heap.c) --------------------------------- */

/* Whose work is running: allocations are charged to this side. */
enum { HS_SIDE_NONE = 0, HS_SIDE_CLIENT = 1, HS_SIDE_SERVER = 2 };
extern int hs_side;

void *hs_heap_malloc(size_t n);
void *hs_heap_realloc(void *p, size_t n);
void hs_heap_free(void *p);
/* Restarts peak tracking from the current live bytes. */
void hs_heap_mark(void);
/* Peak live bytes of side since hs_heap_mark, minus the live bytes then. */
size_t hs_heap_peak(int side);

/* Child process entry: `gt-bench --heap-child`; prints one line per
 * implementation and suite: "<impl> <suite#> <client peak> <server peak>". */
int bench_heap_child(void);

#endif
