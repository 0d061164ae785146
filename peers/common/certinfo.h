/*
 * What the driver needs to know about the peer's own certificate before
 * any I/O: enough to refuse combinations that cannot work.
 */
#ifndef GT_PEERS_CERTINFO_H
#define GT_PEERS_CERTINFO_H

#include "opts.h"

/* RFC 8422 §5.1 and §5.3: the curve of an ECDSA server certificate must be
 * among the client's supported groups. Contract peers offer exactly one
 * group, so a server asked for an ECDHE_ECDSA suite with --group G and a
 * certificate on another curve cannot complete with such a client: returns
 * GT_PEER_SKIP (error slot set), else 0. */
int gt_peer_check_cert_curve(const gt_peer_opts *o);

#endif
