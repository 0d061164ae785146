/* Wycheproof xdh_comp_schema_v1.json: X25519 shared-secret computation
 * (x25519_test.json). Each test gives a private scalar, the peer's public
 * u-coordinate and the expected shared secret.
 *
 * Policy for "acceptable" cases:
 *   - an all-zero shared secret (low-order public key) is REJECTED: the IUT
 *     returns GT_ERR_CRYPTO_ZERO_SECRET as RFC 7748 §6.1 allows and TLS
 *     (RFC 8422 §5.11) requires;
 *   - every other acceptable case (points on the twist, non-canonical u,
 *     bit 255 set) must produce the expected secret: RFC 7748 §5 defines
 *     the result for every 32-byte string, so a mismatch is a failure. */
#include <string.h>

#include "gt/crypto/x25519.h"
#include "wycheproof.h"

int wy_xdh(wy_test *t)
{
    const char *curve = wy_str(t->group, "curve");
    if (!curve || strcmp(curve, "curve25519") != 0)
        return wy_unsupported(t, "only curve25519 (X25519) is implemented");
    size_t priv_len, pub_len, shared_len;
    const uint8_t *priv = wy_hex(t, t->test, "private", &priv_len);
    const uint8_t *pub = wy_hex(t, t->test, "public", &pub_len);
    const uint8_t *shared = wy_hex(t, t->test, "shared", &shared_len);
    if (!priv || !pub || !shared) return WY_BAD;
    if (priv_len != GT_X25519_LEN) return wy_unsupported(t, "private key is not 32 bytes");
    if (pub_len != GT_X25519_LEN) {
        wy_detail(t, "public key is %zu bytes, not 32", pub_len);
        return WY_REJECTED;
    }

    uint8_t out[GT_X25519_LEN];
    int rc = gt_x25519(out, priv, pub);
    if (rc == GT_ERR_CRYPTO_ZERO_SECRET) {
        if (t->result == WY_ACCEPTABLE)
            wy_expect(t, WY_INVALID, "all-zero shared secret is refused (RFC 7748 §6.1)");
        wy_detail(t, "all-zero shared secret refused");
        return WY_REJECTED;
    }
    if (rc != 0) {
        wy_detail(t, "gt_x25519 returned %d", rc);
        return WY_REJECTED;
    }
    if (t->result == WY_ACCEPTABLE)
        wy_expect(t, WY_VALID, "RFC 7748 §5 defines the result for every u (twist, non-canonical)");
    if (shared_len != GT_X25519_LEN || memcmp(out, shared, GT_X25519_LEN) != 0) {
        wy_diff(t, "shared", out, shared, shared_len < sizeof out ? shared_len : sizeof out);
        return WY_MISMATCH;
    }
    return WY_OK;
}
