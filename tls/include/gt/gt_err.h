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
    GT_ERR_CRYPTO_POINT = -306,       /* invalid public point / share */
    GT_ERR_CRYPTO_KEY = -307,         /* malformed or inconsistent key */
    GT_ERR_CRYPTO_PADDING = -308,     /* bad padding (public-data contexts only) */
    GT_ERR_CRYPTO_ZERO_SECRET = -309, /* all-zero (EC)DH shared secret */

    /* -5xx X.509: -500..-519 DER (X.690 §8/§10), -520..-549 certificate,
     * key and PEM structure (RFC 5280 §4.1, RFC 7468); -550..-599 are
     * reserved for path validation. Truncation and trailing bytes inside DER
     * are reported as GT_ERR_DECODE_TRUNCATED / GT_ERR_DECODE_TRAILING. */
    GT_ERR_DER_TAG = -500,               /* unexpected tag, or high-tag-number form */
    GT_ERR_DER_LENGTH_INDEFINITE = -501, /* 0x80: BER indefinite length */
    GT_ERR_DER_LENGTH_NONMINIMAL = -502, /* long form where short fits, leading zero octet */
    GT_ERR_DER_LENGTH_OVERFLOW = -503,   /* more than 4 length octets, or 0xFF */
    GT_ERR_DER_INT_NONMINIMAL = -504,    /* redundant leading 0x00 / 0xFF */
    GT_ERR_DER_INT_EMPTY = -505,         /* zero-length INTEGER */
    GT_ERR_DER_INT_NEGATIVE = -506,      /* negative where a non-negative one is required */
    GT_ERR_DER_INT_RANGE = -507,         /* too large for the field */
    GT_ERR_DER_BITSTRING = -508,         /* unused-bits octet > 7, or not 0 when empty */
    GT_ERR_DER_BITSTRING_PAD = -509,     /* unused bits not zero */
    GT_ERR_DER_OID = -510,               /* empty, 0x80-padded arc, unterminated arc */
    GT_ERR_DER_BOOLEAN = -511,           /* not one octet 0x00 / 0xFF */
    GT_ERR_DER_NULL = -512,              /* NULL with contents */
    GT_ERR_DER_TIME = -513,              /* time not in the RFC 5280 §4.1.2.5 format */
    GT_ERR_DER_TIME_VALUE = -514,        /* well formed but impossible (Feb 30, 24:00) */
    GT_ERR_DER_DEPTH = -515,             /* nesting deeper than the bound */
    GT_ERR_DER_DEFAULT = -516,           /* a DEFAULT value explicitly encoded */
    GT_ERR_DER_STRING = -517,            /* string contents invalid for its type */
    GT_ERR_X509_VERSION = -520,          /* not v1/v2/v3, or fields the version forbids */
    GT_ERR_X509_SERIAL = -521,           /* negative or empty serial */
    GT_ERR_X509_SIGALG_MISMATCH = -522,  /* signatureAlgorithm != tbs.signature */
    GT_ERR_X509_SIGALG_PARAMS = -523,    /* parameters wrong for the algorithm */
    GT_ERR_X509_EXT_DUPLICATE = -524,    /* RFC 5280 §4.2: an extension twice */
    GT_ERR_X509_EXT_UNKNOWN_CRITICAL = -525,
    GT_ERR_X509_EXT_VALUE = -526,    /* a known extension's value malformed */
    GT_ERR_X509_EXT_EMPTY = -527,    /* empty Extensions SEQUENCE */
    GT_ERR_X509_NAME = -528,         /* malformed Name */
    GT_ERR_X509_GENERAL_NAME = -529, /* malformed GeneralName */
    GT_ERR_X509_SPKI = -530,         /* malformed SubjectPublicKeyInfo */
    GT_ERR_X509_CURVE = -531,        /* EC key without a named curve */
    GT_ERR_X509_KEY = -532,          /* malformed private key */
    GT_ERR_X509_UNIQUE_ID = -533,    /* malformed issuer/subjectUniqueID */
    GT_ERR_X509_VALIDITY = -534,     /* malformed Validity */
    GT_ERR_X509_TRUST_FULL = -535,   /* trust store storage exhausted */
    GT_ERR_PEM_FORMAT = -540,        /* no block, unterminated block, bad boundary line */
    GT_ERR_PEM_LABEL = -541,         /* END label differs from BEGIN, or unexpected label */
    GT_ERR_PEM_BASE64 = -542,        /* invalid base64 */
    /* -550..-599 path validation (RFC 5280 §6, RFC 6125; gt_x509_verify.h) */
    GT_ERR_X509V_EXPIRED = -550,        /* now > notAfter */
    GT_ERR_X509V_NOT_YET_VALID = -551,  /* now < notBefore */
    GT_ERR_X509V_UNKNOWN_CA = -552,     /* no issuer chain reaches a trust anchor */
    GT_ERR_X509V_SIGNATURE = -553,      /* a certificate signature does not verify */
    GT_ERR_X509V_SIG_ALG = -554,        /* signature algorithm/hash refused (MD5, SHA-1 off, ...) */
    GT_ERR_X509V_KEY = -555,            /* issuer key unsupported (type, curve, size) */
    GT_ERR_X509V_NOT_CA = -556,         /* issuer without basicConstraints cA */
    GT_ERR_X509V_PATH_LEN = -557,       /* pathLenConstraint exceeded */
    GT_ERR_X509V_CA_KEY_USAGE = -558,   /* issuer keyUsage without keyCertSign */
    GT_ERR_X509V_LEAF_KEY_USAGE = -559, /* leaf keyUsage wrong for the purpose */
    GT_ERR_X509V_EKU = -560,            /* extKeyUsage lacks the purpose */
    GT_ERR_X509V_NAME_CONSTRAINT = -561, /* a name outside permitted / inside excluded */
    GT_ERR_X509V_NC_UNSUPPORTED = -562,  /* constraint of a name form not implemented */
    GT_ERR_X509V_HOSTNAME = -563,        /* no subjectAltName dNSName matches */
    GT_ERR_X509V_IP = -564,              /* no subjectAltName iPAddress matches */
    GT_ERR_X509V_DEPTH = -565,           /* no path within the depth limit */
    GT_ERR_X509V_BUDGET = -566,          /* path-building work limit reached */
    GT_ERR_X509V_POLICY = -567,          /* critical policy extension (not processed) */
    GT_ERR_X509V_NO_SAN = -568,          /* identity asked for, leaf has no subjectAltName */
    GT_ERR_X509V_BAD_REFERENCE = -569,   /* the host name / IP to check is malformed */

    /* -4xx record layer (RFC 5246 §6) */
    GT_ERR_RECORD_OVERFLOW = -400, /* fragment above 2^14 (+2048 protected) */
    GT_ERR_BAD_RECORD_MAC = -401,  /* AEAD tag / MAC did not verify */
    GT_ERR_RECORD_TYPE = -402,     /* unknown content type, or one not allowed now */
    GT_ERR_RECORD_VERSION = -403,  /* record version not TLS 1.x / not 1.2 after hello */
    GT_ERR_RECORD_EMPTY = -404, /* empty handshake/alert/CCS fragment, or too many empty records */
    GT_ERR_RECORD_SEQ = -405,   /* sequence number would wrap (RFC 5246 §6.1) */
    GT_ERR_RECORD_BAD_CCS = -406,    /* ChangeCipherSpec not the single byte 1 */
    GT_ERR_RECORD_BAD_ALERT = -407,  /* alert record not one 2-byte alert */
    GT_ERR_RECORD_INTERLEAVE = -408, /* CCS/app data inside a fragmented handshake message */

    /* -6xx handshake */
    GT_ERR_UNEXPECTED_MESSAGE = -600,      /* message not legal in this state */
    GT_ERR_HANDSHAKE_FAILURE = -601,       /* no acceptable suite/group/sigalg/certificate */
    GT_ERR_PROTOCOL_VERSION = -602,        /* peer does not do TLS 1.2 */
    GT_ERR_NO_RENEGOTIATION = -603,        /* renegotiation refused */
    GT_ERR_UNSUPPORTED_EXTENSION = -604,   /* ServerHello extension the client did not offer */
    GT_ERR_NO_ALPN = -605,                 /* RFC 7301 §3.2: no protocol in common */
    GT_ERR_TRUNCATED = -606,               /* end of stream without close_notify */
    GT_ERR_DECRYPT_ERROR = -607,           /* Finished verify_data mismatch */
    GT_ERR_ILLEGAL_PARAMETER = -608,       /* field out of range / inconsistent */
    GT_ERR_DUPLICATE_EXTENSION = -609,     /* RFC 5246 §7.4.1.4: an extension twice */
    GT_ERR_INSECURE_RENEGOTIATION = -610,  /* RFC 5746 renegotiation_info check failed */
    GT_ERR_HS_MESSAGE_TOO_LARGE = -611,    /* handshake message above the engine's bound */
    GT_ERR_BAD_CERTIFICATE = -612,         /* peer sent no or an unusable certificate */
    GT_ERR_UNSUPPORTED_CERTIFICATE = -613, /* certificate key does not fit the suite */
    GT_ERR_EMS_REQUIRED = -614,            /* RFC 7627 required but not negotiated */
    GT_ERR_TOO_MANY_WARNINGS = -615,       /* peer keeps sending warning alerts */
    GT_ERR_NO_SERVER_NAME = -616,          /* verification on but no name to check */
    GT_ERR_EXCESS_HANDSHAKE_DATA = -617,   /* handshake bytes after the end of the peer's flight */
    GT_ERR_CERT_CURVE = -618,              /* RFC 8422 §5.3: ECDSA leaf on a curve not offered */
    GT_ERR_NO_SIGALGS = -619,              /* config: every signature algorithm disabled */
    GT_ERR_INAPPROPRIATE_FALLBACK = -630,  /* RFC 7507 §3: TLS_FALLBACK_SCSV below our best */

    /* -7xx the peer's fatal alert (see gt_conn_error's gt_alert_info) */
    GT_ERR_ALERT_RECEIVED = -700
};

/* The TLS alert description an error is reported with. */
int gt_err_alert(int err);
/* A short, stable, human-readable name ("decode: trailing bytes"). */
const char *gt_err_str(int err);

#ifdef __cplusplus
}
#endif
#endif
