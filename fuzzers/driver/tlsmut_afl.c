/* tlsgauntlet — the TLS structure-aware mutator (tlsmut.c) as an AFL++
 * custom mutator library (AFL_CUSTOM_MUTATOR_LIBRARY=libfz_tlsmut.so; built
 * in the afl preset). AFL++'s own havoc still runs as well, unless
 * AFL_CUSTOM_MUTATOR_ONLY is set. */
#include <stdlib.h>
#include <string.h>

#include "tlsmut.h"

typedef struct {
    unsigned seed;
    uint8_t *buf;
    size_t cap;
} fz_afl_mut;

void *afl_custom_init(void *afl, unsigned int seed)
{
    (void)afl;
    fz_afl_mut *s = calloc(1, sizeof *s);
    if (s) s->seed = seed;
    return s;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size)
{
    fz_afl_mut *s = data;
    (void)add_buf, (void)add_buf_size;
    size_t cap = max_size > buf_size ? max_size : buf_size;
    if (s->cap < cap) {
        uint8_t *n = realloc(s->buf, cap);
        if (!n) {
            *out_buf = buf;
            return buf_size;
        }
        s->buf = n;
        s->cap = cap;
    }
    memcpy(s->buf, buf, buf_size);
    s->seed = s->seed * 1103515245u + 12345u;
    *out_buf = s->buf;
    return fz_tls_mutate(s->buf, buf_size, max_size, s->seed, NULL);
}

void afl_custom_deinit(void *data)
{
    fz_afl_mut *s = data;
    if (s) free(s->buf);
    free(s);
}
