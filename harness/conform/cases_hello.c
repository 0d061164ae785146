/*
 * ClientHello field validation (the target is a server): versions, cipher
 * suites, compression, session id, the extensions block, framing of the
 * hello itself. RFC 5246 §7.4.1.2, App. E.1; RFC 7507.
 */
#include "conform.h"
#include "hooks.h"

#include <string.h>

static const char Q_DECODE[] =
    "RFC 5246 §7.4.1.2: A server MUST accept ClientHello messages both with and without the "
    "extensions field, and (as for all other messages) it MUST check that the amount of data in "
    "the message precisely matches one of these formats; if not, then it MUST send a fatal "
    "\"decode_error\" alert.";
static const char Q_HIGHER[] =
    "RFC 5246 App. E.1: If a TLS server receives a ClientHello containing a version number "
    "greater than the highest version supported by the server, it MUST reply according to the "
    "highest version supported by the server.";
static const char Q_LOWER[] =
    "RFC 5246 App. E.1: If server supports (or is willing to use) only versions greater than "
    "client_version, it MUST send a \"protocol_version\" alert message and close the connection.";
static const char Q_RECVER[] =
    "RFC 5246 App. E.1: TLS servers compliant with this specification MUST accept any value "
    "{03,XX} as the record layer version number for ClientHello.";
static const char Q_SUITES[] =
    "RFC 5246 §7.4.1.2: The server will select a cipher suite or, if no acceptable choices are "
    "presented, return a handshake failure alert and close the connection.  If the list contains "
    "cipher suites the server does not recognize, support, or wish to use, the server MUST ignore "
    "those cipher suites, and process the remaining ones as usual.";
static const char Q_VEC[] =
    "RFC 5246 §7.4.1.2: SessionID session_id; CipherSuite cipher_suites<2..2^16-2>; "
    "CompressionMethod compression_methods<1..2^8-1>; (§7.2.2) decode_error: A message could not "
    "be decoded because some field was out of the specified range or the length of the message "
    "was incorrect. illegal_parameter: A field in the handshake was out of range or inconsistent "
    "with other fields. (Both definitions cover an out-of-range vector length: both accepted.)";
static const char Q_COMP[] =
    "RFC 5246 §7.4.1.2: This vector MUST contain, and all implementations MUST support, "
    "CompressionMethod.null.";
static const char Q_DUP[] = "RFC 5246 §7.4.1.4: There MUST NOT be more than one extension of the "
                            "same type.";
static const char Q_UNKNOWN_EXT[] =
    "RFC 5246 §7.4.1.4.1: the rules specified in [TLSEXT] require servers to ignore extensions "
    "they do not understand.";
static const char Q_NOEXT[] =
    "RFC 5246 §7.4.1.2: A server MUST accept ClientHello messages both with and without the "
    "extensions field. §7.4.1.4.1: If the client does not send the signature_algorithms "
    "extension, the server MUST ... behave as if client had sent the value {sha1,rsa}. §7.4.2: "
    "... all certificates provided by the server MUST be signed by a hash/signature algorithm "
    "pair that appears in that extension. (The test certificates are SHA-256 signed: completing "
    "or handshake_failure are both accepted.)";
static const char Q_FRAG[] =
    "RFC 5246 §6.2.1: multiple client messages of the same ContentType MAY be coalesced into a "
    "single TLSPlaintext record, or a single message MAY be fragmented across several records.";
static const char Q_FALLBACK[] =
    "RFC 7507 §3: If TLS_FALLBACK_SCSV appears in ClientHello.cipher_suites and the highest "
    "protocol version supported by the server is higher than the version indicated in "
    "ClientHello.client_version, the server MUST respond with a fatal inappropriate_fallback "
    "alert (unless it responds with a fatal protocol_version alert because the version indicated "
    "in ClientHello.client_version is unsupported). ... Otherwise ... the server proceeds with "
    "the handshake as usual.";
static const char Q_TWICE[] =
    "RFC 5246 §7.3/§7.4: the handshake messages MUST be sent in the order given; (§7.2.2) "
    "unexpected_message: An inappropriate message was received.";

/* ---- hooks (parameter = the case's arg) ------------------------------------ */

static void version(gt_sp *sp)
{
    sp->hello.version = (uint16_t)CASE_ARG(sp);
}
static void suites_only(gt_sp *sp)
{
    sp->hello.suites[0] = (uint16_t)CASE_ARG(sp);
    sp->hello.n_suites = 1;
}
static void suites_empty(gt_sp *sp)
{
    sp->hello.n_suites = 0;
}
static void suites_len(gt_sp *sp)
{
    sp->hello.suites_len_override = (long)sp->hello.n_suites * 2 + CASE_ARG(sp);
}
static void suites_unknown_first(gt_sp *sp)
{
    static const uint16_t junk[] = {0x0a0a, 0x1301, 0xfefe, 0x00ff + 0x100, 0x5600 + 1};
    memmove(sp->hello.suites + 5, sp->hello.suites, sp->hello.n_suites * 2);
    memcpy(sp->hello.suites, junk, sizeof(junk));
    sp->hello.n_suites += 5;
}
static void suites_many(gt_sp *sp)
{
    size_t n = sp->hello.n_suites;
    for (size_t i = 0; i + n < 128; i++)
        sp->hello.suites[n + i] = (uint16_t)(0xf000 + i);
    sp->hello.n_suites = 128;
    /* move the real suites last */
    uint16_t tmp[32];
    memcpy(tmp, sp->hello.suites, n * 2);
    memmove(sp->hello.suites, sp->hello.suites + n, (128 - n) * 2);
    memcpy(sp->hello.suites + 128 - n, tmp, n * 2);
}
static void fallback(gt_sp *sp)
{
    sp->hello.suites[sp->hello.n_suites++] = 0x5600; /* TLS_FALLBACK_SCSV, RFC 7507 §6 */
    if (CASE_ARG(sp)) sp->hello.version = (uint16_t)CASE_ARG(sp);
}
static void comp(gt_sp *sp)
{
    int a = CASE_ARG(sp);
    sp->hello.n_comp = a == 0 ? 0 : a == 1 ? 1 : 2;
    sp->hello.comp[0] = a == 1 ? 1 : 1; /* DEFLATE (RFC 3749) */
    sp->hello.comp[1] = 0;
}
static void comp_len(gt_sp *sp)
{
    sp->hello.comp_len_override = 3;
}
static void sid33(gt_sp *sp)
{
    sp->hello.sid_len = 33;
    memset(sp->hello.sid, 0x33, 33);
}
static void sid_unknown(gt_sp *sp)
{
    sp->hello.sid_len = 32;
    memset(sp->hello.sid, 0xa5, 32);
}
static void sid_len_over(gt_sp *sp)
{
    sp->hello.sid_len_override = 200;
}
static void ext_block_len(gt_sp *sp)
{
    sp->hello.ext.block_len_override = CASE_ARG(sp);
}
static void ext_block_delta(gt_sp *sp)
{
    gt_wbuf b = {0};
    gt_wire_exts_write(&b, &sp->hello.ext);
    sp->hello.ext.block_len_override = (long)b.n - 2 + CASE_ARG(sp);
    gt_wbuf_free(&b);
}
static void ext_none(gt_sp *sp)
{
    sp->hello.ext.n = 0;
}
static void ext_absent(gt_sp *sp)
{
    sp->hello.ext.absent = 1;
}
static void ext_dup(gt_sp *sp)
{
    gt_wire_ext *e = gt_wire_ext_find(&sp->hello.ext, (uint16_t)CASE_ARG(sp));
    if (e != NULL) gt_wire_ext_add(&sp->hello.ext, e->type, e->body, e->len);
}
static void ext_unknown(gt_sp *sp)
{
    gt_wire_ext_add(&sp->hello.ext, 0x3a3a, "\x01\x02\x03", (size_t)CASE_ARG(sp));
}
static void ext_last_len(gt_sp *sp)
{
    sp->hello.ext.e[sp->hello.ext.n - 1].len_override = 0x4000;
}
static void ext_large(gt_sp *sp)
{
    static uint8_t pad[2000];
    for (int i = 0; i < 9; i++)
        gt_wire_ext_add(&sp->hello.ext, (uint16_t)(0x7a00 + i), pad, 2000);
}
/* post hooks on the whole message */
static void trailing(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_u8(m, 0);
    gt_sp_relen(m);
}
static void one_byte_ext(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    gt_wbuf_u8(m, 0);
    gt_sp_relen(m);
}
static void cut_random(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    m->n = 4 + 2 + 20;
    gt_sp_relen(m);
}
static void hs_len_short(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    size_t n = m->n - 4 - 10;
    m->p[1] = (uint8_t)(n >> 16), m->p[2] = (uint8_t)(n >> 8), m->p[3] = (uint8_t)n;
}

/* ---- scripts ----------------------------------------------------------------- */

#define CH_WAIT(hook, post_)                                                                       \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_CLIENT_HELLO, .pre = hook, .post = post_}, {.op = GT_OP_WAIT},                \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define CH_OK(hook, post_)                                                                         \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_CLIENT_HELLO, .pre = hook, .post = post_}, {.op = GT_OP_SERVER_FLIGHT},       \
            {.op = GT_OP_CKE}, {.op = GT_OP_CCS}, {.op = GT_OP_FINISHED},                          \
            {.op = GT_OP_SERVER_FINISH}, {.op = GT_OP_APP}, {.op = GT_OP_EXPECT_APP},              \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define CH_FRAMED(frag_, ver)                                                                      \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_CLIENT_HELLO, .frag = frag_, .rec_version = ver},                             \
            {.op = GT_OP_SERVER_FLIGHT}, {.op = GT_OP_CKE}, {.op = GT_OP_CCS},                     \
            {.op = GT_OP_FINISHED}, {.op = GT_OP_SERVER_FINISH},                                   \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }

#define S GT_TARGET_SERVER
static const gt_cf_case cases[] = {
    {"ch.baseline", "RFC 5246 §7.3", "RFC 5246 §7.3: the full handshake message flow (Figure 1).",
     S, gt_cf_full_handshake_app, GT_X_OK, .flags = GT_CF_PER_SUITE},
    {"ch.version.ssl3", "RFC 5246 App. E.1", Q_LOWER, S, CH_WAIT(version, NULL), GT_X_ALERT,
     ALERTS1(A(protocol_version)), .arg = 0x0300},
    {"ch.version.tls10", "RFC 5246 App. E.1", Q_LOWER, S, CH_WAIT(version, NULL), GT_X_ALERT,
     ALERTS1(A(protocol_version)), .arg = 0x0301},
    {"ch.version.tls11", "RFC 5246 App. E.1", Q_LOWER, S, CH_WAIT(version, NULL), GT_X_ALERT,
     ALERTS1(A(protocol_version)), .arg = 0x0302},
    {"ch.version.sslv2-number", "RFC 5246 App. E.1", Q_LOWER, S, CH_WAIT(version, NULL), GT_X_ALERT,
     ALERTS1(A(protocol_version)), .arg = 0x0200},
    {"ch.version.tls13-number", "RFC 5246 App. E.1", Q_HIGHER, S, CH_OK(version, NULL), GT_X_OK,
     .arg = 0x0304},
    {"ch.version.03ff", "RFC 5246 App. E.1", Q_HIGHER, S, CH_OK(version, NULL), GT_X_OK,
     .arg = 0x03ff},
    {"ch.version.major4", "RFC 5246 App. E.1", Q_HIGHER, S, CH_OK(version, NULL), GT_X_OK,
     .arg = 0x0400},
    {"ch.record-version.0300", "RFC 5246 App. E.1", Q_RECVER, S, CH_FRAMED(0, 0x0300), GT_X_OK},
    {"ch.record-version.0303", "RFC 5246 App. E.1", Q_RECVER, S, CH_FRAMED(0, 0x0303), GT_X_OK},
    {"ch.record-version.03ff", "RFC 5246 App. E.1", Q_RECVER, S, CH_FRAMED(0, 0x03ff), GT_X_OK},
    {"ch.fragmented.1-byte-records", "RFC 5246 §6.2.1", Q_FRAG, S, CH_FRAMED(1, 0), GT_X_OK},
    {"ch.fragmented.7-byte-records", "RFC 5246 §6.2.1", Q_FRAG, S, CH_FRAMED(7, 0), GT_X_OK},
    {"ch.large.two-records", "RFC 5246 §6.2.1", Q_FRAG, S, CH_OK(ext_large, NULL), GT_X_OK},
    {"ch.suites.empty", "RFC 5246 §7.4.1.2", Q_VEC, S, CH_WAIT(suites_empty, NULL), GT_X_ALERT,
     ALERTS3(A(decode_error), A(illegal_parameter), A(handshake_failure))},
    {"ch.suites.odd-length", "RFC 5246 §7.4.1.2", Q_VEC, S, CH_WAIT(suites_len, NULL), GT_X_ALERT,
     ALERTS1(A(decode_error)), .arg = -1},
    {"ch.suites.length-overrun", "RFC 5246 §7.4.1.2", Q_DECODE, S, CH_WAIT(suites_len, NULL),
     GT_X_ALERT, ALERTS1(A(decode_error)), .arg = 2},
    {"ch.suites.none-acceptable", "RFC 5246 §7.4.1.2", Q_SUITES, S, CH_WAIT(suites_only, NULL),
     GT_X_ALERT, ALERTS1(A(handshake_failure)), .arg = 0x1301},
    {"ch.suites.only-null-null", "RFC 5246 §7.4.1.2", Q_SUITES, S, CH_WAIT(suites_only, NULL),
     GT_X_ALERT, ALERTS1(A(handshake_failure)), .arg = 0x0000},
    {"ch.suites.only-reneg-scsv", "RFC 5246 §7.4.1.2", Q_SUITES, S, CH_WAIT(suites_only, NULL),
     GT_X_ALERT, ALERTS1(A(handshake_failure)), .arg = 0x00ff},
    {"ch.suites.unknown-ignored", "RFC 5246 §7.4.1.2", Q_SUITES, S,
     CH_OK(suites_unknown_first, NULL), GT_X_OK},
    {"ch.suites.128-entries", "RFC 5246 §7.4.1.2", Q_SUITES, S, CH_OK(suites_many, NULL), GT_X_OK},
    {"ch.compression.no-null", "RFC 5246 §7.4.1.2", Q_COMP, S, CH_WAIT(comp, NULL), GT_X_ALERT,
     ALERTS3(A(illegal_parameter), A(handshake_failure), A(decode_error)), .arg = 1},
    {"ch.compression.empty", "RFC 5246 §7.4.1.2", Q_VEC, S, CH_WAIT(comp, NULL), GT_X_ALERT,
     ALERTS2(A(decode_error), A(illegal_parameter)), .arg = 0},
    {"ch.compression.deflate-and-null", "RFC 5246 §7.4.1.2", Q_COMP, S, CH_OK(comp, NULL), GT_X_OK,
     .arg = 2},
    {"ch.compression.length-overrun", "RFC 5246 §7.4.1.2", Q_DECODE, S, CH_WAIT(comp_len, NULL),
     GT_X_ALERT, ALERTS1(A(decode_error))},
    {"ch.session-id.33-bytes", "RFC 5246 §7.4.1.2", Q_VEC, S, CH_WAIT(sid33, NULL), GT_X_ALERT,
     ALERTS2(A(decode_error), A(illegal_parameter))},
    {"ch.session-id.length-overrun", "RFC 5246 §7.4.1.2", Q_DECODE, S, CH_WAIT(sid_len_over, NULL),
     GT_X_ALERT, ALERTS2(A(decode_error), A(illegal_parameter))},
    {"ch.session-id.unknown", "RFC 5246 §7.4.1.2",
     "RFC 5246 §7.4.1.3: If the session_id is not found ... the server generates a new session ID "
     "and a full handshake follows (\"Otherwise, this field will contain a different value\").",
     S, CH_OK(sid_unknown, NULL), GT_X_OK},
    {"ch.random.truncated", "RFC 5246 §7.4.1.2", Q_DECODE, S, CH_WAIT(NULL, cut_random), GT_X_ALERT,
     ALERTS1(A(decode_error))},
    {"ch.trailing-byte", "RFC 5246 §7.4.1.2", Q_DECODE, S, CH_WAIT(NULL, trailing), GT_X_ALERT,
     ALERTS1(A(decode_error))},
    {"ch.extensions.block-overrun", "RFC 5246 §7.4.1.2", Q_DECODE, S,
     CH_WAIT(ext_block_delta, NULL), GT_X_ALERT, ALERTS1(A(decode_error)), .arg = 1},
    {"ch.extensions.block-underrun", "RFC 5246 §7.4.1.2", Q_DECODE, S,
     CH_WAIT(ext_block_delta, NULL), GT_X_ALERT, ALERTS1(A(decode_error)), .arg = -1},
    {"ch.extensions.block-65535", "RFC 5246 §7.4.1.2", Q_DECODE, S, CH_WAIT(ext_block_len, NULL),
     GT_X_ALERT, ALERTS1(A(decode_error)), .arg = 65535},
    /* Without signature_algorithms a server must act as if {sha1,rsa} was
     * offered (RFC 5246 §7.4.1.4.1), and its certificates must then be
     * SHA-1/RSA signed (§7.4.2): the test PKI's are SHA-256, so a
     * handshake_failure is as correct as completing. What is tested is
     * that the hello parses. */
    {"ch.extensions.empty-block", "RFC 5246 §7.4.1.2", Q_NOEXT, S, CH_OK(ext_none, NULL),
     GT_X_OK_OR_ALERT, ALERTS1(A(handshake_failure)), .flags = GT_CF_RSA_KX},
    {"ch.extensions.absent", "RFC 5246 §7.4.1.2", Q_NOEXT, S, CH_OK(ext_absent, NULL),
     GT_X_OK_OR_ALERT, ALERTS1(A(handshake_failure)), .flags = GT_CF_RSA_KX},
    {"ch.extensions.absent-ecdhe", "RFC 5246 §7.4.1.2", Q_NOEXT, S, CH_OK(ext_absent, NULL),
     GT_X_OK_OR_ALERT, ALERTS1(A(handshake_failure)), .flags = GT_CF_ECDHE},
    {"ch.extensions.one-byte-block", "RFC 5246 §7.4.1.2", Q_DECODE, S,
     CH_WAIT(ext_absent, one_byte_ext), GT_X_ALERT, ALERTS1(A(decode_error))},
    {"ch.extensions.last-length-overrun", "RFC 5246 §7.4.1.4", Q_DECODE, S,
     CH_WAIT(ext_last_len, NULL), GT_X_ALERT, ALERTS1(A(decode_error))},
    {"ch.extensions.duplicate-ems", "RFC 5246 §7.4.1.4", Q_DUP, S, CH_WAIT(ext_dup, NULL),
     GT_X_ALERT, ALERTS2(A(decode_error), A(illegal_parameter)),
     .arg = GT_EXT_EXTENDED_MASTER_SECRET},
    {"ch.extensions.duplicate-groups", "RFC 5246 §7.4.1.4", Q_DUP, S, CH_WAIT(ext_dup, NULL),
     GT_X_ALERT, ALERTS2(A(decode_error), A(illegal_parameter)), .arg = GT_EXT_SUPPORTED_GROUPS},
    {"ch.extensions.duplicate-sni", "RFC 5246 §7.4.1.4", Q_DUP, S, CH_WAIT(ext_dup, NULL),
     GT_X_ALERT, ALERTS2(A(decode_error), A(illegal_parameter)), .arg = GT_EXT_SERVER_NAME},
    {"ch.extensions.duplicate-sigalgs", "RFC 5246 §7.4.1.4", Q_DUP, S, CH_WAIT(ext_dup, NULL),
     GT_X_ALERT, ALERTS2(A(decode_error), A(illegal_parameter)),
     .arg = GT_EXT_SIGNATURE_ALGORITHMS},
    {"ch.extensions.unknown-ignored", "RFC 5246 §7.4.1.4", Q_UNKNOWN_EXT, S,
     CH_OK(ext_unknown, NULL), GT_X_OK, .arg = 3},
    {"ch.extensions.unknown-empty-ignored", "RFC 5246 §7.4.1.4", Q_UNKNOWN_EXT, S,
     CH_OK(ext_unknown, NULL), GT_X_OK, .arg = 0},
    {"ch.handshake-length.short", "RFC 5246 §7.4", Q_DECODE, S, CH_WAIT(NULL, hs_len_short),
     GT_X_ALERT, ALERTS2(A(decode_error), A(unexpected_message))},
    {"ch.sent-twice", "RFC 5246 §7.4", Q_TWICE, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO, .flags = GT_F_TWICE},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS1(A(unexpected_message))},
    {"ch.fallback-scsv.at-highest", "RFC 7507 §3", Q_FALLBACK, S, CH_OK(fallback, NULL), GT_X_OK},
    {"ch.fallback-scsv.tls11", "RFC 7507 §3", Q_FALLBACK, S, CH_WAIT(fallback, NULL), GT_X_ALERT,
     ALERTS2(86 /* inappropriate_fallback */, A(protocol_version)), .arg = 0x0302},
};

void gt_cf_cases_hello(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
