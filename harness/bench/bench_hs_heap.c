/* Heap accounting for the handshake benchmark's child process
 * (bench_hs.h): every library's allocator hook ends here. Each block gets a
 * 16-byte header with its size and the side (client/server) whose work
 * allocated it, so a block is credited back to the side that was charged
 * for it, whoever frees it. Blocks allocated outside a side's work
 * (contexts, trust stores, the transport queues) are not counted. */
#include "bench_hs.h"

#include <stdlib.h>
#include <string.h>

int hs_side;

/* 16 bytes keep the 16-byte alignment malloc gives (max_align_t). */
typedef struct {
    size_t size;
    size_t side;
} hdr;
_Static_assert(sizeof(hdr) == 16, "header keeps malloc's alignment");

static size_t live[3], peak[3], base[3];

static void charge(size_t side, size_t n)
{
    if (side == HS_SIDE_NONE) return;
    live[side] += n;
    if (live[side] > peak[side]) peak[side] = live[side];
}

static void credit(size_t side, size_t n)
{
    if (side == HS_SIDE_NONE) return;
    live[side] -= n;
}

void *hs_heap_malloc(size_t n)
{
    hdr *h = malloc(sizeof(hdr) + n);
    if (!h) return NULL;
    h->size = n;
    h->side = (size_t)hs_side;
    charge(h->side, n);
    return h + 1;
}

void hs_heap_free(void *p)
{
    if (!p) return;
    hdr *h = (hdr *)p - 1;
    credit(h->side, h->size);
    free(h);
}

void *hs_heap_realloc(void *p, size_t n)
{
    if (!p) return hs_heap_malloc(n);
    hdr *h = (hdr *)p - 1;
    hdr old = *h;
    hdr *g = realloc(h, sizeof(hdr) + n);
    if (!g) return NULL;
    /* the resized block belongs to whoever owned it */
    credit(old.side, old.size);
    g->size = n;
    charge(g->side, n);
    return g + 1;
}

void hs_heap_mark(void)
{
    for (int i = 0; i < 3; i++)
        base[i] = peak[i] = live[i];
}

size_t hs_heap_peak(int side)
{
    return peak[side] - base[side];
}
