/* Test helpers (see testutil.h). */
#include "util/testutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int nibble(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

size_t tu_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *hex; hex++) {
        if (isspace((unsigned char)*hex)) continue;
        int v = nibble((unsigned char)*hex);
        if (v < 0) return (size_t)-1;
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n >= cap) return (size_t)-1;
        out[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    return hi < 0 ? n : (size_t)-1;
}

uint8_t *tu_unhex_alloc(const char *hex, size_t *len)
{
    size_t cap = strlen(hex) / 2 + 1;
    uint8_t *p = malloc(cap);
    if (!p) return NULL;
    *len = tu_unhex(hex, p, cap);
    if (*len == (size_t)-1) {
        free(p);
        return NULL;
    }
    return p;
}

const char *tu_shared_dir(void)
{
    const char *e = getenv("GT_SHARED_DIR");
    return e && *e ? e : GT_SHARED_DIR;
}

const char *tu_source_dir(void)
{
    return GT_SOURCE_DIR;
}

void tu_fill(uint8_t *p, size_t n, uint64_t seed)
{
    uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        p[i] = (uint8_t)(x >> 32);
    }
}
