/* Listening and accepting: servers are on 127.0.0.1 only.
 *
 * The tools and the interop peer are test instruments running private test
 * keys; binding the loopback address (never INADDR_ANY) keeps them off the
 * network whatever the caller passes. */
#include "gt_net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int gt_net_listen_lo(int port, int *actual)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    socklen_t len = sizeof(sa);
    int one = 1;
    if (port < 0 || port > 65535) {
        errno = EINVAL;
        return -1;
    }
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 128) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (actual != NULL) *actual = ntohs(sa.sin_port);
    return fd;
}

int gt_net_accept(int lfd, char *name, size_t cap)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int one = 1, fd;
    do {
        fd = accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return -1;
    /* Small handshake records leave at once rather than after 40 ms. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (name != NULL && cap > 0) {
        char addr[INET6_ADDRSTRLEN] = "?";
        int port = 0;
        if (ss.ss_family == AF_INET) {
            const struct sockaddr_in *s4 = (const struct sockaddr_in *)&ss;
            inet_ntop(AF_INET, &s4->sin_addr, addr, sizeof(addr));
            port = ntohs(s4->sin_port);
        }
        snprintf(name, cap, "%s:%d", addr, port);
    }
    return fd;
}
