/*
 * The interface between the common driver (driver.c: options, sockets, the
 * connection script, RESULT lines) and one library adapter
 * (peers/<lib>/<lib>.c). An adapter describes what its library can do in
 * tables, and implements a handful of blocking operations on a connected
 * socket. The driver turns every option that needs an unsupported feature,
 * suite, group or sigalg into RESULT skip (exit 3) before any I/O.
 *
 * An adapter defines one `const gt_peer_lib gt_peer_adapter`; main() is
 * common (main.c). Everything that is not a library call (tables shared by
 * the libraries that support all of a dimension, name mapping, list
 * joining, socket I/O with the wire observer, RESULT fields) is here.
 */
#ifndef GT_PEERS_PEER_H
#define GT_PEERS_PEER_H

#include "opts.h"
#include "result.h"
#include "wire.h"

#include <stddef.h>
#include <stdint.h>

/* One capability and, when the library lacks it, why (NULL = supported). */
typedef struct {
    const char *name;
    const char *why_not;
} gt_peer_cap;

/* An IANA suite code mapped to the library's own name (why_not when absent). */
typedef struct {
    uint16_t code;
    const char *lib_name;
    const char *why_not;
} gt_peer_suite_map;

typedef struct gt_peer_conn gt_peer_conn; /* defined by each adapter */

/* read() results besides a byte count > 0 */
enum { GT_READ_NOTIFY = 0, GT_READ_EOF = -1, GT_READ_ERR = -2 };
/* renegotiate() results */
enum { GT_RENEG_DONE = 1, GT_RENEG_REFUSED = 0, GT_RENEG_REFUSED_DEAD = 2, GT_RENEG_ERR = -1 };

typedef struct {
    const char *name;
    const char *(*version)(void);
    const gt_peer_suite_map *suites; /* one entry per gt_peer_suites[] code */
    const gt_peer_cap *groups;       /* contract group names */
    const gt_peer_cap *sigalgs;      /* SignatureScheme names */
    const gt_peer_cap *features;     /* contract feature names */
    /* Optional: role-specific limits the tables cannot express; returns
     * GT_PEER_SKIP (error slot set) or 0. */
    int (*check)(const gt_peer_opts *o);
    /* Extra "notes" entries for --capabilities (NULL-terminated), e.g. the
     * role-specific limits that check() enforces. */
    const gt_peer_cap *notes;
    /* Builds the library context from the options (once). */
    int (*setup)(const gt_peer_opts *o);
    /* Runs the handshake on fd; index counts connections from 0 (a client
     * resumes on index 1). Feeds the wire observer with the bytes. */
    int (*handshake)(int fd, int index, gt_peer_wire *w, gt_peer_conn **out);
    /* Fills resumed, alpn, and (server) renegotiated. */
    int (*info)(gt_peer_conn *c, gt_peer_result *r);
    int (*renegotiate)(gt_peer_conn *c);
    /* Writes all n bytes as one library write (one record). */
    int (*write)(gt_peer_conn *c, const uint8_t *p, size_t n);
    long (*read)(gt_peer_conn *c, uint8_t *p, size_t cap);
    /* Sends close_notify (no TCP close). */
    int (*close_notify)(gt_peer_conn *c);
    /* Frees the connection (a client keeps what it needs to resume). */
    void (*free)(gt_peer_conn *c);
} gt_peer_lib;

/* The adapter of this gt-peer-<lib>, and the driver main.c runs with it. */
extern const gt_peer_lib gt_peer_adapter;
int gt_peer_main(const gt_peer_lib *lib, int argc, char **argv);

/* Every contract group, SignatureScheme and feature, all supported: the
 * tables of an adapter whose library lacks none of them. */
extern const gt_peer_cap gt_peer_all_groups[];
extern const gt_peer_cap gt_peer_all_sigalgs[];
extern const gt_peer_cap gt_peer_all_features[];

/* Helpers for adapters. */
const char *gt_peer_lib_suite(const gt_peer_lib *lib, uint16_t code);
/* The library's name for IANA suite iana in map m (NULL: not mapped or
 * unsupported). */
const char *gt_peer_map_suite(const gt_peer_suite_map *m, const char *iana);
/* Second column of the row of t (n rows of {contract name, library name})
 * whose first column is name; NULL if none. */
const char *gt_peer_map_name(const char *const (*t)[2], size_t n, const char *name);
#define GT_PEER_MAP_NAME(t, name) gt_peer_map_name(t, sizeof(t) / sizeof((t)[0]), name)
/* Joins items[0..n) with sep into out, each item mapped through t (n_t
 * rows, as gt_peer_map_name; t NULL: as is). Returns 0, or GT_PEER_FAIL
 * (error slot set) when an item has no mapping or out is too small. */
int gt_peer_join(char *out, size_t cap, const char *const *items, size_t n, const char *sep,
                 const char *const (*t)[2], size_t n_t);
void gt_peer_print_caps(const gt_peer_lib *lib);
/* Returns GT_PEER_SKIP (error slot set) if o needs something lib lacks. */
int gt_peer_check_caps(const gt_peer_lib *lib, const gt_peer_opts *o);

#endif
