/* Wycheproof ECDH handlers for P-256 / P-384, three public-key encodings:
 *   ecdh_test_schema_v1.json          DER SubjectPublicKeyInfo (RFC 5480)
 *   ecdh_ecpoint_test_schema_v1.json  the raw SEC 1 point
 *   ecdh_webcrypto_test_schema_v1.json  JWK (RFC 7518 §6.2.1)
 * The IUT is gt_ecdh(), which validates the point fully.
 *
 * Policies (judged as the IUT decides; see wycheproof.h):
 *  - compressed points (SEC 1 §2.3.3 0x02/0x03): TLS 1.2 with RFC 8422
 *    §5.4.1 uses uncompressed points only, so a compressed public key is a
 *    counted SKIP with that reason (an invalid one still passes, refused);
 *  - SPKI: only the RFC 5480 §2.1.1 namedCurve form is accepted, in strict
 *    DER. Explicit curve parameters (UnnamedCurve, ModifiedGenerator, ...)
 *    and BER quirks (InvalidAsn) are refused; Wycheproof marks those
 *    "acceptable" or "invalid", both of which refusing satisfies.
 * The SPKI decoder here is deliberately minimal, on top of gt_rd: the X.509
 * issue provides the real one (tls/x509), which should replace it. */
#include <string.h>

#include "core/cursor.h"
#include "gt/crypto/ec.h"
#include "wycheproof.h"

#define COMPRESSED_REASON "compressed point (RFC 8422 5.4.1: TLS 1.2 uses uncompressed points)"

/* "secp256r1" / "P-256" -> the curve; 0 if not implemented. */
static gt_ec_curve curve_by_name(const char *name)
{
    if (!name) return 0;
    if (!strcmp(name, "secp256r1") || !strcmp(name, "P-256")) return GT_EC_P256;
    if (!strcmp(name, "secp384r1") || !strcmp(name, "P-384")) return GT_EC_P384;
    return 0;
}

/* One DER TLV with a minimal definite length (X.690 §10.1). */
static int der_tlv(gt_rd *r, uint8_t tag, gt_rd *body)
{
    uint8_t t, l;
    size_t len;
    if (gt_rd_u8(r, &t) || t != tag || gt_rd_u8(r, &l)) return -1;
    if (l < 0x80) {
        len = l;
    } else if (l == 0x81) {
        uint8_t v;
        if (gt_rd_u8(r, &v) || v < 0x80) return -1;
        len = v;
    } else if (l == 0x82) {
        uint16_t v;
        if (gt_rd_u16(r, &v) || v < 0x100) return -1;
        len = v;
    } else {
        return -1;
    }
    return gt_rd_sub(r, len, body) ? -1 : 0;
}

static int der_oid_is(gt_rd *r, const uint8_t *oid, size_t n)
{
    gt_rd o;
    const uint8_t *v;
    if (der_tlv(r, 0x06, &o) || o.left != n || gt_rd_bytes(&o, n, &v)) return 0;
    return memcmp(v, oid, n) == 0;
}

/* SubjectPublicKeyInfo { AlgorithmIdentifier { id-ecPublicKey,
 * namedCurve }, BIT STRING point } (RFC 5480 §2.1.1, §2.2). Returns a view
 * of the point, or -1. */
static int spki_point(const uint8_t *der, size_t n, gt_ec_curve c, const uint8_t **pt,
                      size_t *pt_len)
{
    /* 1.2.840.10045.2.1, 1.2.840.10045.3.1.7, 1.3.132.0.34 (RFC 5480 §2.1.1.1) */
    static const uint8_t ec_pub[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
    static const uint8_t p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    static const uint8_t p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
    gt_rd all = gt_rd_init(der, n), spki, alg, bits;
    uint8_t unused;
    if (der_tlv(&all, 0x30, &spki) || gt_rd_end(&all)) return -1;
    if (der_tlv(&spki, 0x30, &alg) || !der_oid_is(&alg, ec_pub, sizeof ec_pub)) return -1;
    if (c == GT_EC_P256 ? !der_oid_is(&alg, p256, sizeof p256)
                        : !der_oid_is(&alg, p384, sizeof p384))
        return -1;
    if (gt_rd_end(&alg)) return -1;
    if (der_tlv(&spki, 0x03, &bits) || gt_rd_u8(&bits, &unused) || unused != 0) return -1;
    if (gt_rd_end(&spki)) return -1;
    *pt_len = bits.left;
    return gt_rd_bytes(&bits, bits.left, pt) ? -1 : 0;
}

/* Private keys come as big-endian integers of any width (leading zeros,
 * or short): normalise to the scalar length. */
static int fit_scalar(const uint8_t *v, size_t n, uint8_t *out, size_t len)
{
    while (n > 0 && v[0] == 0) {
        v++;
        n--;
    }
    if (n > len) return -1;
    memset(out, 0, len - n);
    memcpy(out + (len - n), v, n);
    return 0;
}

static int is_compressed(const uint8_t *pt, size_t n, gt_ec_curve c)
{
    return n == 1 + gt_ec_scalar_len(c) && (pt[0] == 2 || pt[0] == 3);
}

/* Runs gt_ecdh and compares with "shared". */
static int run_ecdh(wy_test *t, gt_ec_curve c, const uint8_t *priv_raw, size_t priv_len,
                    const uint8_t *pub, size_t pub_len)
{
    size_t len = gt_ec_scalar_len(c), shared_len;
    uint8_t priv[GT_EC_MAX_SCALAR_LEN], out[GT_EC_MAX_SCALAR_LEN];
    const uint8_t *shared = wy_hex(t, t->test, "shared", &shared_len);
    if (!shared) return WY_BAD;
    if (pub && is_compressed(pub, pub_len, c)) return wy_unsupported(t, COMPRESSED_REASON);
    if (fit_scalar(priv_raw, priv_len, priv, len)) {
        wy_detail(t, "private key wider than the group order");
        return WY_REJECTED;
    }
    int rc = gt_ecdh(c, priv, pub, pub_len, out);
    if (rc) {
        wy_detail(t, "gt_ecdh: %s", gt_err_str(rc));
        return WY_REJECTED;
    }
    if (shared_len != len || memcmp(out, shared, len)) {
        wy_diff(t, "shared", out, shared, shared_len < len ? shared_len : len);
        return WY_MISMATCH;
    }
    return WY_OK;
}

int wy_ecdh_spki(wy_test *t)
{
    gt_ec_curve c = curve_by_name(wy_str(t->group, "curve"));
    if (!c) return wy_unsupported(t, "curve not implemented");
    size_t der_len, priv_len, pt_len = 0;
    const uint8_t *der = wy_hex(t, t->test, "public", &der_len);
    const uint8_t *priv = wy_hex(t, t->test, "private", &priv_len);
    const uint8_t *pt = NULL;
    if (!der || !priv) return WY_BAD;
    if (spki_point(der, der_len, c, &pt, &pt_len)) {
        wy_detail(t, "SubjectPublicKeyInfo refused (strict DER, namedCurve only)");
        return WY_REJECTED;
    }
    return run_ecdh(t, c, priv, priv_len, pt, pt_len);
}

int wy_ecdh_point(wy_test *t)
{
    gt_ec_curve c = curve_by_name(wy_str(t->group, "curve"));
    if (!c) return wy_unsupported(t, "curve not implemented");
    size_t pub_len, priv_len;
    const uint8_t *pub = wy_hex(t, t->test, "public", &pub_len);
    const uint8_t *priv = wy_hex(t, t->test, "private", &priv_len);
    if (!pub || !priv) return WY_BAD;
    return run_ecdh(t, c, priv, priv_len, pub, pub_len);
}

/* RFC 4648 §5 base64url without padding into out; -1 on a bad character,
 * padding, or overflow. */
static int b64url(const char *s, uint8_t *out, size_t cap, size_t *n)
{
    uint32_t acc = 0;
    int bits = 0;
    *n = 0;
    for (; s && *s; s++) {
        int v;
        char ch = *s;
        if (ch >= 'A' && ch <= 'Z')
            v = ch - 'A';
        else if (ch >= 'a' && ch <= 'z')
            v = ch - 'a' + 26;
        else if (ch >= '0' && ch <= '9')
            v = ch - '0' + 52;
        else if (ch == '-')
            v = 62;
        else if (ch == '_')
            v = 63;
        else
            return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (*n == cap) return -1;
            out[(*n)++] = (uint8_t)(acc >> bits);
        }
    }
    return s ? 0 : -1;
}

/* JWK EC key (RFC 7518 §6.2.1): kty "EC", crv matching the group, x and y
 * of exactly the field length (§6.2.1.2/3). */
int wy_ecdh_jwk(wy_test *t)
{
    gt_ec_curve c = curve_by_name(wy_str(t->group, "curve"));
    if (!c) return wy_unsupported(t, "curve not implemented");
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(t->test, "public");
    const cJSON *priv = cJSON_GetObjectItemCaseSensitive(t->test, "private");
    size_t len = gt_ec_scalar_len(c), xn, yn, dn;
    uint8_t point[GT_EC_MAX_PUB_LEN + 8], d[GT_EC_MAX_SCALAR_LEN + 8];
    if (!cJSON_IsObject(pub) || !cJSON_IsObject(priv)) return WY_BAD;
    if (b64url(wy_str(priv, "d"), d, sizeof d, &dn)) return WY_BAD;
    const char *kty = wy_str(pub, "kty"), *crv = wy_str(pub, "crv");
    if (!kty || strcmp(kty, "EC") || curve_by_name(crv) != c) {
        wy_detail(t, "JWK kty/crv refused");
        return WY_REJECTED;
    }
    point[0] = 4;
    if (b64url(wy_str(pub, "x"), point + 1, len + 4, &xn) || xn != len ||
        b64url(wy_str(pub, "y"), point + 1 + len, len + 4, &yn) || yn != len) {
        wy_detail(t, "JWK x/y missing or not %zu bytes", len);
        return WY_REJECTED;
    }
    return run_ecdh(t, c, d, dn, point, 1 + 2 * len);
}
