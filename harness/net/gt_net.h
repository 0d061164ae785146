/* tlsgauntlet — the socket wrapper around the I/O-free engine.
 *
 * libgt never touches a socket (../shared/DESIGN.md). This module is the
 * driver that does: it moves bytes between a TCP socket and one gt_conn,
 *
 *   socket --read--> gt_conn_feed()        gt_conn_output() --write--> socket
 *
 * on a non-blocking socket with poll(), handling EINTR, EAGAIN and short
 * writes, turning end of stream into gt_conn_eof() (truncation when the peer
 * sent no close_notify, RFC 5246 §7.2.1) and enforcing an idle timeout.
 *
 * Every read and write of the socket goes through a tiny vtable
 * (gt_net_io), so a test or the fault injector can cut reads and writes
 * short, fail them, or watch the bytes (the peer's wire observer).
 *
 * Two styles of use:
 *   - event driven (a server multiplexing many connections): poll on
 *     gt_net_events(), then gt_net_step() with the revents;
 *   - blocking helpers (client, interop peer): gt_net_handshake(),
 *     gt_net_read(), gt_net_write_all(), gt_net_shutdown(), each bounded by
 *     the idle timeout. */
#ifndef GT_NET_H
#define GT_NET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "gt/gt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the I/O vtable ---------------------------------------------------- */

/* Same contract as read(2)/send(2) on a non-blocking socket: > 0 bytes
 * moved, 0 end of stream (read only), -1 with errno set (EINTR and EAGAIN
 * included). write must not raise SIGPIPE. */
typedef struct gt_net_io {
    ssize_t (*read)(void *ctx, int fd, uint8_t *buf, size_t cap);
    ssize_t (*write)(void *ctx, int fd, const uint8_t *buf, size_t n);
    void *ctx;
} gt_net_io;

/* The real socket calls (recv / send with MSG_NOSIGNAL). */
extern const gt_net_io gt_net_io_sys;

/* ---- status ------------------------------------------------------------ */

enum gt_net_status {
    GT_NET_OK = 0,
    GT_NET_CLOSED = 1,         /* clean end: the peer's close_notify was received */
    GT_NET_ERR_TLS = -1,       /* the engine failed: gt_conn_error() has the alert */
    GT_NET_ERR_IO = -2,        /* socket error; gt_net_conn.sys_errno */
    GT_NET_ERR_TIMEOUT = -3,   /* nothing moved for idle_ms */
    GT_NET_ERR_TRUNCATED = -4, /* end of stream without close_notify */
    GT_NET_ERR_RESET = -5,     /* connection reset / broken pipe by the peer */
    GT_NET_ERR_HS_CLOSED = -6, /* the peer sent close_notify before the handshake ended */
    GT_NET_ERR_STALL = -7,     /* nothing to wait for and nothing to do (engine stalled) */
    GT_NET_PENDING = 2,        /* gt_net_flush: the socket is full, output still pending */
};

/* One line for a status ("timeout", "truncated: ..."). */
const char *gt_net_status_str(int status);

/* ---- one connection ---------------------------------------------------- */

#define GT_NET_INBUF (16384 + 2048 + 5) /* one maximal TLSCiphertext, RFC 5246 §6.2.3 */

typedef struct {
    int fd;
    gt_conn *tls;
    const gt_net_io *io;
    int idle_ms;                  /* blocking helpers: give up after this long idle (0 = never) */
    int eof;                      /* the transport reached end of stream */
    int eof_fed;                  /* gt_conn_eof() was called ... */
    int eof_rc;                   /* ... and returned this */
    int sys_errno;                /* errno of the last GT_NET_ERR_IO / RESET */
    uint64_t bytes_in, bytes_out; /* network bytes moved */
    size_t in_len;                /* bytes in `in` not yet taken by gt_conn_feed */
    uint8_t in[GT_NET_INBUF];
} gt_net_conn;

/* Takes a connected socket (made non-blocking here) and a fresh gt_conn;
 * io NULL means gt_net_io_sys. Neither is owned: the caller frees both. */
void gt_net_conn_init(gt_net_conn *nc, int fd, gt_conn *tls, const gt_net_io *io);

/* Event style. The poll events this connection waits for (0: nothing more
 * to do on the socket), then one step with what poll returned: reads and
 * feeds what is available, writes what is pending. Returns GT_NET_OK or an
 * error; never blocks. Application data, the peer's close_notify and the
 * end of stream are then collected with gt_net_recv(). */
short gt_net_events(const gt_net_conn *nc);
int gt_net_step(gt_net_conn *nc, short revents);

/* Writes pending engine output without blocking: GT_NET_OK when all of it
 * left, GT_NET_PENDING when the socket would block, or an error. */
int gt_net_flush(gt_net_conn *nc);
/* Non-blocking application read: GT_NET_OK with *got > 0, or *got == 0 when
 * nothing is there yet; GT_NET_CLOSED after the peer's close_notify; at end
 * of stream without it GT_NET_ERR_TRUNCATED (gt_conn_eof() is called once
 * everything buffered before the end was read). */
int gt_net_recv(gt_net_conn *nc, uint8_t *buf, size_t cap, size_t *got);

/* Blocking helpers (poll with idle_ms). */
int gt_net_handshake(gt_net_conn *nc);
/* Application data: *got > 0 bytes, or GT_NET_CLOSED (peer's close_notify,
 * *got == 0), or an error (GT_NET_ERR_TRUNCATED for a bare end of stream). */
int gt_net_read(gt_net_conn *nc, uint8_t *buf, size_t cap, size_t *got);
/* Writes all n bytes (the engine cuts records of at most 2^14) and
 * flushes them. */
int gt_net_write_all(gt_net_conn *nc, const uint8_t *buf, size_t n);
/* Sends close_notify and waits (bounded) until it is written. */
int gt_net_close_notify(gt_net_conn *nc);
/* Waits for the socket for at most idle_ms: the revents (> 0) or an error
 * (GT_NET_ERR_TIMEOUT). Shared by the helpers. */
int gt_net_wait(gt_net_conn *nc, short events);

/* ---- sockets ----------------------------------------------------------- */

/* Listens on 127.0.0.1:port (0 = ephemeral; the real port in *actual),
 * non-blocking, SO_REUSEADDR. Returns the fd or -1 (errno set). */
int gt_net_listen_lo(int port, int *actual);
/* Accepts one pending connection (non-blocking; -1 with EAGAIN when none)
 * and writes "addr:port" of the peer into name. */
int gt_net_accept(int lfd, char *name, size_t cap);
/* Splits "host:port", "[v6]:port"; returns 0 or -1. */
int gt_net_split_hostport(const char *s, char *host, size_t hcap, char *port, size_t pcap);
/* Connects (getaddrinfo, every address in turn) within timeout_ms.
 * Returns the fd (blocking mode) or -1 with a message in err. */
int gt_net_connect(const char *host, const char *port, int timeout_ms, char *err, size_t ecap);

#ifdef __cplusplus
}
#endif
#endif
