/* tlsgauntlet — shared glue for the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FUZZ FINDING: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    abort();
}

uint8_t fz_u8(fz_in *in)
{
    if (in->left == 0) return 0;
    in->left--;
    return *in->p++;
}

uint16_t fz_u16(fz_in *in)
{
    uint16_t hi = fz_u8(in);
    return (uint16_t)(hi << 8 | fz_u8(in));
}

const uint8_t *fz_bytes(fz_in *in, size_t n, size_t *got)
{
    const uint8_t *p = in->p;
    if (n > in->left) n = in->left;
    in->p += n;
    in->left -= n;
    *got = n;
    return p;
}

void fz_copy(fz_in *in, uint8_t *out, size_t n)
{
    size_t got;
    const uint8_t *p = fz_bytes(in, n, &got);
    memcpy(out, p, got);
    memset(out + got, 0, n - got);
}

const uint8_t *fz_until(fz_in *in, uint8_t sep, size_t max, size_t *got)
{
    size_t lim = in->left < max ? in->left : max;
    const uint8_t *hit = lim ? memchr(in->p, sep, lim) : NULL;
    const uint8_t *p = in->p;
    if (!hit) return fz_bytes(in, lim, got);
    *got = (size_t)(hit - p);
    in->p = hit + 1;
    in->left -= *got + 1;
    return p;
}

void fz_rng_seed(fz_rng_state *st, uint64_t seed)
{
    /* xorshift must not start at zero */
    st->s = seed ^ 0x9e3779b97f4a7c15ull;
    if (st->s == 0) st->s = 1;
}

int fz_rng(void *ctx, uint8_t *out, size_t n)
{
    fz_rng_state *st = ctx;
    for (size_t i = 0; i < n; i++) {
        /* xorshift64* (Vigna 2014): cheap, full period, good enough to
         * drive key generation and blinding deterministically */
        st->s ^= st->s >> 12;
        st->s ^= st->s << 25;
        st->s ^= st->s >> 27;
        out[i] = (uint8_t)((st->s * 0x2545f4914f6cdd1dull) >> 56);
    }
    return 0;
}
