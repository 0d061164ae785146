/* Wycheproof rsassa_pss_verify_schema_v1.json: RSASSA-PSS verification
 * (RFC 8017 §8.1.2) with MGF1, the group's hash, MGF1 hash and salt length
 * (which verification enforces). No acceptable cases in these files. */
#include <string.h>

#include "wy_rsa.h"

int wy_rsa_pss(wy_test *t)
{
    gt_rsa_public_key k;
    const gt_hash *h = wy_rsa_hash(t->group, "sha");
    const gt_hash *mgf = wy_rsa_hash(t->group, "mgfSha");
    const char *mgf_name = wy_str(t->group, "mgf");
    if (!h || !mgf) return wy_unsupported(t, "hash not implemented");
    if (mgf_name && strcmp(mgf_name, "MGF1") != 0) return wy_unsupported(t, "MGF other than MGF1");
    if (wy_rsa_public(t, &k)) return WY_BAD;
    long slen = wy_int(t, t->group, "sLen");
    size_t msg_len, sig_len;
    const uint8_t *msg = wy_hex(t, t->test, "msg", &msg_len);
    const uint8_t *sig = wy_hex(t, t->test, "sig", &sig_len);
    if (!msg || !sig || slen < 0) return WY_BAD;
    uint8_t digest[GT_HASH_MAX_LEN];
    gt_hash_digest(h, msg, msg_len, digest);
    int rc = gt_rsa_pss_verify_ex(&k, 0, h, mgf, digest, (size_t)slen, sig, sig_len);
    if (rc == GT_ERR_CRYPTO_KEY_SIZE) return wy_unsupported(t, "modulus size");
    if (rc) {
        wy_detail(t, "verify: %s", gt_err_str(rc));
        return WY_REJECTED;
    }
    return WY_OK;
}
