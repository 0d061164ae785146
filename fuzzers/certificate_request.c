/* Fuzz target certificate_request: one certificate request message handler,
 * gt_certificate_request_recv (tls/handshake/certificate_request.c), called
 * directly on a client connection whose handshake state is set up by
 * driver/tlsfz.c (fz_tls_msg_conn).
 *
 * Aims at: gt_certificate_request_recv, i.e. the CertificateRequest body (RFC
 * 5246 §7.4.4): certificate types, signature algorithms,
 * certificate_authorities, and the client's choice of chain and
 * CertificateVerify algorithm (gt_client_choose_chain, client_auth.c).
 *
 * Input: a selector byte (config, suite and group, see fz_tls_msg_conn), then
 * the message body (no handshake header). Seeds are the certificate request
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
    if (gt_certificate_request_recv(c, &body) == 0) fz_tls_drain(c);
    gt_conn_free(c);
    return 0;
}
