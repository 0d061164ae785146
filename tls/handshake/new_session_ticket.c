/* NewSessionTicket (RFC 5077 §3.3): sent by a server that acknowledged
 * the client's session_ticket extension, after the client's Finished in a
 * full handshake and right after the ServerHello in an abbreviated one
 * (hs_table.c), before its ChangeCipherSpec.
 *
 *   struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } NewSessionTicket;
 *
 * The client keeps the ticket with the session for gt_conn_session_export
 * (one it cannot keep, longer than GT_TICKET_MAX, or an empty one, leaves
 * resumption to the session ID). */
#include "core/ct.h"
#include "handshake/hs.h"

#define TICKET_BUF 640

int gt_new_session_ticket_send(gt_conn *c)
{
    const gt_config *cfg = c->cfg;
    uint8_t t[TICKET_BUF];
    size_t n = 0, mark = 0;
    gt_session s;
    gt_wr w;
    gt_resume_snapshot(c, &s);
    int err = gt_ticket_seal(cfg, &s, t, sizeof t, &n);
    uint64_t now = gt_cfg_now(cfg), age = now > s.created ? now - s.created : 0;
    uint32_t hint = age < s.lifetime ? (uint32_t)(s.lifetime - age) : 0;
    gt_wipe(&s, sizeof s);
    if (err || (err = gt_hs_begin(c, GT_HT_NEW_SESSION_TICKET, &w))) return err;
    gt_wr_u32(&w, hint);
    gt_wr_vec_open(&w, 2, &mark);
    gt_wr_bytes(&w, t, n);
    gt_wr_vec_close(&w, 2, mark);
    return gt_hs_end(c, &w);
}

int gt_new_session_ticket_recv(gt_conn *c, gt_rd *body)
{
    uint32_t hint;
    gt_rd t;
    int err;
    if ((err = gt_rd_u32(body, &hint)) || (err = gt_rd_vec16(body, 0, 65535, &t)) ||
        (err = gt_rd_end(body)))
        return err;
    c->hs.ticket_len = 0;
    if (t.left > GT_TICKET_MAX) return 0;
    c->hs.ticket_hint = hint;
    c->hs.ticket_len = t.left;
    return gt_rd_copy(&t, c->hs.ticket, t.left);
}
