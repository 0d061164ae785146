/* Client side sockets: "host:port" parsing and a connect with a deadline.
 *
 * Unlike the servers, the client tool may reach any host (it is how the
 * IUT client meets real servers); the interop peer only ever passes
 * 127.0.0.1. */
#include "gt_net.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int copy(char *dst, size_t cap, const char *src, size_t n)
{
    if (n == 0 || n >= cap) return -1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return 0;
}

int gt_net_split_hostport(const char *s, char *host, size_t hcap, char *port, size_t pcap)
{
    const char *colon;
    if (s == NULL) return -1;
    if (s[0] == '[') { /* RFC 3986 §3.2.2 IP-literal */
        const char *close = strchr(s, ']');
        if (close == NULL || close[1] != ':') return -1;
        if (copy(host, hcap, s + 1, (size_t)(close - s - 1)) != 0) return -1;
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (colon == NULL || memchr(s, ':', (size_t)(colon - s)) != NULL) return -1;
        if (copy(host, hcap, s, (size_t)(colon - s)) != 0) return -1;
    }
    if (copy(port, pcap, colon + 1, strlen(colon + 1)) != 0) return -1;
    long v = 0;
    for (const char *p = port; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') return -1;
        v = v * 10 + (*p - '0');
        if (v > 65535) return -1;
    }
    return v > 0 ? 0 : -1;
}

/* Non-blocking connect, then poll for completion within timeout_ms. */
static int try_one(const struct addrinfo *ai, int timeout_ms)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    int err = 0, one = 1;
    socklen_t len = sizeof(err);
    if (fd < 0) return -1;
    int fl = fcntl(fd, F_GETFL);
    (void)fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        struct pollfd pf = {.fd = fd, .events = POLLOUT};
        int r;
        if (errno != EINPROGRESS) goto fail;
        do {
            r = poll(&pf, 1, timeout_ms > 0 ? timeout_ms : -1);
        } while (r < 0 && errno == EINTR);
        if (r == 0) errno = ETIMEDOUT;
        if (r <= 0) goto fail;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) goto fail;
        if (err != 0) {
            errno = err;
            goto fail;
        }
    }
    (void)fcntl(fd, F_SETFL, fl);
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
fail:
    err = errno;
    close(fd);
    errno = err;
    return -1;
}

int gt_net_connect(const char *host, const char *port, int timeout_ms, char *err, size_t ecap)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_family = AF_UNSPEC};
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host, port, &hints, &res), fd = -1, e = 0;
    if (rc != 0) {
        snprintf(err, ecap, "cannot resolve %s: %s", host, gai_strerror(rc));
        return -1;
    }
    for (const struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = try_one(ai, timeout_ms);
        if (fd < 0) e = errno;
    }
    freeaddrinfo(res);
    if (fd < 0) snprintf(err, ecap, "cannot connect to %s port %s: %s", host, port, strerror(e));
    return fd;
}
