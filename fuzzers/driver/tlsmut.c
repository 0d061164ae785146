/* tlsgauntlet — structure-aware mutation for the TLS targets (tlsmut.h). */
#include "tlsmut.h"

#include <stdlib.h>
#include <string.h>

#pragma weak LLVMFuzzerMutate

#define MAX_UNITS 64
#define UNIT_MAX  20000 /* a unit's bytes kept in the model; larger is cut */

/* A unit: one handshake message (type 22: msg holds header and body) or one
 * other record's fragment, with the record fields it travels under. */
typedef struct {
    uint8_t ctype;
    uint16_t version;
    size_t len, room; /* room: bytes allocated at p */
    uint8_t *p;
} unit;

typedef struct {
    uint8_t flags;
    size_t n;
    unit u[MAX_UNITS];
    uint8_t *arena;
    size_t used, cap;
    uint64_t rng;
} model;

static unsigned rnd(model *m, unsigned n)
{
    m->rng ^= m->rng << 13;
    m->rng ^= m->rng >> 7;
    m->rng ^= m->rng << 17;
    return n ? (unsigned)(m->rng % n) : 0;
}

fz_byte_mutator fz_engine_mutator(void)
{
    return LLVMFuzzerMutate ? LLVMFuzzerMutate : NULL;
}

/* The fallback byte mutator: flip, set, insert or erase a few bytes. */
static size_t tiny_mutate(uint8_t *d, size_t n, size_t max)
{
    static uint64_t s = 0x243f6a8885a308d3ull;
    int k = 1 + (int)(s % 4);
    while (k--) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        size_t at = n ? (size_t)(s >> 33) % n : 0;
        switch ((s >> 20) % 4) {
        case 0:
            if (n) d[at] ^= (uint8_t)(1u << ((s >> 8) % 8));
            break;
        case 1:
            if (n) d[at] = (uint8_t)(s >> 40);
            break;
        case 2:
            if (n < max) {
                memmove(d + at + 1, d + at, n - at);
                d[at] = (uint8_t)(s >> 48);
                n++;
            }
            break;
        default:
            if (n > 1) {
                memmove(d + at, d + at + 1, n - at - 1);
                n--;
            }
        }
    }
    return n;
}

static uint8_t *room(model *m, size_t n)
{
    if (m->cap - m->used < n) return NULL;
    uint8_t *p = m->arena + m->used;
    m->used += n;
    return p;
}

static int add_unit(model *m, size_t at, uint8_t ctype, uint16_t ver, const uint8_t *p, size_t n)
{
    if (m->n == MAX_UNITS || at > m->n) return -1;
    if (n > UNIT_MAX) n = UNIT_MAX;
    uint8_t *q = room(m, n + 64);
    if (!q) return -1;
    memcpy(q, p, n);
    memmove(&m->u[at + 1], &m->u[at], (m->n - at) * sizeof m->u[0]);
    m->u[at] = (unit){ctype, ver, n, n + 64, q};
    m->n++;
    return 0;
}

/* Records, then handshake records split into messages (a message cut by
 * its record's end stays as it is). 0 when the whole input parsed. */
static int parse(model *m, const uint8_t *d, size_t n)
{
    if (n < 1) return -1;
    m->flags = d[0];
    size_t i = 1;
    while (i < n) {
        if (n - i < 5) return -1;
        uint8_t t = d[i];
        uint16_t v = (uint16_t)(d[i + 1] << 8 | d[i + 2]);
        size_t len = (size_t)d[i + 3] << 8 | d[i + 4];
        i += 5;
        if (len > n - i) return -1;
        const uint8_t *f = d + i;
        i += len;
        while (t == 22 && len >= 4) {
            size_t ml = 4 + ((size_t)f[1] << 16 | (size_t)f[2] << 8 | f[3]);
            if (ml > len) break;
            if (add_unit(m, m->n, t, v, f, ml)) return -1;
            f += ml;
            len -= ml;
        }
        if ((t != 22 || len) && add_unit(m, m->n, t, v, f, len)) return -1;
    }
    return 0;
}

static void put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 16);
    put16(p + 1, v);
}

/* Writes the model back: each unit its own record, or with `coalesce`
 * consecutive handshake messages of one version in one record. */
static size_t emit(const model *m, uint8_t *d, size_t max, int coalesce)
{
    size_t o = 0;
    if (max < 1) return 0;
    d[o++] = m->flags;
    for (size_t k = 0; k < m->n; k++) {
        const unit *u = &m->u[k];
        size_t hdr = o, body = 0;
        if (o + 5 > max) break;
        d[o] = u->ctype;
        put16(d + o + 1, u->version);
        o += 5;
        for (;;) {
            const unit *w = &m->u[k];
            if (o + w->len > max || body + w->len > 0xFFFF) break;
            memcpy(d + o, w->p, w->len);
            o += w->len;
            body += w->len;
            if (!coalesce || k + 1 == m->n || w->ctype != 22 || m->u[k + 1].ctype != 22 ||
                m->u[k + 1].version != w->version)
                break;
            k++;
        }
        put16(d + hdr + 3, body);
    }
    return o;
}

/* The handshake length of a message unit follows its body. */
static void fix_hs(unit *u)
{
    if (u->ctype == 22 && u->len >= 4) put24(u->p + 1, u->len - 4);
}

/* A hello's extension block: offset of its 2-byte length in the unit, or
 * 0 when the message is not a hello or has none (RFC 5246 §7.4.1.2-3). */
static size_t ext_block(const unit *u)
{
    if (u->ctype != 22 || u->len < 4 || (u->p[0] != 1 && u->p[0] != 2)) return 0;
    size_t i = 4 + 2 + 32, n = u->len;
    if (i >= n) return 0;
    i += 1 + u->p[i]; /* session_id */
    if (u->p[0] == 1) {
        if (i + 2 > n) return 0;
        i += 2 + ((size_t)u->p[i] << 8 | u->p[i + 1]); /* cipher_suites */
        if (i >= n) return 0;
        i += 1 + u->p[i]; /* compression_methods */
    } else {
        i += 3; /* cipher_suite, compression_method */
    }
    return i + 2 <= n ? i : 0;
}

/* Extension code points worth inserting (IANA TLS ExtensionType). */
static const uint16_t ext_types[] = {0,  1,  5,  10, 11, 13, 16, 21,
                                     22, 23, 28, 35, 43, 45, 51, 0xff01};

/* Drop, duplicate, add or mutate one extension of a hello; fixes the block
 * length. The unit has 64 spare bytes (add_unit) for an insertion. */
static int mutate_ext(model *m, unit *u, fz_byte_mutator bm)
{
    size_t at = ext_block(u);
    if (!at) return -1;
    size_t end = u->len, i = at + 2, offs[64], k = 0;
    while (i + 4 <= end && k < 64) {
        offs[k++] = i;
        i += 4 + ((size_t)u->p[i + 2] << 8 | u->p[i + 3]);
    }
    if (i != end) return -1;
    unsigned op = rnd(m, 4);
    if (op == 0 && k) { /* drop */
        size_t e = offs[rnd(m, (unsigned)k)];
        size_t el = 4 + ((size_t)u->p[e + 2] << 8 | u->p[e + 3]);
        memmove(u->p + e, u->p + e + el, u->len - e - el);
        u->len -= el;
    } else if (op == 1 && k) { /* duplicate, if it fits the spare room */
        size_t e = offs[rnd(m, (unsigned)k)];
        size_t el = 4 + ((size_t)u->p[e + 2] << 8 | u->p[e + 3]);
        if (el > u->room - u->len) return -1;
        memcpy(u->p + u->len, u->p + e, el);
        u->len += el;
    } else if (op == 2 && u->room - u->len >= 6) { /* add a known type, empty or 2 bytes */
        uint16_t t = ext_types[rnd(m, sizeof ext_types / sizeof ext_types[0])];
        size_t dl = rnd(m, 2) * 2;
        put16(u->p + u->len, t);
        put16(u->p + u->len + 2, dl);
        put16(u->p + u->len + 4, rnd(m, 0x10000));
        u->len += 4 + dl;
    } else if (k) { /* mutate one extension's data in place (same length) */
        size_t e = offs[rnd(m, (unsigned)k)];
        size_t dl = (size_t)u->p[e + 2] << 8 | u->p[e + 3];
        if (!dl) return -1;
        uint8_t tmp[512];
        if (dl > sizeof tmp) dl = sizeof tmp;
        memcpy(tmp, u->p + e + 4, dl);
        size_t got = bm(tmp, dl, dl);
        memcpy(u->p + e + 4, tmp, got < dl ? got : dl);
    } else {
        return -1;
    }
    put16(u->p + at, u->len - at - 2);
    return 0;
}

static const uint8_t interesting_types[] = {0, 1, 2, 4, 11, 12, 13, 14, 15, 16, 20, 21, 24, 255};

/* One structural change. 0 when the model changed. */
static int mutate_model(model *m, fz_byte_mutator bm, size_t max, int *coalesce)
{
    unsigned op = rnd(m, 11);
    if (m->n == 0) op = 4;
    unit *u = &m->u[rnd(m, (unsigned)m->n)];
    switch (op) {
    case 0: /* mutate a unit's bytes (a handshake body keeps its header) */
    case 1: {
        size_t skip = u->ctype == 22 && u->len >= 4 ? 4 : 0;
        size_t cap = u->room - skip;
        if (cap > max) cap = max;
        if (cap < u->len - skip) return -1;
        size_t got = bm(u->p + skip, u->len - skip, cap);
        u->len = skip + got;
        fix_hs(u);
        return 0;
    }
    case 2: /* drop */
        memmove(u, u + 1, (size_t)(&m->u[m->n] - u - 1) * sizeof *u);
        m->n--;
        return 0;
    case 3: /* duplicate */
        return add_unit(m, (size_t)(u - m->u) + 1, u->ctype, u->version, u->p, u->len);
    case 4: { /* insert: an empty handshake message, a CCS, an alert */
        uint8_t b[4] = {interesting_types[rnd(m, sizeof interesting_types)], 0, 0, 0};
        unsigned kind = rnd(m, 3);
        size_t at = m->n ? rnd(m, (unsigned)m->n + 1) : 0;
        if (kind == 0) return add_unit(m, at, 22, 0x0303, b, 4);
        if (kind == 1) return add_unit(m, at, 20, 0x0303, (const uint8_t *)"\x01", 1);
        b[0] = (uint8_t)(1 + rnd(m, 2));
        b[1] = (uint8_t)rnd(m, 120);
        return add_unit(m, at, 21, 0x0303, b, 2);
    }
    case 5: { /* move */
        unit t = *u, *v = &m->u[rnd(m, (unsigned)m->n)];
        *u = *v;
        *v = t;
        return 0;
    }
    case 6: /* a field of the record or the handshake header */
        if (rnd(m, 2) && u->ctype == 22 && u->len)
            u->p[0] = interesting_types[rnd(m, sizeof interesting_types)];
        else if (rnd(m, 2))
            u->version = (uint16_t)(0x0300 + rnd(m, 5));
        else
            u->ctype = (uint8_t)(20 + rnd(m, 5));
        return 0;
    case 7:
    case 8:
        for (unsigned tries = 0; tries < 4; tries++, u = &m->u[rnd(m, (unsigned)m->n)])
            if (mutate_ext(m, u, bm) == 0) return fix_hs(u), 0;
        return -1;
    case 9: /* coalesce the handshake messages into as few records as fit */
        *coalesce = 1;
        return 0;
    default: /* split: the tail of a unit becomes a record of its own */
        if (u->len < 2) return -1;
        {
            size_t cut = 1 + rnd(m, (unsigned)u->len - 1);
            size_t at = (size_t)(u - m->u);
            uint8_t ct = u->ctype;
            uint16_t v = u->version;
            size_t tail = u->len - cut;
            u->len = cut;
            /* the tail goes out as raw bytes of the same content type */
            if (add_unit(m, at + 1, ct, v, m->u[at].p + cut, tail)) return -1;
            m->u[at + 1].ctype = ct == 22 ? 22 : ct;
            /* keep the handshake header as it was: the message now spans
             * two records (reassembly), so no length fix-up here */
            return 0;
        }
    }
}

size_t fz_tls_mutate(uint8_t *data, size_t size, size_t max, unsigned seed, fz_byte_mutator bm)
{
    static int plain = -1;
    if (plain < 0) plain = getenv("FZ_NO_CUSTOM_MUTATOR") != NULL;
    if (!bm) bm = tiny_mutate;
    if (plain) return bm(data, size, max);
    static model m;
    static uint8_t *arena;
    size_t cap = 2 * max + MAX_UNITS * 64 + 4096;
    static size_t arena_cap;
    if (arena_cap < cap) {
        free(arena);
        arena = malloc(cap);
        arena_cap = arena ? cap : 0;
    }
    if (!arena) return bm(data, size, max);
    memset(&m, 0, sizeof m);
    m.arena = arena;
    m.cap = arena_cap;
    m.rng = (uint64_t)seed * 0x9e3779b97f4a7c15ull | 1;
    if (rnd(&m, 5) == 0 || parse(&m, data, size) != 0) return bm(data, size, max);
    if (rnd(&m, 16) == 0) m.flags = (uint8_t)rnd(&m, 256);
    int coalesce = 0, changed = 0;
    unsigned k = 1 + rnd(&m, 3);
    while (k--)
        changed |= mutate_model(&m, bm, max, &coalesce) == 0;
    if (!changed) return bm(data, size, max);
    return emit(&m, data, max, coalesce);
}
