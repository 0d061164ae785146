/* Error codes to TLS alerts and names. One table, so that a code cannot map
 * to two alerts and a new code without an alert is easy to spot. */
#include "gt/gt_err.h"

#include <stddef.h>

struct err_row {
    int err;
    int alert;
    const char *name;
};

static const struct err_row rows[] = {
    {GT_OK, GT_ALERT_CLOSE_NOTIFY, "ok"},
    {GT_ERR_INTERNAL, GT_ALERT_INTERNAL_ERROR, "internal error"},
    {GT_ERR_ALLOC, GT_ALERT_INTERNAL_ERROR, "out of memory"},
    {GT_ERR_ARG, GT_ALERT_INTERNAL_ERROR, "invalid argument"},
    {GT_ERR_STATE, GT_ALERT_INTERNAL_ERROR, "call not valid in this state"},
    {GT_ERR_WANT_INPUT, GT_ALERT_INTERNAL_ERROR, "want input"},
    {GT_ERR_WANT_OUTPUT, GT_ALERT_INTERNAL_ERROR, "want output"},
    {GT_ERR_UNSUPPORTED, GT_ALERT_HANDSHAKE_FAILURE, "unsupported"},
    {GT_ERR_CLOSED, GT_ALERT_CLOSE_NOTIFY, "connection closed"},
    /* RFC 5246 §7.2.2: decode_error for a message that cannot be parsed
     * (length out of range, truncated, trailing bytes). */
    {GT_ERR_DECODE_TRUNCATED, GT_ALERT_DECODE_ERROR, "decode: truncated"},
    {GT_ERR_DECODE_TRAILING, GT_ALERT_DECODE_ERROR, "decode: trailing bytes"},
    {GT_ERR_DECODE_LENGTH, GT_ALERT_DECODE_ERROR, "decode: length out of range"},
    /* illegal_parameter: "a field in the handshake was out of range or
     * inconsistent with other fields". */
    {GT_ERR_DECODE_VALUE, GT_ALERT_ILLEGAL_PARAMETER, "decode: illegal value"},
    {GT_ERR_ENCODE_OVERFLOW, GT_ALERT_INTERNAL_ERROR, "encode: buffer too small"},
    {GT_ERR_CRYPTO_TAG, GT_ALERT_BAD_RECORD_MAC, "crypto: authentication tag mismatch"},
    {GT_ERR_CRYPTO_KEY_SIZE, GT_ALERT_INTERNAL_ERROR, "crypto: unsupported key size"},
    {GT_ERR_CRYPTO_IV_SIZE, GT_ALERT_INTERNAL_ERROR, "crypto: unsupported IV or tag size"},
    {GT_ERR_CRYPTO_LENGTH, GT_ALERT_DECODE_ERROR, "crypto: bad input length"},
    {GT_ERR_CRYPTO_RNG, GT_ALERT_INTERNAL_ERROR, "crypto: entropy source failed"},
    {GT_ERR_CRYPTO_SIGNATURE, GT_ALERT_DECRYPT_ERROR, "crypto: bad signature"},
    {GT_ERR_CRYPTO_POINT, GT_ALERT_ILLEGAL_PARAMETER, "crypto: invalid public value"},
    {GT_ERR_CRYPTO_KEY, GT_ALERT_INTERNAL_ERROR, "crypto: malformed key"},
    {GT_ERR_CRYPTO_PADDING, GT_ALERT_DECRYPT_ERROR, "crypto: bad padding"},
    {GT_ERR_CRYPTO_ZERO_SECRET, GT_ALERT_ILLEGAL_PARAMETER, "crypto: all-zero shared secret"},
    /* RFC 5246 §7.2.2: bad_certificate for "a certificate was corrupt";
     * unsupported_certificate where the structure is fine but the type is
     * not supported. Key/PEM/trust-store errors are local configuration
     * problems (internal_error). */
    {GT_ERR_DER_TAG, GT_ALERT_BAD_CERTIFICATE, "der: unexpected tag"},
    {GT_ERR_DER_LENGTH_INDEFINITE, GT_ALERT_BAD_CERTIFICATE, "der: indefinite length"},
    {GT_ERR_DER_LENGTH_NONMINIMAL, GT_ALERT_BAD_CERTIFICATE, "der: non-minimal length"},
    {GT_ERR_DER_LENGTH_OVERFLOW, GT_ALERT_BAD_CERTIFICATE, "der: length too large"},
    {GT_ERR_DER_INT_NONMINIMAL, GT_ALERT_BAD_CERTIFICATE, "der: non-minimal integer"},
    {GT_ERR_DER_INT_EMPTY, GT_ALERT_BAD_CERTIFICATE, "der: empty integer"},
    {GT_ERR_DER_INT_NEGATIVE, GT_ALERT_BAD_CERTIFICATE, "der: negative integer"},
    {GT_ERR_DER_INT_RANGE, GT_ALERT_BAD_CERTIFICATE, "der: integer out of range"},
    {GT_ERR_DER_BITSTRING, GT_ALERT_BAD_CERTIFICATE, "der: bad bit string"},
    {GT_ERR_DER_BITSTRING_PAD, GT_ALERT_BAD_CERTIFICATE, "der: bit string padding not zero"},
    {GT_ERR_DER_OID, GT_ALERT_BAD_CERTIFICATE, "der: bad object identifier"},
    {GT_ERR_DER_BOOLEAN, GT_ALERT_BAD_CERTIFICATE, "der: bad boolean"},
    {GT_ERR_DER_NULL, GT_ALERT_BAD_CERTIFICATE, "der: bad null"},
    {GT_ERR_DER_TIME, GT_ALERT_BAD_CERTIFICATE, "der: bad time format"},
    {GT_ERR_DER_TIME_VALUE, GT_ALERT_BAD_CERTIFICATE, "der: impossible time"},
    {GT_ERR_DER_DEPTH, GT_ALERT_BAD_CERTIFICATE, "der: nesting too deep"},
    {GT_ERR_DER_DEFAULT, GT_ALERT_BAD_CERTIFICATE, "der: default value encoded"},
    {GT_ERR_DER_STRING, GT_ALERT_BAD_CERTIFICATE, "der: bad string"},
    {GT_ERR_X509_VERSION, GT_ALERT_BAD_CERTIFICATE, "x509: bad version"},
    {GT_ERR_X509_SERIAL, GT_ALERT_BAD_CERTIFICATE, "x509: bad serial number"},
    {GT_ERR_X509_SIGALG_MISMATCH, GT_ALERT_BAD_CERTIFICATE, "x509: signature algorithm mismatch"},
    {GT_ERR_X509_SIGALG_PARAMS, GT_ALERT_BAD_CERTIFICATE, "x509: bad algorithm parameters"},
    {GT_ERR_X509_EXT_DUPLICATE, GT_ALERT_BAD_CERTIFICATE, "x509: duplicate extension"},
    {GT_ERR_X509_EXT_UNKNOWN_CRITICAL, GT_ALERT_UNSUPPORTED_CERTIFICATE,
     "x509: unknown critical extension"},
    {GT_ERR_X509_EXT_VALUE, GT_ALERT_BAD_CERTIFICATE, "x509: malformed extension"},
    {GT_ERR_X509_EXT_EMPTY, GT_ALERT_BAD_CERTIFICATE, "x509: empty extensions"},
    {GT_ERR_X509_NAME, GT_ALERT_BAD_CERTIFICATE, "x509: malformed name"},
    {GT_ERR_X509_GENERAL_NAME, GT_ALERT_BAD_CERTIFICATE, "x509: malformed general name"},
    {GT_ERR_X509_SPKI, GT_ALERT_BAD_CERTIFICATE, "x509: malformed public key"},
    {GT_ERR_X509_CURVE, GT_ALERT_UNSUPPORTED_CERTIFICATE, "x509: curve not named"},
    {GT_ERR_X509_KEY, GT_ALERT_INTERNAL_ERROR, "x509: malformed private key"},
    {GT_ERR_X509_UNIQUE_ID, GT_ALERT_BAD_CERTIFICATE, "x509: bad unique identifier"},
    {GT_ERR_X509_VALIDITY, GT_ALERT_BAD_CERTIFICATE, "x509: malformed validity"},
    {GT_ERR_X509_TRUST_FULL, GT_ALERT_INTERNAL_ERROR, "x509: trust store full"},
    {GT_ERR_PEM_FORMAT, GT_ALERT_INTERNAL_ERROR, "pem: malformed block"},
    {GT_ERR_PEM_LABEL, GT_ALERT_INTERNAL_ERROR, "pem: unexpected label"},
    {GT_ERR_PEM_BASE64, GT_ALERT_INTERNAL_ERROR, "pem: bad base64"},
    /* Path validation. RFC 5246 §7.2.2: bad_certificate covers corrupt
     * certificates and signatures that do not verify; unsupported_certificate
     * a type (algorithm, key, purpose) not supported; certificate_expired;
     * unknown_ca when no chain reaches a trust anchor. A certificate not yet
     * valid has no alert of its own: bad_certificate, as OpenSSL sends. */
    {GT_ERR_X509V_EXPIRED, GT_ALERT_CERTIFICATE_EXPIRED, "verify: certificate expired"},
    /* RFC 5246 §7.2.2 certificate_expired: "A certificate has expired or
     * is not currently valid". */
    {GT_ERR_X509V_NOT_YET_VALID, GT_ALERT_CERTIFICATE_EXPIRED, "verify: certificate not yet valid"},
    {GT_ERR_X509V_UNKNOWN_CA, GT_ALERT_UNKNOWN_CA,
     "verify: unknown issuer (no path to a trust anchor)"},
    {GT_ERR_X509V_SIGNATURE, GT_ALERT_BAD_CERTIFICATE, "verify: bad certificate signature"},
    {GT_ERR_X509V_SIG_ALG, GT_ALERT_UNSUPPORTED_CERTIFICATE,
     "verify: signature algorithm not allowed"},
    {GT_ERR_X509V_KEY, GT_ALERT_UNSUPPORTED_CERTIFICATE, "verify: issuer key not supported"},
    {GT_ERR_X509V_NOT_CA, GT_ALERT_BAD_CERTIFICATE, "verify: issuer is not a CA"},
    {GT_ERR_X509V_PATH_LEN, GT_ALERT_BAD_CERTIFICATE, "verify: path length constraint exceeded"},
    {GT_ERR_X509V_CA_KEY_USAGE, GT_ALERT_BAD_CERTIFICATE,
     "verify: issuer key usage lacks keyCertSign"},
    {GT_ERR_X509V_LEAF_KEY_USAGE, GT_ALERT_UNSUPPORTED_CERTIFICATE,
     "verify: key usage does not allow the purpose"},
    {GT_ERR_X509V_EKU, GT_ALERT_UNSUPPORTED_CERTIFICATE,
     "verify: extended key usage does not allow the purpose"},
    {GT_ERR_X509V_NAME_CONSTRAINT, GT_ALERT_BAD_CERTIFICATE, "verify: name constraint violated"},
    {GT_ERR_X509V_NC_UNSUPPORTED, GT_ALERT_UNSUPPORTED_CERTIFICATE,
     "verify: unsupported name constraint"},
    {GT_ERR_X509V_HOSTNAME, GT_ALERT_BAD_CERTIFICATE, "verify: host name mismatch"},
    {GT_ERR_X509V_IP, GT_ALERT_BAD_CERTIFICATE, "verify: IP address mismatch"},
    {GT_ERR_X509V_DEPTH, GT_ALERT_BAD_CERTIFICATE, "verify: chain too long"},
    {GT_ERR_X509V_BUDGET, GT_ALERT_BAD_CERTIFICATE, "verify: path building limit reached"},
    {GT_ERR_X509V_POLICY, GT_ALERT_UNSUPPORTED_CERTIFICATE,
     "verify: critical policy extension not supported"},
    {GT_ERR_X509V_NO_SAN, GT_ALERT_BAD_CERTIFICATE, "verify: no subjectAltName to match"},
    {GT_ERR_X509V_BAD_REFERENCE, GT_ALERT_INTERNAL_ERROR, "verify: malformed reference name"},
    /* Record layer, RFC 5246 §6.2 and §7.2.2. A version the record layer
     * cannot accept is protocol_version; a content type it does not know or
     * cannot take now, and an empty handshake/alert/CCS fragment (§6.2.1:
     * "MUST NOT send zero-length fragments"), are unexpected_message. */
    {GT_ERR_RECORD_OVERFLOW, GT_ALERT_RECORD_OVERFLOW, "record: overflow"},
    {GT_ERR_BAD_RECORD_MAC, GT_ALERT_BAD_RECORD_MAC, "record: bad record MAC"},
    {GT_ERR_RECORD_TYPE, GT_ALERT_UNEXPECTED_MESSAGE, "record: unexpected content type"},
    {GT_ERR_RECORD_VERSION, GT_ALERT_PROTOCOL_VERSION, "record: bad version"},
    {GT_ERR_RECORD_EMPTY, GT_ALERT_UNEXPECTED_MESSAGE, "record: empty fragment not allowed"},
    {GT_ERR_RECORD_SEQ, GT_ALERT_INTERNAL_ERROR, "record: sequence number exhausted"},
    {GT_ERR_RECORD_BAD_CCS, GT_ALERT_DECODE_ERROR, "record: malformed ChangeCipherSpec"},
    {GT_ERR_RECORD_BAD_ALERT, GT_ALERT_DECODE_ERROR, "record: malformed alert"},
    {GT_ERR_RECORD_INTERLEAVE, GT_ALERT_UNEXPECTED_MESSAGE,
     "record: record inside a fragmented handshake message"},
    /* Handshake. */
    {GT_ERR_UNEXPECTED_MESSAGE, GT_ALERT_UNEXPECTED_MESSAGE, "handshake: unexpected message"},
    {GT_ERR_HANDSHAKE_FAILURE, GT_ALERT_HANDSHAKE_FAILURE, "handshake: no acceptable parameters"},
    {GT_ERR_PROTOCOL_VERSION, GT_ALERT_PROTOCOL_VERSION,
     "handshake: protocol version not supported"},
    {GT_ERR_NO_RENEGOTIATION, GT_ALERT_NO_RENEGOTIATION, "handshake: renegotiation refused"},
    {GT_ERR_UNSUPPORTED_EXTENSION, GT_ALERT_UNSUPPORTED_EXTENSION,
     "handshake: extension not offered"},
    {GT_ERR_NO_ALPN, GT_ALERT_NO_APPLICATION_PROTOCOL,
     "handshake: no application protocol in common"},
    /* Nothing is sent for a truncation: the transport is already gone. */
    {GT_ERR_TRUNCATED, GT_ALERT_INTERNAL_ERROR, "connection truncated (no close_notify)"},
    {GT_ERR_DECRYPT_ERROR, GT_ALERT_DECRYPT_ERROR, "handshake: Finished does not verify"},
    {GT_ERR_ILLEGAL_PARAMETER, GT_ALERT_ILLEGAL_PARAMETER, "handshake: illegal parameter"},
    /* RFC 5246 §7.4.1.4 names no alert; a message breaking the structure
     * rule is malformed, so decode_error (as BoringSSL does). */
    {GT_ERR_DUPLICATE_EXTENSION, GT_ALERT_DECODE_ERROR, "handshake: duplicate extension"},
    /* RFC 5746 §3.4, §3.6: handshake_failure. */
    {GT_ERR_INSECURE_RENEGOTIATION, GT_ALERT_HANDSHAKE_FAILURE,
     "handshake: renegotiation_info check failed"},
    {GT_ERR_HS_MESSAGE_TOO_LARGE, GT_ALERT_ILLEGAL_PARAMETER, "handshake: message too large"},
    {GT_ERR_BAD_CERTIFICATE, GT_ALERT_BAD_CERTIFICATE, "handshake: bad or missing certificate"},
    {GT_ERR_UNSUPPORTED_CERTIFICATE, GT_ALERT_UNSUPPORTED_CERTIFICATE,
     "handshake: certificate key does not fit the suite"},
    /* RFC 7627 §5.2: handshake_failure. */
    {GT_ERR_EMS_REQUIRED, GT_ALERT_HANDSHAKE_FAILURE, "handshake: extended master secret required"},
    {GT_ERR_TOO_MANY_WARNINGS, GT_ALERT_UNEXPECTED_MESSAGE, "too many warning alerts"},
    {GT_ERR_NO_SERVER_NAME, GT_ALERT_INTERNAL_ERROR, "no server name to verify the peer against"},
    /* A message the peer could not have sent yet: unexpected_message. */
    {GT_ERR_EXCESS_HANDSHAKE_DATA, GT_ALERT_UNEXPECTED_MESSAGE,
     "handshake: data after the end of the peer's flight"},
    /* RFC 8422 §5.3 names no alert; the certificate's field is out of what
     * was negotiated: illegal_parameter (as BoringSSL's BAD_ECC_CERT). */
    {GT_ERR_CERT_CURVE, GT_ALERT_ILLEGAL_PARAMETER,
     "handshake: ECDSA certificate on a curve the client did not offer"},
    /* A local configuration fault, unrelated to the peer (§7.2.2). */
    {GT_ERR_NO_SIGALGS, GT_ALERT_INTERNAL_ERROR,
     "config: no signature algorithm enabled (SHA-1 only with SHA-1 off?)"},
    {GT_ERR_INAPPROPRIATE_FALLBACK, GT_ALERT_INAPPROPRIATE_FALLBACK,
     "handshake: TLS_FALLBACK_SCSV with a lower version (RFC 7507)"},
    /* The peer's fatal alert ends the connection; nothing is sent back. */
    {GT_ERR_ALERT_RECEIVED, GT_ALERT_INTERNAL_ERROR, "fatal alert received from the peer"},
};

static const struct err_row *find(int err)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        if (rows[i].err == err) return &rows[i];
    return NULL;
}

int gt_err_alert(int err)
{
    const struct err_row *r = find(err);
    return r ? r->alert : GT_ALERT_INTERNAL_ERROR;
}

const char *gt_err_str(int err)
{
    const struct err_row *r = find(err);
    return r ? r->name : "unknown error";
}
