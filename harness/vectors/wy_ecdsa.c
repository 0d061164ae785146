/* Wycheproof ECDSA verification for P-256 / P-384:
 *   ecdsa_verify_schema_v1.json        ASN.1 DER signatures (gt_ecdsa_verify,
 *                                      strict DER: BER forms are refused)
 *   ecdsa_p1363_verify_schema_v1.json  r || s (gt_ecdsa_verify_raw)
 * The group's public key is taken from "publicKey"."uncompressed" (the SEC 1
 * point), its hash from "sha". Other curves are reported unsupported. */
#include <string.h>

#include "gt/crypto/ec.h"
#include "gt/crypto/hash.h"
#include "wycheproof.h"

static int ecdsa_run(wy_test *t, int raw)
{
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(t->group, "publicKey");
    if (!cJSON_IsObject(key)) return WY_BAD;
    const char *curve = wy_str(key, "curve");
    gt_ec_curve c;
    if (curve && !strcmp(curve, "secp256r1"))
        c = GT_EC_P256;
    else if (curve && !strcmp(curve, "secp384r1"))
        c = GT_EC_P384;
    else
        return wy_unsupported(t, "curve not implemented");
    const gt_hash *h = gt_hash_by_name(wy_str(t->group, "sha"));
    if (!h) return wy_unsupported(t, "hash not implemented");
    size_t pub_len, msg_len, sig_len;
    const uint8_t *pub = wy_hex(t, key, "uncompressed", &pub_len);
    const uint8_t *msg = wy_hex(t, t->test, "msg", &msg_len);
    const uint8_t *sig = wy_hex(t, t->test, "sig", &sig_len);
    if (!pub || !msg || !sig) return WY_BAD;
    uint8_t digest[GT_HASH_MAX_LEN];
    gt_hash_digest(h, msg, msg_len, digest);
    int rc = raw ? gt_ecdsa_verify_raw(c, pub, pub_len, digest, h->out_len, sig, sig_len)
                 : gt_ecdsa_verify(c, pub, pub_len, digest, h->out_len, sig, sig_len);
    if (rc) {
        wy_detail(t, "verify: %s", gt_err_str(rc));
        return WY_REJECTED;
    }
    return WY_OK;
}

int wy_ecdsa(wy_test *t)
{
    return ecdsa_run(t, 0);
}

int wy_ecdsa_p1363(wy_test *t)
{
    return ecdsa_run(t, 1);
}
