/*
 * Plaintext handshake observer. Everything is parsed through the small
 * bounded reader below: every read is charged against what is left, so a
 * hostile or truncated message marks the observation malformed and is
 * otherwise ignored (the library under observation is the one that must
 * reject it).
 */
#include "wire.h"

#include <string.h>

typedef struct {
    const uint8_t *p;
    size_t left;
} rd;

static int rd_u8(rd *r, unsigned *v)
{
    if (r->left < 1) return -1;
    *v = r->p[0];
    r->p++, r->left--;
    return 0;
}

static int rd_u16(rd *r, unsigned *v)
{
    if (r->left < 2) return -1;
    *v = (unsigned)r->p[0] << 8 | r->p[1];
    r->p += 2, r->left -= 2;
    return 0;
}

static int rd_sub(rd *r, size_t n, rd *sub)
{
    if (r->left < n) return -1;
    sub->p = r->p, sub->left = n;
    r->p += n, r->left -= n;
    return 0;
}

static int rd_vec(rd *r, int width, rd *sub)
{
    unsigned n;
    if ((width == 1 ? rd_u8(r, &n) : rd_u16(r, &n)) != 0) return -1;
    return rd_sub(r, n, sub);
}

void gt_peer_wire_reset(gt_peer_wire *w)
{
    memset(w, 0, sizeof(*w));
}

/* RFC 7301 §3.1: the ServerHello carries exactly one protocol name. */
static int parse_alpn(gt_peer_wire *w, rd *ext)
{
    rd list, name;
    if (rd_vec(ext, 2, &list) != 0 || rd_vec(&list, 1, &name) != 0 || name.left == 0 ||
        name.left >= sizeof(w->alpn))
        return -1;
    memcpy(w->alpn, name.p, name.left);
    w->alpn[name.left] = '\0';
    return 0;
}

/* RFC 5246 §7.4.1.3 ServerHello. */
static int parse_server_hello(gt_peer_wire *w, rd *b)
{
    rd skip, exts;
    unsigned suite, comp;
    if (rd_sub(b, 2 + 32, &skip) != 0 || rd_vec(b, 1, &skip) != 0 || rd_u16(b, &suite) != 0 ||
        rd_u8(b, &comp) != 0)
        return -1;
    w->server_hello = 1;
    w->suite = (uint16_t)suite;
    if (b->left == 0) return 0;
    if (rd_vec(b, 2, &exts) != 0) return -1;
    while (exts.left > 0) {
        unsigned type;
        rd data;
        if (rd_u16(&exts, &type) != 0 || rd_vec(&exts, 2, &data) != 0) return -1;
        switch (type) {
        case 23:
            w->ems = 1;
            break;
        case 35:
            w->ticket_ext = 1;
            break;
        case 0xff01:
            w->reneg_info = 1;
            break;
        case 16:
            if (parse_alpn(w, &data) != 0) return -1;
            break;
        default:
            break;
        }
    }
    return 0;
}

/* RFC 8422 §5.4: ServerECDHParams start with curve_type named_curve(3). */
static int parse_server_kx(gt_peer_wire *w, rd *b)
{
    unsigned type, curve;
    if (!w->server_hello || w->group != 0) return 0;
    if (rd_u8(b, &type) != 0) return -1;
    if (type != 3) /* not ECDHE (a DHE or explicit-curve message): no group */
        return 0;
    if (rd_u16(b, &curve) != 0) return -1;
    w->group = (uint16_t)curve;
    return 0;
}

void gt_peer_wire_msg(gt_peer_wire *w, const uint8_t *m, size_t n)
{
    rd r = {m, n}, body;
    unsigned type, hi, lo;
    int rc = 0;
    if (rd_u8(&r, &type) != 0 || rd_u8(&r, &hi) != 0 || rd_u16(&r, &lo) != 0 ||
        rd_sub(&r, (size_t)hi << 16 | lo, &body) != 0) {
        w->malformed = 1;
        return;
    }
    switch (type) {
    case 2:
        if (!w->server_hello) rc = parse_server_hello(w, &body);
        break;
    case 12:
        rc = parse_server_kx(w, &body);
        break;
    case 4:
        w->new_ticket = 1;
        break;
    case 14:
        w->hello_done = 1;
        break;
    default:
        break;
    }
    if (rc != 0) w->malformed = 1;
}

/* Consumes handshake-record payload: split into messages (which may span
 * records, RFC 5246 §6.2.1), keep the ones small enough to parse. */
static void handshake_bytes(gt_peer_wire *w, int d, const uint8_t *p, size_t n)
{
    __typeof__(w->dir[0]) *s = &w->dir[d];
    while (n > 0) {
        if (s->msg_skip > 0) {
            size_t k = n < s->msg_skip ? n : s->msg_skip;
            s->msg_skip -= k, p += k, n -= k;
            continue;
        }
        size_t want = 4;
        if (s->msg_len >= 4)
            want = 4 + ((size_t)s->msg[1] << 16 | (size_t)s->msg[2] << 8 | s->msg[3]);
        if (want > sizeof(s->msg)) {
            s->msg_skip = want - s->msg_len;
            s->msg_len = 0;
            continue;
        }
        size_t k = want - s->msg_len < n ? want - s->msg_len : n;
        memcpy(s->msg + s->msg_len, p, k);
        s->msg_len += k, p += k, n -= k;
        if (s->msg_len >= 4 &&
            s->msg_len == 4 + ((size_t)s->msg[1] << 16 | (size_t)s->msg[2] << 8 | s->msg[3])) {
            gt_peer_wire_msg(w, s->msg, s->msg_len);
            s->msg_len = 0;
        }
    }
}

void gt_peer_wire_feed(gt_peer_wire *w, int d, const uint8_t *p, size_t n)
{
    __typeof__(w->dir[0]) *s = &w->dir[d];
    while (n > 0 && !s->ccs) {
        if (s->hdr_len < 5) {
            s->hdr[s->hdr_len++] = *p++, n--;
            if (s->hdr_len == 5) {
                s->type = s->hdr[0];
                s->body_left = (size_t)s->hdr[3] << 8 | s->hdr[4];
            }
            continue;
        }
        size_t k = n < s->body_left ? n : s->body_left;
        if (s->type == 22) handshake_bytes(w, d, p, k);
        if (s->type == 20 && k > 0) s->ccs = 1; /* RFC 5246 §7.1: what follows is protected */
        p += k, n -= k, s->body_left -= k;
        if (s->body_left == 0) s->hdr_len = 0;
    }
}
