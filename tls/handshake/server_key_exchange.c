/* ServerKeyExchange for ECDHE (RFC 8422 §5.4, RFC 5246 §7.4.3):
 *
 *   struct { ECCurveType curve_type = named_curve (3); NamedCurve namedcurve; } ECParameters;
 *   struct { ECParameters curve_params; ECPoint public<1..2^8-1>; } ServerECDHParams;
 *   struct { ServerECDHParams params; SignatureAndHashAlgorithm algorithm;
 *            opaque signature<0..2^16-1>; } ServerKeyExchange;
 *
 * The signature covers client_random + server_random + params. */
#include "handshake/hs.h"

#define NAMED_CURVE 3
#define MAX_SIG     GT_RSA_MAX_LEN /* >= GT_EC_MAX_SIG_DER */

int gt_server_key_exchange_send(gt_conn *c)
{
    uint8_t sig[MAX_SIG];
    size_t sig_len, mark = 0;
    gt_wr w;
    int err = gt_kex_keygen(c);
    if (err || (err = gt_hs_begin(c, GT_HT_SERVER_KEY_EXCHANGE, &w))) return err;
    size_t start = w.len;
    gt_wr_u8(&w, NAMED_CURVE);
    gt_wr_u16(&w, c->hs.group->id);
    gt_wr_u8(&w, (uint8_t)c->hs.ecdhe_pub_len);
    gt_wr_bytes(&w, c->hs.ecdhe_pub, c->hs.ecdhe_pub_len);
    if ((err = gt_wr_status(&w))) return err;
    err = gt_server_sign_ske(c, w.buf + start, w.len - start, sig, sizeof sig, &sig_len);
    if (err) return err;
    gt_wr_u16(&w, c->hs.sigalg);
    gt_wr_vec_open(&w, 2, &mark);
    gt_wr_bytes(&w, sig, sig_len);
    gt_wr_vec_close(&w, 2, mark);
    return gt_hs_end(c, &w);
}

static int in_list(uint16_t v, const uint16_t *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i] == v) return 1;
    return 0;
}

int gt_server_key_exchange_recv(gt_conn *c, gt_rd *body)
{
    const uint8_t *params = body->p;
    uint8_t type;
    uint16_t group, sigalg;
    gt_rd point, sig;
    int err;
    if ((err = gt_rd_u8(body, &type)) || (err = gt_rd_u16(body, &group)) ||
        (err = gt_rd_vec8(body, 1, 255, &point)))
        return err;
    size_t params_len = (size_t)(body->p - params);
    if ((err = gt_rd_u16(body, &sigalg)) || (err = gt_rd_vec16(body, 0, 65535, &sig)) ||
        (err = gt_rd_end(body)))
        return err;
    /* RFC 8422 §5.4: named curves only, and one the client offered. */
    if (type != NAMED_CURVE) return GT_ERR_ILLEGAL_PARAMETER;
    if (!in_list(group, c->cfg->groups, c->cfg->n_groups)) return GT_ERR_ILLEGAL_PARAMETER;
    c->hs.group = gt_group_info_get(group);
    if (!c->hs.group || point.left != c->hs.group->pub_len) return GT_ERR_ILLEGAL_PARAMETER;
    if ((err = gt_client_verify_ske(c, sigalg, params, params_len, sig.p, sig.left))) return err;
    if ((err = gt_rd_copy(&point, c->hs.peer_share, point.left))) return err;
    c->hs.peer_share_len = c->hs.group->pub_len;
    c->hs.sigalg = sigalg;
    c->info.group = group;
    c->info.sigalg = sigalg;
    return 0;
}
