/* Bounded byte cursors: the only code in libgt that indexes wire bytes.
 *
 * A reader (gt_rd) is a slice of bytes still to be consumed. Every read is
 * charged against `left`; a read that does not fit fails with
 * GT_ERR_DECODE_TRUNCATED and leaves the reader unchanged. Length-prefixed
 * vectors (RFC 5246 §4.3, `opaque x<min..max>`) are opened as sub-readers
 * that must then be consumed exactly (gt_rd_end).
 *
 * A writer (gt_wr) appends into a caller buffer and cannot overflow it: a
 * write that does not fit fails with GT_ERR_ENCODE_OVERFLOW, writes nothing,
 * and makes the writer sticky-failed so one check at the end suffices. */
#ifndef GT_CORE_CURSOR_H
#define GT_CORE_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"

typedef struct {
    const uint8_t *p;
    size_t left;
} gt_rd;

static inline gt_rd gt_rd_init(const uint8_t *p, size_t n)
{
    gt_rd r = {p, n};
    return r;
}

GT_MUST_CHECK int gt_rd_u8(gt_rd *r, uint8_t *v);
GT_MUST_CHECK int gt_rd_u16(gt_rd *r, uint16_t *v);
GT_MUST_CHECK int gt_rd_u24(gt_rd *r, uint32_t *v);
GT_MUST_CHECK int gt_rd_u32(gt_rd *r, uint32_t *v);
GT_MUST_CHECK int gt_rd_u64(gt_rd *r, uint64_t *v);
/* Copies n bytes out. */
GT_MUST_CHECK int gt_rd_copy(gt_rd *r, uint8_t *out, size_t n);
/* Returns a pointer to the next n bytes (a view, nothing copied). */
GT_MUST_CHECK int gt_rd_bytes(gt_rd *r, size_t n, const uint8_t **view);
GT_MUST_CHECK int gt_rd_skip(gt_rd *r, size_t n);
/* Splits off the next n bytes as a sub-reader. */
GT_MUST_CHECK int gt_rd_sub(gt_rd *r, size_t n, gt_rd *sub);
/* Length-prefixed vectors with RFC 5246 <min..max> bounds on the length in
 * bytes: a length outside the bounds is GT_ERR_DECODE_LENGTH. */
GT_MUST_CHECK int gt_rd_vec8(gt_rd *r, size_t min, size_t max, gt_rd *sub);
GT_MUST_CHECK int gt_rd_vec16(gt_rd *r, size_t min, size_t max, gt_rd *sub);
GT_MUST_CHECK int gt_rd_vec24(gt_rd *r, size_t min, size_t max, gt_rd *sub);
/* 0 when fully consumed, GT_ERR_DECODE_TRAILING otherwise. */
GT_MUST_CHECK int gt_rd_end(const gt_rd *r);

typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t len;
    int err; /* first error, sticky */
} gt_wr;

static inline gt_wr gt_wr_init(uint8_t *buf, size_t cap)
{
    gt_wr w = {buf, cap, 0, 0};
    return w;
}

int gt_wr_u8(gt_wr *w, uint8_t v);
int gt_wr_u16(gt_wr *w, uint16_t v);
int gt_wr_u24(gt_wr *w, uint32_t v);
int gt_wr_u32(gt_wr *w, uint32_t v);
int gt_wr_u64(gt_wr *w, uint64_t v);
int gt_wr_bytes(gt_wr *w, const uint8_t *p, size_t n);
/* Reserves n bytes and returns where they start (for in-place filling). */
int gt_wr_reserve(gt_wr *w, size_t n, uint8_t **at);
/* Length-prefixed vectors: open reserves the length field, close fills it in
 * and checks it fits the field's width. `mark` carries the position. */
int gt_wr_vec_open(gt_wr *w, size_t width, size_t *mark);
int gt_wr_vec_close(gt_wr *w, size_t width, size_t mark);
/* 0, or the first error any write hit. */
static inline int gt_wr_status(const gt_wr *w)
{
    return w->err;
}

/* Explicit big-endian loads and stores for fixed-size crypto buffers (not
 * wire parsing: those go through gt_rd). */
static inline uint32_t gt_load32_be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline uint64_t gt_load64_be(const uint8_t *p)
{
    return ((uint64_t)gt_load32_be(p) << 32) | gt_load32_be(p + 4);
}
static inline void gt_store32_be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}
static inline void gt_store64_be(uint8_t *p, uint64_t v)
{
    gt_store32_be(p, (uint32_t)(v >> 32));
    gt_store32_be(p + 4, (uint32_t)v);
}
static inline uint32_t gt_load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t gt_load64_le(const uint8_t *p)
{
    return (uint64_t)gt_load32_le(p) | ((uint64_t)gt_load32_le(p + 4) << 32);
}
static inline void gt_store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline void gt_store64_le(uint8_t *p, uint64_t v)
{
    gt_store32_le(p, (uint32_t)v);
    gt_store32_le(p + 4, (uint32_t)(v >> 32));
}

#endif
