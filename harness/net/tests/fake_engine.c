/* The fake engine of fake_engine.h. Only what conn_io.c calls. */
#include "fake_engine.h"

#include <stdlib.h>
#include <string.h>

struct gt_conn {
    gt_state state;
    int err, got_close, we_closed, hello_in;
    gt_alert_info alert;
    uint8_t *app, *out;
    size_t cap, app_len, out_len;
};

size_t fake_record(uint8_t *out, uint8_t type, const uint8_t *p, size_t n)
{
    out[0] = type;
    out[1] = (uint8_t)(n >> 8);
    out[2] = (uint8_t)n;
    if (n > 0) memcpy(out + 3, p, n);
    return n + 3;
}

static int queue(gt_conn *c, uint8_t type, const uint8_t *p, size_t n)
{
    if (c->out_len + n + 3 > c->cap) return -1;
    c->out_len += fake_record(c->out + c->out_len, type, p, n);
    return 0;
}

gt_conn *fake_conn_new(size_t cap)
{
    gt_conn *c = calloc(1, sizeof(*c));
    c->cap = cap;
    c->app = malloc(cap);
    c->out = malloc(cap);
    (void)queue(c, 'H', NULL, 0);
    return c;
}

void fake_conn_free(gt_conn *c)
{
    free(c->app);
    free(c->out);
    free(c);
}

static int fail(gt_conn *c, int err, uint8_t desc, int sent)
{
    if (c->err != 0) return c->err;
    c->err = err;
    c->state = GT_STATE_FAILED;
    c->alert = (gt_alert_info){.sent = sent, .level = 2, .desc = desc, .what = "fake failure"};
    c->out_len = 0;
    if (sent) (void)queue(c, 'A', &desc, 1);
    return err;
}

static int record(gt_conn *c, uint8_t type, const uint8_t *p, size_t n)
{
    switch (type) {
    case 'H':
        if (c->state == GT_STATE_HANDSHAKING) c->state = GT_STATE_OPEN;
        c->hello_in = 1;
        return 0;
    case 'D':
        memcpy(c->app + c->app_len, p, n);
        c->app_len += n;
        return 0;
    case 'C':
        c->got_close = 1;
        c->state = GT_STATE_CLOSED;
        return 0;
    case 'A':
        return fail(c, GT_ERR_STATE, n > 0 ? p[0] : 0, 0);
    default:
        return fail(c, GT_ERR_DECODE_VALUE, GT_ALERT_HANDSHAKE_FAILURE, 1);
    }
}

int gt_conn_feed(gt_conn *c, const uint8_t *in, size_t n, size_t *used)
{
    *used = 0;
    if (c->err != 0) return c->err;
    if (c->got_close) { /* nothing after close_notify counts */
        *used = n;
        return 0;
    }
    while (n - *used >= 3) {
        const uint8_t *r = in + *used;
        size_t len = (size_t)r[1] << 8 | r[2];
        if (n - *used < len + 3) break;
        if (r[0] == 'D' && c->app_len + len > c->cap) break; /* app must read first */
        *used += len + 3;
        int rc = record(c, r[0], r + 3, len);
        if (rc != 0) return rc;
        if (c->got_close) return GT_ERR_CLOSED;
    }
    return 0;
}

int gt_conn_output(gt_conn *c, const uint8_t **out, size_t *n)
{
    *out = c->out;
    *n = c->out_len;
    return c->err;
}

void gt_conn_output_done(gt_conn *c, size_t n)
{
    memmove(c->out, c->out + n, c->out_len - n);
    c->out_len -= n;
}

int gt_conn_write(gt_conn *c, const uint8_t *app, size_t n, size_t *taken)
{
    *taken = 0;
    if (c->err != 0) return c->err;
    if (c->state == GT_STATE_HANDSHAKING) return GT_ERR_WANT_INPUT;
    if (c->state != GT_STATE_OPEN || c->we_closed || c->got_close) return GT_ERR_CLOSED;
    while (*taken < n) {
        size_t k = n - *taken > 16384 ? 16384 : n - *taken;
        if (c->out_len + 3 + k > c->cap) k = c->cap > c->out_len + 3 ? c->cap - c->out_len - 3 : 0;
        if (k == 0) return GT_ERR_WANT_OUTPUT;
        (void)queue(c, 'D', app + *taken, k);
        *taken += k;
    }
    return 0;
}

int gt_conn_read(gt_conn *c, uint8_t *app, size_t cap, size_t *got)
{
    *got = 0;
    if (c->app_len > 0) {
        size_t k = c->app_len < cap ? c->app_len : cap;
        memcpy(app, c->app, k);
        memmove(c->app, c->app + k, c->app_len - k);
        c->app_len -= k;
        *got = k;
        return 0;
    }
    if (c->err != 0) return c->err;
    return c->got_close ? GT_ERR_CLOSED : GT_ERR_WANT_INPUT;
}

int gt_conn_close(gt_conn *c)
{
    if (c->err != 0) return c->err;
    if (c->we_closed) return 0;
    c->we_closed = 1;
    (void)queue(c, 'C', NULL, 0);
    if (c->state == GT_STATE_OPEN) c->state = GT_STATE_CLOSED;
    return 0;
}

/* Like libgt: after either side's close_notify the end is clean. */
int gt_conn_eof(gt_conn *c)
{
    if (c->err != 0) return c->err;
    if (c->got_close || c->we_closed) return 0;
    return fail(c, GT_ERR_DECODE_TRUNCATED, GT_ALERT_CLOSE_NOTIFY, 0);
}

gt_state gt_conn_state(const gt_conn *c)
{
    return c->state;
}

int gt_conn_want_output(const gt_conn *c)
{
    return c->out_len > 0;
}

int gt_conn_error(const gt_conn *c, gt_alert_info *alert)
{
    if (alert != NULL) *alert = c->alert;
    return c->err;
}

int gt_conn_info_get(const gt_conn *c, gt_conn_info *info)
{
    memset(info, 0, sizeof(*info));
    if (!c->hello_in) return GT_ERR_STATE;
    info->version = 0x0303;
    info->suite = 0xC02B;
    return 0;
}
