/* The IUT's errors in BoringSSL's words.
 *
 * BoGo tests state the failure they expect as a BoringSSL reason string
 * (expectedError ":DECODE_ERROR:"), matched as a substring of the shim's
 * stderr. This table translates the IUT's GT_ERR_* codes (gt_err.h) to the
 * reason BoringSSL reports for the same condition, and received alerts to
 * BoringSSL's SSLV3_ALERT_* / TLSV1_ALERT_* names (include/openssl/ssl.h,
 * SSL_R_* values; names transcribed from there).
 *
 * One code, one name: where the IUT uses one code for conditions BoringSSL
 * tells apart (GT_ERR_ILLEGAL_PARAMETER covers an unoffered suite, curve or
 * compression method and a bad point), no name is guessed; the line then
 * says ":GT_<code>:" and the test fails on the error string, which is the
 * honest result (the engine would need finer codes). Role-specific rows
 * come first. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shim.h"

#define ANY -1

typedef struct {
    int err;
    int role; /* GT_ROLE_CLIENT, GT_ROLE_SERVER or ANY */
    const char *reason;
} err_row;

static const err_row err_table[] = {
    /* -2xx decoding: BoringSSL reports every malformed message alike */
    {GT_ERR_DECODE_TRUNCATED, ANY, "DECODE_ERROR"},
    {GT_ERR_DECODE_TRAILING, ANY, "DECODE_ERROR"},
    {GT_ERR_DECODE_LENGTH, ANY, "DECODE_ERROR"},
    {GT_ERR_DECODE_VALUE, ANY, "DECODE_ERROR"},
    /* -3xx cryptography */
    {GT_ERR_CRYPTO_TAG, ANY, "DECRYPTION_FAILED_OR_BAD_RECORD_MAC"},
    {GT_ERR_CRYPTO_SIGNATURE, ANY, "BAD_SIGNATURE"},
    {GT_ERR_CRYPTO_POINT, ANY, "BAD_ECPOINT"},
    {GT_ERR_CRYPTO_ZERO_SECRET, ANY, "BAD_ECPOINT"},
    /* -4xx record layer */
    {GT_ERR_RECORD_OVERFLOW, ANY, "DATA_LENGTH_TOO_LONG"},
    {GT_ERR_BAD_RECORD_MAC, ANY, "DECRYPTION_FAILED_OR_BAD_RECORD_MAC"},
    {GT_ERR_RECORD_TYPE, ANY, "UNEXPECTED_RECORD"},
    {GT_ERR_RECORD_VERSION, ANY, "WRONG_VERSION_NUMBER"},
    {GT_ERR_RECORD_EMPTY, ANY, "TOO_MANY_EMPTY_FRAGMENTS"},
    {GT_ERR_RECORD_BAD_CCS, ANY, "BAD_CHANGE_CIPHER_SPEC"},
    {GT_ERR_RECORD_BAD_ALERT, ANY, "BAD_ALERT"},
    {GT_ERR_RECORD_INTERLEAVE, ANY, "UNEXPECTED_RECORD"},
    /* -6xx handshake */
    {GT_ERR_UNEXPECTED_MESSAGE, ANY, "UNEXPECTED_MESSAGE"},
    {GT_ERR_HANDSHAKE_FAILURE, GT_ROLE_SERVER, "NO_SHARED_CIPHER"},
    {GT_ERR_PROTOCOL_VERSION, ANY, "UNSUPPORTED_PROTOCOL"},
    {GT_ERR_NO_RENEGOTIATION, ANY, "NO_RENEGOTIATION"},
    {GT_ERR_UNSUPPORTED_EXTENSION, ANY, "UNEXPECTED_EXTENSION"},
    {GT_ERR_NO_ALPN, GT_ROLE_SERVER, "NO_APPLICATION_PROTOCOL"},
    {GT_ERR_NO_ALPN, GT_ROLE_CLIENT, "INVALID_ALPN_PROTOCOL"},
    {GT_ERR_DECRYPT_ERROR, ANY, "DIGEST_CHECK_FAILED"},
    {GT_ERR_DUPLICATE_EXTENSION, ANY, "DUPLICATE_EXTENSION"},
    {GT_ERR_INSECURE_RENEGOTIATION, ANY, "RENEGOTIATION_MISMATCH"},
    {GT_ERR_HS_MESSAGE_TOO_LARGE, ANY, "EXCESSIVE_MESSAGE_SIZE"},
    {GT_ERR_UNSUPPORTED_CERTIFICATE, GT_ROLE_CLIENT, "WRONG_CERTIFICATE_TYPE"},
    {GT_ERR_BAD_CERTIFICATE, GT_ROLE_CLIENT, "CANNOT_PARSE_LEAF_CERT"},
    {GT_ERR_TOO_MANY_WARNINGS, ANY, "TOO_MANY_WARNING_ALERTS"},
    {GT_ERR_EXCESS_HANDSHAKE_DATA, ANY, "EXCESS_HANDSHAKE_DATA"},
    {GT_ERR_CERT_CURVE, GT_ROLE_CLIENT, "BAD_ECC_CERT"},
    {GT_ERR_X509V_LEAF_KEY_USAGE, ANY, "KEY_USAGE_BIT_INCORRECT"},
    {GT_ERR_NO_SIGALGS, ANY, "NO_COMMON_SIGNATURE_ALGORITHMS"},
};

typedef struct {
    uint8_t desc;
    const char *name;
} alert_row;

/* RFC 5246 §7.2, RFC 6066, RFC 7301, RFC 8446 alert descriptions with the
 * reason BoringSSL reports on receiving them (SSL_AD_REASON_OFFSET + desc). */
static const alert_row alert_table[] = {
    {0, "SSLV3_ALERT_CLOSE_NOTIFY"},
    {10, "SSLV3_ALERT_UNEXPECTED_MESSAGE"},
    {20, "SSLV3_ALERT_BAD_RECORD_MAC"},
    {21, "TLSV1_ALERT_DECRYPTION_FAILED"},
    {22, "TLSV1_ALERT_RECORD_OVERFLOW"},
    {30, "SSLV3_ALERT_DECOMPRESSION_FAILURE"},
    {40, "SSLV3_ALERT_HANDSHAKE_FAILURE"},
    {41, "SSLV3_ALERT_NO_CERTIFICATE"},
    {42, "SSLV3_ALERT_BAD_CERTIFICATE"},
    {43, "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE"},
    {44, "SSLV3_ALERT_CERTIFICATE_REVOKED"},
    {45, "SSLV3_ALERT_CERTIFICATE_EXPIRED"},
    {46, "SSLV3_ALERT_CERTIFICATE_UNKNOWN"},
    {47, "SSLV3_ALERT_ILLEGAL_PARAMETER"},
    {48, "TLSV1_ALERT_UNKNOWN_CA"},
    {49, "TLSV1_ALERT_ACCESS_DENIED"},
    {50, "TLSV1_ALERT_DECODE_ERROR"},
    {51, "TLSV1_ALERT_DECRYPT_ERROR"},
    {60, "TLSV1_ALERT_EXPORT_RESTRICTION"},
    {70, "TLSV1_ALERT_PROTOCOL_VERSION"},
    {71, "TLSV1_ALERT_INSUFFICIENT_SECURITY"},
    {80, "TLSV1_ALERT_INTERNAL_ERROR"},
    {86, "TLSV1_ALERT_INAPPROPRIATE_FALLBACK"},
    {90, "TLSV1_ALERT_USER_CANCELLED"},
    {100, "TLSV1_ALERT_NO_RENEGOTIATION"},
    {110, "TLSV1_ALERT_UNSUPPORTED_EXTENSION"},
    {111, "TLSV1_ALERT_CERTIFICATE_UNOBTAINABLE"},
    {112, "TLSV1_ALERT_UNRECOGNIZED_NAME"},
    {113, "TLSV1_ALERT_BAD_CERTIFICATE_STATUS_RESPONSE"},
    {114, "TLSV1_ALERT_BAD_CERTIFICATE_HASH_VALUE"},
    {115, "TLSV1_ALERT_UNKNOWN_PSK_IDENTITY"},
    {116, "TLSV1_ALERT_CERTIFICATE_REQUIRED"},
    {120, "TLSV1_ALERT_NO_APPLICATION_PROTOCOL"},
    {121, "TLSV1_ALERT_ECH_REQUIRED"},
};

static const char *alert_name(uint8_t desc)
{
    for (size_t i = 0; i < sizeof alert_table / sizeof alert_table[0]; i++)
        if (alert_table[i].desc == desc) return alert_table[i].name;
    return NULL;
}

const char *shim_reason(int err, gt_role role, const gt_alert_info *alert)
{
    if (err == GT_ERR_ALERT_RECEIVED) return alert ? alert_name(alert->desc) : NULL;
    /* Path validation failures (-55x..-56x) all read alike in BoringSSL,
     * except keyUsage, which the handshake checks on its own (and
     * BoringSSL too: KEY_USAGE_BIT_INCORRECT, table above). */
    if (err <= GT_ERR_X509V_EXPIRED && err >= GT_ERR_X509V_BAD_REFERENCE &&
        err != GT_ERR_X509V_LEAF_KEY_USAGE)
        return "CERTIFICATE_VERIFY_FAILED";
    for (size_t i = 0; i < sizeof err_table / sizeof err_table[0]; i++) {
        const err_row *r = &err_table[i];
        if (r->err == err && (r->role == ANY || r->role == (int)role)) return r->reason;
    }
    return NULL;
}

/* "GT_ERR_ILLEGAL_PARAMETER" style name from gt_err_str's text, for codes
 * without a BoringSSL counterpart: upper case, non-alphanumerics to '_'. */
static void gt_name(int err, char *out, size_t cap)
{
    const char *s = gt_err_str(err);
    size_t n = 0;
    n += (size_t)snprintf(out, cap, "GT_");
    for (; s && *s && n + 1 < cap; s++) {
        char ch = *s;
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        else if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
            ch = '_';
        if (ch == '_' && n > 0 && out[n - 1] == '_') continue;
        out[n++] = ch;
    }
    while (n > 3 && out[n - 1] == '_')
        n--;
    out[n] = '\0';
}

void shim_report_tls(const gt_conn *c, gt_role role)
{
    gt_alert_info a;
    char name[96];
    memset(&a, 0, sizeof a);
    int err = gt_conn_error(c, &a);
    const char *reason = shim_reason(err, role, &a);
    if (reason == NULL) {
        gt_name(err, name, sizeof name);
        reason = name;
    }
    fprintf(stderr, ":%s: (gt %d %s; alert %s %u%s)\n", reason, err, gt_err_str(err),
            a.sent ? "sent" : "received", (unsigned)a.desc,
            a.level == 1 ? " warning" : (a.level == 2 ? " fatal" : ""));
}

void shim_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
