/* tlsgauntlet — error codes and their TLS alerts.
 *
 * Every libgt function returns 0 on success or a negative GT_ERR_* value.
 * Codes are grouped by category (the hundreds digit), and each code maps to
 * exactly one TLS alert description (RFC 5246 §7.2) through gt_err_alert().
 * GT_ERR_WANT_INPUT and GT_ERR_WANT_OUTPUT are not failures: they say what the
 * engine needs next. */
#ifndef GT_ERR_H
#define GT_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

#define GT_MUST_CHECK __attribute__((warn_unused_result))

/* RFC 5246 §7.2 AlertDescription, plus RFC 5746/7301/7507/6066 additions. */
enum gt_alert_desc {
    GT_ALERT_CLOSE_NOTIFY = 0,
    GT_ALERT_UNEXPECTED_MESSAGE = 10,
    GT_ALERT_BAD_RECORD_MAC = 20,
    GT_ALERT_RECORD_OVERFLOW = 22,
    GT_ALERT_HANDSHAKE_FAILURE = 40,
    GT_ALERT_BAD_CERTIFICATE = 42,
    GT_ALERT_UNSUPPORTED_CERTIFICATE = 43,
    GT_ALERT_CERTIFICATE_REVOKED = 44,
    GT_ALERT_CERTIFICATE_EXPIRED = 45,
    GT_ALERT_CERTIFICATE_UNKNOWN = 46,
    GT_ALERT_ILLEGAL_PARAMETER = 47,
    GT_ALERT_UNKNOWN_CA = 48,
    GT_ALERT_ACCESS_DENIED = 49,
    GT_ALERT_DECODE_ERROR = 50,
    GT_ALERT_DECRYPT_ERROR = 51,
    GT_ALERT_PROTOCOL_VERSION = 70,
    GT_ALERT_INSUFFICIENT_SECURITY = 71,
    GT_ALERT_INTERNAL_ERROR = 80,
    GT_ALERT_INAPPROPRIATE_FALLBACK = 86,
    GT_ALERT_USER_CANCELED = 90,
    GT_ALERT_NO_RENEGOTIATION = 100,
    GT_ALERT_UNSUPPORTED_EXTENSION = 110,
    GT_ALERT_UNRECOGNIZED_NAME = 112,
    GT_ALERT_NO_APPLICATION_PROTOCOL = 120,
};

enum gt_err {
    GT_OK = 0,

    /* -1xx general */
    GT_ERR_INTERNAL = -100,
    GT_ERR_ALLOC = -101,
    GT_ERR_ARG = -102,
    GT_ERR_STATE = -103,
    GT_ERR_WANT_INPUT = -104,
    GT_ERR_WANT_OUTPUT = -105,
    GT_ERR_UNSUPPORTED = -106,
    GT_ERR_CLOSED = -107,

    /* -2xx decoding (cursor and message structure) */
    GT_ERR_DECODE_TRUNCATED = -200, /* fewer bytes than a field needs */
    GT_ERR_DECODE_TRAILING = -201,  /* bytes left after the last field */
    GT_ERR_DECODE_LENGTH = -202,    /* a vector length outside its <min..max> */
    GT_ERR_DECODE_VALUE = -203,     /* a field with an illegal value */
    GT_ERR_ENCODE_OVERFLOW = -204,  /* writer buffer too small */

    /* -3xx cryptography */
    GT_ERR_CRYPTO_TAG = -300,      /* AEAD tag or MAC mismatch */
    GT_ERR_CRYPTO_KEY_SIZE = -301, /* unsupported key length */
    GT_ERR_CRYPTO_IV_SIZE = -302,  /* unsupported IV / nonce / tag length */
    GT_ERR_CRYPTO_LENGTH = -303,   /* input length not allowed (e.g. not block aligned) */
    GT_ERR_CRYPTO_RNG = -304,      /* entropy source failed */
    GT_ERR_CRYPTO_SIGNATURE = -305,
    GT_ERR_CRYPTO_POINT = -306,      /* invalid public point / share */
    GT_ERR_CRYPTO_KEY = -307,        /* malformed or inconsistent key */
    GT_ERR_CRYPTO_PADDING = -308,    /* bad padding (public-data contexts only) */
    GT_ERR_CRYPTO_ZERO_SECRET = -309 /* all-zero (EC)DH shared secret */
};

/* The TLS alert description an error is reported with. */
int gt_err_alert(int err);
/* A short, stable, human-readable name ("decode: trailing bytes"). */
const char *gt_err_str(int err);

#ifdef __cplusplus
}
#endif
#endif
