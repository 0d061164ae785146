/* Fuzz target diff_x509: differential certificate parsing. The IUT,
 * OpenSSL's libcrypto and wolfSSL parse the same DER; they must agree on
 * accept/reject and, when all accept, on the decoded fields, unless the
 * disagreement is in the reviewed list of known differences
 * (fuzzers/diff_x509_known.txt, compiled in). Anything else aborts, so the
 * engine reports it. vectors/x509/known-differences.txt reviews the same
 * differences per named file for gt-x509-diff; a fuzzed input has no name,
 * so this list is keyed by cause instead.
 *
 * Aims at: gt_x509_cert_parse and everything under it (tls/x509/cert.c,
 * ext.c, gn.c, alg.c, key.c, name.c, der.c, der_time.c), against
 * d2i_X509 + X509_get_extension_flags (OpenSSL) and wolfSSL_d2i_X509.
 *
 * A disagreement is named by a key, and the known list is lines of
 *   <lib> <kind> <key-glob>    # why this difference is acceptable
 * kind iut-rejects: the IUT rejected (key: its GT_ERR_* value) what lib
 *                   accepted;
 * kind iut-accepts: the IUT accepted what lib rejected (key: OpenSSL's
 *                   reason text with '_' for ' ', "exflag_invalid[:ext]"
 *                   when OpenSSL finds an extension invalid, "trailing";
 *                   wolfSSL: its error number), or a cause the fuzzer
 *                   recognises itself: "string_encoding" / "primitive_encoding"
 *                   (a string, or a BOOLEAN/NULL/INTEGER/OID/BIT STRING,
 *                   invalid for its type in a value the IUT keeps opaque:
 *                   a Name attribute value, an unknown algorithm's
 *                   parameters), "name_value_type" (a Name
 * attribute value of a type OpenSSL does not take), "opaque_extension" (OpenSSL cannot decode an
 * extension the IUT does not interpret); kind field:       both accepted but decoded a field
 * differently (key: the field name). FUZZ_DIFF_REPORT=1 prints each disagreement instead of
 * aborting (for reviewing the list against a corpus); FUZZ_DIFF_SAVE=DIR then also keeps one sample
 * input per disagreement there.
 *
 * fuzz-needs: openssl wolfssl
 * fuzz-dict: x509
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "driver/fuzz.h"
#include "driver/ref_wolfssl.h"
#include "gt/gt_x509.h"
#include "x509/der.h"

#define MAX_KNOWN 512

typedef struct {
    char lib[16], kind[16], key[64];
} known_row;

static known_row known[MAX_KNOWN];
static size_t n_known;
static int report_only;
static const uint8_t *cur_data; /* the input being compared, for reports */
static size_t cur_size;

static void load_known(void)
{
    const char *p = fz_embedded_diff_x509_known;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        char line[160]; /* the three columns; the comment may be cut */
        size_t keep = n < sizeof line ? n : sizeof line - 1;
        memcpy(line, p, keep);
        line[keep] = 0;
        p += n + (eol ? 1 : 0);
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        known_row r;
        if (sscanf(line, "%15s %15s %63s", r.lib, r.kind, r.key) != 3) continue;
        if (n_known == MAX_KNOWN) fz_fail("known-difference list longer than %d rows", MAX_KNOWN);
        known[n_known++] = r;
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    load_known();
    report_only = getenv("FUZZ_DIFF_REPORT") != NULL;
    fz_wolf_init();
    return 0;
}

static void differ(const char *lib, const char *kind, const char *key, const char *detail)
{
    for (size_t i = 0; i < n_known; i++)
        if (!strcmp(known[i].lib, lib) && !strcmp(known[i].kind, kind) &&
            !fnmatch(known[i].key, key, 0))
            return;
    if (report_only) {
        /* FUZZ_DIFF_SAVE=DIR keeps one sample input per disagreement */
        const char *dir = getenv("FUZZ_DIFF_SAVE");
        char path[512];
        printf("DIFF %s %s %s  # %s\n", lib, kind, key, detail);
        snprintf(path, sizeof path, "%s/%s.%s.%s", dir ? dir : ".", lib, kind, key);
        FILE *f = dir ? fopen(path, "wb") : NULL;
        if (f) {
            fwrite(cur_data, 1, cur_size, f);
            fclose(f);
        }
        return;
    }
    fz_fail("diff_x509: new disagreement \"%s %s %s\" (%s)", lib, kind, key, detail);
}

/* ---- predicates that explain a disagreement ----------------------------- */

/* RFC 3629 §4 well-formed UTF-8: no overlong forms, no surrogates, at most
 * U+10FFFF. */
static int utf8_ok(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint8_t b = p[i];
        size_t len = b < 0x80             ? 1
                     : (b & 0xe0) == 0xc0 ? 2
                     : (b & 0xf0) == 0xe0 ? 3
                     : (b & 0xf8) == 0xf0 ? 4
                                          : 0;
        if (len == 0 || i + len > n) return 0;
        uint32_t cp = len == 1 ? b : (uint32_t)(b & (0x7f >> len));
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xc0) != 0x80) return 0;
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        i += len;
    }
    return 1;
}

/* X.680 §41 character sets OpenSSL enforces when it decodes a Name:
 * PrintableString, NumericString, IA5String (7-bit). */
static int charset_ok(uint8_t tag, gt_rd c)
{
    static const char printable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                    "0123456789 '()+,-./:=?";
    for (size_t i = 0; i < c.left; i++) {
        uint8_t b = c.p[i];
        if ((tag == GT_DER_PRINTABLE_STRING && (!b || !strchr(printable, b))) ||
            (tag == 0x12 && !(b == ' ' || (b >= '0' && b <= '9'))) ||
            (tag == GT_DER_IA5_STRING && b >= 0x80))
            return 0;
    }
    return 1;
}

/* Whether one value is invalid for its type: 1 for a string (UTF8String
 * not UTF-8, BMPString/UniversalString length, charset), 2 for a malformed
 * BOOLEAN/NULL/INTEGER/OID/BIT STRING or a primitive type in (BER)
 * constructed form (X.690 §10.2). Constructed values are walked. */
static int bad_tree(gt_rd r, unsigned depth);

/* UCS-2 (BMPString) / UCS-4 (UniversalString) code points: whole
 * characters, no surrogates, at most U+10FFFF. */
static int ucs_ok(gt_rd c, size_t width)
{
    if (c.left % width) return 0;
    for (size_t i = 0; i < c.left; i += width) {
        uint32_t cp = 0;
        for (size_t k = 0; k < width; k++)
            cp = cp << 8 | c.p[i + k];
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    }
    return 1;
}

static int bad_value(uint8_t tag, gt_rd c, unsigned depth)
{
    if ((tag == GT_DER_UTF8_STRING && !utf8_ok(c.p, c.left)) || !charset_ok(tag, c) ||
        (tag == GT_DER_BMP_STRING && !ucs_ok(c, 2)) ||
        (tag == GT_DER_UNIVERSAL_STRING && !ucs_ok(c, 4)))
        return 1;
    if ((tag == GT_DER_BOOLEAN && c.left != 1) || (tag == GT_DER_NULL && c.left != 0) ||
        (tag == GT_DER_INTEGER && c.left == 0) ||
        (tag == GT_DER_BIT_STRING && (c.left == 0 || c.p[0] > 7 || (c.left == 1 && c.p[0]))) ||
        (tag == GT_DER_OID && gt_der_check_oid(c.p, c.left) != 0) ||
        ((tag & 0xe0) == GT_DER_CONSTRUCTED && tag != GT_DER_SEQUENCE && tag != GT_DER_SET) ||
        tag == 0x00 /* X.690 §8.1.5: universal 0 is end-of-contents, never a value */)
        return 2;
    if ((tag & GT_DER_CONSTRUCTED) && depth) return bad_tree(c, depth - 1);
    return 0;
}

static int bad_tree(gt_rd r, unsigned depth)
{
    while (r.left) {
        uint8_t tag;
        gt_rd c;
        if (gt_der_any(&r, &tag, &c, NULL) != 0) return 0;
        int bad = bad_value(tag, c, depth);
        if (bad) return bad;
    }
    return 0;
}

/* The values the IUT keeps as opaque bytes and OpenSSL decodes by type:
 * Name attribute values (subject, issuer, directoryNames) and the
 * parameters of algorithms the IUT does not recognise. Only there does an
 * invalid value explain "the IUT accepted, OpenSSL rejected"; anywhere else
 * the IUT parses the value itself and must reject it. */
static int bad_in_name(gt_x509_slice name)
{
    gt_x509_name_iter it;
    gt_x509_attr a;
    if (gt_x509_name_iter_init(&it, name) != 0) return 0;
    while (gt_x509_name_next(&it, &a) == 1) {
        int bad = bad_value(a.tag, gt_rd_init(a.value.p, a.value.len), 8);
        if (bad) return bad;
    }
    return 0;
}

static int bad_in_gns(gt_x509_slice gns, int subtrees)
{
    gt_x509_iter it = gt_x509_iter_of(gns);
    gt_x509_general_name gn;
    int bad = 0;
    while (!bad && (subtrees ? gt_x509_subtree_next(&it, &gn) : gt_x509_gn_next(&it, &gn)) == 1)
        if (gn.type == GT_X509_GN_DIRNAME) bad = bad_in_name(gn.value);
    return bad;
}

static int bad_opaque(const gt_x509_cert *c)
{
    int bad = bad_in_name(c->subject);
    if (!bad) bad = bad_in_name(c->issuer);
    if (!bad) bad = bad_in_gns(c->san, 0);
    if (!bad) bad = bad_in_gns(c->ian, 0);
    if (!bad) bad = bad_in_gns(c->akid_issuer, 0);
    if (!bad) bad = bad_in_gns(c->nc_permitted, 1);
    if (!bad) bad = bad_in_gns(c->nc_excluded, 1);
    if (!bad && c->sigalg.type == GT_X509_SIG_UNKNOWN && c->sigalg.params.p)
        bad = bad_tree(gt_rd_init(c->sigalg.params.p, c->sigalg.params.len), 8);
    if (!bad && c->key.type == GT_X509_KEY_UNKNOWN && c->key.alg_params.p)
        bad = bad_tree(gt_rd_init(c->key.alg_params.p, c->key.alg_params.len), 8);
    return bad;
}

/* 1 when an attribute value of a Name (subject, issuer, or a directoryName
 * in a GeneralNames the IUT keeps) has a type OpenSSL's X509_NAME_ENTRY
 * does not take (B_ASN1_PRINTABLE: OCTET STRING, VisibleString, ...).
 * RFC 5280 §4.1.2.4: AttributeValue is ANY DEFINED BY the type, so the IUT
 * accepts any well-formed value and leaves interpretation to the user. */
static int odd_name_value(gt_x509_slice name)
{
    static const uint8_t ok_tags[] = {0x03, 0x0c, 0x12, 0x13, 0x14, 0x16, 0x1c, 0x1e, 0x30};
    gt_x509_name_iter it;
    gt_x509_attr a;
    if (gt_x509_name_iter_init(&it, name) != 0) return 0;
    while (gt_x509_name_next(&it, &a) == 1)
        if (!memchr(ok_tags, a.tag, sizeof ok_tags)) return 1;
    return 0;
}

static int odd_gn_names(gt_x509_slice gns, int subtrees)
{
    gt_x509_iter it = gt_x509_iter_of(gns);
    gt_x509_general_name gn;
    while ((subtrees ? gt_x509_subtree_next(&it, &gn) : gt_x509_gn_next(&it, &gn)) == 1)
        if (gn.type == GT_X509_GN_DIRNAME && odd_name_value(gn.value)) return 1;
    return 0;
}

static int odd_names(const gt_x509_cert *c)
{
    return odd_name_value(c->subject) || odd_name_value(c->issuer) || odd_gn_names(c->san, 0) ||
           odd_gn_names(c->ian, 0) || odd_gn_names(c->akid_issuer, 0) ||
           odd_gn_names(c->nc_permitted, 1) || odd_gn_names(c->nc_excluded, 1);
}

/* The IUT's view of the extension with this OID: its GT_X509_EXT_* bit
 * (0 when unknown), or -1 when the IUT has no such extension. */
static long iut_ext_known(const gt_x509_cert *c, const uint8_t *oid, size_t n)
{
    gt_x509_iter it = gt_x509_iter_of(c->extensions);
    gt_x509_ext e;
    while (gt_x509_ext_next(&it, &e) == 1)
        if (e.oid.len == n && !memcmp(e.oid.p, oid, n)) return (long)e.known;
    return -1;
}

/* Why OpenSSL flagged the extensions invalid: the first extension it knows
 * but cannot decode. Extensions the IUT does not interpret (unknown ones,
 * and those gt_x509.h keeps as opaque slices: CRL distribution points,
 * AIA, the policy extensions) are "opaque_extension" — their contents are
 * not the IUT's to judge; anything else names OpenSSL's short name. */
static void exflag_key(X509 *x, const gt_x509_cert *c, char *key, size_t cap)
{
    const unsigned opaque = GT_X509_EXT_CRL_DP | GT_X509_EXT_AIA | GT_X509_EXT_CERT_POLICIES |
                            GT_X509_EXT_POLICY_MAPPINGS | GT_X509_EXT_POLICY_CONSTRAINTS |
                            GT_X509_EXT_INHIBIT_ANY_POLICY;
    snprintf(key, cap, "exflag_invalid");
    for (int i = 0; i < X509_get_ext_count(x); i++) {
        X509_EXTENSION *ext = X509_get_ext(x, i);
        const ASN1_OBJECT *obj = X509_EXTENSION_get_object(ext);
        const X509V3_EXT_METHOD *m = X509V3_EXT_get(ext);
        if (!m) continue;
        void *v = X509V3_EXT_d2i(ext);
        if (v) {
            if (m->it)
                ASN1_item_free(v, ASN1_ITEM_ptr(m->it));
            else if (m->ext_free)
                m->ext_free(v);
            continue;
        }
        long bit = iut_ext_known(c, OBJ_get0_data(obj), OBJ_length(obj));
        if (bit == 0 || (bit > 0 && ((unsigned long)bit & opaque)))
            snprintf(key, cap, "opaque_extension");
        else
            snprintf(key, cap, "exflag_invalid:%s", OBJ_nid2sn(OBJ_obj2nid(obj)));
        return;
    }
}

/* ---- OpenSSL ---------------------------------------------------------- */

static void ossl_reject_key(char *key, size_t cap)
{
    unsigned long e = ERR_peek_error(); /* the innermost cause */
    const char *why = e ? ERR_reason_error_string(e) : NULL;
    snprintf(key, cap, "%s", why ? why : "unknown");
    for (char *k = key; *k; k++)
        if (*k == ' ') *k = '_';
}

static int64_t ossl_time(const ASN1_TIME *t)
{
    struct tm tm;
    if (!t || !ASN1_TIME_to_tm(t, &tm)) return INT64_MIN;
    return (int64_t)timegm(&tm);
}

/* IUT serial is two's complement contents (a leading 00 when the top bit
 * is set); OpenSSL keeps the magnitude. */
static int serial_equal(gt_x509_slice s, const ASN1_INTEGER *o)
{
    const uint8_t *p = s.p;
    size_t n = s.len;
    if (n > 1 && p[0] == 0) {
        p++;
        n--;
    }
    if (o->type != V_ASN1_INTEGER) return 0;
    if (n == 1 && p[0] == 0 && o->length == 0) return 1;
    return (size_t)o->length == n && memcmp(o->data, p, n) == 0;
}

/* OpenSSL's KU_* bits (first octet reversed, decipherOnly in the second)
 * as the IUT's 1 << n. */
static uint32_t ossl_ku(uint32_t k)
{
    uint32_t out = 0;
    for (unsigned bit = 0; bit < 8; bit++)
        if (k & (0x80u >> bit)) out |= 1u << bit;
    if (k & 0x8000u) out |= 1u << 8;
    return out;
}

static void compare_ossl_fields(const gt_x509_cert *c, X509 *x)
{
    const uint8_t *der;
    size_t len;
    if (X509_get_version(x) + 1 != c->version) differ("openssl", "field", "version", "version");
    if (!serial_equal(c->serial, X509_get0_serialNumber(x)))
        differ("openssl", "field", "serial", "serial number");
    if (ossl_time(X509_get0_notBefore(x)) != c->not_before ||
        ossl_time(X509_get0_notAfter(x)) != c->not_after)
        differ("openssl", "field", "validity", "notBefore/notAfter");
    if (!X509_NAME_get0_der(X509_get_subject_name(x), &der, &len) || len != c->subject.len ||
        memcmp(der, c->subject.p, len))
        differ("openssl", "field", "subject", "subject Name encoding");
    if (!X509_NAME_get0_der(X509_get_issuer_name(x), &der, &len) || len != c->issuer.len ||
        memcmp(der, c->issuer.p, len))
        differ("openssl", "field", "issuer", "issuer Name encoding");
    const ASN1_BIT_STRING *sig;
    X509_get0_signature(&sig, NULL, x);
    if ((size_t)sig->length != c->signature.len || memcmp(sig->data, c->signature.p, sig->length))
        differ("openssl", "field", "signature", "signatureValue");
    const unsigned char *pk;
    int pk_len;
    if (!X509_PUBKEY_get0_param(NULL, &pk, &pk_len, NULL, X509_get_X509_PUBKEY(x)) ||
        (size_t)pk_len != c->key.key.len || memcmp(pk, c->key.key.p, (size_t)pk_len))
        differ("openssl", "field", "public_key", "subjectPublicKey bits");

    uint32_t flags = X509_get_extension_flags(x);
    if (!!(flags & EXFLAG_CA) != !!c->is_ca)
        differ("openssl", "field", "ca", "basicConstraints cA");
    long pl = X509_get_pathlen(x);
    if (c->is_ca && pl != c->path_len) differ("openssl", "field", "pathlen", "pathLenConstraint");
    uint32_t ku = X509_get_key_usage(x);
    int iut_ku = (c->ext_present & GT_X509_EXT_KEY_USAGE) != 0;
    if ((ku != UINT32_MAX) != iut_ku || (iut_ku && ossl_ku(ku) != c->key_usage))
        differ("openssl", "field", "key_usage", "keyUsage bits");
    if (c->ext_present & GT_X509_EXT_EXT_KEY_USAGE) {
        uint32_t xku = X509_get_extended_key_usage(x);
        unsigned want = ((xku & XKU_SSL_SERVER) ? GT_X509_EKU_SERVER_AUTH : 0) |
                        ((xku & XKU_SSL_CLIENT) ? GT_X509_EKU_CLIENT_AUTH : 0) |
                        ((xku & XKU_ANYEKU) ? GT_X509_EKU_ANY : 0);
        unsigned mask = GT_X509_EKU_SERVER_AUTH | GT_X509_EKU_CLIENT_AUTH | GT_X509_EKU_ANY;
        if (want != (c->eku_flags & mask))
            differ("openssl", "field", "eku", "extKeyUsage purposes");
    }
    int crit = 0;
    GENERAL_NAMES *gns = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
    size_t n_iut = 0;
    gt_x509_iter it = gt_x509_iter_of(c->san);
    gt_x509_general_name gn;
    while (gt_x509_gn_next(&it, &gn) == 1)
        n_iut++;
    if ((size_t)(gns ? sk_GENERAL_NAME_num(gns) : 0) != n_iut)
        differ("openssl", "field", "san_count", "number of subjectAltName entries");
    GENERAL_NAMES_free(gns);
}

static int vs_openssl(const uint8_t *data, size_t size, int iut_rc, const gt_x509_cert *c)
{
    char key[96];
    const unsigned char *p = data;
    ERR_clear_error();
    X509 *x = d2i_X509(NULL, &p, (long)size);
    int ok = x != NULL;
    if (ok && p != data + size) {
        ok = 0;
        snprintf(key, sizeof key, "trailing");
    } else if (ok && (X509_get_extension_flags(x) & EXFLAG_INVALID)) {
        ok = 0;
        if (iut_rc == 0) exflag_key(x, c, key, sizeof key);
    } else if (!ok) {
        ossl_reject_key(key, sizeof key);
    }
    if (iut_rc == 0 && !ok) {
        int bad = bad_opaque(c);
        if (bad)
            snprintf(key, sizeof key, bad == 1 ? "string_encoding" : "primitive_encoding");
        else if (odd_names(c))
            snprintf(key, sizeof key, "name_value_type");
        differ("openssl", "iut-accepts", key, "OpenSSL rejected what the IUT accepted");
    } else if (iut_rc != 0 && ok) {
        snprintf(key, sizeof key, "%d", iut_rc);
        differ("openssl", "iut-rejects", key, "the IUT rejected what OpenSSL accepted");
    } else if (iut_rc == 0) {
        compare_ossl_fields(c, x);
    }
    X509_free(x);
    ERR_clear_error();
    return ok;
}

/* ---- wolfSSL ---------------------------------------------------------- */

static void compare_wolf_fields(const gt_x509_cert *c, const fz_wolf_cert *w)
{
    if (w->version != c->version) differ("wolfssl", "field", "version", "version");
    gt_x509_slice mag = c->serial; /* wolfSSL keeps the magnitude, as OpenSSL */
    if (mag.len > 1 && mag.p[0] == 0) {
        mag.p++;
        mag.len--;
    }
    if (w->serial_ok && ((size_t)w->serial_len != mag.len || memcmp(w->serial, mag.p, mag.len)))
        differ("wolfssl", "field", "serial", "serial number");
    if (w->sig_ok && ((size_t)w->sig_len != c->signature.len ||
                      memcmp(w->sig, c->signature.p, c->signature.len)))
        differ("wolfssl", "field", "signature", "signatureValue");
    if (!!w->is_ca != !!c->is_ca) differ("wolfssl", "field", "ca", "basicConstraints cA");
}

/* 1 when the certificate has an extension the IUT does not interpret
 * (unknown, or one gt_x509.h keeps as an opaque slice). */
static int has_opaque_ext(const gt_x509_cert *c)
{
    const unsigned opaque = GT_X509_EXT_CRL_DP | GT_X509_EXT_AIA | GT_X509_EXT_CERT_POLICIES |
                            GT_X509_EXT_POLICY_MAPPINGS | GT_X509_EXT_POLICY_CONSTRAINTS |
                            GT_X509_EXT_INHIBIT_ANY_POLICY;
    return c->n_unknown_ext > 0 || (c->ext_present & opaque);
}

/* ossl_ok: OpenSSL's verdict. wolfSSL reports no location for its errors,
 * so when it alone rejects a certificate that OpenSSL and the IUT accept
 * and that carries extensions the IUT does not interpret, the key says so
 * ("<err>:opaque_extension"): two of three agree, and the third may be
 * judging contents RFC 5280 §4.2 lets the IUT ignore. */
static void vs_wolfssl(const uint8_t *data, size_t size, int iut_rc, const gt_x509_cert *c,
                       int ossl_ok)
{
    char key[32];
    fz_wolf_cert w;
    int ok = fz_wolf_parse(data, size, &w);
    if (iut_rc == 0 && !ok) {
        snprintf(key, sizeof key, "%ld%s", w.err,
                 ossl_ok && has_opaque_ext(c) ? ":opaque_extension" : "");
        differ("wolfssl", "iut-accepts", key, "wolfSSL rejected what the IUT accepted");
    } else if (iut_rc != 0 && ok) {
        snprintf(key, sizeof key, "%d", iut_rc);
        differ("wolfssl", "iut-rejects", key, "the IUT rejected what wolfSSL accepted");
    } else if (ok) {
        compare_wolf_fields(c, &w);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gt_x509_cert c;
    if (size == 0 || size > 65536) return 0;
    cur_data = data;
    cur_size = size;
    int rc = gt_x509_cert_parse(&c, data, size);
    int ossl_ok = vs_openssl(data, size, rc, &c);
    vs_wolfssl(data, size, rc, &c, ossl_ok);
    return 0;
}
