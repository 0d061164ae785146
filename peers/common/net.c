/*
 * Loopback-only TCP. TCP_NODELAY keeps the small handshake flights from
 * waiting on Nagle + delayed ACK, which would otherwise add ~40 ms per
 * round trip on loopback.
 */
#define _GNU_SOURCE /* accept4 */
#include "net.h"
#include "result.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static void nodelay(int fd)
{
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

int gt_peer_listen(int port, int *actual)
{
    struct sockaddr_in a = loopback(port);
    socklen_t len = sizeof(a);
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return gt_peer_errf("socket: %s", strerror(errno)), -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        gt_peer_errf("listen on 127.0.0.1:%d: %s", port, strerror(errno));
        close(fd);
        return -1;
    }
    *actual = ntohs(a.sin_port);
    return fd;
}

int gt_peer_accept(int lfd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int fd;
    do {
        fd = accept4(lfd, (struct sockaddr *)&a, &len, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return gt_peer_errf("accept: %s", strerror(errno)), -1;
    if (len != sizeof(a) || a.sin_family != AF_INET ||
        a.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
        close(fd);
        return gt_peer_errf("refused a connection that is not from 127.0.0.1"), -1;
    }
    nodelay(fd);
    return fd;
}

int gt_peer_connect(int port)
{
    struct sockaddr_in a = loopback(port);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return gt_peer_errf("socket: %s", strerror(errno)), -1;
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        gt_peer_errf("connect to 127.0.0.1:%d: %s", port, strerror(errno));
        close(fd);
        return -1;
    }
    nodelay(fd);
    return fd;
}

/* The adapters' transport callbacks: the library's bytes cross the socket
 * here, and the wire observer sees exactly those bytes. */
ssize_t gt_peer_send(int fd, gt_peer_wire *w, const void *buf, size_t n)
{
    ssize_t k;
    do {
        k = send(fd, buf, n, MSG_NOSIGNAL);
    } while (k < 0 && errno == EINTR);
    if (k > 0) gt_peer_wire_feed(w, GT_WIRE_OUT, buf, (size_t)k);
    return k;
}

ssize_t gt_peer_recv(int fd, gt_peer_wire *w, void *buf, size_t n)
{
    ssize_t k;
    do {
        k = recv(fd, buf, n, 0);
    } while (k < 0 && errno == EINTR);
    if (k > 0) gt_peer_wire_feed(w, GT_WIRE_IN, buf, (size_t)k);
    return k;
}
