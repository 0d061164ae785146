/* A stand-in for libgt in the socket wrapper's tests: the same gt_conn_*
 * entry points over a trivial framing, so conn_io.c is tested without the
 * real engine (and before it existed).
 *
 * Records: type (1 byte), length (2 bytes, big endian), payload.
 *   'H' hello: both sides send one; receiving it completes the "handshake"
 *   'D' application data, 'C' close_notify, 'A' alert (1 byte: description)
 *   'X' makes the receiver fail with handshake_failure (sent as 'A' 40). */
#ifndef GT_FAKE_ENGINE_H
#define GT_FAKE_ENGINE_H

#include "gt/gt.h"

/* A connection (role unused) with app/out buffers of cap bytes each. */
gt_conn *fake_conn_new(size_t cap);
void fake_conn_free(gt_conn *c);
/* Builds one record into out; returns its length. */
size_t fake_record(uint8_t *out, uint8_t type, const uint8_t *p, size_t n);

#endif
