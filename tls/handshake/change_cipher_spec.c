/* ChangeCipherSpec (RFC 5246 §7.1): a one-byte record that switches one
 * direction to the keys of the key block. Its place in the handshake is a
 * step of the legal order (hs_table.c) like a message's. */
#include "core/ct.h"
#include "handshake/hs.h"

/* The key block's state for one direction; RFC 7366 §3: encrypt-then-MAC
 * for a CBC suite once both hellos carried the extension. */
static int rec_state(gt_conn *c, gt_role writer, gt_rec_state *st)
{
    int err = gt_ks_rec_state(c->hs.suite, c->hs.key_block, writer, st);
    if (!err && c->hs.etm && st->ops == &gt_rec_cbc_ops) st->ops = &gt_rec_cbc_etm_ops;
    return err;
}

int gt_ccs_send(gt_conn *c)
{
    uint8_t *at;
    size_t room;
    int err = gt_hs_out_prepare(c, &at, &room);
    if (err) return err;
    gt_wr w = gt_wr_init(at, room);
    gt_wr_u8(&w, 1);
    if ((err = gt_wr_status(&w)) || (err = gt_conn_emit(c, GT_CT_CHANGE_CIPHER_SPEC, 1)))
        return err;
    gt_rec_state_wipe(&c->wr);
    return rec_state(c, c->role, &c->wr);
}

int gt_ccs_recv(gt_conn *c, gt_rd *body)
{
    (void)body;
    gt_role peer = c->role == GT_ROLE_CLIENT ? GT_ROLE_SERVER : GT_ROLE_CLIENT;
    gt_rec_state_wipe(&c->rd);
    int err = rec_state(c, peer, &c->rd);
    c->rd.skip_checks = c->cfg->fuzz_skip;
    return err;
}
