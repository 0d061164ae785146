/*
 * The harness's byte buffer and bounded reader. Written separately from
 * tls/core/cursor.c on purpose: the conformance peer must not share code
 * with the implementation it judges.
 */
#include "wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(gt_wbuf *b, size_t more)
{
    size_t need = b->n + more;
    /* always hold storage once touched: p + 0 on a NULL p is undefined */
    if (need <= b->cap && b->p != NULL) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (p == NULL) {
        fprintf(stderr, "gt-wire: out of memory\n");
        abort();
    }
    b->p = p;
    b->cap = cap;
}

void gt_wbuf_free(gt_wbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof(*b));
}

void gt_wbuf_reset(gt_wbuf *b)
{
    b->n = 0;
}

void gt_wbuf_u8(gt_wbuf *b, unsigned v)
{
    grow(b, 1);
    b->p[b->n++] = (uint8_t)v;
}

void gt_wbuf_u16(gt_wbuf *b, unsigned v)
{
    gt_wbuf_u8(b, (v >> 8) & 0xff);
    gt_wbuf_u8(b, v & 0xff);
}

void gt_wbuf_u24(gt_wbuf *b, unsigned long v)
{
    gt_wbuf_u8(b, (unsigned)(v >> 16) & 0xff);
    gt_wbuf_u16(b, (unsigned)v & 0xffff);
}

void gt_wbuf_put(gt_wbuf *b, const void *p, size_t n)
{
    if (n == 0) return;
    grow(b, n);
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

void gt_wbuf_fill(gt_wbuf *b, uint8_t v, size_t n)
{
    grow(b, n);
    memset(b->p + b->n, v, n);
    b->n += n;
}

size_t gt_wbuf_open(gt_wbuf *b, int width)
{
    size_t at = b->n;
    gt_wbuf_fill(b, 0, (size_t)width);
    return at;
}

void gt_wbuf_close(gt_wbuf *b, size_t at, int width, long override)
{
    unsigned long len = override >= 0 ? (unsigned long) override : b->n - at - (size_t)width;
    for (int i = width - 1; i >= 0; i--) {
        b->p[at + (size_t)i] = (uint8_t)(len & 0xff);
        len >>= 8;
    }
}

void gt_wbuf_vec(gt_wbuf *b, int width, const void *p, size_t n)
{
    size_t at = gt_wbuf_open(b, width);
    gt_wbuf_put(b, p, n);
    gt_wbuf_close(b, at, width, -1);
}

static const uint8_t *take(gt_wrd *r, size_t n)
{
    if (r->bad || r->left < n) {
        r->bad = 1;
        r->left = 0;
        return NULL;
    }
    const uint8_t *p = r->p;
    r->p += n;
    r->left -= n;
    return p;
}

unsigned gt_wrd_u8(gt_wrd *r)
{
    const uint8_t *p = take(r, 1);
    return p ? p[0] : 0;
}

unsigned gt_wrd_u16(gt_wrd *r)
{
    const uint8_t *p = take(r, 2);
    return p ? (unsigned)p[0] << 8 | p[1] : 0;
}

unsigned long gt_wrd_u24(gt_wrd *r)
{
    const uint8_t *p = take(r, 3);
    return p ? (unsigned long)p[0] << 16 | (unsigned long)p[1] << 8 | p[2] : 0;
}

const uint8_t *gt_wrd_take(gt_wrd *r, size_t n)
{
    return take(r, n);
}

gt_wrd gt_wrd_vec(gt_wrd *r, int width, size_t min, size_t max)
{
    gt_wrd sub = {NULL, 0, 1};
    size_t len = width == 1 ? gt_wrd_u8(r) : width == 2 ? gt_wrd_u16(r) : gt_wrd_u24(r);
    if (r->bad) return sub;
    if (len < min || len > max) {
        r->bad = 1;
        return sub;
    }
    sub.p = take(r, len);
    sub.left = len;
    sub.bad = sub.p == NULL;
    if (sub.bad) sub.left = 0;
    return sub;
}

int gt_wrd_done(const gt_wrd *r)
{
    return !r->bad && r->left == 0;
}

void gt_wire_record(gt_wbuf *out, uint8_t type, uint16_t version, const uint8_t *frag, size_t n)
{
    gt_wbuf_u8(out, type);
    gt_wbuf_u16(out, version);
    gt_wbuf_u16(out, (unsigned)n);
    gt_wbuf_put(out, frag, n);
}

/* RFC 5246 §6.2.1-6.2.3: the largest legal TLSCiphertext is 2^14 + 2048.
 * Major version 2 is let through so that an alert a target writes with the
 * client's odd version (e.g. {02,00}) can still be read. */
int gt_wire_next_record(const uint8_t *p, size_t n, gt_wire_rec *r, size_t *used)
{
    if (n < 5) return 0;
    r->type = p[0];
    r->version = (uint16_t)(p[1] << 8 | p[2]);
    r->len = (size_t)p[3] << 8 | p[4];
    if ((p[1] != 3 && p[1] != 2) || r->len > 16384 + 2048) return -1;
    if (n < 5 + r->len) return 0;
    r->frag = p + 5;
    *used = 5 + r->len;
    return 1;
}

static const struct {
    int code;
    const char *name;
} alerts[] = {
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {21, "decryption_failed"},
    {22, "record_overflow"},
    {30, "decompression_failure"},
    {40, "handshake_failure"},
    {41, "no_certificate"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {60, "export_restriction"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {100, "no_renegotiation"},
    {109, "missing_extension"},
    {110, "unsupported_extension"},
    {112, "unrecognized_name"},
    {116, "certificate_required"},
    {120, "no_application_protocol"},
};

const char *gt_wire_alert_name(int desc)
{
    for (size_t i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++)
        if (alerts[i].code == desc) return alerts[i].name;
    return "unknown_alert";
}

int gt_wire_alert_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++)
        if (strcmp(alerts[i].name, name) == 0) return alerts[i].code;
    return -1;
}

const char *gt_wire_hs_name(int type)
{
    switch (type) {
    case GT_HS_HELLO_REQUEST:
        return "HelloRequest";
    case GT_HS_CLIENT_HELLO:
        return "ClientHello";
    case GT_HS_SERVER_HELLO:
        return "ServerHello";
    case GT_HS_NEW_SESSION_TICKET:
        return "NewSessionTicket";
    case GT_HS_CERTIFICATE:
        return "Certificate";
    case GT_HS_SERVER_KEY_EXCHANGE:
        return "ServerKeyExchange";
    case GT_HS_CERTIFICATE_REQUEST:
        return "CertificateRequest";
    case GT_HS_SERVER_HELLO_DONE:
        return "ServerHelloDone";
    case GT_HS_CERTIFICATE_VERIFY:
        return "CertificateVerify";
    case GT_HS_CLIENT_KEY_EXCHANGE:
        return "ClientKeyExchange";
    case GT_HS_FINISHED:
        return "Finished";
    default:
        return "UnknownHandshake";
    }
}
