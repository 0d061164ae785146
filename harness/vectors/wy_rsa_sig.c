/* Wycheproof rsassa_pkcs1_verify_schema_v1.json: RSASSA-PKCS1-v1_5
 * signature verification (RFC 8017 §8.2.2).
 *
 * Acceptable-case policy: "MissingNull" (a DigestInfo without the NULL
 * parameters) is judged INVALID: libgt verifies by comparing with the one
 * encoding RFC 8017 §9.2 note 1 prescribes, NULL included, and accepts no
 * alternative encodings. */
#include "wy_rsa.h"

int wy_rsa_sig(wy_test *t)
{
    gt_rsa_public_key k;
    const gt_hash *h = wy_rsa_hash(t->group, "sha");
    if (!h) return wy_unsupported(t, "hash not implemented");
    if (wy_rsa_public(t, &k)) return WY_BAD;
    size_t msg_len, sig_len;
    const uint8_t *msg = wy_hex(t, t->test, "msg", &msg_len);
    const uint8_t *sig = wy_hex(t, t->test, "sig", &sig_len);
    if (!msg || !sig) return WY_BAD;
    if (wy_has_flag(t, "MissingNull"))
        wy_expect(t, WY_INVALID, "strict DigestInfo: NULL parameters required");
    uint8_t digest[GT_HASH_MAX_LEN];
    gt_hash_digest(h, msg, msg_len, digest);
    int rc = gt_rsa_pkcs1_verify(&k, 0, h, digest, sig, sig_len);
    if (rc == GT_ERR_CRYPTO_KEY_SIZE) return wy_unsupported(t, "modulus size");
    if (rc) {
        wy_detail(t, "verify: %s", gt_err_str(rc));
        return WY_REJECTED;
    }
    return WY_OK;
}
