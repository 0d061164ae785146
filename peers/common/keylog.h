/*
 * NSS key log lines (CLIENT_RANDOM <client_random hex> <master_secret hex>)
 * for the libraries that expose the secrets but do not write the line
 * themselves. One line per full or resumed handshake, appended.
 */
#ifndef GT_PEERS_KEYLOG_H
#define GT_PEERS_KEYLOG_H

#include <stddef.h>
#include <stdint.h>

/* Appends one line to path; returns 0 or GT_PEER_FAIL (error slot set). */
int gt_peer_keylog(const char *path, const uint8_t client_random[32], const uint8_t *master,
                   size_t master_len);
/* Appends a ready-made line (a library callback's text) plus a newline. */
int gt_peer_keylog_line(const char *path, const char *line);

#endif
