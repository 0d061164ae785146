/*
 * Command-line options of a reference peer: the peer contract of
 * peers/README.md, parsed once into a read-only struct.
 */
#ifndef GT_PEERS_OPTS_H
#define GT_PEERS_OPTS_H

#include <stddef.h>

enum gt_peer_role { GT_PEER_CLIENT, GT_PEER_SERVER };
enum gt_peer_resume { GT_RESUME_NONE, GT_RESUME_ID, GT_RESUME_TICKET };
enum gt_peer_cauth { GT_CAUTH_NONE, GT_CAUTH_REQUEST, GT_CAUTH_REQUIRE };

#define GT_PEER_MAX_LIST 16

typedef struct {
    enum gt_peer_role role;
    int port;
    const char *cert, *key, *ca;
    const char *suite; /* IANA name or NULL (library default, TLS 1.2 only) */
    const char *group; /* x25519 | secp256r1 | secp384r1 or NULL */
    const char *sigalgs_arg;
    const char *sigalgs[GT_PEER_MAX_LIST]; /* split --sigalgs */
    size_t n_sigalgs;
    const char *sni;
    const char *alpn_arg;
    const char *alpn[GT_PEER_MAX_LIST]; /* split --alpn, preference order */
    size_t n_alpn;
    const char *expect_alpn;
    enum gt_peer_resume resume;
    int connections;
    enum gt_peer_cauth client_auth;
    int no_ems;
    long send_bytes;
    int record_size;
    int close_notify;        /* 1: send close_notify before closing */
    int expect_close_notify; /* 1: the peer must close with close_notify */
    int renegotiate;
    const char *keylog;
    int timeout;
    int capabilities;
} gt_peer_opts;

/* Parses argv into *o. On a usage error prints RESULT fail and exits 2. */
void gt_peer_opts_parse(gt_peer_opts *o, int argc, char **argv);

#endif
