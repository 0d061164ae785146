/* ClientKeyExchange for ECDHE (RFC 8422 §5.7): the client's ephemeral
 * public value, ECPoint ecdh_Yc<1..2^8-1>; for RSA key transport the
 * encrypted premaster secret (RFC 5246 §7.4.7.1, kex_rsa.c). Both sides then derive the
 * premaster secret (the shared x coordinate / X25519 output, RFC 8422
 * §5.10), the master secret (EMS: over the session hash, which ends with
 * this message, RFC 7627 §3) and the key block, and log the keys. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

static int derive(gt_conn *c, const uint8_t *pms, size_t pms_len)
{
    const gt_suite_info *s = c->hs.suite;
    uint8_t sh[GT_HASH_MAX_LEN];
    size_t sh_len = gt_transcript_hash(&c->hs.th, s->prf_hash, sh);
    int err = gt_ks_master(s->prf_hash, pms, pms_len, c->hs.ems, sh, sh_len, c->hs.client_random,
                           c->hs.server_random, c->hs.master);
    if (!err)
        err = gt_ks_key_block(s, c->hs.master, c->hs.client_random, c->hs.server_random,
                              c->hs.key_block, sizeof c->hs.key_block);
    if (err) return err;
    if (c->cfg->keylog) {
        char line[GT_KEYLOG_LINE_MAX];
        gt_ks_keylog_line(c->hs.client_random, c->hs.master, line);
        c->cfg->keylog(c->cfg->keylog_ctx, line);
        gt_wipe(line, sizeof line);
    }
    return 0;
}

/* RSA key transport (kex_rsa.c): EncryptedPreMasterSecret
 * opaque<0..2^16-1> (RFC 5246 §7.4.7.1). */
static int rsa_send(gt_conn *c)
{
    uint8_t pms[48], ct[GT_RSA_MAX_LEN];
    size_t ct_len = 0, mark = 0;
    gt_wr w;
    int err = gt_kex_rsa_encrypt(c, pms, ct, sizeof ct, &ct_len);
    if (!err) err = gt_hs_begin(c, GT_HT_CLIENT_KEY_EXCHANGE, &w);
    if (!err) {
        gt_wr_vec_open(&w, 2, &mark);
        gt_wr_bytes(&w, ct, ct_len);
        gt_wr_vec_close(&w, 2, mark);
        err = gt_hs_end(c, &w);
    }
    if (!err) err = derive(c, pms, sizeof pms);
    gt_wipe(pms, sizeof pms);
    return err;
}

/* The server's side: whatever the ciphertext holds, a 48-byte premaster
 * secret comes out and the handshake goes on (a bad one fails at
 * Finished with decrypt_error, like any key mismatch). */
static int rsa_recv(gt_conn *c, gt_rd *body)
{
    uint8_t pms[48];
    gt_rd ct;
    int err;
    if ((err = gt_rd_vec16(body, 0, 65535, &ct)) || (err = gt_rd_end(body))) return err;
    err = gt_kex_rsa_decrypt(c, ct.p, ct.left, pms);
    if (!err) err = derive(c, pms, sizeof pms);
    gt_wipe(pms, sizeof pms);
    return err;
}

int gt_client_key_exchange_send(gt_conn *c)
{
    uint8_t pms[48];
    size_t pms_len = 0;
    gt_wr w;
    if (c->hs.suite->kx == GT_KX_RSA) return rsa_send(c);
    int err = gt_kex_keygen(c);
    if (err || (err = gt_hs_begin(c, GT_HT_CLIENT_KEY_EXCHANGE, &w))) return err;
    gt_wr_u8(&w, (uint8_t)c->hs.ecdhe_pub_len);
    gt_wr_bytes(&w, c->hs.ecdhe_pub, c->hs.ecdhe_pub_len);
    err = gt_kex_shared(c, c->hs.peer_share, c->hs.peer_share_len, pms, &pms_len);
    if (!err) err = gt_hs_end(c, &w);
    if (!err) err = derive(c, pms, pms_len);
    gt_wipe(pms, sizeof pms);
    return err;
}

int gt_client_key_exchange_recv(gt_conn *c, gt_rd *body)
{
    uint8_t pms[48];
    size_t pms_len = 0;
    gt_rd point;
    int err;
    if (c->hs.suite->kx == GT_KX_RSA) return rsa_recv(c, body);
    if ((err = gt_rd_vec8(body, 1, 255, &point)) || (err = gt_rd_end(body))) return err;
    err = gt_kex_shared(c, point.p, point.left, pms, &pms_len);
    if (!err) err = derive(c, pms, pms_len);
    gt_wipe(pms, sizeof pms);
    return err;
}
