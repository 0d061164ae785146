/* Fuzz target finished: one finished message handler, gt_finished_recv
 * (tls/handshake/finished.c), called directly on a client connection (selector
 * bit 1 clear) or a server one (set) whose handshake state is set up by
 * driver/tlsfz.c (fz_tls_msg_conn).
 *
 * Aims at: gt_finished_recv, i.e. the Finished body (RFC 5246 §7.4.9): its
 * length and the verify_data computed from the master secret and transcript
 * hash (checked in constant time; skipped in fuzzing mode).
 *
 * Input: a selector byte (config, suite and group, see fz_tls_msg_conn), then
 * the message body (no handshake header). Seeds are the finished messages of
 * real sessions (fuzzers/sessions, cut by fuzzers/tools/cut-sessions.py)
 * behind every selector that fits them. Built in fuzzing mode (signature and
 * Finished checks skipped when the library has GT_FUZZING).
 *
 * fuzz-dict: tls
 */
#include "driver/fuzz.h"
#include "driver/tlsfz.h"
#include "handshake/hs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    gt_conn *c = fz_tls_msg_conn((data[0] & 2) ? GT_ROLE_SERVER : GT_ROLE_CLIENT, data[0]);
    if (!c) return 0;
    gt_rd body = gt_rd_init(data + 1, size - 1);
    if (gt_finished_recv(c, &body) == 0) fz_tls_drain(c);
    gt_conn_free(c);
    return 0;
}
