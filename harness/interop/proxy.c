/* A recording TCP proxy for --record: sits between client and server on
 * 127.0.0.1, relays one connection both ways unchanged, and cuts each
 * direction's byte stream into TLS records (RFC 5246 §6.2.1: type, version,
 * 16-bit length, fragment) in the order they arrived.
 *
 * It runs on its own thread so that the cell's process pump is unchanged;
 * half-closes are forwarded (shutdown(SHUT_WR)) so close_notify-then-FIN
 * behaviour on either side reaches the other as it would directly. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/cursor.h"
#include "interop.h"

#define MAX_STREAM (4u << 20)

typedef struct {
    uint8_t *buf;
    size_t len, cap, parsed; /* bytes already cut into records */
} stream;

struct gt_iop_proxy {
    pthread_t th;
    int lfd, server_port, timeout_ms;
    int rc;
    stream dir[2]; /* 0: client->server, 1: server->client */
    gt_iop_record *recs;
    size_t nrecs, caprecs;
};

static int append(stream *s, const uint8_t *p, size_t n)
{
    if (s->len + n > MAX_STREAM) return -1;
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < s->len + n)
            cap *= 2;
        uint8_t *q = realloc(s->buf, cap);
        if (!q) return -1;
        s->buf = q;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, p, n);
    s->len += n;
    return 0;
}

/* Cuts complete records off the unparsed tail; payloads are stored as
 * offsets until the streams stop growing (realloc moves them). */
static int cut_records(gt_iop_proxy *px, int d)
{
    stream *s = &px->dir[d];
    for (;;) {
        gt_rd r = gt_rd_init(s->buf + s->parsed, s->len - s->parsed);
        uint8_t type;
        uint16_t version;
        gt_rd frag;
        if (gt_rd_u8(&r, &type) != 0 || gt_rd_u16(&r, &version) != 0 ||
            gt_rd_vec16(&r, 0, 65535, &frag) != 0)
            return 0; /* incomplete: wait for more */
        if (px->nrecs == px->caprecs) {
            size_t cap = px->caprecs ? px->caprecs * 2 : 64;
            gt_iop_record *q = realloc(px->recs, cap * sizeof *q);
            if (!q) return -1;
            px->recs = q;
            px->caprecs = cap;
        }
        gt_iop_record *rec = &px->recs[px->nrecs++];
        rec->c2s = d == 0;
        rec->type = type;
        rec->version = version;
        rec->payload = (const uint8_t *)(uintptr_t)(s->parsed + 5);
        rec->len = frag.left;
        s->parsed += 5 + frag.left;
    }
}

/* Moves what is readable from fds[d] to fds[!d]; returns 1 at EOF. */
static int relay(gt_iop_proxy *px, int fds[2], int d)
{
    uint8_t buf[16384];
    ssize_t n = read(fds[d], buf, sizeof buf);
    if (n < 0) return errno == EINTR || errno == EAGAIN ? 0 : 1;
    if (n == 0) {
        shutdown(fds[!d], SHUT_WR);
        return 1;
    }
    for (ssize_t off = 0; off < n;) {
        ssize_t w = write(fds[!d], buf + off, (size_t)(n - off));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return 1;
        off += w;
    }
    if (append(&px->dir[d], buf, (size_t)n) != 0 || cut_records(px, d) != 0) px->rc = -1;
    return 0;
}

static void *proxy_main(void *arg)
{
    gt_iop_proxy *px = arg;
    int64_t deadline = gt_iop_now_ms() + px->timeout_ms;
    px->rc = -1;
    struct pollfd lp = {px->lfd, POLLIN, 0};
    if (poll(&lp, 1, px->timeout_ms) != 1) return NULL;
    int fds[2] = {accept4(px->lfd, NULL, NULL, SOCK_CLOEXEC), -1};
    if (fds[0] < 0) return NULL;
    fds[1] = gt_iop_connect_loopback(px->server_port);
    if (fds[1] < 0) {
        close(fds[0]);
        return NULL;
    }
    px->rc = 0;
    bool eof[2] = {false, false};
    while (!eof[0] || !eof[1]) {
        struct pollfd p[2];
        nfds_t k = 0;
        int which[2];
        for (int d = 0; d < 2; d++) {
            if (eof[d]) continue;
            p[k].fd = fds[d];
            p[k].events = POLLIN;
            which[k++] = d;
        }
        int64_t left = deadline - gt_iop_now_ms();
        if (left <= 0 || poll(p, k, (int)left) < 0) {
            px->rc = -1;
            break;
        }
        for (nfds_t i = 0; i < k; i++) {
            if (p[i].revents && relay(px, fds, which[i])) eof[which[i]] = true;
        }
    }
    close(fds[0]);
    close(fds[1]);
    return NULL;
}

gt_iop_proxy *gt_iop_proxy_start(int server_port, int timeout_ms, int *listen_port)
{
    gt_iop_proxy *px = calloc(1, sizeof *px);
    if (!px) return NULL;
    px->server_port = server_port;
    px->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
    px->lfd = gt_iop_listen_loopback(listen_port);
    if (px->lfd < 0 || pthread_create(&px->th, NULL, proxy_main, px) != 0) {
        if (px->lfd >= 0) close(px->lfd);
        free(px);
        return NULL;
    }
    return px;
}

int gt_iop_proxy_finish(gt_iop_proxy *px, const gt_iop_record **recs, size_t *n)
{
    if (px->lfd >= 0) {
        pthread_join(px->th, NULL);
        close(px->lfd);
        px->lfd = -1;
        /* The streams are final now: turn offsets into pointers. */
        for (size_t i = 0; i < px->nrecs; i++) {
            stream *s = &px->dir[px->recs[i].c2s ? 0 : 1];
            px->recs[i].payload = s->buf + (uintptr_t)px->recs[i].payload;
        }
    }
    *recs = px->recs;
    *n = px->nrecs;
    bool tail = px->dir[0].parsed != px->dir[0].len || px->dir[1].parsed != px->dir[1].len;
    return px->rc == 0 && px->nrecs > 0 && !tail ? 0 : -1;
}

void gt_iop_proxy_free(gt_iop_proxy *px)
{
    if (!px) return;
    const gt_iop_record *r;
    size_t n;
    if (px->lfd >= 0) (void)gt_iop_proxy_finish(px, &r, &n);
    free(px->dir[0].buf);
    free(px->dir[1].buf);
    free(px->recs);
    free(px);
}
