/* Elliptic-curve Diffie-Hellman (SEC 1 v2 §3.3.1; NIST SP 800-56A §5.7.1.2
 * with cofactor 1): the shared secret is the x coordinate of d * Q, the
 * premaster secret of RFC 8422 §5.10. The peer point is fully validated
 * first (invalid-curve attacks), and d * Q is constant time in d. */
#include <string.h>

#include "core/ct.h"
#include "crypto/ec_curve.h"
#include "crypto/ec_scalar.h"

int gt_ecdh(gt_ec_curve curve, const uint8_t *priv, const uint8_t *peer_pub, size_t peer_len,
            uint8_t *shared_x)
{
    const ec_curve *c = gt_ec_curve_get(curve);
    uint8_t xy[2 * GT_EC_MAX_SCALAR_LEN];
    ec_sc d;
    if (!c) return GT_ERR_UNSUPPORTED;
    int err = gt_ec_check_pub(curve, peer_pub, peer_len);
    if (err) return err;
    uint32_t ok = ec_sc_from_bytes(c, &d, priv);
    gt_wipe(&d, sizeof d);
    ec_declassify(&ok, sizeof ok); /* an out-of-range key is an error */
    if (!ok) return GT_ERR_CRYPTO_KEY;
    /* With d in [1, n-1] and Q of prime order n, d * Q is never the point
     * at infinity, so the x coordinate always exists (SEC 1 §3.3.1 step 2
     * cannot fail). */
    if (c->mul(xy, priv, peer_pub + 1)) return GT_ERR_INTERNAL;
    memcpy(shared_x, xy, c->len);
    gt_wipe(xy, sizeof xy);
    return 0;
}
