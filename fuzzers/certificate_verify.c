/* Fuzz target certificate_verify: one certificate verify message handler,
 * gt_certificate_verify_recv (tls/handshake/certificate_verify.c), called
 * directly on a server connection whose handshake state is set up by
 * driver/tlsfz.c (fz_tls_msg_conn).
 *
 * Aims at: gt_certificate_verify_recv, i.e. the CertificateVerify body (RFC
 * 5246 §7.4.8): algorithm, signature, the algorithm's fit to the client key,
 * and gt_verify_digest over the transcript hash.
 *
 * Input: a selector byte (config, suite and group, see fz_tls_msg_conn), then
 * the message body (no handshake header). Seeds are the certificate verify
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
    gt_conn *c = fz_tls_msg_conn(GT_ROLE_SERVER, data[0]);
    if (!c) return 0;
    gt_rd body = gt_rd_init(data + 1, size - 1);
    if (gt_certificate_verify_recv(c, &body) == 0) fz_tls_drain(c);
    gt_conn_free(c);
    return 0;
}
