/* Sessions: freshness, the serialized session state (inside tickets and
 * in the client's export), and the client's export / import API.
 *
 * Export format (gt_conn_session_export), version 1:
 *   "GTS" uint8 version=1; opaque state<1..2^16-1> (gt_session_encode);
 *   opaque ticket<0..2^16-1>; uint32 ticket_lifetime_hint;
 *   opaque check[32] = SHA-256 of everything before it.
 * The check catches corruption and truncation of a stored session; it is
 * not a MAC (whoever can write the client's session store can also write
 * any session into it). */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

#define EXPORT_VERSION 1
#define STATE_VERSION  1

static const uint8_t magic[3] = {'G', 'T', 'S'};

int gt_session_fresh(const gt_session *s, uint64_t now)
{
    if (!s->suite) return 0;
    /* A creation time in the future (clock stepped back) is not trusted. */
    if (now < s->created) return 0;
    return now - s->created <= s->lifetime;
}

void gt_session_encode(const gt_session *s, gt_wr *w)
{
    size_t m = 0, len = strlen(s->sni);
    gt_wr_u8(w, STATE_VERSION);
    gt_wr_u16(w, s->suite);
    gt_wr_u8(w, s->ems);
    gt_wr_u64(w, s->created);
    gt_wr_u32(w, s->lifetime);
    gt_wr_bytes(w, s->master, 48);
    gt_wr_vec_open(w, 1, &m);
    gt_wr_bytes(w, (const uint8_t *)s->sni, len);
    gt_wr_vec_close(w, 1, m);
    gt_wr_vec_open(w, 1, &m);
    gt_wr_bytes(w, s->id, s->id_len);
    gt_wr_vec_close(w, 1, m);
    gt_wr_u8(w, s->has_peer);
    if (s->has_peer) gt_wr_bytes(w, s->peer_digest, 32);
}

int gt_session_decode(gt_rd *r, gt_session *s)
{
    uint8_t version, ems, has_peer;
    gt_rd sni, id;
    int err;
    memset(s, 0, sizeof *s);
    if ((err = gt_rd_u8(r, &version)) || (err = gt_rd_u16(r, &s->suite)) ||
        (err = gt_rd_u8(r, &ems)) || (err = gt_rd_u64(r, &s->created)) ||
        (err = gt_rd_u32(r, &s->lifetime)) || (err = gt_rd_copy(r, s->master, 48)) ||
        (err = gt_rd_vec8(r, 0, 255, &sni)) || (err = gt_rd_vec8(r, 0, GT_SESSION_ID_MAX, &id)) ||
        (err = gt_rd_u8(r, &has_peer)))
        goto fail;
    err = GT_ERR_DECODE_VALUE;
    if (version != STATE_VERSION || ems > 1 || has_peer > 1) goto fail;
    if (!gt_suite_info_get(s->suite) || memchr(sni.p, 0, sni.left)) goto fail;
    if (has_peer && (err = gt_rd_copy(r, s->peer_digest, 32))) goto fail;
    if ((err = gt_rd_end(r))) goto fail;
    s->ems = ems;
    s->has_peer = has_peer;
    memcpy(s->sni, sni.p, sni.left);
    s->sni[sni.left] = '\0';
    s->id_len = (uint8_t)id.left;
    memcpy(s->id, id.p, id.left);
    return 0;
fail:
    gt_wipe(s, sizeof *s);
    return err;
}

static void check_value(const uint8_t *p, size_t n, uint8_t out[32])
{
    gt_sha256_ctx h;
    gt_sha256_init(&h);
    gt_sha256_update(&h, p, n);
    gt_sha256_final(&h, out);
}

int gt_conn_session_export(const gt_conn *c, uint8_t *buf, size_t cap, size_t *len)
{
    if (!c || !buf || !len) return GT_ERR_ARG;
    *len = 0;
    if (c->err) return c->err;
    if (!c->hs_done || !c->hs.sess.suite) return GT_ERR_STATE;
    /* Nothing to resume by: no session ID and no ticket. */
    if (!c->hs.sess.id_len && !c->hs.ticket_len) return GT_ERR_STATE;
    gt_wr w = gt_wr_init(buf, cap);
    size_t m = 0;
    gt_wr_bytes(&w, magic, 3);
    gt_wr_u8(&w, EXPORT_VERSION);
    gt_wr_vec_open(&w, 2, &m);
    gt_session_encode(&c->hs.sess, &w);
    gt_wr_vec_close(&w, 2, m);
    gt_wr_vec_open(&w, 2, &m);
    gt_wr_bytes(&w, c->hs.ticket, c->hs.ticket_len);
    gt_wr_vec_close(&w, 2, m);
    gt_wr_u32(&w, c->hs.ticket_hint);
    uint8_t *at = NULL;
    if (gt_wr_reserve(&w, 32, &at) == 0) check_value(buf, w.len - 32, at);
    int err = gt_wr_status(&w);
    if (err) {
        gt_wipe(buf, cap);
        return err;
    }
    *len = w.len;
    return 0;
}

/* Parses an export into the connection's handshake state. */
static int import(gt_conn *c, const uint8_t *buf, size_t n)
{
    uint8_t want[32], version;
    const uint8_t *tag, *m;
    gt_rd state, ticket;
    int err;
    if (n < 32) return GT_ERR_DECODE_TRUNCATED;
    gt_rd all = gt_rd_init(buf, n - 32), chk = gt_rd_init(buf + n - 32, 32);
    if ((err = gt_rd_bytes(&chk, 32, &tag))) return err;
    check_value(buf, n - 32, want);
    if (!gt_ct_memeq(want, tag, 32)) return GT_ERR_DECODE_VALUE;
    if ((err = gt_rd_bytes(&all, 3, &m)) || (err = gt_rd_u8(&all, &version))) return err;
    if (memcmp(m, magic, 3) || version != EXPORT_VERSION) return GT_ERR_DECODE_VALUE;
    if ((err = gt_rd_vec16(&all, 1, 65535, &state)) ||
        (err = gt_rd_vec16(&all, 0, GT_TICKET_MAX, &ticket)) ||
        (err = gt_rd_u32(&all, &c->hs.ticket_hint)) || (err = gt_rd_end(&all)))
        return err;
    if ((err = gt_session_decode(&state, &c->hs.sess))) return err;
    c->hs.ticket_len = ticket.left;
    return gt_rd_copy(&ticket, c->hs.ticket, ticket.left);
}

int gt_conn_set_session(gt_conn *c, const uint8_t *buf, size_t len)
{
    if (!c || (!buf && len)) return GT_ERR_ARG;
    if (c->err) return c->err;
    /* Only while the ClientHello is still unsent and unanswered: it is
     * then written again with the session offered. */
    if (c->role != GT_ROLE_CLIENT || c->hs_done || c->hs.pos != 1 || c->out_start != 0 ||
        c->in_len != 0)
        return GT_ERR_STATE;
    gt_hs_wipe(&c->hs);
    memset(&c->hs, 0, sizeof c->hs);
    int err = import(c, buf, len);
    if (err) {
        gt_hs_wipe(&c->hs);
        memset(&c->hs, 0, sizeof c->hs);
    }
    c->hs.have_sess = !err;
    /* Start over: the first ClientHello and its record are dropped. */
    c->out_len = c->out_start = 0;
    gt_rec_state_wipe(&c->wr);
    gt_rec_state_init_null(&c->wr);
    c->version_out = 0x0301;
    gt_transcript_init(&c->hs.th);
    int e2 = gt_hs_start(c);
    if (e2) return gt_conn_fail(c, e2);
    return err;
}
