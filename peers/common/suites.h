/*
 * The names the peer contract speaks: IANA TLS 1.2 cipher suites, the three
 * groups and TLS SignatureScheme names, with their code points. Each peer
 * maps these to its library's own names in its own table.
 */
#ifndef GT_PEERS_SUITES_H
#define GT_PEERS_SUITES_H

#include <stddef.h>
#include <stdint.h>

enum gt_peer_kx { GT_PEER_KX_ECDHE_ECDSA, GT_PEER_KX_ECDHE_RSA, GT_PEER_KX_RSA };

typedef struct {
    const char *iana;
    uint16_t code;
    enum gt_peer_kx kx;
} gt_peer_suite;

typedef struct {
    const char *name; /* contract name */
    uint16_t code;    /* RFC 8422 §5.1.1 NamedCurve / RFC 8446 NamedGroup */
} gt_peer_group;

typedef struct {
    const char *name; /* RFC 8446 §4.2.3 SignatureScheme name */
    uint16_t code;
} gt_peer_sigalg;

extern const gt_peer_suite gt_peer_suites[];
extern const size_t gt_peer_n_suites;
extern const gt_peer_group gt_peer_groups[];
extern const size_t gt_peer_n_groups;
extern const gt_peer_sigalg gt_peer_sigalgs[];
extern const size_t gt_peer_n_sigalgs;

const gt_peer_suite *gt_peer_suite_by_name(const char *iana);
const gt_peer_suite *gt_peer_suite_by_code(uint16_t code);
const gt_peer_group *gt_peer_group_by_name(const char *name);
const gt_peer_group *gt_peer_group_by_code(uint16_t code);
const gt_peer_sigalg *gt_peer_sigalg_by_name(const char *name);

#endif
