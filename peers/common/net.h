/*
 * Sockets for the reference peers. Everything is on 127.0.0.1: servers bind
 * to the loopback address only, clients connect to it only, and an accepted
 * connection from any other address is refused. There is no option to name
 * another host, on purpose.
 */
#ifndef GT_PEERS_NET_H
#define GT_PEERS_NET_H

#include "wire.h"

#include <stddef.h>
#include <sys/types.h>

/* Listens on 127.0.0.1:port (0 = ephemeral) with SO_REUSEADDR; stores the
 * real port. Returns the fd or -1 (error slot set). */
int gt_peer_listen(int port, int *actual);
/* Accepts one connection; -1 (error slot set) if it is not from 127.0.0.1. */
int gt_peer_accept(int lfd);
/* Connects to 127.0.0.1:port. Returns the fd or -1 (error slot set). */
int gt_peer_connect(int port);

/* One send (MSG_NOSIGNAL) or recv on fd, retried on EINTR; the bytes moved
 * are fed to the wire observer w. Returns what send()/recv() returned,
 * with errno as they left it. */
ssize_t gt_peer_send(int fd, gt_peer_wire *w, const void *buf, size_t n);
ssize_t gt_peer_recv(int fd, gt_peer_wire *w, void *buf, size_t n);

#endif
