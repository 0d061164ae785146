/* Strict DER reader (ITU-T X.690 §8 and §10, as profiled by RFC 5280) on
 * top of the byte cursor. Internal to libgt's x509/ (and its tests).
 *
 * Every read either consumes one whole TLV from the reader or fails and
 * leaves the reader where it was. Identifier octets use the low-tag-number
 * form only (tag numbers 0..30: all that X.509 needs); lengths are definite
 * and minimal (X.690 §10.1). Each violation has its own GT_ERR_DER_* code;
 * running out of bytes is GT_ERR_DECODE_TRUNCATED and leftover bytes where
 * a structure must end are GT_ERR_DECODE_TRAILING. */
#ifndef GT_X509_DER_H
#define GT_X509_DER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/cursor.h"
#include "gt/gt_x509.h"

/* Identifier octets used by X.509 (X.680 §8.4 universal tags). */
#define GT_DER_BOOLEAN          0x01
#define GT_DER_INTEGER          0x02
#define GT_DER_BIT_STRING       0x03
#define GT_DER_OCTET_STRING     0x04
#define GT_DER_NULL             0x05
#define GT_DER_OID              0x06
#define GT_DER_UTF8_STRING      0x0c
#define GT_DER_PRINTABLE_STRING 0x13
#define GT_DER_T61_STRING       0x14
#define GT_DER_IA5_STRING       0x16
#define GT_DER_UTC_TIME         0x17
#define GT_DER_GENERALIZED_TIME 0x18
#define GT_DER_UNIVERSAL_STRING 0x1c
#define GT_DER_BMP_STRING       0x1e
#define GT_DER_SEQUENCE         0x30
#define GT_DER_SET              0x31
#define GT_DER_CONSTRUCTED      0x20
#define GT_DER_CONTEXT          0x80 /* context-specific class, primitive */
#define GT_DER_CONTEXT_C        0xa0 /* context-specific class, constructed */

/* Nesting bound for the generic walker (gt_der_check_tree): deeper
 * structures are GT_ERR_DER_DEPTH. Real certificates nest < 12 deep. */
#define GT_DER_MAX_DEPTH 24

/* Tag of the next TLV without consuming it (GT_ERR_DECODE_TRUNCATED at the
 * end, GT_ERR_DER_TAG for a high-tag-number identifier). */
GT_MUST_CHECK int gt_der_peek(const gt_rd *r, uint8_t *tag);
/* Reads any TLV: its identifier octet, its contents as a sub-reader, and
 * (tlv may be NULL) the whole TLV as a slice. */
GT_MUST_CHECK int gt_der_any(gt_rd *r, uint8_t *tag, gt_rd *contents, gt_x509_slice *tlv);
/* Reads a TLV that must carry `tag` (GT_ERR_DER_TAG otherwise). */
GT_MUST_CHECK int gt_der_expect(gt_rd *r, uint8_t tag, gt_rd *contents);
/* As gt_der_expect, also returning the whole TLV. */
GT_MUST_CHECK int gt_der_expect_tlv(gt_rd *r, uint8_t tag, gt_rd *contents, gt_x509_slice *tlv);
/* An OPTIONAL/DEFAULT element: *present = 0 (nothing consumed) when the
 * reader is empty or the next tag differs. */
GT_MUST_CHECK int gt_der_optional(gt_rd *r, uint8_t tag, gt_rd *contents, int *present);

/* INTEGER contents must be non-empty and minimal (X.690 §8.3.2). */
GT_MUST_CHECK int gt_der_check_int(const uint8_t *p, size_t n);
/* An INTEGER; `contents` gets its two's-complement octets. */
GT_MUST_CHECK int gt_der_int(gt_rd *r, gt_x509_slice *contents);
/* A non-negative INTEGER as a big-endian magnitude without the sign octet
 * (zero is the one-byte magnitude 00). GT_ERR_DER_INT_NEGATIVE if < 0. */
GT_MUST_CHECK int gt_der_uint(gt_rd *r, gt_x509_slice *mag);
/* A strictly positive INTEGER's magnitude (for RSA numbers). */
GT_MUST_CHECK int gt_der_pos_int(gt_rd *r, gt_x509_slice *mag);
/* A non-negative INTEGER that must be <= max (GT_ERR_DER_INT_RANGE). */
GT_MUST_CHECK int gt_der_small_uint(gt_rd *r, uint64_t max, uint64_t *v);

/* BIT STRING (X.690 §8.6, §11.2): unused-bits octet 0..7, 0 when empty,
 * and unused bits zero. `bits` gets the octets after the unused count. */
GT_MUST_CHECK int gt_der_bit_string(gt_rd *r, gt_x509_slice *bits, unsigned *unused);
/* The same checks on contents already read (IMPLICIT-tagged BIT STRINGs). */
GT_MUST_CHECK int gt_der_bits_contents(gt_rd v, gt_x509_slice *bits, unsigned *unused);
/* A BIT STRING that must be whole octets (keys, signatures). */
GT_MUST_CHECK int gt_der_bit_string_octets(gt_rd *r, gt_x509_slice *bits);
/* OBJECT IDENTIFIER (X.690 §8.19): non-empty, base-128 arcs with no 0x80
 * padding octet, last octet terminates an arc. */
GT_MUST_CHECK int gt_der_check_oid(const uint8_t *p, size_t n);
GT_MUST_CHECK int gt_der_oid(gt_rd *r, gt_x509_slice *oid);
/* BOOLEAN: one octet, 0x00 or 0xFF (X.690 §11.1). */
GT_MUST_CHECK int gt_der_bool(gt_rd *r, int *v);
/* NULL: empty contents. */
GT_MUST_CHECK int gt_der_null(gt_rd *r);
/* UTCTime or GeneralizedTime as RFC 5280 §4.1.2.5 profiles them, in Unix
 * seconds. */
GT_MUST_CHECK int gt_der_time(gt_rd *r, int64_t *t);
/* Checks that contents is a sequence of well-formed TLVs, recursing into
 * constructed ones up to `depth` further levels. */
GT_MUST_CHECK int gt_der_check_tree(gt_rd contents, unsigned depth);

/* OID contents equal to a constant (for matching known algorithms). */
static inline int gt_der_oid_is(gt_x509_slice oid, const uint8_t *want, size_t n)
{
    /* public data: a plain comparison is fine */
    return oid.len == n && memcmp(oid.p, want, n) == 0;
}
#define GT_OID_IS(oid, arr) gt_der_oid_is((oid), (arr), sizeof(arr))

/* Civil date to days since 1970-01-01 (proleptic Gregorian). */
int64_t gt_der_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
