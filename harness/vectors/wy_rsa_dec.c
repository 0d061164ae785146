/* Wycheproof rsaes_pkcs1_decrypt_schema_v1.json: RSAES-PKCS1-v1_5
 * decryption (RFC 8017 §7.2.2) through the constant-time API: the mask
 * says valid or not, and a valid result must equal "msg". */
#include <string.h>

#include "wy_rsa.h"

int wy_rsa_dec(wy_test *t)
{
    gt_rsa_private_key k;
    int rc = wy_rsa_private(t, &k);
    if (rc) return rc;
    size_t msg_len, ct_len, out_len;
    const uint8_t *msg = wy_hex(t, t->test, "msg", &msg_len);
    const uint8_t *ct = wy_hex(t, t->test, "ct", &ct_len);
    if (!msg || !ct) return WY_BAD;
    int len = gt_rsa_public_len(&(gt_rsa_public_key){k.n, k.n_len, k.e, k.e_len}, 0);
    if (len == GT_ERR_CRYPTO_KEY_SIZE) return wy_unsupported(t, "modulus size");
    uint8_t out[GT_RSA_MAX_LEN];
    uint32_t ok = gt_rsa_pkcs1_decrypt(&k, ct, ct_len, wy_rsa_rng, NULL, out, &out_len);
    if (!ok) {
        wy_detail(t, "decryption failed (padding, length or key)");
        return WY_REJECTED;
    }
    if (out_len != msg_len || memcmp(out, msg, msg_len) != 0) {
        wy_detail(t, "decrypted %zu bytes, want %zu", out_len, msg_len);
        return WY_MISMATCH;
    }
    return WY_OK;
}
