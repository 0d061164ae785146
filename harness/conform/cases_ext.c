/*
 * Every ClientHello extension the IUT knows, malformed in each way its
 * syntax allows (the target is a server): empty bodies, inner lengths too
 * long or too short, out-of-range vector sizes, forbidden values.
 * Each case replaces one extension's body with the bytes in `data`.
 */
#include "conform.h"
#include "hooks.h"

#include <string.h>

static const char Q_SNI[] = "RFC 6066 §3: ServerName server_name_list<1..2^16-1>; opaque "
                            "HostName<1..2^16-1>; The ServerNameList MUST NOT contain more than "
                            "one name of the same name_type.";
static const char Q_GROUPS[] = "RFC 8422 §5.1.1: NamedCurve named_curve_list<2..2^16-1>";
static const char Q_GROUPS_NONE[] =
    "RFC 8422 §5.1: ... a server ... MUST NOT negotiate the use of an ECC cipher suite "
    "... if it is unable to complete an ECC handshake while restricting itself to the "
    "enumerated curves; RFC 5246 §7.4.1.3: ... return a handshake failure alert.";
static const char Q_PF[] = "RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>";
static const char Q_PF_UNCOMP[] =
    "RFC 8422 §5.1.2: If the client sends the extension and the extension does not contain the "
    "uncompressed point format, and the client has used the Supported Groups extension to "
    "indicate support for any of the curves defined in this specification, then the server MUST "
    "abort the handshake and return an illegal_parameter alert.";
static const char Q_SIG[] = "RFC 5246 §7.4.1.4.1: SignatureAndHashAlgorithm "
                            "supported_signature_algorithms<2..2^16-2>;";
static const char Q_SIG_NONE[] =
    "RFC 5246 §7.4.1.4.1: If the client provided a \"signature_algorithms\" extension, then all "
    "certificates provided by the server MUST be signed by a hash/signature algorithm pair that "
    "appears in that extension. (No usable pair: the server cannot sign; handshake_failure, per "
    "§7.2.2 'unable to negotiate an acceptable set of security parameters'.)";
static const char Q_ALPN[] = "RFC 7301 §3.1: opaque ProtocolName<1..2^8-1>; ProtocolName "
                             "protocol_name_list<2..2^16-1>";
static const char Q_ALPN_NONE[] =
    "RFC 7301 §3.2: In the event that the server supports no protocols that the client "
    "advertises, then the server SHALL respond with a fatal \"no_application_protocol\" alert. "
    "(A server not configured for ALPN ignores the extension: completion accepted.)";
static const char Q_EMS[] = "RFC 7627 §5.1: The \"extension_data\" field of this extension is "
                            "empty.";
static const char Q_ETM[] = "RFC 7366 §2: The \"extension_data\" field of this extension SHALL be "
                            "empty.";
static const char Q_RENEG[] =
    "RFC 5746 §3.6: If the extension is present, set secure_renegotiation flag to TRUE.  The "
    "server MUST then verify that the length of the \"renegotiated_connection\" field is zero, "
    "and if it is not, MUST abort the handshake. (§3.4: \"abort the handshake\" is used as "
    "shorthand for \"send a fatal handshake_failure alert and terminate the connection\".)";
static const char Q_RENEG_SYNTAX[] = "RFC 5746 §3.2: opaque renegotiated_connection<0..255>;";
static const char Q_TICKET[] =
    "RFC 5077 §3.4: If the server cannot or will not accept the ticket, it SHOULD proceed with a "
    "full handshake.";
static const char Q_MFL[] =
    "RFC 6066 §4: If a server receives a maximum fragment length negotiation request for a value "
    "other than the allowed values, it MUST abort the handshake with an \"illegal_parameter\" "
    "alert.";
static const char Q_RSL[] =
    "RFC 8449 §4: Endpoints MUST NOT send a \"record_size_limit\" extension with a value smaller "
    "than 64.  An endpoint MUST treat receipt of a smaller value as a fatal error and generate an "
    "\"illegal_parameter\" alert.";
static const char Q_SV[] =
    "RFC 8446 §4.2.1: If this extension is not present, servers which are compliant with this "
    "specification and which also support TLS 1.2 MUST negotiate TLS 1.2 or prior ... If the "
    "\"supported_versions\" extension in the ClientHello contains no versions acceptable to the "
    "server, the server MUST abort the handshake with a \"protocol_version\" alert. (A TLS 1.2 "
    "server that does not implement the extension ignores it: completion accepted.)";

static void set_body(gt_sp *sp)
{
    const gt_cf_case *c = CASE_OF(sp);
    gt_wire_ext_set(&sp->hello.ext, (uint16_t)c->arg, c->data, (size_t)c->data_len);
}

/* Suites without a signature or groups dependency are dropped so that the
 * extension under test decides the outcome. */
static void ecdhe_only(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c)
{
    (void)env, (void)c;
    size_t j = 0;
    for (size_t i = 0; i < cfg->n_suites; i++)
        if (gt_sp_suite_by_code(cfg->suites[i])->kx != GT_KX_RSA) cfg->suites[j++] = cfg->suites[i];
    cfg->n_suites = j;
}

static const gt_sp_step bad[] = {
    {.op = GT_OP_CLIENT_HELLO, .pre = set_body}, {.op = GT_OP_WAIT}, {0}};
static const gt_sp_step good[] = {{.op = GT_OP_CLIENT_HELLO, .pre = set_body},
                                  {.op = GT_OP_SERVER_FLIGHT},
                                  {.op = GT_OP_CKE},
                                  {.op = GT_OP_CCS},
                                  {.op = GT_OP_FINISHED},
                                  {.op = GT_OP_SERVER_FINISH},
                                  {.op = GT_OP_APP},
                                  {.op = GT_OP_EXPECT_APP},
                                  {0}};

#define S      GT_TARGET_SERVER
#define D(lit) .data = lit, .data_len = (int)sizeof(lit) - 1
/* RFC 5246 §7.2.2: decode_error "A message could not be decoded because
 * some field was out of the specified range or the length of the message
 * was incorrect"; illegal_parameter "A field in the handshake was out of
 * range or inconsistent with other fields". An inner length or a vector
 * size out of range fits both, so both are accepted. */
#define DEC ALERTS2(A(decode_error), A(illegal_parameter))
#define BAD(id, rfc, q, type, lit, ...)                                                            \
    {                                                                                              \
        id, rfc, q, S, bad, GT_X_ALERT, __VA_ARGS__, .arg = type, D(lit)                           \
    }
#define GOOD(id, rfc, q, type, lit, ...)                                                           \
    {                                                                                              \
        id, rfc, q, S, good, GT_X_OK, .arg = type, D(lit), __VA_ARGS__                             \
    }

static const gt_cf_case cases[] = {
    /* server_name (0) */
    BAD("ext.sni.empty-body", "RFC 6066 §3", Q_SNI, 0, "", DEC),
    BAD("ext.sni.list-overrun", "RFC 6066 §3", Q_SNI, 0,
        "\x00\x10\x00\x00\x03"
        "abc",
        DEC),
    BAD("ext.sni.list-underrun", "RFC 6066 §3", Q_SNI, 0,
        "\x00\x05\x00\x00\x03"
        "abcd",
        DEC),
    BAD("ext.sni.name-overrun", "RFC 6066 §3", Q_SNI, 0,
        "\x00\x06\x00\x00\x09"
        "abc",
        DEC),
    BAD("ext.sni.empty-list", "RFC 6066 §3", Q_SNI, 0, "\x00\x00", DEC),
    BAD("ext.sni.empty-name", "RFC 6066 §3", Q_SNI, 0, "\x00\x03\x00\x00\x00", DEC),
    BAD("ext.sni.two-host-names", "RFC 6066 §3", Q_SNI, 0,
        "\x00\x18\x00\x00\x09localhost\x00\x00\x09localhost",
        ALERTS3(A(illegal_parameter), A(decode_error), A(unrecognized_name))),
    /* supported_groups (10) */
    BAD("ext.groups.empty-body", "RFC 8422 §5.1.1", Q_GROUPS, 10, "", DEC, .setup = ecdhe_only),
    BAD("ext.groups.empty-list", "RFC 8422 §5.1.1", Q_GROUPS, 10, "\x00\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.groups.odd-length", "RFC 8422 §5.1.1", Q_GROUPS, 10, "\x00\x03\x00\x17\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.groups.list-overrun", "RFC 8422 §5.1.1", Q_GROUPS, 10, "\x00\x08\x00\x17", DEC,
        .setup = ecdhe_only),
    BAD("ext.groups.trailing", "RFC 8422 §5.1.1", Q_GROUPS, 10, "\x00\x02\x00\x17\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.groups.none-supported", "RFC 8422 §5.1", Q_GROUPS_NONE, 10, "\x00\x04\x0a\x0a\xfe\xfe",
        ALERTS2(A(handshake_failure), A(insufficient_security)), .setup = ecdhe_only,
        .flags = GT_CF_ECDHE),
    /* ec_point_formats (11) */
    BAD("ext.point-formats.empty-body", "RFC 8422 §5.1.2", Q_PF, 11, "", DEC, .setup = ecdhe_only),
    BAD("ext.point-formats.empty-list", "RFC 8422 §5.1.2", Q_PF, 11, "\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.point-formats.list-overrun", "RFC 8422 §5.1.2", Q_PF, 11, "\x05\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.point-formats.trailing", "RFC 8422 §5.1.2", Q_PF, 11, "\x01\x00\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.point-formats.no-uncompressed", "RFC 8422 §5.1.2", Q_PF_UNCOMP, 11, "\x02\x01\x02",
        ALERTS1(A(illegal_parameter)), .setup = ecdhe_only, .flags = GT_CF_ECDHE),
    GOOD("ext.point-formats.uncompressed-last", "RFC 8422 §5.1.2", Q_PF_UNCOMP, 11,
         "\x03\x01\x02\x00", .flags = GT_CF_ECDHE, .setup = ecdhe_only),
    /* signature_algorithms (13) */
    BAD("ext.sigalgs.empty-body", "RFC 5246 §7.4.1.4.1", Q_SIG, 13, "", DEC, .setup = ecdhe_only),
    BAD("ext.sigalgs.empty-list", "RFC 5246 §7.4.1.4.1", Q_SIG, 13, "\x00\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.sigalgs.odd-length", "RFC 5246 §7.4.1.4.1", Q_SIG, 13, "\x00\x03\x04\x01\x05", DEC,
        .setup = ecdhe_only),
    BAD("ext.sigalgs.list-overrun", "RFC 5246 §7.4.1.4.1", Q_SIG, 13, "\x00\x10\x04\x01", DEC,
        .setup = ecdhe_only),
    BAD("ext.sigalgs.trailing", "RFC 5246 §7.4.1.4.1", Q_SIG, 13, "\x00\x02\x04\x01\x00", DEC,
        .setup = ecdhe_only),
    BAD("ext.sigalgs.none-usable", "RFC 5246 §7.4.1.4.1", Q_SIG_NONE, 13, "\x00\x02\xfe\xfe",
        ALERTS2(A(handshake_failure), A(illegal_parameter)), .setup = ecdhe_only,
        .flags = GT_CF_ECDHE),
    /* application_layer_protocol_negotiation (16) */
    BAD("ext.alpn.empty-body", "RFC 7301 §3.1", Q_ALPN, 16, "", DEC),
    BAD("ext.alpn.empty-list", "RFC 7301 §3.1", Q_ALPN, 16, "\x00\x00", DEC),
    BAD("ext.alpn.empty-name", "RFC 7301 §3.1", Q_ALPN, 16, "\x00\x01\x00", DEC),
    BAD("ext.alpn.name-overrun", "RFC 7301 §3.1", Q_ALPN, 16, "\x00\x03\x05h2", DEC),
    BAD("ext.alpn.list-overrun", "RFC 7301 §3.1", Q_ALPN, 16, "\x00\x09\x02h2", DEC),
    {"ext.alpn.unknown-protocol", "RFC 7301 §3.2", Q_ALPN_NONE, S, good, GT_X_OK_OR_ALERT,
     ALERTS1(A(no_application_protocol)), .arg = 16, D("\x00\x05\x04gt/9")},
    /* extended_master_secret (23) */
    BAD("ext.ems.non-empty", "RFC 7627 §5.1", Q_EMS, 23, "\x00", DEC),
    /* encrypt_then_mac (22) */
    BAD("ext.etm.non-empty", "RFC 7366 §2", Q_ETM, 22, "\x00", DEC),
    /* renegotiation_info (0xff01) */
    BAD("ext.reneg.empty-body", "RFC 5746 §3.2", Q_RENEG_SYNTAX, 0xff01, "", DEC),
    BAD("ext.reneg.length-overrun", "RFC 5746 §3.2", Q_RENEG_SYNTAX, 0xff01, "\x05\x00", DEC),
    BAD("ext.reneg.non-empty-initial", "RFC 5746 §3.6", Q_RENEG, 0xff01,
        "\x0c\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c", ALERTS1(A(handshake_failure))),
    /* session_ticket (35) */
    GOOD("ext.ticket.garbage-ticket", "RFC 5077 §3.4", Q_TICKET, 35,
         "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
         "\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x20\x21\x22\x23\x24\x25\x26\x27\x28\x29\x2a\x2b\x2c"
         "\x2d\x2e\x2f\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\x3a\x3b\x3c\x3d\x3e\x3f\x40"),
    GOOD("ext.ticket.one-byte-ticket", "RFC 5077 §3.4", Q_TICKET, 35, "\x01"),
    /* max_fragment_length (1) */
    BAD("ext.mfl.code-0", "RFC 6066 §4", Q_MFL, 1, "\x00", ALERTS1(A(illegal_parameter)),
        .flags = GT_CF_MFL),
    BAD("ext.mfl.code-5", "RFC 6066 §4", Q_MFL, 1, "\x05", ALERTS1(A(illegal_parameter)),
        .flags = GT_CF_MFL),
    BAD("ext.mfl.code-255", "RFC 6066 §4", Q_MFL, 1, "\xff", ALERTS1(A(illegal_parameter)),
        .flags = GT_CF_MFL),
    BAD("ext.mfl.empty-body", "RFC 6066 §4", Q_MFL, 1, "", DEC, .flags = GT_CF_MFL),
    BAD("ext.mfl.two-bytes", "RFC 6066 §4", Q_MFL, 1, "\x01\x01", DEC, .flags = GT_CF_MFL),
    /* record_size_limit (28) */
    BAD("ext.rsl.below-64", "RFC 8449 §4", Q_RSL, 28, "\x00\x3f", ALERTS1(A(illegal_parameter)),
        .flags = GT_CF_RSL),
    BAD("ext.rsl.zero", "RFC 8449 §4", Q_RSL, 28, "\x00\x00", ALERTS1(A(illegal_parameter)),
        .flags = GT_CF_RSL),
    BAD("ext.rsl.empty-body", "RFC 8449 §4", Q_RSL, 28, "", DEC, .flags = GT_CF_RSL),
    BAD("ext.rsl.three-bytes", "RFC 8449 §4", Q_RSL, 28, "\x40\x00\x00", DEC, .flags = GT_CF_RSL),
    GOOD("ext.rsl.64", "RFC 8449 §4", Q_RSL, 28, "\x00\x40"),
    /* supported_versions (43), as a TLS 1.2 server sees it */
    GOOD("ext.versions.tls12-only", "RFC 8446 §4.2.1", Q_SV, 43, "\x02\x03\x03"),
    {"ext.versions.tls13-only", "RFC 8446 §4.2.1", Q_SV, S, good, GT_X_OK_OR_ALERT,
     ALERTS1(A(protocol_version)), .arg = 43, D("\x02\x03\x04")},
    {"ext.versions.odd-length", "RFC 8446 §4.2.1", Q_SV, S, good, GT_X_OK_OR_ALERT, DEC, .arg = 43,
     D("\x03\x03\x03\x03")},
};

void gt_cf_cases_ext(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
