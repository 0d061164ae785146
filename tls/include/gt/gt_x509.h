/* tlsgauntlet — X.509 certificates, keys, PEM and trust stores (public API).
 *
 * Everything here parses without allocating: a parsed object is a *view*
 * whose slices point into the caller's DER (or PEM-decoded) buffer, which
 * must outlive the view. Parsing is strict DER (X.690 §10, RFC 5280 §4.1):
 * any encoding that is not the one distinguished encoding is rejected with a
 * distinct GT_ERR_DER_* / GT_ERR_X509_* code (gt_err.h, category -5xx).
 *
 * Parsing checks structure and the RFC 5280 §4.1 profile only; it does not
 * check signatures, validity periods or chains (that is path validation,
 * built on these views).
 *
 * Iterators (names, general names, subtrees, extended key usages, PEM
 * blocks) return 1 and fill their output while there is an item, 0 at the
 * end, and a negative error on malformed input (after which they stay at
 * the failing item). */
#ifndef GT_X509_H
#define GT_X509_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A run of bytes inside the caller's buffer. p is NULL when absent. */
typedef struct {
    const uint8_t *p;
    size_t len;
} gt_x509_slice;

/* Position of an iterator over a slice (same layout as the internal
 * cursor, so iterators are cheap to copy). */
typedef struct {
    const uint8_t *p;
    size_t left;
} gt_x509_iter;

static inline gt_x509_iter gt_x509_iter_of(gt_x509_slice s)
{
    gt_x509_iter it = {s.p, s.p ? s.len : 0};
    return it;
}

/* ---- Algorithms ------------------------------------------------------ */

typedef enum {
    GT_X509_HASH_NONE = 0,
    GT_X509_HASH_MD2,
    GT_X509_HASH_MD5,
    GT_X509_HASH_SHA1,
    GT_X509_HASH_SHA224,
    GT_X509_HASH_SHA256,
    GT_X509_HASH_SHA384,
    GT_X509_HASH_SHA512,
} gt_x509_hash;

/* Signature algorithms (RFC 3279, RFC 4055, RFC 5758, RFC 8410). Unknown
 * algorithms parse (GT_X509_SIG_UNKNOWN, OID kept) so that a certificate
 * can be shown; path validation rejects them. */
typedef enum {
    GT_X509_SIG_UNKNOWN = 0,
    GT_X509_SIG_RSA_PKCS1, /* hash says which: md2/md5/sha1/sha224..sha512 */
    GT_X509_SIG_RSA_PSS,   /* hash, mgf1_hash, salt_len from the parameters */
    GT_X509_SIG_ECDSA,     /* hash: sha1/sha224..sha512 */
    GT_X509_SIG_ED25519,
    GT_X509_SIG_ED448,
    GT_X509_SIG_DSA,
} gt_x509_sig_type;

typedef struct {
    gt_x509_sig_type type;
    gt_x509_hash hash;
    gt_x509_hash mgf1_hash; /* RSA-PSS only */
    uint32_t salt_len;      /* RSA-PSS only (RFC 4055 §3.1 default 20) */
    gt_x509_slice der;      /* the whole AlgorithmIdentifier TLV */
    gt_x509_slice oid;      /* OID contents octets */
    gt_x509_slice params;   /* parameters TLV, p == NULL when absent */
} gt_x509_sigalg;

/* Named curves. The values equal gt_ec_curve's (RFC 8422 NamedCurve). */
typedef enum {
    GT_X509_CURVE_UNKNOWN = 0,
    GT_X509_CURVE_P256 = 23, /* prime256v1 / secp256r1 */
    GT_X509_CURVE_P384 = 24, /* secp384r1 */
    GT_X509_CURVE_P521 = 25, /* secp521r1: recognised, not supported by libgt */
} gt_x509_curve;

typedef enum {
    GT_X509_KEY_UNKNOWN = 0, /* algorithm OID kept in alg_oid */
    GT_X509_KEY_RSA,         /* rsaEncryption */
    GT_X509_KEY_RSA_PSS,     /* id-RSASSA-PSS SPKI (RFC 4055 §1.2): n and e as for RSA */
    GT_X509_KEY_EC,          /* id-ecPublicKey */
    GT_X509_KEY_ED25519,
    GT_X509_KEY_ED448,
    GT_X509_KEY_DSA,
} gt_x509_key_type;

/* SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). */
typedef struct {
    gt_x509_key_type type;
    gt_x509_slice der;        /* whole SubjectPublicKeyInfo TLV */
    gt_x509_slice alg_oid;    /* algorithm OID contents */
    gt_x509_slice alg_params; /* parameters TLV or p == NULL */
    gt_x509_slice key;        /* subjectPublicKey BIT STRING contents (no unused-bits byte) */
    /* RSA, RSA-PSS: RFC 8017 A.1.1 RSAPublicKey, minimal big-endian
     * magnitudes (leading zero octet stripped; both positive). */
    gt_x509_slice rsa_n, rsa_e;
    /* EC: named curve (GT_X509_CURVE_UNKNOWN with curve_oid set for
     * other named curves) and the SEC 1 point (== key). */
    gt_x509_curve curve;
    gt_x509_slice curve_oid;
    gt_x509_slice ec_point;
    unsigned bits; /* RSA modulus bits, EC field bits, 0 if unknown */
} gt_x509_pubkey;

/* A private key: PKCS#1 RSAPrivateKey (RFC 8017 A.1.2), PKCS#8
 * PrivateKeyInfo (RFC 5208 §5) holding RSA or EC, or SEC 1 ECPrivateKey
 * (RFC 5915 §3). The slices point at secret bytes in the caller's buffer:
 * the caller wipes that buffer when done. */
typedef struct {
    gt_x509_key_type type; /* GT_X509_KEY_RSA or GT_X509_KEY_EC */
    /* RSA: magnitudes, leading zero octet stripped. */
    gt_x509_slice n, e, d, p, q, dp, dq, qinv;
    /* EC: the scalar (privateKey OCTET STRING, curve-size bytes), the
     * curve (from the ECPrivateKey parameters or the PKCS#8 algorithm)
     * and the public point when the key carries it (p == NULL if not). */
    gt_x509_curve curve;
    gt_x509_slice ec_priv;
    gt_x509_slice ec_pub;
    unsigned bits;
} gt_x509_privkey;

/* ---- Names ----------------------------------------------------------- */

/* One AttributeTypeAndValue of a Name (RFC 5280 §4.1.2.4). */
typedef struct {
    gt_x509_slice oid;   /* attribute type OID contents */
    uint8_t tag;         /* value's universal tag (12 UTF8String, 19 PrintableString, ...) */
    gt_x509_slice value; /* value contents octets */
    unsigned rdn;        /* index of the RelativeDistinguishedName it belongs to */
    int multi;           /* 1 if that RDN holds more than one attribute */
} gt_x509_attr;

/* Well-known attribute types. */
typedef enum {
    GT_X509_ATTR_OTHER = 0,
    GT_X509_ATTR_CN,     /* 2.5.4.3 */
    GT_X509_ATTR_SERIAL, /* 2.5.4.5 */
    GT_X509_ATTR_C,      /* 2.5.4.6 */
    GT_X509_ATTR_L,      /* 2.5.4.7 */
    GT_X509_ATTR_ST,     /* 2.5.4.8 */
    GT_X509_ATTR_STREET, /* 2.5.4.9 */
    GT_X509_ATTR_O,      /* 2.5.4.10 */
    GT_X509_ATTR_OU,     /* 2.5.4.11 */
    GT_X509_ATTR_DC,     /* 0.9.2342.19200300.100.1.25 */
    GT_X509_ATTR_EMAIL,  /* 1.2.840.113549.1.9.1 */
    GT_X509_ATTR_UID,    /* 0.9.2342.19200300.100.1.1 */
} gt_x509_attr_type;

/* Iterator over the attributes of a Name, in encoded order. */
typedef struct {
    gt_x509_iter rdns; /* RDNSequence still to visit */
    gt_x509_iter set;  /* attributes left in the current RDN SET */
    unsigned rdn;      /* index of the current RDN */
    int multi;
} gt_x509_name_iter;

/* Starts iterating `name`, the whole Name TLV as stored in
 * gt_x509_cert.issuer/subject (GT_ERR_X509_NAME if it is not a SEQUENCE). */
GT_MUST_CHECK int gt_x509_name_iter_init(gt_x509_name_iter *it, gt_x509_slice name);
GT_MUST_CHECK int gt_x509_name_next(gt_x509_name_iter *it, gt_x509_attr *out);
gt_x509_attr_type gt_x509_attr_kind(const gt_x509_attr *a);
/* Short name of an attribute type ("CN", "O", ...) or NULL if not known. */
const char *gt_x509_attr_name(const gt_x509_attr *a);
/* Writes the Name as one line of text, RDNs in encoded order
 * ("C=US, O=Example, CN=example.com"; multi-valued RDNs joined with '+',
 * unknown types as dotted OIDs, non-printable bytes as \xNN). Returns the
 * length written (NUL-terminated, truncated with "..." if cap is too small)
 * or a negative error for a malformed Name. */
GT_MUST_CHECK int gt_x509_name_print(gt_x509_slice name, char *buf, size_t cap);
/* Byte-exact comparison of two encoded Names (what chain building uses to
 * match issuer to subject). 1 if equal. */
int gt_x509_name_equal(gt_x509_slice a, gt_x509_slice b);
/* Writes an OID in dotted-decimal. Returns length or a negative error. */
GT_MUST_CHECK int gt_x509_oid_print(gt_x509_slice oid, char *buf, size_t cap);

/* ---- General names (RFC 5280 §4.2.1.6) --------------------------------- */

typedef enum {
    GT_X509_GN_OTHER = 0,   /* [0] otherName */
    GT_X509_GN_EMAIL = 1,   /* [1] rfc822Name (IA5String contents) */
    GT_X509_GN_DNS = 2,     /* [2] dNSName (IA5String contents) */
    GT_X509_GN_X400 = 3,    /* [3] x400Address */
    GT_X509_GN_DIRNAME = 4, /* [4] directoryName: value is the whole Name TLV */
    GT_X509_GN_EDI = 5,     /* [5] ediPartyName */
    GT_X509_GN_URI = 6,     /* [6] uniformResourceIdentifier */
    GT_X509_GN_IP = 7,      /* [7] iPAddress: 4 or 16 octets (8 or 32 in name constraints) */
    GT_X509_GN_RID = 8,     /* [8] registeredID: OID contents */
} gt_x509_gn_type;

typedef struct {
    gt_x509_gn_type type;
    gt_x509_slice value; /* contents (for DIRNAME: the inner Name TLV) */
} gt_x509_general_name;

/* Iterates a GeneralNames (SEQUENCE contents, e.g. gt_x509_cert.san). */
GT_MUST_CHECK int gt_x509_gn_next(gt_x509_iter *it, gt_x509_general_name *out);
/* Iterates GeneralSubtrees contents (name constraints). RFC 5280 §4.2.1.10:
 * minimum MUST be zero and maximum MUST be absent; anything else is
 * GT_ERR_X509_EXT_VALUE, so a verifier fails closed. */
GT_MUST_CHECK int gt_x509_subtree_next(gt_x509_iter *it, gt_x509_general_name *base);
/* Iterates the KeyPurposeId OIDs of extKeyUsage (gt_x509_cert.eku). */
GT_MUST_CHECK int gt_x509_eku_next(gt_x509_iter *it, gt_x509_slice *oid);

/* ---- Certificates ------------------------------------------------------ */

/* keyUsage bits (RFC 5280 §4.2.1.3), bit n of the BIT STRING = 1u << n. */
#define GT_X509_KU_DIGITAL_SIGNATURE 0x001u
#define GT_X509_KU_NON_REPUDIATION   0x002u
#define GT_X509_KU_KEY_ENCIPHERMENT  0x004u
#define GT_X509_KU_DATA_ENCIPHERMENT 0x008u
#define GT_X509_KU_KEY_AGREEMENT     0x010u
#define GT_X509_KU_KEY_CERT_SIGN     0x020u
#define GT_X509_KU_CRL_SIGN          0x040u
#define GT_X509_KU_ENCIPHER_ONLY     0x080u
#define GT_X509_KU_DECIPHER_ONLY     0x100u

/* extKeyUsage summary flags (RFC 5280 §4.2.1.12). */
#define GT_X509_EKU_SERVER_AUTH 0x01u
#define GT_X509_EKU_CLIENT_AUTH 0x02u
#define GT_X509_EKU_ANY         0x04u /* anyExtendedKeyUsage */
#define GT_X509_EKU_OTHER       0x08u /* some other purpose is listed */

/* Extensions the parser understands (bits of ext_present/ext_critical). */
#define GT_X509_EXT_BASIC_CONSTRAINTS  0x0001u /* 2.5.29.19 */
#define GT_X509_EXT_KEY_USAGE          0x0002u /* 2.5.29.15 */
#define GT_X509_EXT_EXT_KEY_USAGE      0x0004u /* 2.5.29.37 */
#define GT_X509_EXT_SAN                0x0008u /* 2.5.29.17 */
#define GT_X509_EXT_NAME_CONSTRAINTS   0x0010u /* 2.5.29.30 */
#define GT_X509_EXT_AKID               0x0020u /* 2.5.29.35 */
#define GT_X509_EXT_SKID               0x0040u /* 2.5.29.14 */
#define GT_X509_EXT_CERT_POLICIES      0x0080u /* 2.5.29.32 (kept as a slice) */
#define GT_X509_EXT_POLICY_MAPPINGS    0x0100u /* 2.5.29.33 (kept as a slice) */
#define GT_X509_EXT_POLICY_CONSTRAINTS 0x0200u /* 2.5.29.36 (kept as a slice) */
#define GT_X509_EXT_INHIBIT_ANY_POLICY 0x0400u /* 2.5.29.54 (kept as a slice) */
#define GT_X509_EXT_IAN                0x0800u /* 2.5.29.18 issuerAltName */
#define GT_X509_EXT_CRL_DP             0x1000u /* 2.5.29.31 (non-critical, opaque) */
#define GT_X509_EXT_AIA                0x2000u /* 1.3.6.1.5.5.7.1.1 (non-critical, opaque) */

/* One extension as encoded (for showing, and for the opaque ones). */
typedef struct {
    gt_x509_slice oid;   /* extnID contents */
    int critical;        /* 1 if critical */
    gt_x509_slice value; /* extnValue OCTET STRING contents */
    unsigned known;      /* GT_X509_EXT_* bit, 0 for an unknown extension */
} gt_x509_ext;

/* A parsed certificate: a view into the caller's DER. */
typedef struct {
    gt_x509_slice der;     /* the whole Certificate TLV */
    gt_x509_slice tbs;     /* TBSCertificate TLV: the bytes the signature covers */
    int version;           /* 1, 2 or 3 (the X.509 version, not the encoded 0..2) */
    gt_x509_slice serial;  /* INTEGER contents (two's complement, non-negative) */
    gt_x509_sigalg sigalg; /* signatureAlgorithm == tbs.signature (checked) */
    gt_x509_slice issuer;  /* issuer Name TLV */
    gt_x509_slice subject; /* subject Name TLV */
    int64_t not_before;    /* Unix seconds (UTC) */
    int64_t not_after;
    gt_x509_pubkey key;
    gt_x509_slice issuer_uid;  /* BIT STRING contents, p == NULL if absent */
    gt_x509_slice subject_uid; /* BIT STRING contents, p == NULL if absent */
    gt_x509_slice extensions;  /* Extensions SEQUENCE contents, p == NULL if absent */
    unsigned n_ext;            /* number of extensions */
    unsigned n_unknown_ext;    /* of which not understood (all non-critical) */
    unsigned ext_present;      /* GT_X509_EXT_* bits */
    unsigned ext_critical;     /* GT_X509_EXT_* bits of those marked critical */
    /* basicConstraints (RFC 5280 §4.2.1.9): cA, pathLenConstraint or -1. */
    int is_ca;
    int path_len;
    uint32_t key_usage; /* GT_X509_KU_* bits; meaningful if ext_present has KEY_USAGE */
    uint32_t eku_flags; /* GT_X509_EKU_* bits; meaningful if ext_present has EXT_KEY_USAGE */
    gt_x509_slice eku;  /* KeyPurposeId SEQUENCE contents (gt_x509_eku_next) */
    gt_x509_slice san;  /* GeneralNames contents (gt_x509_gn_next), checked well-formed */
    gt_x509_slice ian;  /* issuerAltName GeneralNames contents */
    gt_x509_slice nc_permitted; /* GeneralSubtrees contents (gt_x509_subtree_next), or NULL */
    gt_x509_slice nc_excluded;
    gt_x509_slice akid_key_id;        /* authorityKeyIdentifier keyIdentifier contents, or NULL */
    gt_x509_slice akid_issuer;        /* authorityCertIssuer GeneralNames contents, or NULL */
    gt_x509_slice akid_serial;        /* authorityCertSerialNumber INTEGER contents, or NULL */
    gt_x509_slice skid;               /* subjectKeyIdentifier contents, or NULL */
    gt_x509_slice policies;           /* certificatePolicies extnValue (whole SEQUENCE TLV) */
    gt_x509_slice policy_mappings;    /* extnValue TLV */
    gt_x509_slice policy_constraints; /* extnValue TLV */
    gt_x509_slice inhibit_any_policy; /* extnValue TLV */
    gt_x509_slice signature;          /* signatureValue BIT STRING contents */
} gt_x509_cert;

/* Parses one DER certificate occupying exactly der[0..n) (trailing bytes
 * are GT_ERR_DECODE_TRAILING). Profile decisions (RFC 5280 §4.1):
 * - version: v1 must be encoded by omission (DER: DEFAULT not encoded);
 *   v3 required for extensions, v2+ for unique identifiers;
 * - serial: negative or zero-length rejected (GT_ERR_X509_SERIAL); serials
 *   longer than the 20 octets §4.1.2.2 allows are accepted because deployed
 *   CAs issued them (the length is visible in `serial`);
 * - the outer signatureAlgorithm must equal tbs.signature byte for byte;
 * - extensions: no duplicates, no unknown critical ones, an empty
 *   Extensions SEQUENCE is rejected, known extensions are parsed fully. */
GT_MUST_CHECK int gt_x509_cert_parse(gt_x509_cert *c, const uint8_t *der, size_t n);
/* Parses the first certificate TLV of der and says how long it was (for
 * TLS Certificate lists and concatenated DER). */
GT_MUST_CHECK int gt_x509_cert_parse_prefix(gt_x509_cert *c, const uint8_t *der, size_t n,
                                            size_t *used);
/* Iterates the extensions of a parsed certificate (start with
 * gt_x509_iter_of(c->extensions)). */
GT_MUST_CHECK int gt_x509_ext_next(gt_x509_iter *it, gt_x509_ext *out);

/* ---- Keys ---------------------------------------------------------------- */

/* SubjectPublicKeyInfo TLV occupying exactly der[0..n) ("PUBLIC KEY"). */
GT_MUST_CHECK int gt_x509_spki_parse(gt_x509_pubkey *k, const uint8_t *der, size_t n);
/* PKCS#1 RSAPrivateKey ("RSA PRIVATE KEY"): version 0 (two-prime) only. */
GT_MUST_CHECK int gt_x509_rsa_privkey_parse(gt_x509_privkey *k, const uint8_t *der, size_t n);
/* SEC 1 ECPrivateKey ("EC PRIVATE KEY"). `curve` is used when the key has
 * no parameters (as inside PKCS#8); pass GT_X509_CURVE_UNKNOWN otherwise. */
GT_MUST_CHECK int gt_x509_ec_privkey_parse(gt_x509_privkey *k, const uint8_t *der, size_t n,
                                           gt_x509_curve curve);
/* PKCS#8 PrivateKeyInfo ("PRIVATE KEY"), version 0 or 1, RSA or EC. */
GT_MUST_CHECK int gt_x509_pkcs8_parse(gt_x509_privkey *k, const uint8_t *der, size_t n);

/* ---- PEM (RFC 7468) ------------------------------------------------------ */

typedef enum {
    GT_PEM_OTHER = 0, /* some other label: decoded, for the caller to skip */
    GT_PEM_CERTIFICATE,
    GT_PEM_PRIVATE_KEY,
    GT_PEM_RSA_PRIVATE_KEY,
    GT_PEM_EC_PRIVATE_KEY,
    GT_PEM_PUBLIC_KEY,
} gt_pem_label;

/* Finds the next "-----BEGIN label-----" ... "-----END label-----" block
 * in the input at *it (text between blocks is ignored, RFC 7468 §2) and
 * base64-decodes it into out[0..cap), setting *len. The END label must
 * match. Base64 is decoded without secret-dependent table lookups or
 * branches on the data (private keys pass through here). Errors:
 * GT_ERR_PEM_FORMAT (unterminated block, bad label line), GT_ERR_PEM_LABEL
 * (END does not match BEGIN), GT_ERR_PEM_BASE64 (bad character, padding),
 * GT_ERR_ENCODE_OVERFLOW (cap too small). Unlike the other iterators, a
 * block whose boundaries are intact but whose contents fail is stepped
 * over, so a caller may report it and go on with the next block. */
GT_MUST_CHECK int gt_pem_next(gt_x509_iter *it, gt_pem_label *label, uint8_t *out, size_t cap,
                              size_t *len);
/* Decodes a whole text that must hold exactly one block with the given
 * label (GT_ERR_PEM_LABEL otherwise). */
GT_MUST_CHECK int gt_pem_decode_one(const uint8_t *pem, size_t n, gt_pem_label want, uint8_t *out,
                                    size_t cap, size_t *len);
/* Loads a private key from PEM or DER text into a caller buffer (which then
 * holds the secret: wipe it when done): tries the PEM labels above, or
 * DER PKCS#8 / PKCS#1 / SEC 1 in turn. */
GT_MUST_CHECK int gt_x509_privkey_load(gt_x509_privkey *k, const uint8_t *in, size_t n,
                                       uint8_t *buf, size_t cap);

/* ---- Trust store ----------------------------------------------------------- */

/* A set of trust anchors, held entirely in caller-provided storage: an
 * array of certificate views and a byte buffer that PEM input is decoded
 * into (the views point there). libgt never allocates for it. To size the
 * storage exactly for a bundle, call gt_trust_pem_size() first; a buffer
 * as large as the PEM text always suffices for the DER. */
typedef struct {
    gt_x509_cert *anchors;
    size_t cap, n;
    uint8_t *buf;
    size_t buf_cap, buf_used;
    size_t rejected; /* PEM CERTIFICATE blocks skipped as unparseable */
} gt_trust_store;

void gt_trust_init(gt_trust_store *ts, gt_x509_cert *anchors, size_t cap, uint8_t *buf,
                   size_t buf_cap);
/* Adds one DER certificate, kept as a view into der (which must outlive
 * the store). GT_ERR_X509_TRUST_FULL when the array is full. */
GT_MUST_CHECK int gt_trust_add_der(gt_trust_store *ts, const uint8_t *der, size_t n);
/* Adds every CERTIFICATE block of a PEM bundle, decoding into ts->buf.
 * Blocks that fail to parse are counted in ts->rejected and skipped when
 * `strict` is 0, and are an error when it is 1. Other labels are ignored.
 * *added (may be NULL) gets the number of anchors added. */
GT_MUST_CHECK int gt_trust_add_pem(gt_trust_store *ts, const uint8_t *pem, size_t n, int strict,
                                   size_t *added);
/* Number of CERTIFICATE blocks and DER bytes a PEM bundle needs. */
GT_MUST_CHECK int gt_trust_pem_size(const uint8_t *pem, size_t n, size_t *certs, size_t *der_bytes);
/* Candidate issuers: anchors whose subject equals `name` byte for byte.
 * Start with *pos = 0; each call returns the next match or NULL. */
const gt_x509_cert *gt_trust_find(const gt_trust_store *ts, gt_x509_slice name, size_t *pos);

#ifdef __cplusplus
}
#endif
#endif
