/* Fuzz target client: the whole engine in the client role, fed a server's
 * flights (RFC 5246 §7.3), with a deterministic RNG and a fixed clock.
 *
 * Aims at: gt_conn_feed and everything behind it on the client side —
 * record deframing (tls/record/record.c), reassembly and the legal-order
 * table (reassembly.c, hs_table.c), gt_server_hello_recv (server_hello.c,
 * extensions.c, ext_record.c, resume.c), gt_certificate_recv and chain
 * validation (certificate.c, client.c, tls/x509/verify.c),
 * gt_server_key_exchange_recv and its signature (server_key_exchange.c),
 * gt_certificate_request_recv and the choice of client chain
 * (certificate_request.c, client_auth.c), gt_server_hello_done_recv,
 * gt_new_session_ticket_recv, gt_ccs_recv, gt_finished_recv, alerts and
 * application data (conn_io.c, alert.c).
 *
 * Input: a flags byte (config, driver/tlsfz.h: bits 0-1 plain / with
 * client certificates / no verification / no EMS-ETM; bit 7 post-CCS
 * records fed raw), then the server's records, those after its
 * ChangeCipherSpec in the clear. The client sends SNI "localhost" and
 * verifies against the test PKI's roots. Two builds: fuzz_client (fuzzing
 * mode: Finished, MAC and signature checks skipped) and fuzz_client_normal.
 * Seeds are server flights of real sessions (fuzzers/sessions).
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
    gt_config *cfg = fz_tls_client_config(data[0]);
    fz_tls_reset_rng();
    gt_conn *c = gt_conn_new(cfg, GT_ROLE_CLIENT, "localhost");
    if (!c) return 0;
    gt_state st = fz_tls_play(c, data + 1, size - 1, (data[0] & FZ_TLS_RAW) != 0);
    gt_conn_free(c);
    fz_tls_expect(st);
    return 0;
}

FZ_TLS_MUTATOR
