/* Ephemeral (EC)DH for the ECDHE suites (RFC 8422 §5.4, §5.7, §5.10):
 * P-256 / P-384 with uncompressed points (validated by gt_ecdh) and X25519
 * (RFC 8422 §5.11 / RFC 7748: 32-byte u-coordinates, an all-zero shared
 * secret is refused per RFC 7748 §6.1). The private key lives in the
 * handshake state and is wiped once the premaster secret exists. */
#include <string.h>

#include "core/ct.h"
#include "gt/crypto/ec.h"
#include "handshake/hs.h"

#if __has_include("gt/crypto/x25519.h")
#include "gt/crypto/x25519.h"
static int x25519_keygen(gt_conn *c)
{
    int err = gt_cfg_random(c->cfg, c->hs.ecdhe_priv, 32);
    if (err) return err;
    gt_x25519_base(c->hs.ecdhe_pub, c->hs.ecdhe_priv);
    c->hs.ecdhe_pub_len = 32;
    return 0;
}
static int x25519_shared(gt_conn *c, const uint8_t *peer, uint8_t *pms)
{
    return gt_x25519(pms, c->hs.ecdhe_priv, peer);
}
#else
static int x25519_keygen(gt_conn *c)
{
    (void)c;
    return GT_ERR_UNSUPPORTED;
}
static int x25519_shared(gt_conn *c, const uint8_t *peer, uint8_t *pms)
{
    (void)c, (void)peer, (void)pms;
    return GT_ERR_UNSUPPORTED;
}
#endif

int gt_kex_keygen(gt_conn *c)
{
    const gt_group_info *g = c->hs.group;
    if (!g) return GT_ERR_INTERNAL;
    if (g->id == GT_GROUP_X25519) return x25519_keygen(c);
    gt_ec_curve curve = (gt_ec_curve)g->ec_curve;
    int err = gt_ec_keygen(curve, c->cfg->rng, c->cfg->rng_ctx, c->hs.ecdhe_priv, c->hs.ecdhe_pub);
    if (err) return err;
    c->hs.ecdhe_pub_len = gt_ec_pub_len(curve);
    return 0;
}

/* The peer's share was read as ECPoint <1..2^8-1>; its length must be the
 * group's (RFC 8422 §5.4.1: uncompressed only), else illegal_parameter. */
int gt_kex_shared(gt_conn *c, const uint8_t *peer, size_t peer_len, uint8_t *pms, size_t *pms_len)
{
    const gt_group_info *g = c->hs.group;
    int err;
    if (!g) return GT_ERR_INTERNAL;
    if (peer_len != g->pub_len) return GT_ERR_ILLEGAL_PARAMETER;
    if (g->id == GT_GROUP_X25519) {
        err = x25519_shared(c, peer, pms);
        *pms_len = 32;
    } else {
        gt_ec_curve curve = (gt_ec_curve)g->ec_curve;
        err = gt_ecdh(curve, c->hs.ecdhe_priv, peer, peer_len, pms);
        *pms_len = gt_ec_scalar_len(curve);
    }
    gt_wipe(c->hs.ecdhe_priv, sizeof c->hs.ecdhe_priv);
    /* RFC 8422 §5.10 / RFC 7748 §6.1: an invalid point or an all-zero
     * secret is the peer's fault: illegal_parameter. */
    if (err == GT_ERR_CRYPTO_POINT || err == GT_ERR_CRYPTO_ZERO_SECRET)
        return GT_ERR_ILLEGAL_PARAMETER;
    return err;
}
