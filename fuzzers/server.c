/* Fuzz target server: the whole engine in the server role, fed a client's
 * flights (RFC 5246 §7.3), with a deterministic RNG and a fixed clock.
 *
 * Aims at: gt_conn_feed and everything behind it on the server side —
 * record deframing (tls/record/record.c), handshake reassembly and the
 * legal-order table (reassembly.c, hs_table.c), gt_client_hello_recv and
 * the server's negotiation (client_hello.c, server.c, extensions.c,
 * ext_record.c), ticket resumption (resume.c, ticket.c),
 * gt_client_key_exchange_recv (ECDHE and RSA key transport, kex.c,
 * kex_rsa.c), client authentication (certificate.c, client_auth.c,
 * certificate_verify.c), gt_ccs_recv, gt_finished_recv, alerts and
 * application data (conn_io.c, alert.c).
 *
 * Input: a flags byte (config, driver/tlsfz.h: bits 0-1 client-auth
 * policy / no-EMS variant, bit 2 the RSA-2048 chain besides the P-256 and
 * P-384 ones, bit 7 post-CCS records fed raw), then the
 * client's records, those after its ChangeCipherSpec in the clear (sealed
 * by the glue with the client's keys). Two builds: fuzz_server (fuzzing
 * mode, GT_OPT_FUZZ_SKIP_CHECKS: Finished, MAC and CertificateVerify checks
 * skipped, so mutated handshakes reach OPEN) and fuzz_server_normal. Seeds
 * are client flights of real sessions (fuzzers/sessions, cut by
 * fuzzers/tools/cut-sessions.py). Structure-aware mutation:
 * driver/tlsmut.c.
 *
 * fuzz-variant: normal
 * fuzz-dict: tls
 */
#include "driver/fuzz.h"
#include "driver/tlsfz.h"
#include "driver/tlsmut.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    gt_config *cfg = fz_tls_server_config_rsa(data[0], data[0] & FZ_TLS_RSA);
    fz_tls_reset_rng();
    gt_conn *c = gt_conn_new(cfg, GT_ROLE_SERVER, NULL);
    if (!c) return 0;
    gt_state st = fz_tls_play(c, data + 1, size - 1, (data[0] & FZ_TLS_RAW) != 0);
    gt_conn_free(c);
    fz_tls_expect(st);
    return 0;
}

FZ_TLS_MUTATOR
