/*
 * The server's state machine: every handshake message sent in every wrong
 * state (generated), ChangeCipherSpec injection (CVE-2014-0224), early or
 * wrong Finished, skipped ClientKeyExchange, application data before the
 * handshake ends, and renegotiation (RFC 5746).
 */
#include "conform.h"
#include "hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char Q_ORDER[] =
    "RFC 5246 §7.4: The handshake protocol messages are presented below in the order they MUST be "
    "sent; sending handshake messages in an unexpected order results in a fatal error. (§7.2.2) "
    "unexpected_message: An inappropriate message was received.";
static const char Q_CCS[] =
    "RFC 5246 §7.1: The ChangeCipherSpec message is sent during the handshake after the security "
    "parameters have been agreed upon, but before the verifying Finished message is sent. (§7.2.2) "
    "unexpected_message: An inappropriate message was received.";
static const char Q_CCS_BODY[] =
    "RFC 5246 §7.1: struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec; "
    "(a single byte of value 1; anything else is malformed or inappropriate)";
static const char Q_FIN_CCS[] = "RFC 5246 §7.4.9: It is a fatal error if a Finished message is "
                                "not preceded by a ChangeCipherSpec message at the appropriate "
                                "point in the handshake.";
static const char Q_FIN[] =
    "RFC 5246 §7.4.9: Recipients of Finished messages MUST verify that the contents are correct. "
    "(§7.2.2) decrypt_error: A handshake cryptographic operation failed, including being unable "
    "to ... validate a Finished message.";
static const char Q_FIN_LEN[] =
    "RFC 5246 §7.4.9: opaque verify_data[verify_data_length]; ... verify_data_length ... 12. "
    "(§7.2.2) decode_error: ... the length of the message was incorrect.";
static const char Q_APP[] =
    "RFC 5246 §7.4.9: Once a side has sent its Finished message and received and validated the "
    "Finished message from its peer, it may begin to send and receive application data over the "
    "connection. (§7.2.2) unexpected_message: An inappropriate message was received.";
static const char Q_RENEG_OK[] =
    "RFC 5246 §7.2.2: no_renegotiation: Sent ... by the server in response to a client hello "
    "after initial handshaking. ... when that is not appropriate, the recipient should respond "
    "with this alert. (Accepted: the renegotiation completes, or no_renegotiation at any level, "
    "or a fatal handshake_failure.)";
static const char Q_RENEG_EXT[] =
    "RFC 5746 §3.7: The server MUST verify that the \"renegotiation_info\" extension is present; "
    "if it is not, the server MUST abort the handshake. ... The server MUST verify that the value "
    "of the \"renegotiated_connection\" field is equal to the saved client_verify_data value; if "
    "it is not, the server MUST abort the handshake. ... When a ClientHello is received, the "
    "server MUST verify that it does not contain the TLS_EMPTY_RENEGOTIATION_INFO_SCSV SCSV.  If "
    "the SCSV is present, the server MUST abort the handshake. (A server that refuses all "
    "renegotiation may answer no_renegotiation instead: accepted.)";

/* ---- generated: message x state ---------------------------------------------- */

static const struct {
    const char *name;
    gt_sp_step prefix[6];
} states[] = {
    {"initial", {{0}}},
    {"after-server-flight", {{.op = GT_OP_CLIENT_HELLO}, {.op = GT_OP_SERVER_FLIGHT}, {0}}},
    {"after-cke",
     {{.op = GT_OP_CLIENT_HELLO}, {.op = GT_OP_SERVER_FLIGHT}, {.op = GT_OP_CKE}, {0}}},
    {"after-ccs",
     {{.op = GT_OP_CLIENT_HELLO},
      {.op = GT_OP_SERVER_FLIGHT},
      {.op = GT_OP_CKE},
      {.op = GT_OP_CCS},
      {0}}},
    {"after-handshake", {{.op = GT_OP_HANDSHAKE}, {0}}},
};

static const int msgs[] = {
    GT_HS_HELLO_REQUEST,     GT_HS_CLIENT_HELLO,        GT_HS_SERVER_HELLO,
    GT_HS_CERTIFICATE,       GT_HS_SERVER_KEY_EXCHANGE, GT_HS_CERTIFICATE_REQUEST,
    GT_HS_SERVER_HELLO_DONE, GT_HS_CERTIFICATE_VERIFY,  GT_HS_CLIENT_KEY_EXCHANGE,
    GT_HS_FINISHED,          GT_HS_NEW_SESSION_TICKET,  99 /* unassigned */};

/* Messages that are legal in a state are not generated for it. */
static int legal(size_t state, int m)
{
    switch (state) {
    case 0:
        return m == GT_HS_CLIENT_HELLO;
    case 1: /* Certificate would be legal if the server asked for one */
        return m == GT_HS_CLIENT_KEY_EXCHANGE;
    case 3:
        return m == GT_HS_FINISHED;
    case 4: /* a ClientHello here is a renegotiation (cases below) */
        return m == GT_HS_CLIENT_HELLO;
    default:
        return 0;
    }
}

static void gen_state_cases(void)
{
    char id[96];
    for (size_t s = 0; s < sizeof(states) / sizeof(states[0]); s++)
        for (size_t k = 0; k < sizeof(msgs) / sizeof(msgs[0]); k++) {
            int m = msgs[k];
            if (legal(s, m)) continue;
            gt_sp_step st[8];
            size_t n = 0;
            while (states[s].prefix[n].op != GT_OP_END)
                st[n] = states[s].prefix[n], n++;
            st[n++] = (gt_sp_step){.op = GT_OP_MSG, .arg = m};
            st[n++] = (gt_sp_step){.op = GT_OP_WAIT};
            snprintf(id, sizeof(id), "sm.%s.%s", states[s].name,
                     m == 99 ? "unknown-type-99" : gt_wire_hs_name(m));
            gt_cf_case c = {strdup(id),
                            "RFC 5246 §7.4",
                            Q_ORDER,
                            GT_TARGET_SERVER,
                            gt_cf_steps(st, n),
                            GT_X_ALERT,
                            ALERTS1(A(unexpected_message))};
            if (m == 99) c.n_alerts = 2, c.alerts[1] = A(decode_error);
            /* an unrequested client Certificate when the server asks for one is legal */
            if (s == 1 && m == GT_HS_CERTIFICATE) c.flags = GT_CF_NO_CLIENT_AUTH;
            gt_cf_add(gt_cf_new(&c));
        }
}

/* ---- hooks ------------------------------------------------------------------------ */

static void ccs_body(gt_sp *sp, gt_wbuf *m)
{
    const gt_cf_case *c = CASE_OF(sp);
    gt_wbuf_reset(m);
    gt_wbuf_put(m, c->data, (size_t)c->data_len);
}
static void flip_verify(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    m->p[m->n - 1] ^= 0x01;
}
static void verify_len(gt_sp *sp, gt_wbuf *m)
{
    int d = CASE_ARG(sp);
    if (d < 0)
        m->n -= (size_t)-d;
    else
        gt_wbuf_fill(m, 0, (size_t)d);
    gt_sp_relen(m);
}
/* The server's label in the client's Finished (RFC 5246 §7.4.9 labels). */
static void swap_role_label(gt_sp *sp)
{
    sp->cfg.role = 1;
}
static void restore_role(gt_sp *sp, gt_wbuf *m)
{
    (void)m;
    sp->cfg.role = 0;
}
static void no_reneg_ext(gt_sp *sp)
{
    gt_wire_ext_del(&sp->hello.ext, GT_EXT_RENEGOTIATION_INFO);
}
static void wrong_reneg(gt_sp *sp)
{
    uint8_t v[12];
    memcpy(v, sp->verify_client, 12);
    v[0] ^= 0xff;
    gt_wire_ext_reneg(&sp->hello.ext, v, 12);
}
static void reneg_scsv(gt_sp *sp)
{
    sp->hello.suites[sp->hello.n_suites++] = 0x00ff;
}

/* ---- fixed cases ----------------------------------------------------------------------- */

#define S GT_TARGET_SERVER
#define CH_FLIGHT                                                                                  \
    {.op = GT_OP_CLIENT_HELLO},                                                                    \
    {                                                                                              \
        .op = GT_OP_SERVER_FLIGHT                                                                  \
    }
#define WAIT                                                                                       \
    {.op = GT_OP_WAIT},                                                                            \
    {                                                                                              \
        0                                                                                          \
    }
#define UNEXP ALERTS1(A(unexpected_message))
#define RENEG(pre_)                                                                                \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_RENEGOTIATE},                                        \
            {.op = GT_OP_CLIENT_HELLO, .pre = pre_}, {.op = GT_OP_SERVER_FLIGHT}, WAIT             \
    }

static const gt_cf_case cases[] = {
    {"sm.ccs.before-cke", "RFC 5246 §7.1", Q_CCS, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CCS}, WAIT}, GT_X_ALERT, UNEXP},
    {"sm.ccs.before-client-hello", "RFC 5246 §7.1", Q_CCS, S,
     (const gt_sp_step[]){{.op = GT_OP_CCS}, WAIT}, GT_X_ALERT, UNEXP},
    {"sm.ccs.cve-2014-0224-early-ccs-then-cke", "RFC 5246 §7.1", Q_CCS, S,
     (const gt_sp_step[]){
         CH_FLIGHT, {.op = GT_OP_CCS}, {.op = GT_OP_CKE}, {.op = GT_OP_FINISHED}, WAIT},
     GT_X_ALERT, UNEXP},
    {"sm.ccs.twice", "RFC 5246 §7.1", Q_CCS, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CKE}, {.op = GT_OP_CCS}, {.op = GT_OP_CCS}, WAIT},
     GT_X_ALERT, ALERTS2(A(unexpected_message), A(bad_record_mac))},
    {"sm.ccs.value-2", "RFC 5246 §7.1", Q_CCS_BODY, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CKE}, {.op = GT_OP_CCS, .post = ccs_body}, WAIT},
     GT_X_ALERT, ALERTS3(A(unexpected_message), A(decode_error), A(illegal_parameter)),
     .data = "\x02", .data_len = 1},
    {"sm.ccs.two-bytes", "RFC 5246 §7.1", Q_CCS_BODY, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CKE}, {.op = GT_OP_CCS, .post = ccs_body}, WAIT},
     GT_X_ALERT, ALERTS3(A(unexpected_message), A(decode_error), A(illegal_parameter)),
     .data = "\x01\x01", .data_len = 2},
    {"sm.finished.without-ccs", "RFC 5246 §7.4.9", Q_FIN_CCS, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CKE}, {.op = GT_OP_FINISHED}, WAIT}, GT_X_ALERT,
     UNEXP},
    {"sm.finished.before-cke", "RFC 5246 §7.4.9", Q_FIN_CCS, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_FINISHED}, WAIT}, GT_X_ALERT, UNEXP},
    {"sm.finished.bad-verify-data", "RFC 5246 §7.4.9", Q_FIN, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .post = flip_verify},
                          WAIT},
     GT_X_ALERT, ALERTS1(A(decrypt_error)), .flags = GT_CF_PER_SUITE},
    {"sm.finished.server-label", "RFC 5246 §7.4.9", Q_FIN, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .pre = swap_role_label, .post = restore_role},
                          WAIT},
     GT_X_ALERT, ALERTS1(A(decrypt_error))},
    {"sm.finished.11-bytes", "RFC 5246 §7.4.9", Q_FIN_LEN, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .post = verify_len},
                          WAIT},
     GT_X_ALERT, ALERTS2(A(decode_error), A(decrypt_error)), .arg = -1},
    {"sm.finished.13-bytes", "RFC 5246 §7.4.9", Q_FIN_LEN, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .post = verify_len},
                          WAIT},
     GT_X_ALERT, ALERTS2(A(decode_error), A(decrypt_error)), .arg = 1},
    {"sm.finished.empty", "RFC 5246 §7.4.9", Q_FIN_LEN, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .post = verify_len},
                          WAIT},
     GT_X_ALERT, ALERTS2(A(decode_error), A(decrypt_error)), .arg = -12},
    {"sm.cke.twice", "RFC 5246 §7.4", Q_ORDER, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CKE, .flags = GT_F_TWICE}, WAIT}, GT_X_ALERT,
     UNEXP},
    {"sm.cke.skipped", "RFC 5246 §7.4", Q_ORDER, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CCS}, {.op = GT_OP_FINISHED}, WAIT}, GT_X_ALERT,
     UNEXP},
    {"sm.app.before-client-hello", "RFC 5246 §7.4.9", Q_APP, S,
     (const gt_sp_step[]){{.op = GT_OP_APP}, WAIT}, GT_X_ALERT, UNEXP},
    {"sm.app.after-server-flight", "RFC 5246 §7.4.9", Q_APP, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_APP}, WAIT}, GT_X_ALERT, UNEXP},
    {"sm.app.after-cke", "RFC 5246 §7.4.9", Q_APP, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CKE}, {.op = GT_OP_APP}, WAIT}, GT_X_ALERT,
     UNEXP},
    {"sm.app.after-ccs-before-finished", "RFC 5246 §7.4.9", Q_APP, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_CKE}, {.op = GT_OP_CCS}, {.op = GT_OP_APP}, WAIT},
     GT_X_ALERT, UNEXP},
    {"sm.app.coalesced-after-finished", "RFC 5246 §7.4.9", Q_APP, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_APP},
                          {.op = GT_OP_SERVER_FINISH},
                          {.op = GT_OP_EXPECT_APP},
                          {0}},
     GT_X_OK},
    {"sm.reneg.client-initiated", "RFC 5246 §7.2.2", Q_RENEG_OK, S,
     (const gt_sp_step[]){{.op = GT_OP_HANDSHAKE},
                          {.op = GT_OP_RENEGOTIATE},
                          {.op = GT_OP_HANDSHAKE},
                          {.op = GT_OP_APP},
                          {.op = GT_OP_EXPECT_APP},
                          {0}},
     GT_X_OK_OR_ALERT, ALERTS2(A(no_renegotiation), A(handshake_failure)), .warn_ok = 1,
     .flags = GT_CF_PER_SUITE},
    {"sm.reneg.missing-extension", "RFC 5746 §3.7", Q_RENEG_EXT, S, RENEG(no_reneg_ext), GT_X_ALERT,
     ALERTS2(A(handshake_failure), A(no_renegotiation)), .warn_ok = 1},
    {"sm.reneg.wrong-verify-data", "RFC 5746 §3.7", Q_RENEG_EXT, S, RENEG(wrong_reneg), GT_X_ALERT,
     ALERTS2(A(handshake_failure), A(no_renegotiation)), .warn_ok = 1},
    {"sm.reneg.scsv-in-renegotiation", "RFC 5746 §3.7", Q_RENEG_EXT, S, RENEG(reneg_scsv),
     GT_X_ALERT, ALERTS2(A(handshake_failure), A(no_renegotiation)), .warn_ok = 1},
};

void gt_cf_cases_state(void)
{
    gen_state_cases();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
