/* Fuzz target server_key_exchange: one server key exchange message handler,
 * gt_server_key_exchange_recv (tls/handshake/server_key_exchange.c), called
 * directly on a client connection whose handshake state is set up by
 * driver/tlsfz.c (fz_tls_msg_conn).
 *
 * Aims at: gt_server_key_exchange_recv, i.e. the ServerKeyExchange body (RFC
 * 8422 §5.4): curve type, named group, point, signature algorithm and
 * signature, and gt_client_verify_ske (client.c) against the test PKI leaf of
 * the suite's kind.
 *
 * Input: a selector byte (config, suite and group, see fz_tls_msg_conn), then
 * the message body (no handshake header). Seeds are the server key exchange
 * messages of real sessions (fuzzers/sessions, cut by fuzzers/tools/cut-
 * sessions.py) behind every selector that fits them. Built in fuzzing mode
 * (signature and Finished checks skipped when the library has GT_FUZZING).
 *
 * fuzz-dict: tls
 */
#include "driver/fuzz.h"
#include "driver/tlsfz.h"
#include "handshake/hs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    gt_conn *c = fz_tls_msg_conn(GT_ROLE_CLIENT, data[0]);
    if (!c) return 0;
    gt_rd body = gt_rd_init(data + 1, size - 1);
    if (gt_server_key_exchange_recv(c, &body) == 0) fz_tls_drain(c);
    gt_conn_free(c);
    return 0;
}
