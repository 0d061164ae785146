/*
 * Alerts and closure (the target is a server): close_notify must be
 * answered, warnings the server can ignore, fatal alerts end the
 * connection without more messages, malformed alert records.
 */
#include "conform.h"
#include "hooks.h"

static const char Q_CLOSE[] =
    "RFC 5246 §7.2.1: Unless some other fatal alert has been transmitted, each party is required "
    "to send a close_notify alert before closing the write side of the connection.  The other "
    "party MUST respond with a close_notify alert of its own and close down the connection "
    "immediately, discarding any pending writes.";
static const char Q_FATAL[] =
    "RFC 5246 §7.2: Upon transmission or receipt of a fatal alert message, both parties "
    "immediately close the connection.";
static const char Q_WARN[] =
    "RFC 5246 §7.2.2: If an alert with a level of warning is sent and received, generally the "
    "connection can continue normally. (user_canceled: §7.2.1 ... This alert should be followed "
    "by a close_notify.)";
static const char Q_NO_RENEG[] =
    "RFC 5246 §7.2.2: no_renegotiation: Sent by the client in response to a hello request or by "
    "the server in response to a client hello after initial handshaking. (Unsolicited, it is out "
    "of place: continuing, or unexpected_message/handshake_failure, are accepted.)";
static const char Q_ALERT_SYNTAX[] =
    "RFC 5246 §7.2: struct { AlertLevel level; AlertDescription description; } Alert; enum { "
    "warning(1), fatal(2), (255) } AlertLevel; (a two-byte message; anything else: decode_error, "
    "illegal_parameter or unexpected_message accepted.)";
static const char Q_ALERT_FRAG[] =
    "RFC 5246 §6.2.1: a single message MAY be fragmented across several records. (TLS 1.2 does "
    "not forbid fragmented alerts; RFC 8446 §5.1 does. Accepted: the alert is reassembled and "
    "answered, or a fatal decode_error/unexpected_message.)";

static const char Q_TRUNC[] =
    "RFC 5246 §7.2.1: Unless some other fatal alert has been transmitted, each party is required "
    "to send a close_notify alert before closing the write side of the connection. (A stream "
    "that ends without it, or inside a record, is truncated: the target must end the connection "
    "— a close or a fatal alert — and neither hang nor answer with data.)";

/* The first three bytes of an application-data record header. */
static void partial_header(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_put(m, "\x17\x03\x03", 3);
}
/* A whole header announcing 100 bytes, and 10 of them. */
static void partial_body(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_put(m, "\x17\x03\x03\x00\x64", 5);
    gt_wbuf_fill(m, 0x42, 10);
}

/* The ClientHello cut short, its header still claiming the whole. */
static void cut_hello(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    m->n /= 2;
}

static void one_byte(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_u8(m, 1); /* warning, then nothing */
}
static void desc_byte(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_u8(m, 0); /* close_notify, the second half */
}
static void three_bytes(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_u8(m, 1);
    gt_wbuf_u8(m, 0);
    gt_wbuf_u8(m, 0);
}

#define S GT_TARGET_SERVER
#define HS                                                                                         \
    {                                                                                              \
        .op = GT_OP_HANDSHAKE                                                                      \
    }
#define CH_FLIGHT                                                                                  \
    {.op = GT_OP_CLIENT_HELLO},                                                                    \
    {                                                                                              \
        .op = GT_OP_SERVER_FLIGHT                                                                  \
    }
#define AL(l, d)                                                                                   \
    {                                                                                              \
        .op = GT_OP_ALERT, .arg = (l) << 8 | (d)                                                   \
    }
#define BADALERT GT_X_ALERT, ALERTS3(A(decode_error), A(illegal_parameter), A(unexpected_message))

static const gt_cf_case cases[] = {
    {"alert.close-notify.answered", "RFC 5246 §7.2.1", Q_CLOSE, S,
     (const gt_sp_step[]){HS, AL(1, 0), {.op = GT_OP_EXPECT_CLOSE_NOTIFY}, {0}}, GT_X_OK,
     .flags = GT_CF_PER_SUITE},
    {"alert.close-notify.answered-after-data", "RFC 5246 §7.2.1", Q_CLOSE, S,
     (const gt_sp_step[]){HS, {.op = GT_OP_APP}, AL(1, 0), {.op = GT_OP_EXPECT_CLOSE_NOTIFY}, {0}},
     GT_X_OK},
    {"alert.close-notify.during-handshake", "RFC 5246 §7.2.1", Q_CLOSE, S,
     (const gt_sp_step[]){CH_FLIGHT, AL(1, 0), {.op = GT_OP_WAIT}, {0}}, GT_X_CLOSED},
    {"alert.fatal.during-handshake", "RFC 5246 §7.2", Q_FATAL, S,
     (const gt_sp_step[]){CH_FLIGHT, AL(2, 40), {.op = GT_OP_WAIT}, {0}}, GT_X_CLOSED},
    {"alert.fatal.after-handshake", "RFC 5246 §7.2", Q_FATAL, S,
     (const gt_sp_step[]){HS, AL(2, 80), {.op = GT_OP_WAIT}, {0}}, GT_X_CLOSED},
    {"alert.fatal.unknown-description", "RFC 5246 §7.2", Q_FATAL, S,
     (const gt_sp_step[]){HS, AL(2, 222), {.op = GT_OP_WAIT}, {0}}, GT_X_CLOSED},
    {"alert.warning.user-canceled-then-data", "RFC 5246 §7.2.2", Q_WARN, S,
     (const gt_sp_step[]){HS, AL(1, 90), {.op = GT_OP_APP}, {.op = GT_OP_EXPECT_APP}, {0}},
     GT_X_OK},
    {"alert.warning.unsolicited-no-renegotiation", "RFC 5246 §7.2.2", Q_NO_RENEG, S,
     (const gt_sp_step[]){HS, AL(1, 100), {.op = GT_OP_APP}, {.op = GT_OP_EXPECT_APP}, {0}},
     GT_X_OK_OR_ALERT, ALERTS2(A(unexpected_message), A(handshake_failure))},
    {"alert.syntax.one-byte", "RFC 5246 §7.2", Q_ALERT_SYNTAX, S,
     (const gt_sp_step[]){HS,
                          {.op = GT_OP_RECORD, .arg = GT_CT_ALERT, .post = one_byte},
                          {.op = GT_OP_APP},
                          {.op = GT_OP_WAIT},
                          {0}},
     BADALERT},
    {"alert.syntax.three-bytes", "RFC 5246 §7.2", Q_ALERT_SYNTAX, S,
     (const gt_sp_step[]){HS,
                          {.op = GT_OP_RECORD, .arg = GT_CT_ALERT, .post = three_bytes},
                          {.op = GT_OP_WAIT},
                          {0}},
     BADALERT},
    {"alert.syntax.level-3", "RFC 5246 §7.2", Q_ALERT_SYNTAX, S,
     (const gt_sp_step[]){HS, AL(3, 0), {.op = GT_OP_WAIT}, {0}}, BADALERT},
    {"alert.syntax.level-0-before-hello", "RFC 5246 §7.2", Q_ALERT_SYNTAX, S,
     (const gt_sp_step[]){AL(0, 10), {.op = GT_OP_WAIT}, {0}}, BADALERT},
    {"trunc.eof-after-handshake", "RFC 5246 §7.2.1", Q_TRUNC, S,
     (const gt_sp_step[]){HS, {.op = GT_OP_HALF_CLOSE}, {.op = GT_OP_WAIT}, {0}}, GT_X_ENDS},
    {"trunc.eof-after-data", "RFC 5246 §7.2.1", Q_TRUNC, S,
     (const gt_sp_step[]){HS,
                          {.op = GT_OP_APP},
                          {.op = GT_OP_EXPECT_APP},
                          {.op = GT_OP_HALF_CLOSE},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ENDS},
    {"trunc.eof-inside-record-header", "RFC 5246 §7.2.1", Q_TRUNC, S,
     (const gt_sp_step[]){HS,
                          {.op = GT_OP_RAW, .post = partial_header},
                          {.op = GT_OP_HALF_CLOSE},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ENDS},
    {"trunc.eof-inside-record-body", "RFC 5246 §7.2.1", Q_TRUNC, S,
     (const gt_sp_step[]){HS,
                          {.op = GT_OP_RAW, .post = partial_body},
                          {.op = GT_OP_HALF_CLOSE},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ENDS},
    {"trunc.eof-during-handshake", "RFC 5246 §7.2.1", Q_TRUNC, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_HALF_CLOSE}, {.op = GT_OP_WAIT}, {0}}, GT_X_ENDS},
    {"trunc.eof-inside-client-hello", "RFC 5246 §7.2.1", Q_TRUNC, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO, .post = cut_hello},
                          {.op = GT_OP_HALF_CLOSE},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ENDS},
    {"alert.fragmented.close-notify", "RFC 5246 §6.2.1", Q_ALERT_FRAG, S,
     (const gt_sp_step[]){HS,
                          {.op = GT_OP_RECORD, .arg = GT_CT_ALERT, .post = one_byte},
                          {.op = GT_OP_RECORD, .arg = GT_CT_ALERT, .post = desc_byte},
                          {.op = GT_OP_EXPECT_CLOSE_NOTIFY},
                          {0}},
     GT_X_OK_OR_ALERT, ALERTS2(A(decode_error), A(unexpected_message))},
};

void gt_cf_cases_alert(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
