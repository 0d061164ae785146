/*
 * The deterministic payload of --send-bytes: byte[i] = (i*131 + 7) & 0xff,
 * and a streaming SHA-256 to compare what was sent with what came back.
 */
#ifndef GT_PEERS_PATTERN_H
#define GT_PEERS_PATTERN_H

#include <stddef.h>
#include <stdint.h>

/* Fills buf with pattern bytes offset .. offset+n-1. */
void gt_peer_pattern(uint8_t *buf, size_t n, uint64_t offset);

typedef struct gt_peer_sha gt_peer_sha;
gt_peer_sha *gt_peer_sha_new(void);
void gt_peer_sha_update(gt_peer_sha *h, const uint8_t *p, size_t n);
void gt_peer_sha_final(gt_peer_sha *h, uint8_t out[32]); /* also frees h */

#endif
