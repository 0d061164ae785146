/*
 * Sockets for the reference peers. Everything is on 127.0.0.1: servers bind
 * to the loopback address only, clients connect to it only, and an accepted
 * connection from any other address is refused. There is no option to name
 * another host, on purpose.
 */
#ifndef GT_PEERS_NET_H
#define GT_PEERS_NET_H

/* Listens on 127.0.0.1:port (0 = ephemeral) with SO_REUSEADDR; stores the
 * real port. Returns the fd or -1 (error slot set). */
int gt_peer_listen(int port, int *actual);
/* Accepts one connection; -1 (error slot set) if it is not from 127.0.0.1. */
int gt_peer_accept(int lfd);
/* Connects to 127.0.0.1:port. Returns the fd or -1 (error slot set). */
int gt_peer_connect(int port);

#endif
