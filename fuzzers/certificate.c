/* Fuzz target certificate: one certificate message handler,
 * gt_certificate_recv (tls/handshake/certificate.c), called directly on a
 * client connection (selector bit 1 clear) or a server one (set) whose
 * handshake state is set up by driver/tlsfz.c (fz_tls_msg_conn).
 *
 * Aims at: gt_certificate_recv, i.e. the Certificate body (RFC 5246 §7.4.2,
 * §7.4.6): the certificate list, gt_x509_cert_parse of each, then the client's
 * check of the server chain (client.c: key type for the suite, key usage,
 * curve, path validation against the test PKI for localhost) or the server's
 * check of a client chain (client_auth.c).
 *
 * Input: a selector byte (config, suite and group, see fz_tls_msg_conn), then
 * the message body (no handshake header). Seeds are the certificate messages
 * of real sessions (fuzzers/sessions, cut by fuzzers/tools/cut-sessions.py)
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
    if (gt_certificate_recv(c, &body) == 0) fz_tls_drain(c);
    gt_conn_free(c);
    return 0;
}
