/*
 * The record layer (the target is a server): oversized records and
 * fragments, unknown content types, record versions, zero-length fragments
 * of each type, bad MAC/tag, CBC padding (MAC-then-encrypt and
 * encrypt-then-MAC), fragmentation. Cases whose bytes depend on the cipher
 * run once per suite.
 */
#include "conform.h"
#include "hooks.h"

#include <string.h>

static const char Q_OVERFLOW[] =
    "RFC 5246 §6.2.1: The length (in bytes) of the following TLSPlaintext.fragment.  The length "
    "MUST NOT exceed 2^14. (§7.2.2) record_overflow: A TLSCiphertext record was received that had "
    "a length more than 2^14+2048 bytes, or a record decrypted to a TLSCompressed record with more "
    "than 2^14+1024 bytes.";
static const char Q_TYPE[] =
    "RFC 5246 §6: If a TLS implementation receives an unexpected record type, it MUST send an "
    "unexpected_message alert.";
static const char Q_ZERO[] =
    "RFC 5246 §6.2.1: Implementations MUST NOT send zero-length fragments of Handshake, Alert, or "
    "ChangeCipherSpec content types.  Zero-length fragments of Application data MAY be sent as "
    "they are potentially useful as a traffic analysis countermeasure. (Receiving the forbidden "
    "kind: ignoring it or a fatal alert are both accepted.)";
static const char Q_ZERO_APP[] =
    "RFC 5246 §6.2.1: Zero-length fragments of Application data MAY be sent as they are "
    "potentially useful as a traffic analysis countermeasure.";
static const char Q_MAC[] =
    "RFC 5246 §7.2.2: bad_record_mac: This alert is returned if a record is received with an "
    "incorrect MAC.  This alert also MUST be returned if an alert is sent because a TLSCiphertext "
    "decrypted in an invalid way: either it wasn't an even multiple of the block length, or its "
    "padding values, when checked, weren't correct.";
static const char Q_AEAD[] =
    "RFC 5246 §6.2.3.3: If the decryption fails, a fatal bad_record_mac alert MUST be generated.";
static const char Q_PAD_OK[] =
    "RFC 5246 §6.2.3.2: The padding MAY be any length up to 255 bytes, as long as it results in "
    "the TLSCiphertext.length being an integral multiple of the block length.";
static const char Q_ETM[] =
    "RFC 7366 §3: ... the MAC is checked before decryption; if the MAC is invalid, the record is "
    "rejected with bad_record_mac. (RFC 5246 §7.2.2 bad_record_mac also covers invalid padding.)";
static const char Q_VERSION[] =
    "RFC 5246 §6.2.1: version: The version of the protocol being employed. (After the hellos the "
    "version is fixed; RFC 5246 does not name an alert for a record of another version, so "
    "ignoring it or a fatal alert are both accepted.)";
static const char Q_FRAG[] =
    "RFC 5246 §6.2.1: The record layer fragments information blocks into TLSPlaintext records "
    "carrying data in chunks of 2^14 bytes or less. ... a single message MAY be fragmented across "
    "several records.";

/* ---- hooks --------------------------------------------------------------------------- */

static void tamper(gt_sp *sp)
{
    switch (CASE_ARG(sp)) {
    case 1:
        sp->tamper.flip_last = 1;
        break;
    case 2:
        sp->tamper.flip_first = 1;
        break;
    case 3:
        sp->tamper.truncate = 1;
        break;
    case 4:
        sp->tamper.truncate = 1000;
        break; /* nothing left of the record */
    case 5:
        sp->tamper.pad_bad = 1, sp->tamper.pad_extra = 1;
        break;
    case 6:
        sp->tamper.pad_overlong = 1;
        break;
    case 7:
        sp->tamper.flip_mac = 1;
        break;
    case 8:
        sp->tamper.no_mac = 1;
        break;
    case 9:
        sp->tamper.pad_extra = 3;
        break;
    case 10:
        sp->tamper.pad_max = 1;
        break;
    default:
        break;
    }
}
static void etm_on(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c)
{
    (void)env, (void)c;
    cfg->etm = 1;
}
/* An HTTP request padded to exactly `arg` bytes, so that an echo server and
 * an HTTP server (s_server -www) both answer it. */
static void big_app(gt_sp *sp, gt_wbuf *m)
{
    static const char head[] = "GET / HTTP/1.0\r\nX-Pad: ", tail[] = "\r\n\r\n";
    size_t want = (size_t)CASE_ARG(sp);
    gt_wbuf_reset(m);
    gt_wbuf_put(m, head, sizeof(head) - 1);
    gt_wbuf_fill(m, 'a', want - (sizeof(head) - 1) - (sizeof(tail) - 1));
    gt_wbuf_put(m, tail, sizeof(tail) - 1);
}
static void empty(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_reset(m);
}
static void junk16(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_fill(m, 0x42, 16);
}
/* A first record with a length field past 2^14+2048 (RFC 5246 §6.2.3). */
static void huge_record(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    size_t n = 16384 + 2049;
    gt_wbuf_u8(m, GT_CT_HANDSHAKE);
    gt_wbuf_u16(m, 0x0301);
    gt_wbuf_u16(m, (unsigned)n);
    gt_wbuf_fill(m, 0, n);
}
/* ClientHello padded with unknown extensions to exactly `arg` bytes. */
static void ch_size(gt_sp *sp)
{
    static uint8_t pad[GT_WIRE_EXT_BODY];
    gt_wbuf b = {0};
    size_t want = (size_t)CASE_ARG(sp);
    gt_wire_client_hello(&b, &sp->hello);
    size_t have = 4 + b.n;
    gt_wbuf_free(&b);
    for (uint16_t t = 0x7b00; have + 4 < want; t++) {
        size_t k = want - have - 4 > GT_WIRE_EXT_BODY ? GT_WIRE_EXT_BODY : want - have - 4;
        gt_wire_ext_add(&sp->hello.ext, t, pad, k);
        have += 4 + k;
    }
}

/* ---- scripts -------------------------------------------------------------------------- */

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
#define BAD_FIN                                                                                    \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        CH_FLIGHT, {.op = GT_OP_CKE}, {.op = GT_OP_CCS}, {.op = GT_OP_FINISHED, .pre = tamper},    \
            WAIT                                                                                   \
    }
#define BAD_APP                                                                                    \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_APP, .pre = tamper}, WAIT                            \
    }
#define GOOD_APP(pre_)                                                                             \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_APP, .pre = pre_}, {.op = GT_OP_EXPECT_APP},         \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define MAC    ALERTS1(A(bad_record_mac))
#define PS     GT_CF_PER_SUITE
#define PS_CBC (GT_CF_PER_SUITE | GT_CF_CBC)
#define PS_ETM (GT_CF_PER_SUITE | GT_CF_ETM)
#define ZERO_OK                                                                                    \
    GT_X_OK_OR_ALERT, ALERTS3(A(unexpected_message), A(decode_error), A(illegal_parameter))

static const gt_cf_case cases[] = {
    /* sizes */
    {"rec.overflow.ciphertext-18433", "RFC 5246 §6.2.3", Q_OVERFLOW, S,
     (const gt_sp_step[]){{.op = GT_OP_RAW, .post = huge_record}, WAIT}, GT_X_ALERT,
     ALERTS1(A(record_overflow))},
    {"rec.overflow.plaintext-hello-16385", "RFC 5246 §6.2.1", Q_OVERFLOW, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO, .pre = ch_size, .frag = 20000}, WAIT},
     GT_X_ALERT, ALERTS1(A(record_overflow)), .arg = 16385},
    {"rec.max.plaintext-hello-16384", "RFC 5246 §6.2.1", Q_FRAG, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO, .pre = ch_size, .frag = 20000},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     GT_X_OK, .arg = 16384},
    {"rec.overflow.appdata-16385", "RFC 5246 §6.2.1", Q_OVERFLOW, S,
     (const gt_sp_step[]){
         {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_APP, .post = big_app, .frag = 20000}, WAIT},
     GT_X_ALERT, ALERTS1(A(record_overflow)), .arg = 16385, .flags = PS},
    {"rec.max.appdata-16384", "RFC 5246 §6.2.1", Q_FRAG, S,
     (const gt_sp_step[]){{.op = GT_OP_HANDSHAKE},
                          {.op = GT_OP_APP, .post = big_app},
                          {.op = GT_OP_EXPECT_APP},
                          {0}},
     GT_X_OK, .arg = 16384, .flags = PS},
    /* content types */
    {"rec.type.unknown-99-initial", "RFC 5246 §6", Q_TYPE, S,
     (const gt_sp_step[]){{.op = GT_OP_RECORD, .arg = 99, .post = junk16}, WAIT}, GT_X_ALERT,
     ALERTS1(A(unexpected_message))},
    {"rec.type.heartbeat-24-initial", "RFC 5246 §6", Q_TYPE, S,
     (const gt_sp_step[]){{.op = GT_OP_RECORD, .arg = 24, .post = junk16}, WAIT}, GT_X_ALERT,
     ALERTS1(A(unexpected_message))},
    {"rec.type.unknown-19-after-hello", "RFC 5246 §6", Q_TYPE, S,
     (const gt_sp_step[]){CH_FLIGHT, {.op = GT_OP_RECORD, .arg = 19, .post = junk16}, WAIT},
     GT_X_ALERT, ALERTS1(A(unexpected_message))},
    {"rec.type.unknown-99-encrypted", "RFC 5246 §6", Q_TYPE, S,
     (const gt_sp_step[]){
         {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_RECORD, .arg = 99, .post = junk16}, WAIT},
     GT_X_ALERT, ALERTS1(A(unexpected_message))},
    {"rec.type.zero", "RFC 5246 §6", Q_TYPE, S,
     (const gt_sp_step[]){{.op = GT_OP_RECORD, .arg = 0, .post = junk16}, WAIT}, GT_X_ALERT,
     ALERTS1(A(unexpected_message))},
    /* record versions after the hellos */
    {"rec.version.0301-after-hello", "RFC 5246 §6.2.1", Q_VERSION, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE, .rec_version = 0x0301},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     GT_X_OK_OR_ALERT, ALERTS3(A(protocol_version), A(illegal_parameter), A(unexpected_message))},
    {"rec.version.0304-encrypted", "RFC 5246 §6.2.1", Q_VERSION, S,
     (const gt_sp_step[]){{.op = GT_OP_HANDSHAKE},
                          {.op = GT_OP_APP, .rec_version = 0x0304},
                          {.op = GT_OP_EXPECT_APP},
                          {0}},
     GT_X_OK_OR_ALERT, ALERTS3(A(protocol_version), A(bad_record_mac), A(illegal_parameter))},
    /* zero-length fragments of each type */
    {"rec.zero-length.handshake-initial", "RFC 5246 §6.2.1", Q_ZERO, S,
     (const gt_sp_step[]){
         {.op = GT_OP_RECORD, .arg = GT_CT_HANDSHAKE, .post = empty}, {.op = GT_OP_HANDSHAKE}, {0}},
     ZERO_OK},
    {"rec.zero-length.handshake-before-cke", "RFC 5246 §6.2.1", Q_ZERO, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_RECORD, .arg = GT_CT_HANDSHAKE, .post = empty},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     ZERO_OK},
    {"rec.zero-length.alert", "RFC 5246 §6.2.1", Q_ZERO, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_RECORD, .arg = GT_CT_ALERT, .post = empty},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     ZERO_OK},
    {"rec.zero-length.ccs", "RFC 5246 §6.2.1", Q_ZERO, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_RECORD, .arg = GT_CT_CCS, .post = empty},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     ZERO_OK},
    {"rec.zero-length.handshake-encrypted", "RFC 5246 §6.2.1", Q_ZERO, S,
     (const gt_sp_step[]){{.op = GT_OP_HANDSHAKE},
                          {.op = GT_OP_RECORD, .arg = GT_CT_HANDSHAKE, .post = empty},
                          {.op = GT_OP_APP},
                          {.op = GT_OP_EXPECT_APP},
                          {0}},
     ZERO_OK},
    {"rec.zero-length.appdata", "RFC 5246 §6.2.1", Q_ZERO_APP, S,
     (const gt_sp_step[]){{.op = GT_OP_HANDSHAKE},
                          {.op = GT_OP_RECORD, .arg = GT_CT_APPDATA, .post = empty},
                          {.op = GT_OP_APP},
                          {.op = GT_OP_EXPECT_APP},
                          {0}},
     GT_X_OK, .flags = PS},
    /* MAC and tag */
    {"rec.bad-mac.finished-last-byte", "RFC 5246 §7.2.2", Q_MAC, S, BAD_FIN, GT_X_ALERT, MAC,
     .arg = 1, .flags = PS},
    {"rec.bad-mac.finished-first-byte", "RFC 5246 §7.2.2", Q_MAC, S, BAD_FIN, GT_X_ALERT, MAC,
     .arg = 2, .flags = PS},
    {"rec.bad-mac.finished-truncated", "RFC 5246 §7.2.2", Q_MAC, S, BAD_FIN, GT_X_ALERT,
     ALERTS2(A(bad_record_mac), A(decode_error)), .arg = 3, .flags = PS},
    {"rec.bad-mac.appdata-last-byte", "RFC 5246 §7.2.2", Q_MAC, S, BAD_APP, GT_X_ALERT, MAC,
     .arg = 1, .flags = PS},
    {"rec.bad-mac.appdata-first-byte", "RFC 5246 §7.2.2", Q_MAC, S, BAD_APP, GT_X_ALERT, MAC,
     .arg = 2, .flags = PS},
    {"rec.bad-mac.appdata-truncated", "RFC 5246 §7.2.2", Q_MAC, S, BAD_APP, GT_X_ALERT,
     ALERTS2(A(bad_record_mac), A(decode_error)), .arg = 3, .flags = PS},
    {"rec.bad-mac.appdata-empty-fragment", "RFC 5246 §6.2.3.3", Q_AEAD, S, BAD_APP, GT_X_ALERT,
     ALERTS2(A(bad_record_mac), A(decode_error)), .arg = 4, .flags = PS},
    /* CBC padding, MAC-then-encrypt (RFC 5246 §6.2.3.2) */
    {"rec.cbc.bad-padding-byte", "RFC 5246 §7.2.2", Q_MAC, S, BAD_APP, GT_X_ALERT, MAC, .arg = 5,
     .flags = PS_CBC},
    {"rec.cbc.padding-length-255", "RFC 5246 §7.2.2", Q_MAC, S, BAD_APP, GT_X_ALERT, MAC, .arg = 6,
     .flags = PS_CBC},
    {"rec.cbc.bad-mac", "RFC 5246 §7.2.2", Q_MAC, S, BAD_APP, GT_X_ALERT, MAC, .arg = 7,
     .flags = PS_CBC},
    {"rec.cbc.no-mac", "RFC 5246 §7.2.2", Q_MAC, S, BAD_APP, GT_X_ALERT, MAC, .arg = 8,
     .flags = PS_CBC},
    {"rec.cbc.bad-padding-finished", "RFC 5246 §7.2.2", Q_MAC, S, BAD_FIN, GT_X_ALERT, MAC,
     .arg = 5, .flags = PS_CBC},
    {"rec.cbc.padding-extra-blocks", "RFC 5246 §6.2.3.2", Q_PAD_OK, S, GOOD_APP(tamper), GT_X_OK,
     .arg = 9, .flags = PS_CBC},
    {"rec.cbc.padding-maximal", "RFC 5246 §6.2.3.2", Q_PAD_OK, S, GOOD_APP(tamper), GT_X_OK,
     .arg = 10, .flags = PS_CBC},
    /* encrypt-then-MAC (RFC 7366) */
    {"rec.etm.bad-mac", "RFC 7366 §3", Q_ETM, S, BAD_APP, GT_X_ALERT, MAC, .arg = 1,
     .flags = PS_ETM, .setup = etm_on},
    {"rec.etm.bad-ciphertext", "RFC 7366 §3", Q_ETM, S, BAD_APP, GT_X_ALERT, MAC, .arg = 2,
     .flags = PS_ETM, .setup = etm_on},
    {"rec.etm.bad-padding", "RFC 7366 §3", Q_ETM, S, BAD_APP, GT_X_ALERT, MAC, .arg = 5,
     .flags = PS_ETM, .setup = etm_on},
    {"rec.etm.padding-maximal", "RFC 7366 §3", Q_PAD_OK, S, GOOD_APP(tamper), GT_X_OK, .arg = 10,
     .flags = PS_ETM, .setup = etm_on},
    {"rec.etm.baseline", "RFC 7366 §3", Q_ETM, S, gt_cf_full_handshake_app, GT_X_OK,
     .flags = PS_ETM, .setup = etm_on},
    /* fragmentation of handshake messages */
    {"rec.fragment.cke-1-byte-records", "RFC 5246 §6.2.1", Q_FRAG, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE, .frag = 1},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     GT_X_OK},
    {"rec.fragment.finished-split", "RFC 5246 §6.2.1", Q_FRAG, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .frag = 3},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     GT_X_OK, .flags = PS},
    {"rec.fragment.appdata-1-byte-records", "RFC 5246 §6.2.1", Q_FRAG, S,
     (const gt_sp_step[]){
         {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_APP, .frag = 1}, {.op = GT_OP_EXPECT_APP}, {0}},
     GT_X_OK},
};

void gt_cf_cases_record(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
