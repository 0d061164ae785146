/* Bounded byte cursors (see cursor.h). Every read funnels through take(),
 * the single bounds check, as s2n's stuffer does with skip_read(). */
#include "core/cursor.h"

#include <string.h>

static int take(gt_rd *r, size_t n, const uint8_t **at)
{
    if (n > r->left) return GT_ERR_DECODE_TRUNCATED;
    *at = r->p;
    r->p += n;
    r->left -= n;
    return 0;
}

static int read_be(gt_rd *r, size_t n, uint64_t *v)
{
    const uint8_t *p;
    int err = take(r, n, &p);
    if (err) return err;
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++)
        x = (x << 8) | p[i];
    *v = x;
    return 0;
}

int gt_rd_u8(gt_rd *r, uint8_t *v)
{
    uint64_t x;
    int err = read_be(r, 1, &x);
    if (!err) *v = (uint8_t)x;
    return err;
}

int gt_rd_u16(gt_rd *r, uint16_t *v)
{
    uint64_t x;
    int err = read_be(r, 2, &x);
    if (!err) *v = (uint16_t)x;
    return err;
}

int gt_rd_u24(gt_rd *r, uint32_t *v)
{
    uint64_t x;
    int err = read_be(r, 3, &x);
    if (!err) *v = (uint32_t)x;
    return err;
}

int gt_rd_u32(gt_rd *r, uint32_t *v)
{
    uint64_t x;
    int err = read_be(r, 4, &x);
    if (!err) *v = (uint32_t)x;
    return err;
}

int gt_rd_u64(gt_rd *r, uint64_t *v)
{
    return read_be(r, 8, v);
}

int gt_rd_copy(gt_rd *r, uint8_t *out, size_t n)
{
    const uint8_t *p;
    int err = take(r, n, &p);
    if (!err && n) memcpy(out, p, n);
    return err;
}

int gt_rd_bytes(gt_rd *r, size_t n, const uint8_t **view)
{
    return take(r, n, view);
}

int gt_rd_skip(gt_rd *r, size_t n)
{
    const uint8_t *p;
    return take(r, n, &p);
}

int gt_rd_sub(gt_rd *r, size_t n, gt_rd *sub)
{
    const uint8_t *p;
    int err = take(r, n, &p);
    if (err) return err;
    *sub = gt_rd_init(p, n);
    return 0;
}

/* Reads a width-byte length, checks it against <min..max>, then splits the
 * body off. On any failure the reader is left where it was. */
static int read_vec(gt_rd *r, size_t width, size_t min, size_t max, gt_rd *sub)
{
    gt_rd save = *r;
    uint64_t len;
    int err = read_be(r, width, &len);
    if (err) return err;
    if (len < min || len > max) {
        *r = save;
        return GT_ERR_DECODE_LENGTH;
    }
    err = gt_rd_sub(r, (size_t)len, sub);
    if (err) *r = save;
    return err;
}

int gt_rd_vec8(gt_rd *r, size_t min, size_t max, gt_rd *sub)
{
    return read_vec(r, 1, min, max, sub);
}

int gt_rd_vec16(gt_rd *r, size_t min, size_t max, gt_rd *sub)
{
    return read_vec(r, 2, min, max, sub);
}

int gt_rd_vec24(gt_rd *r, size_t min, size_t max, gt_rd *sub)
{
    return read_vec(r, 3, min, max, sub);
}

int gt_rd_end(const gt_rd *r)
{
    return r->left ? GT_ERR_DECODE_TRAILING : 0;
}

int gt_wr_reserve(gt_wr *w, size_t n, uint8_t **at)
{
    if (w->err) return w->err;
    if (n > w->cap - w->len) {
        w->err = GT_ERR_ENCODE_OVERFLOW;
        return w->err;
    }
    *at = w->buf + w->len;
    w->len += n;
    return 0;
}

static int write_be(gt_wr *w, size_t n, uint64_t v)
{
    uint8_t *p;
    int err = gt_wr_reserve(w, n, &p);
    if (err) return err;
    for (size_t i = n; i-- > 0; v >>= 8)
        p[i] = (uint8_t)v;
    return 0;
}

int gt_wr_u8(gt_wr *w, uint8_t v)
{
    return write_be(w, 1, v);
}
int gt_wr_u16(gt_wr *w, uint16_t v)
{
    return write_be(w, 2, v);
}
int gt_wr_u24(gt_wr *w, uint32_t v)
{
    if (v > 0xFFFFFFu) {
        w->err = w->err ? w->err : GT_ERR_ARG;
        return w->err;
    }
    return write_be(w, 3, v);
}
int gt_wr_u32(gt_wr *w, uint32_t v)
{
    return write_be(w, 4, v);
}
int gt_wr_u64(gt_wr *w, uint64_t v)
{
    return write_be(w, 8, v);
}

int gt_wr_bytes(gt_wr *w, const uint8_t *p, size_t n)
{
    uint8_t *at;
    int err = gt_wr_reserve(w, n, &at);
    if (!err && n) memcpy(at, p, n);
    return err;
}

int gt_wr_vec_open(gt_wr *w, size_t width, size_t *mark)
{
    uint8_t *at;
    if (width < 1 || width > 3) {
        w->err = w->err ? w->err : GT_ERR_ARG;
        return w->err;
    }
    int err = gt_wr_reserve(w, width, &at);
    if (err) return err;
    *mark = w->len;
    return 0;
}

int gt_wr_vec_close(gt_wr *w, size_t width, size_t mark)
{
    if (w->err) return w->err;
    if (width < 1 || width > 3 || mark < width || mark > w->len) {
        w->err = GT_ERR_ARG;
        return w->err;
    }
    size_t len = w->len - mark;
    if (len >> (8 * width)) {
        w->err = GT_ERR_ENCODE_OVERFLOW;
        return w->err;
    }
    for (size_t i = 0; i < width; i++)
        w->buf[mark - 1 - i] = (uint8_t)(len >> (8 * i));
    return 0;
}
