/* Moving bytes between a non-blocking socket and one gt_conn (gt_net.h).
 *
 * The engine is the only one who understands the bytes; this file only
 * keeps two promises: nothing the engine produced is lost (short writes and
 * EAGAIN resume where they stopped), and the end of the stream reaches the
 * engine after every byte that came before it, so a bare TCP FIN is reported
 * as truncation and never as a clean close (RFC 5246 §7.2.1). */
#include "gt_net.h"
#include "gt_net_fault.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>

void gt_net_conn_init(gt_net_conn *nc, int fd, gt_conn *tls, const gt_net_io *io)
{
    int fl = fcntl(fd, F_GETFL);
    memset(nc, 0, offsetof(gt_net_conn, in));
    nc->fd = fd;
    nc->tls = tls;
    nc->io = io != NULL ? io : gt_net_io_default_for(fd); /* GT_NET_FAULTS */
    if (fl >= 0) (void)fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int sys_fail(gt_net_conn *nc)
{
    nc->sys_errno = errno;
    if (errno == ECONNRESET || errno == EPIPE || errno == ECONNABORTED) return GT_NET_ERR_RESET;
    return GT_NET_ERR_IO;
}

int gt_net_flush(gt_net_conn *nc)
{
    for (;;) {
        const uint8_t *p = NULL;
        size_t n = 0;
        /* A failed engine still hands out its fatal alert (gt.h), so the
         * return code does not decide whether there is something to send. */
        int rc = gt_conn_output(nc->tls, &p, &n);
        (void)rc;
        if (n == 0 || p == NULL) return GT_NET_OK;
        ssize_t k = nc->io->write(nc->io->ctx, nc->fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return GT_NET_PENDING;
        if (k <= 0) {
            if (k == 0) errno = EIO; /* a 0-byte send would spin forever */
            return sys_fail(nc);
        }
        if ((size_t)k > n) k = (ssize_t)n; /* a broken io vtable must not overrun */
        gt_conn_output_done(nc->tls, (size_t)k);
        nc->bytes_out += (uint64_t)k;
    }
}

/* The engine failed: try once, without blocking, to get its alert out. */
static int tls_fail(gt_net_conn *nc)
{
    (void)gt_net_flush(nc);
    return GT_NET_ERR_TLS;
}

/* One read from the socket into nc->in. */
static int fill(gt_net_conn *nc)
{
    if (nc->eof || nc->in_len == sizeof(nc->in)) return GT_NET_OK;
    for (;;) {
        ssize_t k =
            nc->io->read(nc->io->ctx, nc->fd, nc->in + nc->in_len, sizeof(nc->in) - nc->in_len);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return GT_NET_OK;
        if (k < 0) return sys_fail(nc);
        if (k == 0) {
            nc->eof = 1;
            return GT_NET_OK;
        }
        if ((size_t)k > sizeof(nc->in) - nc->in_len) k = (ssize_t)(sizeof(nc->in) - nc->in_len);
        nc->in_len += (size_t)k;
        nc->bytes_in += (uint64_t)k;
        return GT_NET_OK;
    }
}

/* Hands buffered network bytes to the engine, draining its output whenever
 * it asks to. Stops when the engine takes nothing more (a partial record,
 * or application data waiting to be read). */
static int feed(gt_net_conn *nc)
{
    while (nc->in_len > 0) {
        size_t used = 0;
        int rc = gt_conn_feed(nc->tls, nc->in, nc->in_len, &used);
        if (used > nc->in_len) used = nc->in_len;
        memmove(nc->in, nc->in + used, nc->in_len - used);
        nc->in_len -= used;
        if (rc == GT_ERR_WANT_OUTPUT) {
            int f = gt_net_flush(nc);
            if (f != GT_NET_OK) return f; /* PENDING: resume on POLLOUT */
            continue;
        }
        if (rc == GT_ERR_CLOSED) return GT_NET_OK; /* close_notify: reported by state */
        if (rc != 0 && rc != GT_ERR_WANT_INPUT) return tls_fail(nc);
        if (used == 0) break;
    }
    return GT_NET_OK;
}

/* Only failure is read from the state: CLOSED also means that we sent
 * close_notify (gt.h), so the peer's close is learnt from gt_conn_read(). */
static int state_status(const gt_net_conn *nc)
{
    return gt_conn_state(nc->tls) == GT_STATE_FAILED ? GT_NET_ERR_TLS : GT_NET_OK;
}

/* The transport ended. Everything before the end has been fed; now the
 * engine decides: after close_notify this is a clean end, otherwise it is
 * truncation (gt.h, RFC 5246 §7.2.1). */
static int end_of_stream(gt_net_conn *nc)
{
    if (!nc->eof_fed) {
        nc->eof_fed = 1;
        int rc = gt_conn_eof(nc->tls);
        nc->eof_rc = rc;
    }
    if (nc->eof_rc == 0 || nc->eof_rc == GT_ERR_CLOSED) return GT_NET_CLOSED;
    (void)gt_net_flush(nc);
    return GT_NET_ERR_TRUNCATED;
}

short gt_net_events(const gt_net_conn *nc)
{
    short ev = 0;
    gt_state st = gt_conn_state(nc->tls);
    if (!nc->eof && nc->in_len < sizeof(nc->in) && st != GT_STATE_FAILED) ev |= POLLIN;
    if (gt_conn_want_output(nc->tls)) ev |= POLLOUT;
    return ev;
}

int gt_net_step(gt_net_conn *nc, short revents)
{
    int rc;
    if (revents & POLLOUT) {
        rc = gt_net_flush(nc);
        if (rc < 0) return rc;
    }
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        rc = fill(nc);
        if (rc < 0) return rc;
    }
    rc = feed(nc);
    if (rc < 0) return rc;
    rc = gt_net_flush(nc);
    if (rc < 0) return rc;
    /* a handshake cannot go on without input: the end of the stream ends it */
    if (nc->eof && gt_conn_state(nc->tls) == GT_STATE_HANDSHAKING &&
        !gt_conn_want_output(nc->tls)) {
        rc = end_of_stream(nc);
        return rc == GT_NET_CLOSED ? GT_NET_ERR_HS_CLOSED : rc;
    }
    return state_status(nc);
}

int gt_net_recv(gt_net_conn *nc, uint8_t *buf, size_t cap, size_t *got)
{
    *got = 0;
    int rc = feed(nc);
    if (rc < 0) return rc;
    rc = gt_conn_read(nc->tls, buf, cap, got);
    if (rc == 0 && *got > 0) return GT_NET_OK;
    *got = 0;
    if (rc == GT_ERR_CLOSED) return GT_NET_CLOSED;
    if (rc != 0 && rc != GT_ERR_WANT_INPUT) return tls_fail(nc);
    if (nc->eof && !gt_conn_want_output(nc->tls)) return end_of_stream(nc);
    return GT_NET_OK;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int gt_net_wait(gt_net_conn *nc, short events)
{
    int64_t deadline = nc->idle_ms > 0 ? now_ms() + nc->idle_ms : 0;
    if (events == 0) return GT_NET_ERR_STALL;
    for (;;) {
        struct pollfd pf = {.fd = nc->fd, .events = events};
        int left = -1;
        if (deadline != 0) {
            int64_t d = deadline - now_ms();
            left = d > 0 ? (int)d : 0;
        }
        int r = poll(&pf, 1, left);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return sys_fail(nc);
        if (r == 0) return GT_NET_ERR_TIMEOUT;
        if (pf.revents & POLLNVAL) {
            errno = EBADF;
            return sys_fail(nc);
        }
        return pf.revents;
    }
}

/* One blocking round: wait for what the connection needs, then step. */
static int round_trip(gt_net_conn *nc)
{
    int re = gt_net_wait(nc, gt_net_events(nc));
    if (re < 0) return re;
    return gt_net_step(nc, (short)re);
}

static int handshake_done(const gt_net_conn *nc)
{
    gt_conn_info info;
    return gt_conn_info_get(nc->tls, &info) == 0 && info.suite != 0;
}

int gt_net_handshake(gt_net_conn *nc)
{
    for (;;) {
        int rc = gt_net_flush(nc);
        if (rc < 0) return rc;
        switch (gt_conn_state(nc->tls)) {
        case GT_STATE_OPEN:
            if (rc == GT_NET_OK) return GT_NET_OK; /* our last flight is out */
            break;
        case GT_STATE_FAILED:
            return tls_fail(nc);
        case GT_STATE_CLOSED:
            /* The last flight, data and close_notify can arrive in one read:
             * closed after a completed handshake is a finished handshake. */
            return handshake_done(nc) ? GT_NET_OK : GT_NET_ERR_HS_CLOSED;
        default:
            break;
        }
        if (nc->eof && !gt_conn_want_output(nc->tls)) {
            rc = feed(nc);
            if (rc < 0) return rc;
            if (gt_conn_state(nc->tls) != GT_STATE_HANDSHAKING) continue;
            rc = end_of_stream(nc);
            if (rc == GT_NET_CLOSED) return handshake_done(nc) ? GT_NET_OK : GT_NET_ERR_HS_CLOSED;
            return rc;
        }
        rc = round_trip(nc);
        if (rc < 0) return rc;
    }
}

int gt_net_read(gt_net_conn *nc, uint8_t *buf, size_t cap, size_t *got)
{
    for (;;) {
        int rc = gt_net_recv(nc, buf, cap, got);
        if (rc != GT_NET_OK || *got > 0) return rc;
        rc = round_trip(nc);
        if (rc < 0) return rc;
    }
}

/* Blocks until every byte the engine queued has been written. Reading goes
 * on meanwhile (into the engine), so two peers that both write a lot do
 * not deadlock on full socket buffers. */
static int flush_all(gt_net_conn *nc)
{
    for (;;) {
        int rc = gt_net_flush(nc);
        if (rc != GT_NET_PENDING) return rc;
        rc = round_trip(nc);
        if (rc < 0) return rc;
    }
}

int gt_net_write_all(gt_net_conn *nc, const uint8_t *buf, size_t n)
{
    size_t off = 0;
    while (off < n) {
        size_t taken = 0;
        int rc = gt_conn_write(nc->tls, buf + off, n - off, &taken);
        if (taken > n - off) taken = n - off;
        off += taken;
        if (rc == GT_ERR_WANT_INPUT) {
            rc = round_trip(nc); /* the handshake still needs the peer */
            if (rc < 0) return rc;
            continue;
        }
        if (rc != 0 && rc != GT_ERR_WANT_OUTPUT) return tls_fail(nc);
        if (rc == GT_ERR_WANT_OUTPUT || taken == 0) {
            rc = flush_all(nc);
            if (rc < 0) return rc;
            continue;
        }
        rc = gt_net_flush(nc);
        if (rc < 0) return rc;
    }
    return flush_all(nc);
}

int gt_net_close_notify(gt_net_conn *nc)
{
    int rc = gt_conn_close(nc->tls);
    if (rc != 0 && rc != GT_ERR_CLOSED && rc != GT_ERR_WANT_OUTPUT) return tls_fail(nc);
    rc = flush_all(nc);
    return rc == GT_NET_CLOSED ? GT_NET_OK : rc;
}
