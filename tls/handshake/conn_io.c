/* The application-facing calls of gt_conn: feed (network -> engine, record
 * by record), read and write of application data, close and end of
 * stream. The record-type dispatch (RFC 5246 §6.2.1) is here; handshake
 * messages go to reassembly.c, alerts to alert.c. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

/* Checks a complete header against the connection's state. */
static int check_header(gt_conn *c)
{
    uint8_t type;
    uint16_t version;
    size_t len;
    int err = gt_rec_parse_header(c->in, &type, &version, &len);
    if (err) return err;
    /* Once the hellos fixed the version, every record says TLS 1.2
     * (RFC 5246 §6.2.1, Appendix E.1). */
    if (c->version_locked && version != 0x0303) return GT_ERR_RECORD_VERSION;
    /* Longer than any supported suite's record (conn.c IN_CAP): it could
     * only decrypt to more than 2^14 bytes, record_overflow (§6.2.3). */
    if (GT_REC_HDR + len > c->in_cap) return GT_ERR_RECORD_OVERFLOW;
    c->rec_len = GT_REC_HDR + len;
    return 0;
}

static int app_data(gt_conn *c, uint8_t *p, size_t n)
{
    if (!c->hs_done || c->peer_closed) return GT_ERR_UNEXPECTED_MESSAGE;
    if (c->hs_len) return GT_ERR_RECORD_INTERLEAVE;
    /* RFC 5246 §6.2.1 allows empty application data records (a traffic
     * analysis countermeasure); a run of them is bounded so that a peer
     * cannot keep the engine busy without progress. */
    if (n == 0) return ++c->empty_run > GT_REC_MAX_EMPTY ? GT_ERR_RECORD_EMPTY : 0;
    c->empty_run = 0;
    c->app = p;
    c->app_len = n;
    return 0;
}

static int process_record(gt_conn *c)
{
    uint8_t type = c->in[0], *p;
    size_t n;
    int err = gt_rec_open(&c->rd, c->in, c->rec_len, &p, &n);
    if (err) return err;
    /* RFC 6066 §4 / RFC 8449 §4: a record above the negotiated limit is
     * record_overflow (the latter only binds protected records). */
    size_t limit = c->frag_in;
    if (c->rd.ops != &gt_rec_null_ops && c->frag_in_protected < limit) limit = c->frag_in_protected;
    if (n > limit) return GT_ERR_RECORD_OVERFLOW;
    if (type != GT_CT_ALERT) c->warn_run = 0;
    /* §6.2.1: zero-length fragments of handshake, alert and CCS are
     * forbidden; receiving one is unexpected_message (our choice). */
    if (n == 0 && type != GT_CT_APPLICATION_DATA) return GT_ERR_RECORD_EMPTY;
    switch (type) {
    case GT_CT_HANDSHAKE:
        c->empty_run = 0;
        return gt_hs_input(c, p, n);
    case GT_CT_CHANGE_CIPHER_SPEC:
        /* RFC 5246 §7.1: one byte of value 1, at a message boundary. */
        if (c->hs_len) return GT_ERR_RECORD_INTERLEAVE;
        if (n != 1 || p[0] != 1) return GT_ERR_RECORD_BAD_CCS;
        return gt_hs_ccs(c);
    case GT_CT_ALERT:
        return gt_alert_recv(c, p, n);
    case GT_CT_APPLICATION_DATA:
        return app_data(c, p, n);
    default:
        return GT_ERR_RECORD_TYPE;
    }
}

int gt_conn_feed(gt_conn *c, const uint8_t *in, size_t n, size_t *used)
{
    size_t u = 0;
    int err = 0;
    if (used) *used = 0;
    if (!c || !used || (n && !in)) return GT_ERR_ARG;
    if (c->err) return c->err;
    for (;;) {
        if (c->app_len) break; /* application data waits to be read */
        if (c->peer_closed) {  /* nothing after close_notify counts */
            u = n;
            break;
        }
        if (c->rec_len && c->in_len == c->rec_len) {
            /* A handshake record may produce a flight: only take it in
             * when the output has room for one. */
            if (c->in[0] == GT_CT_HANDSHAKE &&
                c->out_cap - (c->out_len - c->out_start) < c->flight_reserve) {
                err = GT_ERR_WANT_OUTPUT;
                break;
            }
            err = process_record(c);
            c->in_len = c->rec_len = 0;
            if (err) break;
            continue;
        }
        if (u == n) break;
        size_t want = c->rec_len ? c->rec_len : GT_REC_HDR;
        size_t take = want - c->in_len < n - u ? want - c->in_len : n - u;
        memcpy(c->in + c->in_len, in + u, take);
        c->in_len += take;
        u += take;
        if (!c->rec_len && c->in_len == GT_REC_HDR && (err = check_header(c))) break;
    }
    *used = u;
    if (err && err != GT_ERR_WANT_OUTPUT) return gt_conn_fail(c, err);
    return err;
}

int gt_conn_read(gt_conn *c, uint8_t *app, size_t cap, size_t *got)
{
    if (got) *got = 0;
    if (!c || !got || (cap && !app)) return GT_ERR_ARG;
    if (c->app_len) {
        size_t k = cap < c->app_len ? cap : c->app_len;
        memcpy(app, c->app, k);
        c->app += k;
        c->app_len -= k;
        *got = k;
        return 0;
    }
    if (c->err) return c->err;
    if (c->peer_closed) return GT_ERR_CLOSED;
    return GT_ERR_WANT_INPUT;
}

int gt_conn_write(gt_conn *c, const uint8_t *app, size_t n, size_t *taken)
{
    size_t t = 0;
    if (taken) *taken = 0;
    if (!c || !taken || (n && !app)) return GT_ERR_ARG;
    if (c->err) return c->err;
    if (c->we_closed || c->peer_closed) return GT_ERR_CLOSED;
    if (!c->hs_done) return GT_ERR_WANT_INPUT;
    while (t < n) {
        uint8_t *at;
        size_t room, rl;
        if (gt_hs_out_prepare(c, &at, &room)) break;
        size_t k = n - t;
        k = k < c->frag_out ? k : c->frag_out;
        k = k < room ? k : room;
        memcpy(at, app + t, k);
        int err = gt_rec_seal(&c->wr, GT_CT_APPLICATION_DATA, c->version_out, c->out + c->out_len,
                              k, &rl);
        if (err) return gt_conn_fail(c, err);
        c->out_len += rl;
        t += k;
    }
    *taken = t;
    return t || !n ? 0 : GT_ERR_WANT_OUTPUT;
}

int gt_conn_close(gt_conn *c)
{
    if (!c) return GT_ERR_ARG;
    if (c->err) return c->err;
    if (c->we_closed) return 0;
    /* RFC 5246 §7.2.1: close_notify, warning level. */
    int err = gt_conn_queue_alert(c, 1, GT_ALERT_CLOSE_NOTIFY);
    if (err) return err;
    c->we_closed = 1;
    c->state = GT_STATE_CLOSED;
    return 0;
}

int gt_conn_eof(gt_conn *c)
{
    if (!c) return GT_ERR_ARG;
    if (c->err) return c->err;
    /* A clean end needs the peer's close_notify; after our own, §7.2.1
     * lets the peer close without answering. Anything else is a
     * truncation attack until proven otherwise. */
    if (c->peer_closed || c->we_closed) {
        c->state = GT_STATE_CLOSED;
        return 0;
    }
    return gt_conn_fail(c, GT_ERR_TRUNCATED);
}
