/* tlsgauntlet — X.509 path validation for TLS (public API).
 *
 * gt_x509_verify() builds a certification path from a peer's leaf through
 * the certificates it sent (in any order, duplicates and strays allowed) to
 * a trust anchor, and validates it for TLS server or client authentication
 * (RFC 5280 §6 as profiled below, RFC 6125 for the peer identity). No
 * allocation, no clock: the caller supplies the time. It fails closed: any
 * situation it does not handle is a failure with a specific
 * GT_ERR_X509V_* code (gt_err.h, -550..-599), each mapped to a TLS alert.
 *
 * Profile (the decisions a reader would otherwise have to guess):
 * - Path building: issuer candidates are trust anchors and sent
 *   certificates whose subject equals the child's issuer byte for byte;
 *   those whose subjectKeyIdentifier matches the child's
 *   authorityKeyIdentifier (or that lack either) are tried first; a failing
 *   candidate is abandoned and the next one tried (backtracking). A
 *   certificate is used at most once per path. The error returned is the
 *   one from the deepest attempt (unknown_ca only when no issuer at all
 *   was found).
 * - Trust anchors are name + key (RFC 5280 §6.1.1(d)): their own validity,
 *   keyUsage and signature are not checked; their pathLenConstraint and
 *   name constraints, when present, are applied (RFC 5937 allows it; it
 *   only ever removes paths). A leaf that is itself an anchor is accepted
 *   after the leaf checks.
 * - Every other certificate must be valid at `now` (notBefore <= now <=
 *   notAfter, inclusive). Every issuer that is not an anchor must have
 *   basicConstraints cA=TRUE, keyCertSign if keyUsage is present, and its
 *   pathLenConstraint must cover the non-self-issued intermediates below it
 *   (RFC 5280 §6.1.4(k)-(n)).
 * - Signatures: RSA PKCS#1 v1.5 with SHA-256/384/512; RSA-PSS with
 *   SHA-256/384/512, MGF1 with the same hash, the salt length the
 *   parameters state; ECDSA P-256/P-384 with SHA-256/384. SHA-1 (PKCS#1 and
 *   ECDSA) only with GT_X509V_ALLOW_SHA1. MD2/MD5, SHA-224, DSA and EdDSA
 *   never. RSA moduli 2048..4096 bits.
 * - Purpose: a leaf extKeyUsage, when present, must list serverAuth
 *   (clientAuth) or anyExtendedKeyUsage; an absent extKeyUsage allows every
 *   purpose. anyExtendedKeyUsage is accepted because RFC 5280 §4.2.1.12
 *   leaves it to the application and deployed CAs use it; a caller that
 *   wants the strict reading sets GT_X509V_STRICT_EKU. An intermediate's
 *   extKeyUsage, when present, constrains the path the same way (the
 *   "EKU chaining" browsers apply). A leaf keyUsage, when present, must
 *   include digitalSignature or (RSA keys, server side) keyEncipherment.
 * - Name constraints (RFC 5280 §4.2.1.10): dNSName, iPAddress and
 *   directoryName subtrees, permitted and excluded, applied to the
 *   subjectAltName entries (and, for directoryName, the subject) of every
 *   certificate below the constraining CA (self-issued intermediates
 *   excepted, §6.1.3(b)). Constraints of other forms (rfc822Name, URI, ...)
 *   are not implemented: they fail the path with
 *   GT_ERR_X509V_NC_UNSUPPORTED only when a certificate in their scope
 *   carries a name of that form (for rfc822Name also an emailAddress in the
 *   subject); otherwise they constrain nothing, as §4.2.1.10 says.
 * - Certificate policies are not processed (user-initial-policy-set =
 *   any-policy, initial-explicit-policy false). policyConstraints,
 *   policyMappings and inhibitAnyPolicy marked critical cannot be honoured
 *   that way, so they fail the path (GT_ERR_X509V_POLICY).
 * - Limits: at most GT_X509V_MAX_DEPTH certificates below the anchor, and
 *   a work budget (signature checks and candidate attempts) so that a
 *   hostile pile of same-named certificates cannot make the search explode.
 *
 * Peer identity (RFC 6125), subjectAltName only (no common-name fallback):
 * - DNS: the reference name is ASCII letters, digits, '-' and '_' in dot
 *   separated labels of 1..63 octets (253 in all; one trailing dot is
 *   ignored on both sides). Comparison is ASCII case-insensitive. A
 *   presented name may be a wildcard only as the whole leftmost label
 *   ("*.example.com"); it matches exactly one non-empty label and never a
 *   label that is an IDN A-label ("xn--..."), RFC 6125 §6.4.3. It needs at
 *   least two labels after it: without a public suffix list that is the
 *   cut, so "*.com" and "*.example" never match (a CA must not issue
 *   "*.co.uk"; if one did, this rule would not catch it). Partial
 *   wildcards ("f*.example.com", "*oo.example.com") and '*' in any other
 *   label never match.
 * - IP: an iPAddress SAN of the same family, byte for byte (an IPv4 address
 *   does not match its IPv4-mapped IPv6 form). */
#ifndef GT_X509_VERIFY_H
#define GT_X509_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_x509.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GT_X509V_MAX_DEPTH 10 /* certificates below the anchor, leaf included */
/* Default work budget: signature verifications and candidate attempts. */
#define GT_X509V_DEFAULT_MAX_SIGS     32
#define GT_X509V_DEFAULT_MAX_ATTEMPTS 256

typedef enum {
    GT_X509V_PURPOSE_SERVER = 1, /* id-kp-serverAuth: validating a TLS server */
    GT_X509V_PURPOSE_CLIENT = 2, /* id-kp-clientAuth: validating a TLS client */
} gt_x509v_purpose;

#define GT_X509V_ALLOW_SHA1 0x1u /* accept SHA-1 signatures (off by default) */
#define GT_X509V_STRICT_EKU 0x2u /* anyExtendedKeyUsage does not stand for the purpose */

typedef struct {
    const gt_trust_store *trust;
    int64_t now; /* Unix seconds, UTC */
    gt_x509v_purpose purpose;
    const char *host; /* DNS reference identity, or NULL */
    size_t host_len;
    const uint8_t *ip; /* 4 or 16 octets, or NULL */
    size_t ip_len;
    unsigned flags;        /* GT_X509V_* */
    unsigned max_depth;    /* 0: GT_X509V_MAX_DEPTH (larger values are clamped) */
    unsigned max_sigs;     /* 0: GT_X509V_DEFAULT_MAX_SIGS */
    unsigned max_attempts; /* 0: GT_X509V_DEFAULT_MAX_ATTEMPTS */
} gt_x509v_params;

/* The validated path, leaf first, anchor last (pointers into the inputs),
 * and the work spent (also filled on failure). */
typedef struct {
    const gt_x509_cert *path[GT_X509V_MAX_DEPTH + 1];
    size_t len;
    unsigned sigs;     /* signature verifications done */
    unsigned attempts; /* issuer candidates tried */
} gt_x509v_result;

/* Validates `leaf` using the certificates pool[0..n) (the rest of the
 * peer's chain; may be NULL/0) and p->trust. res may be NULL. Returns 0 or
 * a negative GT_ERR_X509V_* (GT_ERR_ARG for missing inputs). */
GT_MUST_CHECK int gt_x509_verify(const gt_x509v_params *p, const gt_x509_cert *leaf,
                                 const gt_x509_cert *pool, size_t n, gt_x509v_result *res);

/* RFC 6125 DNS-ID check of the leaf's subjectAltName (rules above).
 * 0, GT_ERR_X509V_HOSTNAME, GT_ERR_X509V_NO_SAN, or
 * GT_ERR_X509V_BAD_REFERENCE for a malformed host. */
GT_MUST_CHECK int gt_x509_check_host(const gt_x509_cert *leaf, const char *host, size_t len);
/* One presented dNSName against one reference name: 1 if they match. */
int gt_x509_dns_match(const uint8_t *presented, size_t plen, const char *host, size_t hlen);
/* iPAddress check: ip is 4 or 16 octets. 0, GT_ERR_X509V_IP,
 * GT_ERR_X509V_NO_SAN or GT_ERR_X509V_BAD_REFERENCE. */
GT_MUST_CHECK int gt_x509_check_ip(const gt_x509_cert *leaf, const uint8_t *ip, size_t len);
/* Parses a textual IPv4 (dotted quad) or IPv6 (RFC 4291 §2.2, with "::"
 * and an embedded dotted quad) address into out (16 bytes of room); *len
 * gets 4 or 16. GT_ERR_X509V_BAD_REFERENCE if it is neither. */
GT_MUST_CHECK int gt_x509_ip_parse(const char *s, size_t n, uint8_t out[16], size_t *len);

/* Applies the name constraints of `ca` to `cert` (RFC 5280 §4.2.1.10,
 * forms as described above). 0, GT_ERR_X509V_NAME_CONSTRAINT or
 * GT_ERR_X509V_NC_UNSUPPORTED (or a parse error for malformed input). */
GT_MUST_CHECK int gt_x509_nc_check(const gt_x509_cert *ca, const gt_x509_cert *cert);

#ifdef __cplusplus
}
#endif
#endif
