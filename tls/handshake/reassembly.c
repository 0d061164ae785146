/* Handshake message reassembly (RFC 5246 §6.2.1: "multiple client messages
 * of the same ContentType MAY be coalesced into a single TLSPlaintext
 * record, or a single message MAY be fragmented across several records").
 * Complete messages (4-byte header, RFC 5246 §7.4) are dispatched in order
 * straight from the record while nothing is buffered, which is the usual
 * case (peers put whole messages in records below 2^14); a message that
 * spans records is appended to the connection's handshake buffer, which is
 * allocated then, once per connection (gt_conn_free releases it), and
 * dispatched from there when complete. A message longer than
 * GT_MAX_HS_MSG is refused as soon as its header is seen, before its body
 * is buffered. */
#include <string.h>

#include "handshake/hs.h"

int gt_hs_input(gt_conn *c, const uint8_t *p, size_t n)
{
    while (c->hs_len == 0 && n >= 4) {
        gt_rd r = gt_rd_init(p, n), body;
        uint8_t type;
        uint32_t len;
        if (gt_rd_u8(&r, &type) || gt_rd_u24(&r, &len)) return GT_ERR_INTERNAL;
        if (len > GT_MAX_HS_MSG) return GT_ERR_HS_MESSAGE_TOO_LARGE;
        if (gt_rd_sub(&r, len, &body)) break;
        c->hs_more = n - 4 - (size_t)len;
        int err = gt_hs_dispatch(c, type, p, 4 + (size_t)len, &body);
        p += 4 + (size_t)len;
        n -= 4 + (size_t)len;
        if (err || c->err || c->peer_closed) return err;
    }
    if (n == 0) return 0;
    if (!c->hs_buf) {
        size_t cap = 4 + GT_MAX_HS_MSG + GT_REC_MAX_PLAIN;
        c->hs_buf = gt_cfg_alloc(c->cfg, cap);
        if (!c->hs_buf) return GT_ERR_ALLOC;
        c->hs_cap = cap;
    }
    if (n > c->hs_cap - c->hs_len) return GT_ERR_HS_MESSAGE_TOO_LARGE;
    memcpy(c->hs_buf + c->hs_len, p, n);
    c->hs_len += n;
    size_t off = 0;
    int err = 0;
    while (!err && c->hs_len - off >= 4) {
        gt_rd r = gt_rd_init(c->hs_buf + off, c->hs_len - off), body;
        uint8_t type;
        uint32_t len;
        if (gt_rd_u8(&r, &type) || gt_rd_u24(&r, &len)) return GT_ERR_INTERNAL;
        if (len > GT_MAX_HS_MSG) return GT_ERR_HS_MESSAGE_TOO_LARGE;
        if (gt_rd_sub(&r, len, &body)) break; /* not all there yet */
        c->hs_more = c->hs_len - off - 4 - (size_t)len;
        err = gt_hs_dispatch(c, type, c->hs_buf + off, 4 + (size_t)len, &body);
        off += 4 + (size_t)len;
        if (c->err || c->peer_closed) break;
    }
    memmove(c->hs_buf, c->hs_buf + off, c->hs_len - off);
    c->hs_len -= off;
    return err;
}
