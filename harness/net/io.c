/* The real socket behind the gt_net_io vtable, and status names.
 *
 * Everything in conn_io.c reads and writes through gt_net_io so that the
 * fault injector and the tests can replace these two calls. */
#include "gt_net.h"

#include <sys/socket.h>

static ssize_t sys_read(void *ctx, int fd, uint8_t *buf, size_t cap)
{
    (void)ctx;
    return recv(fd, buf, cap, 0);
}

/* MSG_NOSIGNAL: a peer that resets must give EPIPE, not kill the tool. */
static ssize_t sys_write(void *ctx, int fd, const uint8_t *buf, size_t n)
{
    (void)ctx;
    return send(fd, buf, n, MSG_NOSIGNAL);
}

const gt_net_io gt_net_io_sys = {sys_read, sys_write, NULL};

const char *gt_net_status_str(int status)
{
    switch (status) {
    case GT_NET_OK:
        return "ok";
    case GT_NET_CLOSED:
        return "closed by the peer with close_notify";
    case GT_NET_PENDING:
        return "output pending";
    case GT_NET_ERR_TLS:
        return "TLS error";
    case GT_NET_ERR_IO:
        return "socket error";
    case GT_NET_ERR_TIMEOUT:
        return "idle timeout";
    case GT_NET_ERR_TRUNCATED:
        return "truncated: the peer closed the connection without close_notify";
    case GT_NET_ERR_RESET:
        return "connection reset by the peer";
    case GT_NET_ERR_HS_CLOSED:
        return "the peer closed the connection during the handshake";
    case GT_NET_ERR_STALL:
        return "connection stalled (nothing to read or write)";
    default:
        return "unknown status";
    }
}
