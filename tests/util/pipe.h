/* An in-process "network" for engine tests: two gt_conn joined by memory
 * queues, pumped until both sides are OPEN, one FAILED, or nothing moves.
 * Application data that arrives is read out automatically, hashed
 * (SHA-256) and optionally kept, so large transfers need no big buffers.
 *
 * Also: test configs from the PKI in vectors/pki/ (read its README) with a
 * fixed clock and a seeded DRBG, so runs are reproducible. */
#ifndef GT_TEST_PIPE_H
#define GT_TEST_PIPE_H

#include <stddef.h>
#include <stdint.h>

#include "gt/crypto/drbg.h"
#include "gt/crypto/hash.h"
#include "gt/gt.h"

typedef struct {
    uint8_t *p;
    size_t len, cap;
} tu_bytes;

void tu_bytes_append(tu_bytes *b, const uint8_t *p, size_t n);
void tu_bytes_consume(tu_bytes *b, size_t n); /* drops n bytes from the front */
void tu_bytes_free(tu_bytes *b);

/* Called with the bytes side `from` (0 client, 1 server) just produced,
 * before they are queued; may change them in place or change *n (within
 * cap). */
typedef void (*tu_tamper_fn)(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap);

typedef struct {
    gt_conn *c[2];    /* [0] client, [1] server */
    tu_bytes q[2];    /* q[i]: bytes from side i not yet fed to the other */
    tu_bytes wire[2]; /* everything side i ever sent (for transcripts) */
    tu_bytes got[2];  /* application data side i read, when keep_app */
    gt_sha256_ctx hash[2];
    uint64_t got_total[2];
    int got_closed[2]; /* side i read GT_ERR_CLOSED */
    size_t chunk;      /* most bytes per gt_conn_feed call; 0: all */
    int keep_app, keep_wire;
    tu_tamper_fn tamper;
    void *tamper_ctx;
} tu_pipe;

void tu_pipe_init(tu_pipe *p, gt_conn *client, gt_conn *server);
void tu_pipe_free(tu_pipe *p); /* frees the queues, not the connections */
/* One round in both directions; returns 1 if any byte moved. */
int tu_pipe_step(tu_pipe *p);
/* Steps until nothing moves (at most max_rounds). Returns the rounds. */
size_t tu_pipe_run(tu_pipe *p, size_t max_rounds);
/* Runs, then 0 if both sides are OPEN, -1 otherwise. */
int tu_pipe_handshake(tu_pipe *p, size_t max_rounds);
/* Finishes the application-data hash of side i. */
void tu_pipe_digest(tu_pipe *p, int side, uint8_t out[32]);

/* ---- configs ---------------------------------------------------------- */

#define TU_FIXED_TIME 1750000000u /* 2025-06-15, inside the test PKI's validity */

/* Reads a whole file (malloc'ed); aborts the test on failure. */
uint8_t *tu_read_file(const char *path, size_t *len);
/* vectors/pki/<name> under the source tree. */
const char *tu_pki(const char *name);
/* A config with a fixed clock and a DRBG seeded with `seed` (the DRBG
 * must outlive the config). */
gt_config *tu_config(gt_drbg *drbg, uint64_t seed);
/* Adds vectors/pki/<leaf>.chain.pem + <leaf>.key ("server-p256", ...). */
int tu_add_chain(gt_config *cfg, const char *leaf);
/* Adds vectors/pki/ca-bundle.pem as trust anchors. */
int tu_add_trust(gt_config *cfg);

/* ---- a client/server pair (util/pair.c; asserts with cmocka) ---------- */

typedef struct {
    gt_drbg dc, ds;
    gt_config *cc, *sc;
    gt_conn *client, *server;
    tu_pipe p;
} tu_pair;

/* Zeroes t and makes both configs (tu_config): the client's DRBG seeded
 * with client_seed, the server's with server_seed; the server gets the
 * chain `leaf` (NULL: none yet), the client trusts ca-bundle.pem, and a
 * non-zero suite is the only one either side offers. */
void tu_pair_config(tu_pair *t, uint64_t client_seed, uint64_t server_seed, const char *leaf,
                    uint16_t suite);
/* Both connections from the configs (the client to server name sni,
 * NULL: none), joined by t->p. */
void tu_pair_start(tu_pair *t, const char *sni);
/* Frees the pipe, both connections and both configs. */
void tu_pair_free(tu_pair *t);

#endif
