/* Curve dispatch, public-point encoding and validation, key generation.
 * SEC 1 v2 §2.3.3/§2.3.4 (uncompressed points only, as RFC 8422 §5.4.1
 * requires for TLS 1.2), §3.2.2.1 (public-key validation), FIPS 186-4
 * App. B.4.2 (key pair generation by testing candidates). */
#include <string.h>

#include "core/ct.h"
#include "crypto/ec_curve.h"
#include "crypto/ec_scalar.h"

void (*gt_ec_declassify_hook)(const void *p, size_t n);

const ec_curve *gt_ec_curve_get(gt_ec_curve id)
{
    switch (id) {
    case GT_EC_P256:
        return &gt_ec_p256_impl;
    case GT_EC_P384:
        return &gt_ec_p384_impl;
    default:
        return NULL;
    }
}

size_t gt_ec_scalar_len(gt_ec_curve curve)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    return c ? c->len : 0;
}

size_t gt_ec_pub_len(gt_ec_curve curve)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    return c ? 1 + 2 * c->len : 0;
}

int gt_ec_check_pub(gt_ec_curve curve, const uint8_t *pub, size_t pub_len)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    if (!c) return GT_ERR_UNSUPPORTED;
    /* SEC 1 §2.3.4: 0x04 || X || Y; 0x00 (infinity) and the compressed
     * forms 0x02/0x03 are refused (RFC 8422 §5.4.1). */
    if (!pub || pub_len != 1 + 2 * c->len || pub[0] != 0x04) return GT_ERR_CRYPTO_POINT;
    /* SEC 1 §3.2.2.1 steps 2-3: coordinates in [0, p-1], on the curve.
     * Step 1 (not infinity) holds by encoding; step 4 (nQ = O) holds for
     * any point on a curve of cofactor 1. */
    if (!c->on_curve(pub + 1)) return GT_ERR_CRYPTO_POINT;
    return 0;
}

int gt_ec_pub_from_priv(gt_ec_curve curve, const uint8_t *priv, uint8_t *pub)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    ec_sc d;
    if (!c) return GT_ERR_UNSUPPORTED;
    uint32_t ok = ec_sc_from_bytes(c, &d, priv);
    gt_wipe(&d, sizeof d);
    ec_declassify(&ok, sizeof ok); /* an out-of-range key is an error */
    if (!ok) return GT_ERR_CRYPTO_KEY;
    pub[0] = 0x04;
    return c->mul_base(pub + 1, priv) ? GT_ERR_INTERNAL : 0;
}

int gt_ec_keygen(gt_ec_curve curve, gt_rng_fn rng, void *rng_ctx, uint8_t *priv, uint8_t *pub)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    ec_sc d;
    if (!c) return GT_ERR_UNSUPPORTED;
    if (!rng) return GT_ERR_ARG;
    /* FIPS 186-4 B.4.2: draw bits-long candidates until one is in
     * [1, n-1]. For P-256 a retry happens with probability about 2^-32;
     * a rejected candidate is discarded, so revealing the retry leaks
     * nothing about the key kept. */
    for (int tries = 0; tries < 64; tries++) {
        if (rng(rng_ctx, priv, c->len)) break;
        uint32_t ok = ec_sc_from_bytes(c, &d, priv);
        gt_wipe(&d, sizeof d);
        ec_declassify(&ok, sizeof ok);
        if (ok) return gt_ec_pub_from_priv(curve, priv, pub);
    }
    gt_wipe(priv, c->len);
    return GT_ERR_CRYPTO_RNG;
}
