/* In-process pipe between two gt_conn and test configs (pipe.h). */
#include "util/pipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/testutil.h"

void tu_bytes_append(tu_bytes *b, const uint8_t *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        uint8_t *q = realloc(b->p, cap);
        if (!q) abort();
        b->p = q;
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
}

void tu_bytes_consume(tu_bytes *b, size_t n)
{
    if (n > b->len) n = b->len;
    memmove(b->p, b->p + n, b->len - n);
    b->len -= n;
}

void tu_bytes_free(tu_bytes *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

void tu_pipe_init(tu_pipe *p, gt_conn *client, gt_conn *server)
{
    memset(p, 0, sizeof *p);
    p->c[0] = client;
    p->c[1] = server;
    gt_sha256_init(&p->hash[0]);
    gt_sha256_init(&p->hash[1]);
}

void tu_pipe_free(tu_pipe *p)
{
    for (int i = 0; i < 2; i++) {
        tu_bytes_free(&p->q[i]);
        tu_bytes_free(&p->wire[i]);
        tu_bytes_free(&p->got[i]);
    }
}

/* Takes side i's output into its queue. */
static int drain(tu_pipe *p, int i)
{
    const uint8_t *out;
    size_t n;
    int moved = 0;
    while (gt_conn_output(p->c[i], &out, &n) == 0 && n) {
        size_t cap = 8 * n + 4096; /* room for a tamper hook to grow the bytes */
        uint8_t *tmp = malloc(cap);
        if (!tmp) abort();
        memcpy(tmp, out, n);
        size_t len = n;
        gt_conn_output_done(p->c[i], n);
        if (p->tamper) p->tamper(p->tamper_ctx, i, tmp, &len, cap);
        tu_bytes_append(&p->q[i], tmp, len);
        if (p->keep_wire) tu_bytes_append(&p->wire[i], tmp, len);
        free(tmp);
        moved = 1;
    }
    return moved;
}

/* Reads what side i has received. */
static int read_app(tu_pipe *p, int i)
{
    uint8_t buf[16384];
    size_t got;
    int moved = 0, err;
    while ((err = gt_conn_read(p->c[i], buf, sizeof buf, &got)) == 0 && got) {
        gt_sha256_update(&p->hash[i], buf, got);
        p->got_total[i] += got;
        if (p->keep_app) tu_bytes_append(&p->got[i], buf, got);
        moved = 1;
    }
    if (err == GT_ERR_CLOSED) p->got_closed[i] = 1;
    return moved;
}

/* Feeds side i what the other side sent. */
static int feed(tu_pipe *p, int i)
{
    tu_bytes *q = &p->q[1 - i];
    int moved = 0;
    while (q->len) {
        size_t n = p->chunk && p->chunk < q->len ? p->chunk : q->len, used = 0;
        int err = gt_conn_feed(p->c[i], q->p, n, &used);
        tu_bytes_consume(q, used);
        moved |= used != 0;
        moved |= read_app(p, i);
        if (err == GT_ERR_WANT_OUTPUT)
            moved |= drain(p, i);
        else if (err || used == 0)
            break;
    }
    moved |= read_app(p, i);
    return moved;
}

int tu_pipe_step(tu_pipe *p)
{
    int moved = 0;
    for (int i = 0; i < 2; i++) {
        moved |= drain(p, i);
        moved |= feed(p, 1 - i);
    }
    return moved;
}

size_t tu_pipe_run(tu_pipe *p, size_t max_rounds)
{
    size_t r = 0;
    while (r < max_rounds && tu_pipe_step(p))
        r++;
    return r;
}

int tu_pipe_handshake(tu_pipe *p, size_t max_rounds)
{
    tu_pipe_run(p, max_rounds);
    return gt_conn_state(p->c[0]) == GT_STATE_OPEN && gt_conn_state(p->c[1]) == GT_STATE_OPEN ? 0
                                                                                              : -1;
}

void tu_pipe_digest(tu_pipe *p, int side, uint8_t out[32])
{
    gt_sha256_final(&p->hash[side], out);
    gt_sha256_init(&p->hash[side]);
}

uint8_t *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        abort();
    }
    tu_bytes b = {0};
    uint8_t buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        tu_bytes_append(&b, buf, n);
    fclose(f);
    tu_bytes_append(&b, (const uint8_t *)"", 1); /* NUL for text users */
    *len = b.len - 1;
    return b.p;
}

const char *tu_pki(const char *name)
{
    static char path[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/vectors/pki/%s", tu_source_dir(), name);
    return path[k];
}

static uint64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return TU_FIXED_TIME;
}

gt_config *tu_config(gt_drbg *drbg, uint64_t seed)
{
    uint8_t s[8];
    for (int i = 0; i < 8; i++)
        s[i] = (uint8_t)(seed >> (8 * i));
    gt_drbg_init_seed(drbg, s, sizeof s);
    gt_config *cfg = gt_config_new(NULL);
    if (!cfg) abort();
    gt_config_set_rng(cfg, gt_rng_drbg, drbg);
    gt_config_set_clock(cfg, fixed_clock, NULL);
    return cfg;
}

int tu_add_chain(gt_config *cfg, const char *leaf)
{
    char name[256];
    size_t n, kn;
    snprintf(name, sizeof name, "%s.chain.pem", leaf);
    uint8_t *chain = tu_read_file(tu_pki(name), &n);
    snprintf(name, sizeof name, "%s.key", leaf);
    uint8_t *key = tu_read_file(tu_pki(name), &kn);
    int err = gt_config_add_chain(cfg, chain, n, key, kn);
    free(chain);
    free(key);
    return err;
}

int tu_add_trust(gt_config *cfg)
{
    size_t n;
    uint8_t *pem = tu_read_file(tu_pki("ca-bundle.pem"), &n);
    int err = gt_config_add_trust_pem(cfg, pem, n);
    free(pem);
    return err;
}
