/*
 * Client targets (the peer plays the server): ServerHello validation,
 * ServerKeyExchange validation, the client's state machine (every
 * handshake message in every wrong state, generated), CCS injection,
 * the server's Finished, HelloRequest, resumption faults.
 */
#include "conform.h"
#include "hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char Q_SH_VERSION[] =
    "RFC 5246 App. E.1: If the version chosen by the server is not supported by the client (or "
    "not acceptable), the client MUST send a \"protocol_version\" alert message and close the "
    "connection.";
static const char Q_SH_SUITE[] =
    "RFC 5246 §7.4.1.3: cipher_suite: The single cipher suite selected by the server from the "
    "list in ClientHello.cipher_suites. (RFC 5246 names no alert: illegal_parameter and "
    "handshake_failure accepted.)";
static const char Q_SH_COMP[] =
    "RFC 5246 §7.4.1.3: compression_method: The single compression algorithm selected by the "
    "server from the list in ClientHello.compression_methods.";
static const char Q_SH_EXT[] =
    "RFC 5246 §7.4.1.4: If a client receives an extension type in ServerHello that it did not "
    "request in the associated ClientHello, it MUST abort the handshake with an "
    "unsupported_extension fatal alert.";
static const char Q_DUP[] = "RFC 5246 §7.4.1.4: There MUST NOT be more than one extension of the "
                            "same type.";
static const char Q_DECODE[] =
    "RFC 5246 §7.2.2: decode_error: A message could not be decoded because some field was out of "
    "the specified range or the length of the message was incorrect.";
static const char Q_RENEG[] =
    "RFC 5746 §3.4: The client MUST then verify that the length of the \"renegotiated_connection\" "
    "field is zero, and if it is not, MUST abort the handshake (by sending a fatal "
    "handshake_failure alert).";
static const char Q_EMS[] = "RFC 7627 §5.1: The \"extension_data\" field of this extension is "
                            "empty.";
static const char Q_SKE_POINT[] =
    "RFC 8422 §5.11: each party MUST validate the public key sent by its peer in the "
    "ClientKeyExchange and ServerKeyExchange messages ... With X25519 and X448, a receiving party "
    "MUST check whether the computed premaster secret is the all-zero value and abort the "
    "handshake if so. (illegal_parameter, decode_error, handshake_failure accepted.)";
static const char Q_SKE_GROUP[] =
    "RFC 8422 §5.4: ... the server ... selects ... one of the curves the client supports "
    "(NamedCurve from the Supported Elliptic Curves extension). (A curve the client did not offer, "
    "or explicit curve parameters: illegal_parameter, handshake_failure, decode_error accepted.)";
static const char Q_SKE_SIGALG[] =
    "RFC 5246 §7.4.1.4.1: If the client has offered the \"signature_algorithms\" extension, the "
    "signature algorithm and hash algorithm MUST be a pair listed in that extension. (illegal_"
    "parameter, handshake_failure, decrypt_error accepted.)";
static const char Q_ORDER[] =
    "RFC 5246 §7.4: The handshake protocol messages are presented below in the order they MUST be "
    "sent; sending handshake messages in an unexpected order results in a fatal error. (§7.4.1.2) "
    "After sending the ClientHello message, the client waits for a ServerHello message.  Any "
    "handshake message returned by the server, except for a HelloRequest, is treated as a fatal "
    "error.";
static const char Q_CCS[] =
    "RFC 5246 §7.1: The ChangeCipherSpec message is sent during the handshake after the security "
    "parameters have been agreed upon, but before the verifying Finished message is sent.";
static const char Q_FIN[] =
    "RFC 5246 §7.4.9: Recipients of Finished messages MUST verify that the contents are correct. "
    "(§7.2.2 decrypt_error.)";
static const char Q_HR[] =
    "RFC 5246 §7.4.1.1: This message will be ignored by the client if the client is currently "
    "negotiating a session.  This message MAY be ignored by the client if it does not wish to "
    "renegotiate a session, or the client may, if it wishes, respond with a no_renegotiation "
    "alert.";
static const char Q_TRUNC[] =
    "RFC 5246 §7.2.1: each party is required to send a close_notify alert before closing the "
    "write side of the connection. (A server that stops mid-handshake or mid-record: the client "
    "must end the connection, by a close or a fatal alert, not hang.)";
static const char Q_APP[] =
    "RFC 5246 §7.4.9: Once a side has sent its Finished message and received and validated the "
    "Finished message from its peer, it may begin to send and receive application data.";

/* ---- ServerHello edits (pre hooks on GT_OP_SERVER_HELLO) ---------------------------------- */

static void sh_version(gt_sp *sp)
{
    sp->hello.version = (uint16_t)CASE_ARG(sp);
}
static void sh_suite(gt_sp *sp)
{
    sp->hello.suites[0] = (uint16_t)CASE_ARG(sp);
}
static void sh_comp(gt_sp *sp)
{
    sp->hello.comp[0] = 1;
}
static void sh_sid33(gt_sp *sp)
{
    sp->hello.sid_len = 33;
    memset(sp->hello.sid, 0x33, 33);
}
static void sh_ext_raw(gt_sp *sp)
{
    const gt_cf_case *c = CASE_OF(sp);
    gt_wire_ext_set(&sp->hello.ext, (uint16_t)c->arg, c->data, (size_t)c->data_len);
}
static void sh_alpn(gt_sp *sp)
{
    if (sp->client_alpn) {
        gt_sp_fail(sp, GT_OBS_NOT_APPLICABLE, "the client offered ALPN");
        return;
    }
    gt_wire_ext_alpn_one(&sp->hello.ext, "h2");
}
static void sh_dup_ems(gt_sp *sp)
{
    gt_wire_ext_ems(&sp->hello.ext);
    gt_wire_ext_add(&sp->hello.ext, GT_EXT_EXTENDED_MASTER_SECRET, "", 0);
}
static void sh_block(gt_sp *sp)
{
    sp->hello.ext.block_len_override = 0x100;
}
static void sh_trailing(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_u8(m, 0);
    gt_sp_relen(m);
}
static void sh_truncate(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    m->n = 4 + 2 + 16;
    gt_sp_relen(m);
}

/* ---- ServerKeyExchange edits --------------------------------------------------------------- */

static void pt_edit(gt_sp *sp, uint8_t *pt, size_t *n)
{
    switch (CASE_ARG(sp)) {
    case 1:
        pt[*n - 1] ^= 0x01;
        break; /* off the curve */
    case 2:
        *n = 1, pt[0] = 0;
        break; /* infinity */
    case 3:
        memset(pt, 0, *n);
        break; /* X25519 u = 0 */
    case 4:
        *n -= 1;
        break; /* short */
    case 5:
        pt[0] = 0x02, *n = 1 + (*n - 1) / 2;
        break; /* compressed */
    default:
        break;
    }
}
static void ske_point(gt_sp *sp)
{
    sp->edit_point = pt_edit;
}
static void ske_group(gt_sp *sp)
{
    sp->ske_group = (uint16_t)CASE_ARG(sp);
}
static void ske_explicit(gt_sp *sp)
{
    sp->ske_curve_type = 1;
}
static void ske_sha1(gt_sp *sp)
{
    for (size_t i = 0; i < sp->n_client_sigalgs; i++)
        if (sp->client_sigalgs[i] == 0x0201) {
            gt_sp_fail(sp, GT_OBS_NOT_APPLICABLE, "the client offered rsa_pkcs1_sha1");
            return;
        }
    sp->ske_sigalg = 0x0201;
}
static void ske_trailing(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_u8(m, 0);
    gt_sp_relen(m);
}
static void half_msg(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    m->n /= 2; /* the header still claims the whole message */
}
static void fin_flip(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    m->p[m->n - 1] ^= 0x01;
}

static void group_setup(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c)
{
    (void)env, (void)c;
    cfg->ecdsa_chain = NULL; /* RSA-signed: the group is independent of the certificate */
}

/* ---- generated: client state machine ------------------------------------------------------ */

#define RCH                                                                                        \
    {                                                                                              \
        .op = GT_OP_READ_CLIENT_HELLO                                                              \
    }
#define SH                                                                                         \
    {                                                                                              \
        .op = GT_OP_SERVER_HELLO                                                                   \
    }
#define SC                                                                                         \
    {                                                                                              \
        .op = GT_OP_SERVER_CERT                                                                    \
    }
#define SKE                                                                                        \
    {                                                                                              \
        .op = GT_OP_SKE                                                                            \
    }
#define SHD                                                                                        \
    {                                                                                              \
        .op = GT_OP_SHD                                                                            \
    }
#define RCF                                                                                        \
    {                                                                                              \
        .op = GT_OP_READ_CLIENT_FLIGHT                                                             \
    }
#define END                                                                                        \
    {                                                                                              \
        0                                                                                          \
    }

static const struct {
    const char *name;
    gt_sp_step prefix[7];
} states[] = {
    {"before-server-hello", {RCH, END}},
    {"after-server-hello", {RCH, SH, END}},
    {"after-certificate", {RCH, SH, SC, END}},
    {"after-server-key-exchange", {RCH, SH, SC, SKE, END}},
    {"after-client-flight", {RCH, SH, SC, SKE, SHD, RCF, END}},
};

static const int msgs[] = {GT_HS_CLIENT_HELLO,
                           GT_HS_SERVER_HELLO,
                           GT_HS_CERTIFICATE,
                           GT_HS_SERVER_KEY_EXCHANGE,
                           GT_HS_CERTIFICATE_REQUEST,
                           GT_HS_SERVER_HELLO_DONE,
                           GT_HS_CERTIFICATE_VERIFY,
                           GT_HS_CLIENT_KEY_EXCHANGE,
                           GT_HS_FINISHED,
                           GT_HS_NEW_SESSION_TICKET,
                           99};

static int legal(size_t s, int m)
{
    switch (s) {
    case 0:
        return m == GT_HS_SERVER_HELLO;
    case 1:
        return m == GT_HS_CERTIFICATE;
    case 2:
        return m == GT_HS_SERVER_KEY_EXCHANGE;
    case 3:
        return m == GT_HS_CERTIFICATE_REQUEST || m == GT_HS_SERVER_HELLO_DONE;
    default:
        return 0; /* after the client's flight only ChangeCipherSpec is legal */
    }
}

static void gen_state_cases(void)
{
    char id[96];
    for (size_t s = 0; s < sizeof(states) / sizeof(states[0]); s++)
        for (size_t k = 0; k < sizeof(msgs) / sizeof(msgs[0]); k++) {
            int m = msgs[k];
            if (legal(s, m)) continue;
            gt_sp_step st[10];
            size_t n = 0;
            while (states[s].prefix[n].op != GT_OP_END)
                st[n] = states[s].prefix[n], n++;
            st[n++] = (gt_sp_step){.op = GT_OP_MSG, .arg = m};
            st[n++] = (gt_sp_step){.op = GT_OP_WAIT};
            snprintf(id, sizeof(id), "csm.%s.%s", states[s].name,
                     m == 99 ? "unknown-type-99" : gt_wire_hs_name(m));
            gt_cf_case c = {strdup(id),
                            "RFC 5246 §7.4",
                            Q_ORDER,
                            GT_TARGET_CLIENT,
                            gt_cf_steps(st, n),
                            GT_X_ALERT,
                            ALERTS1(A(unexpected_message)),
                            .flags = GT_CF_ECDHE};
            if (m == 99) c.n_alerts = 2, c.alerts[1] = A(decode_error);
            gt_cf_add(gt_cf_new(&c));
        }
}

/* ---- fixed cases ----------------------------------------------------------------------------- */

#define C GT_TARGET_CLIENT
#define SH_THEN_WAIT(pre_, post_)                                                                  \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        RCH, {.op = GT_OP_SERVER_HELLO, .pre = pre_, .post = post_}, SC, SKE, SHD, RCF,            \
            {.op = GT_OP_WAIT}, END                                                                \
    }
#define SKE_THEN_WAIT(pre_, post_)                                                                 \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        RCH, SH, SC, {.op = GT_OP_SKE, .pre = pre_, .post = post_}, SHD, RCF, {.op = GT_OP_WAIT},  \
            END                                                                                    \
    }
#define PT3    ALERTS3(A(illegal_parameter), A(decode_error), A(handshake_failure))
#define SUITE2 ALERTS2(A(illegal_parameter), A(handshake_failure))
#define DEC2   ALERTS2(A(decode_error), A(illegal_parameter))
#define D(lit) .data = lit, .data_len = (int)sizeof(lit) - 1

static const gt_cf_case cases[] = {
    {"client.baseline", "RFC 5246 §7.3", "RFC 5246 §7.3: the full handshake (Figure 1).", C,
     (const gt_sp_step[]){{.op = GT_OP_SERVE}, END}, GT_X_OK, .flags = GT_CF_PER_SUITE},
    {"sh.version.tls11", "RFC 5246 App. E.1", Q_SH_VERSION, C, SH_THEN_WAIT(sh_version, NULL),
     GT_X_ALERT, ALERTS1(A(protocol_version)), .arg = 0x0302},
    {"sh.version.ssl3", "RFC 5246 App. E.1", Q_SH_VERSION, C, SH_THEN_WAIT(sh_version, NULL),
     GT_X_ALERT, ALERTS1(A(protocol_version)), .arg = 0x0300},
    {"sh.version.tls13-number", "RFC 5246 App. E.1", Q_SH_VERSION, C,
     SH_THEN_WAIT(sh_version, NULL), GT_X_ALERT, ALERTS2(A(protocol_version), A(illegal_parameter)),
     .arg = 0x0304},
    {"sh.suite.not-offered-tls13", "RFC 5246 §7.4.1.3", Q_SH_SUITE, C, SH_THEN_WAIT(sh_suite, NULL),
     GT_X_ALERT, SUITE2, .arg = 0x1301},
    {"sh.suite.null-null", "RFC 5246 §7.4.1.3", Q_SH_SUITE, C, SH_THEN_WAIT(sh_suite, NULL),
     GT_X_ALERT, SUITE2, .arg = 0x0000},
    {"sh.suite.reneg-scsv", "RFC 5246 §7.4.1.3", Q_SH_SUITE, C, SH_THEN_WAIT(sh_suite, NULL),
     GT_X_ALERT, SUITE2, .arg = 0x00ff},
    {"sh.suite.fallback-scsv", "RFC 5246 §7.4.1.3", Q_SH_SUITE, C, SH_THEN_WAIT(sh_suite, NULL),
     GT_X_ALERT, SUITE2, .arg = 0x5600},
    {"sh.compression.deflate", "RFC 5246 §7.4.1.3", Q_SH_COMP, C, SH_THEN_WAIT(sh_comp, NULL),
     GT_X_ALERT, ALERTS3(A(illegal_parameter), A(handshake_failure), A(decode_error))},
    {"sh.session-id.33-bytes", "RFC 5246 §7.4.1.3", Q_DECODE, C, SH_THEN_WAIT(sh_sid33, NULL),
     GT_X_ALERT, DEC2},
    {"sh.truncated", "RFC 5246 §7.4.1.3", Q_DECODE, C, SH_THEN_WAIT(NULL, sh_truncate), GT_X_ALERT,
     DEC2},
    {"sh.trailing-byte", "RFC 5246 §7.4.1.3", Q_DECODE, C, SH_THEN_WAIT(NULL, sh_trailing),
     GT_X_ALERT, DEC2},
    {"sh.extensions.block-overrun", "RFC 5246 §7.4.1.3", Q_DECODE, C, SH_THEN_WAIT(sh_block, NULL),
     GT_X_ALERT, DEC2},
    {"sh.extensions.unoffered-unknown", "RFC 5246 §7.4.1.4", Q_SH_EXT, C,
     SH_THEN_WAIT(sh_ext_raw, NULL), GT_X_ALERT, ALERTS1(A(unsupported_extension)), .arg = 0x1234,
     D("")},
    {"sh.extensions.unoffered-alpn", "RFC 5246 §7.4.1.4", Q_SH_EXT, C, SH_THEN_WAIT(sh_alpn, NULL),
     GT_X_ALERT, ALERTS1(A(unsupported_extension))},
    {"sh.extensions.unoffered-max-fragment-length", "RFC 5246 §7.4.1.4", Q_SH_EXT, C,
     SH_THEN_WAIT(sh_ext_raw, NULL), GT_X_ALERT,
     ALERTS2(A(unsupported_extension), A(illegal_parameter)), .arg = 1, D("\x02")},
    {"sh.extensions.duplicate-ems", "RFC 5246 §7.4.1.4", Q_DUP, C, SH_THEN_WAIT(sh_dup_ems, NULL),
     GT_X_ALERT, DEC2},
    {"sh.reneg.non-empty", "RFC 5746 §3.4", Q_RENEG, C, SH_THEN_WAIT(sh_ext_raw, NULL), GT_X_ALERT,
     ALERTS1(A(handshake_failure)), .arg = 0xff01,
     D("\x0c"
       "abcdefghijkl")},
    {"sh.reneg.malformed", "RFC 5746 §3.4", Q_RENEG, C, SH_THEN_WAIT(sh_ext_raw, NULL), GT_X_ALERT,
     ALERTS3(A(handshake_failure), A(decode_error), A(illegal_parameter)), .arg = 0xff01, D("")},
    {"sh.ems.non-empty", "RFC 7627 §5.1", Q_EMS, C, SH_THEN_WAIT(sh_ext_raw, NULL), GT_X_ALERT,
     DEC2, .arg = 23, D("\x00"), .flags = GT_CF_EMS},
    {"ske.p256.off-curve", "RFC 8422 §5.11", Q_SKE_POINT, C, SKE_THEN_WAIT(ske_point, NULL),
     GT_X_ALERT, PT3, .arg = 1, .need_group = GT_GROUP_P256},
    {"ske.p256.infinity", "RFC 8422 §5.11", Q_SKE_POINT, C, SKE_THEN_WAIT(ske_point, NULL),
     GT_X_ALERT, PT3, .arg = 2, .need_group = GT_GROUP_P256},
    {"ske.p256.compressed", "RFC 8422 §5.11", Q_SKE_POINT, C, SKE_THEN_WAIT(ske_point, NULL),
     GT_X_ALERT, PT3, .arg = 5, .need_group = GT_GROUP_P256},
    {"ske.p256.short", "RFC 8422 §5.11", Q_SKE_POINT, C, SKE_THEN_WAIT(ske_point, NULL), GT_X_ALERT,
     PT3, .arg = 4, .need_group = GT_GROUP_P256},
    {"ske.p384.off-curve", "RFC 8422 §5.11", Q_SKE_POINT, C, SKE_THEN_WAIT(ske_point, NULL),
     GT_X_ALERT, PT3, .arg = 1, .need_group = GT_GROUP_P384},
    {"ske.x25519.all-zero", "RFC 8422 §5.11", Q_SKE_POINT, C, SKE_THEN_WAIT(ske_point, NULL),
     GT_X_ALERT, PT3, .arg = 3, .need_group = GT_GROUP_X25519},
    {"ske.x25519.short", "RFC 8422 §5.11", Q_SKE_POINT, C, SKE_THEN_WAIT(ske_point, NULL),
     GT_X_ALERT, PT3, .arg = 4, .need_group = GT_GROUP_X25519},
    {"ske.group.not-offered-secp521r1", "RFC 8422 §5.4", Q_SKE_GROUP, C,
     SKE_THEN_WAIT(ske_group, NULL), GT_X_ALERT, PT3, .arg = 25, .flags = GT_CF_ECDHE},
    {"ske.group.explicit-prime", "RFC 8422 §5.4", Q_SKE_GROUP, C, SKE_THEN_WAIT(ske_explicit, NULL),
     GT_X_ALERT, PT3, .flags = GT_CF_ECDHE},
    {"ske.sigalg.not-offered-sha1", "RFC 5246 §7.4.1.4.1", Q_SKE_SIGALG, C,
     SKE_THEN_WAIT(ske_sha1, NULL), GT_X_ALERT,
     ALERTS3(A(illegal_parameter), A(handshake_failure), A(decrypt_error)),
     .flags = GT_CF_ECDHE | GT_CF_RSA_AUTH, .setup = group_setup},
    {"ske.trailing-byte", "RFC 8422 §5.4", Q_DECODE, C, SKE_THEN_WAIT(NULL, ske_trailing),
     GT_X_ALERT, ALERTS3(A(decode_error), A(illegal_parameter), A(decrypt_error)),
     .flags = GT_CF_ECDHE},
    {"csm.ccs.after-server-hello", "RFC 5246 §7.1", Q_CCS, C,
     (const gt_sp_step[]){RCH, SH, {.op = GT_OP_CCS}, {.op = GT_OP_WAIT}, END}, GT_X_ALERT,
     ALERTS1(A(unexpected_message))},
    {"csm.ccs.before-server-hello-done", "RFC 5246 §7.1", Q_CCS, C,
     (const gt_sp_step[]){RCH, SH, SC, SKE, {.op = GT_OP_CCS}, {.op = GT_OP_WAIT}, END}, GT_X_ALERT,
     ALERTS1(A(unexpected_message)), .flags = GT_CF_ECDHE},
    {"csm.finished.without-ccs", "RFC 5246 §7.4.9", Q_CCS, C,
     (const gt_sp_step[]){
         RCH, SH, SC, SKE, SHD, RCF, {.op = GT_OP_FINISHED}, {.op = GT_OP_WAIT}, END},
     GT_X_ALERT, ALERTS1(A(unexpected_message)), .flags = GT_CF_ECDHE},
    {"csm.finished.bad-verify-data", "RFC 5246 §7.4.9", Q_FIN, C,
     (const gt_sp_step[]){RCH,
                          SH,
                          SC,
                          SKE,
                          SHD,
                          RCF,
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .post = fin_flip},
                          {.op = GT_OP_WAIT},
                          END},
     GT_X_ALERT, ALERTS1(A(decrypt_error)), .flags = GT_CF_ECDHE | GT_CF_PER_SUITE},
    {"csm.app.before-finished", "RFC 5246 §7.4.9", Q_APP, C,
     (const gt_sp_step[]){
         RCH, SH, SC, SKE, SHD, RCF, {.op = GT_OP_CCS}, {.op = GT_OP_APP}, {.op = GT_OP_WAIT}, END},
     GT_X_ALERT, ALERTS1(A(unexpected_message)), .flags = GT_CF_ECDHE},
    {"csm.app.before-ccs", "RFC 5246 §7.4.9", Q_APP, C,
     (const gt_sp_step[]){RCH, SH, SC, SKE, SHD, RCF, {.op = GT_OP_APP}, {.op = GT_OP_WAIT}, END},
     GT_X_ALERT, ALERTS1(A(unexpected_message)), .flags = GT_CF_ECDHE},
    {"csm.hello-request.during-handshake", "RFC 5246 §7.4.1.1", Q_HR, C,
     (const gt_sp_step[]){RCH,
                          {.op = GT_OP_MSG, .arg = GT_HS_HELLO_REQUEST, .flags = GT_F_NOHASH},
                          {.op = GT_OP_SERVER_HELLO},
                          SC,
                          SKE,
                          SHD,
                          RCF,
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_EXPECT_ANY},
                          END},
     GT_X_OK_OR_ALERT, ALERTS1(A(close_notify)), .warn_ok = 1, .flags = GT_CF_ECDHE},
    {"trunc.client.eof-after-server-hello", "RFC 5246 §7.2.1", Q_TRUNC, C,
     (const gt_sp_step[]){RCH, SH, {.op = GT_OP_HALF_CLOSE}, {.op = GT_OP_WAIT}, END}, GT_X_ENDS},
    {"trunc.client.eof-inside-certificate", "RFC 5246 §7.2.1", Q_TRUNC, C,
     (const gt_sp_step[]){RCH,
                          SH,
                          {.op = GT_OP_SERVER_CERT, .post = half_msg},
                          {.op = GT_OP_HALF_CLOSE},
                          {.op = GT_OP_WAIT},
                          END},
     GT_X_ENDS},
    {"trunc.client.eof-before-finished", "RFC 5246 §7.2.1", Q_TRUNC, C,
     (const gt_sp_step[]){RCH,
                          SH,
                          SC,
                          SKE,
                          SHD,
                          RCF,
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_HALF_CLOSE},
                          {.op = GT_OP_WAIT},
                          END},
     GT_X_ENDS, .flags = GT_CF_ECDHE},
    {"csm.hello-request.after-handshake", "RFC 5246 §7.4.1.1", Q_HR, C,
     (const gt_sp_step[]){{.op = GT_OP_SERVE},
                          {.op = GT_OP_MSG, .arg = GT_HS_HELLO_REQUEST},
                          {.op = GT_OP_EXPECT_ANY},
                          END},
     GT_X_OK_OR_ALERT, ALERTS2(A(no_renegotiation), A(close_notify)), .warn_ok = 1},
};

void gt_cf_cases_client(void)
{
    gen_state_cases();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
