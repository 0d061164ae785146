/* What the tools print about a connection: the negotiated parameters, and
 * on failure the alert (by its RFC name) or the transport problem. */
#include "tools.h"

#include <string.h>

/* RFC 5246 §7.2, RFC 5746 §4, RFC 6066 §3, RFC 7301 §3.2, RFC 7507 §2. */
static const struct {
    uint8_t desc;
    const char *name;
} alerts[] = {
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {21, "decryption_failed"},
    {22, "record_overflow"},
    {30, "decompression_failure"},
    {40, "handshake_failure"},
    {41, "no_certificate"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {60, "export_restriction"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {100, "no_renegotiation"},
    {110, "unsupported_extension"},
    {111, "certificate_unobtainable"},
    {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"},
    {114, "bad_certificate_hash_value"},
    {115, "unknown_psk_identity"},
    {120, "no_application_protocol"},
};

const char *gt_tool_alert_name(uint8_t desc)
{
    for (size_t i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++)
        if (alerts[i].desc == desc) return alerts[i].name;
    return "unknown_alert";
}

void gt_tool_describe(char *out, size_t cap, int net_status, const gt_net_conn *nc)
{
    gt_alert_info a;
    int err = gt_conn_error(nc->tls, &a);
    if (err != 0 && (net_status == GT_NET_ERR_TLS || net_status == GT_NET_ERR_TRUNCATED)) {
        if (net_status == GT_NET_ERR_TRUNCATED && (a.desc == 0 || !a.sent)) {
            snprintf(out, cap, "%s", gt_net_status_str(net_status));
            return;
        }
        const char *what = a.what ? a.what : (a.sent ? "local error" : "peer's decision");
        const char *name = gt_err_str(err);
        int same = name != NULL && strcmp(name, what) == 0;
        snprintf(out, cap, "%s %s alert %s (%u): %s%s%s%s", a.sent ? "sent" : "received",
                 a.level == 1 ? "warning" : "fatal", gt_tool_alert_name(a.desc), a.desc, what,
                 same ? "" : " [", same ? "" : name, same ? "" : "]");
        return;
    }
    if (net_status == GT_NET_ERR_IO || net_status == GT_NET_ERR_RESET) {
        snprintf(out, cap, "%s: %s", gt_net_status_str(net_status), strerror(nc->sys_errno));
        return;
    }
    snprintf(out, cap, "%s", gt_net_status_str(net_status));
}

static const char *or_hex(const char *name, uint16_t v, char *buf, size_t cap)
{
    if (name != NULL) return name;
    if (v == 0) return "-";
    snprintf(buf, cap, "0x%04X", v);
    return buf;
}

void gt_tool_params(char *out, size_t cap, const gt_conn *c)
{
    gt_conn_info i;
    char h1[8], h2[8], h3[8];
    if (gt_conn_info_get(c, &i) != 0) {
        snprintf(out, cap, "(no parameters: handshake incomplete)");
        return;
    }
    snprintf(out, cap,
             "version=%s suite=%s group=%s sigalg=%s alpn=%s ems=%d sni=%s resumed=%d "
             "client_cert=%d",
             i.version == 0x0303 ? "TLSv1.2" : "other",
             or_hex(gt_suite_name(i.suite), i.suite, h1, sizeof(h1)),
             or_hex(gt_group_name(i.group), i.group, h2, sizeof(h2)),
             or_hex(gt_sigalg_name(i.sigalg), i.sigalg, h3, sizeof(h3)), i.alpn[0] ? i.alpn : "-",
             i.ems, i.sni[0] ? i.sni : "-", i.resumed, i.client_cert);
}
