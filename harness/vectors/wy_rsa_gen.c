/* Wycheproof rsassa_pkcs1_generate_schema_v1.json: RSASSA-PKCS1-v1_5
 * signing (RFC 8017 §8.2.1) must reproduce "sig" exactly (the scheme is
 * deterministic).
 *
 * Acceptable-case policy: "WeakHash" (SHA-1) and "SmallPublicKey" (e = 3)
 * are judged VALID: libgt signs with SHA-1 (TLS 1.2 still negotiates it)
 * and accepts any odd e >= 3, so it must produce the right signature. */
#include <string.h>

#include "wy_rsa.h"

int wy_rsa_gen(wy_test *t)
{
    gt_rsa_private_key k;
    const gt_hash *h = wy_rsa_hash(t->group, "sha");
    if (!h) return wy_unsupported(t, "hash not implemented");
    int rc = wy_rsa_private(t, &k);
    if (rc) return rc;
    size_t msg_len, want_len, sig_len;
    const uint8_t *msg = wy_hex(t, t->test, "msg", &msg_len);
    const uint8_t *want = wy_hex(t, t->test, "sig", &want_len);
    if (!msg || !want) return WY_BAD;
    if (wy_has_flag(t, "WeakHash") || wy_has_flag(t, "SmallPublicKey"))
        wy_expect(t, WY_VALID, "SHA-1 and e = 3 are supported for signing");
    uint8_t digest[GT_HASH_MAX_LEN], sig[GT_RSA_MAX_LEN];
    gt_hash_digest(h, msg, msg_len, digest);
    rc = gt_rsa_pkcs1_sign(&k, h, digest, wy_rsa_rng, NULL, sig, sizeof sig, &sig_len);
    if (rc == GT_ERR_CRYPTO_KEY_SIZE) return wy_unsupported(t, "modulus size");
    if (rc) {
        wy_detail(t, "sign: %s", gt_err_str(rc));
        return WY_REJECTED;
    }
    if (sig_len != want_len || memcmp(sig, want, sig_len) != 0) {
        wy_diff(t, "sig", sig, want, sig_len < want_len ? sig_len : want_len);
        return WY_MISMATCH;
    }
    return WY_OK;
}
