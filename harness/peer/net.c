/*
 * The TCP gt_conform_transport: 127.0.0.1 (or a given IPv4 host) with
 * poll()-based receive timeouts. TCP_NODELAY so that a script's small
 * records leave at once and in the order written.
 */
#define _GNU_SOURCE
#include "peer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct {
    int fd;
    char host[64];
    int port, timeout_ms;
} tcp;

static int tcp_send(void *ctx, const uint8_t *p, size_t n)
{
    tcp *t = ctx;
    while (n > 0) {
        ssize_t k = send(t->fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static long tcp_recv(void *ctx, uint8_t *p, size_t cap, int timeout_ms)
{
    tcp *t = ctx;
    struct pollfd pf = {t->fd, POLLIN, 0};
    int r;
    do {
        r = poll(&pf, 1, timeout_ms);
    } while (r < 0 && errno == EINTR);
    if (r == 0) return GT_TR_TIMEOUT;
    if (r < 0) return GT_TR_ERROR;
    ssize_t k = recv(t->fd, p, cap, 0);
    if (k == 0) return GT_TR_EOF;
    /* A reset after the target's alert is how many stacks close. */
    if (k < 0) return errno == ECONNRESET ? GT_TR_EOF : GT_TR_ERROR;
    return (long)k;
}

static void tcp_close(void *ctx)
{
    tcp *t = ctx;
    if (t->fd >= 0) close(t->fd);
    free(t);
}

static void tcp_shutdown(void *ctx)
{
    tcp *t = ctx;
    shutdown(t->fd, SHUT_WR);
}

static int dial(const char *host, int port, int timeout_ms)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &a.sin_addr) != 1) {
        struct hostent *h = gethostbyname(host);
        if (h == NULL || h->h_addrtype != AF_INET) return -1;
        memcpy(&a.sin_addr, h->h_addr_list[0], 4);
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    if (fd < 0) return -1;
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

static int tcp_reconnect(void *ctx)
{
    tcp *t = ctx;
    if (t->fd >= 0) close(t->fd);
    t->fd = dial(t->host, t->port, t->timeout_ms);
    return t->fd >= 0 ? 0 : -1;
}

static void init(gt_conform_transport *tr, tcp *t)
{
    tr->ctx = t;
    tr->send = tcp_send;
    tr->recv = tcp_recv;
    tr->close = tcp_close;
    tr->reconnect = t->port > 0 ? tcp_reconnect : NULL;
    tr->shutdown = tcp_shutdown;
}

int gt_tcp_connect(gt_conform_transport *tr, const char *host, int port, int timeout_ms)
{
    tcp *t = calloc(1, sizeof(*t));
    if (t == NULL) return -1;
    snprintf(t->host, sizeof(t->host), "%s", host);
    t->port = port;
    t->timeout_ms = timeout_ms;
    t->fd = dial(host, port, timeout_ms);
    if (t->fd < 0) {
        free(t);
        return -1;
    }
    init(tr, t);
    return 0;
}

void gt_tcp_wrap(gt_conform_transport *tr, int fd)
{
    tcp *t = calloc(1, sizeof(*t));
    if (t == NULL) abort();
    t->fd = fd;
    init(tr, t);
}

int gt_tcp_listen(int *port)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

int gt_tcp_accept(int lfd, int timeout_ms)
{
    struct pollfd pf = {lfd, POLLIN, 0};
    if (poll(&pf, 1, timeout_ms) <= 0) return -1;
    int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC), one = 1;
    if (fd >= 0) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}
