/* One connection with the BoGo runner (bssl_shim.cc DoConnection and
 * DoExchange are the reference for the order of events):
 *
 *   connect -> 8-byte shim id -> handshake -> -expect-* checks
 *   -> exported keying material -> "hello" (-shim-writes-first)
 *   -> echo, each byte XOR 0xff, until the runner closes -> shutdown.
 *
 * The socket work is harness/net's (gt_net); -async swaps in an I/O
 * vtable that moves one byte per call, the IUT-side equivalent of
 * BoringSSL's async BIO, so every partial read and write path runs.
 *
 * Shutdown follows BoringSSL's quiet/strict split: without
 * -check-close-notify the shim neither sends nor needs close_notify; with
 * it, it sends one and requires the runner's (an end of stream without it
 * is "Unexpected SSL_shutdown result: -1 != 1"). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "shim.h"

#define IDLE_MS 20000 /* the runner's own idle timeout is 15 s */

static ssize_t one_read(void *ctx, int fd, uint8_t *buf, size_t cap)
{
    (void)ctx;
    return recv(fd, buf, cap ? 1 : 0, 0);
}

static ssize_t one_write(void *ctx, int fd, const uint8_t *buf, size_t n)
{
    (void)ctx;
    return send(fd, buf, n ? 1 : 0, MSG_NOSIGNAL);
}

static const gt_net_io async_io = {one_read, one_write, NULL};

static int connect_runner(const shim_config *cfg)
{
    char port[16], err[256];
    uint8_t id[8];
    snprintf(port, sizeof port, "%d", cfg->port);
    int fd = gt_net_connect(cfg->ipv6 ? "::1" : "127.0.0.1", port, IDLE_MS, err, sizeof err);
    if (fd < 0) {
        shim_fail("connect: %s", err);
        return -1;
    }
    /* The runner tells concurrent shims apart by this id, little-endian. */
    for (int i = 0; i < 8; i++)
        id[i] = (uint8_t)(cfg->shim_id >> (8 * i));
    for (size_t off = 0; off < sizeof id;) {
        ssize_t k = send(fd, id + off, sizeof id - off, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            shim_fail("write shim id: %s", strerror(errno));
            close(fd);
            return -1;
        }
        off += (size_t)k;
    }
    return fd;
}

/* Half-closes, then reads until the runner closes too (bounded), so unread
 * bytes never turn our close into a reset the runner would see. */
static void drain_and_close(int fd)
{
    uint8_t sink[4096];
    (void)shutdown(fd, SHUT_WR);
    for (int rounds = 0; rounds < 1000; rounds++) {
        struct pollfd pf = {.fd = fd, .events = POLLIN};
        int r = poll(&pf, 1, 5000);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        ssize_t k = recv(fd, sink, sizeof sink, 0);
        if (k < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (k <= 0) break;
    }
    close(fd);
}

static int net_fail(gt_net_conn *nc, int rc, gt_role role)
{
    if (rc == GT_NET_ERR_TLS || gt_conn_state(nc->tls) == GT_STATE_FAILED)
        shim_report_tls(nc->tls, role);
    else
        shim_fail("transport: %s", gt_net_status_str(rc));
    return SHIM_EXIT_FAIL;
}

static int export_keys(const shim_config *cfg, gt_net_conn *nc, gt_role role)
{
    size_t n = (size_t)cfg->export_len;
    const char *ctx = cfg->export_context ? cfg->export_context : "";
    uint8_t *out = malloc(n);
    if (out == NULL) return SHIM_EXIT_FAIL;
    int err =
        gt_conn_export_keying_material(nc->tls, out, n, cfg->export_label ? cfg->export_label : "",
                                       (const uint8_t *)ctx, strlen(ctx), cfg->use_export_context);
    if (err) {
        free(out);
        shim_fail("failed to export keying material: %s", gt_err_str(err));
        return SHIM_EXIT_FAIL;
    }
    int rc = gt_net_write_all(nc, out, n);
    free(out);
    return rc < 0 ? net_fail(nc, rc, role) : 0;
}

/* Reads and echoes until the runner closes. *peer_closed: it sent
 * close_notify (rather than just ending the stream). */
static int echo(const shim_config *cfg, gt_net_conn *nc, gt_role role, int *peer_closed)
{
    /* 512 bytes per read, as BoringSSL's shim: records arrive in pieces. */
    size_t cap = cfg->read_size > 0 ? (size_t)cfg->read_size : 512;
    uint8_t *buf = malloc(cap);
    int rc = 0;
    if (buf == NULL) return SHIM_EXIT_FAIL;
    for (;;) {
        size_t got = 0;
        int r = gt_net_read(nc, buf, cap, &got);
        if (r == GT_NET_CLOSED) {
            *peer_closed = 1;
            break;
        }
        if (r == GT_NET_ERR_TRUNCATED) break; /* unclean end: judged at shutdown */
        if (r == GT_NET_ERR_RESET && gt_conn_state(nc->tls) == GT_STATE_CLOSED) {
            /* The engine answered the runner's close_notify with its own
             * after the runner had closed the socket: the reset is for
             * that reply, the stream itself ended cleanly. */
            *peer_closed = 1;
            break;
        }
        if (r < 0) {
            rc = net_fail(nc, r, role);
            break;
        }
        for (size_t i = 0; i < got; i++)
            buf[i] ^= 0xff;
        if ((r = gt_net_write_all(nc, buf, got)) < 0) {
            rc = net_fail(nc, r, role);
            break;
        }
    }
    free(buf);
    return rc;
}

/* The shim closes first: close_notify, then the runner's must come back
 * with nothing but empty records and warnings before it. */
static int shut_down_first(gt_net_conn *nc, gt_role role)
{
    uint8_t buf[512];
    size_t got = 0;
    int r = gt_net_close_notify(nc);
    if (r < 0) return net_fail(nc, r, role);
    r = gt_net_read(nc, buf, sizeof buf, &got);
    /* CLOSED also covers a bare end of stream after our own close_notify
     * (RFC 5246 §7.2.1 lets the engine accept it); the runner's
     * close_notify is the one gt_conn_read reports as GT_ERR_CLOSED. */
    if (r == GT_NET_CLOSED && gt_conn_read(nc->tls, NULL, 0, &got) == GT_ERR_CLOSED) return 0;
    if (r == GT_NET_CLOSED) r = GT_NET_ERR_TRUNCATED;
    if (r == GT_NET_OK) {
        shim_fail(":APPLICATION_DATA_ON_SHUTDOWN:");
        return SHIM_EXIT_FAIL;
    }
    if (r == GT_NET_ERR_TRUNCATED) {
        shim_fail("Unexpected SSL_shutdown result: -1 != 1");
        return SHIM_EXIT_FAIL;
    }
    return net_fail(nc, r, role);
}

/* bssl_shim.cc -write-different-record-sizes: writes of sizes around the
 * record limit (2^14, RFC 5246 §6.2.1) instead of echoing. */
static int write_sizes(gt_net_conn *nc, gt_role role)
{
    static const size_t sizes[] = {0, 1, 255, 256, 257, 16383, 16384, 16385, 32767, 32768, 32769};
    uint8_t *buf = malloc(32769);
    if (buf == NULL) return SHIM_EXIT_FAIL;
    memset(buf, 0x42, 32769);
    int r = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0] && r >= 0; i++)
        r = gt_net_write_all(nc, buf, sizes[i]);
    free(buf);
    return r < 0 ? net_fail(nc, r, role) : 0;
}

static int after_handshake(const shim_config *cfg, gt_net_conn *nc, int is_resume)
{
    gt_role role = cfg->is_server ? GT_ROLE_SERVER : GT_ROLE_CLIENT;
    int rc, peer_closed = 0;
    /* -implicit-handshake: the first read or write runs the handshake, and
     * BoringSSL's shim then checks no handshake properties either. */
    if (!cfg->implicit_handshake && (rc = shim_check_handshake(cfg, nc->tls, is_resume))) return rc;
    if (cfg->export_len > 0 && (rc = export_keys(cfg, nc, role))) return rc;
    if (cfg->shim_writes_first && (rc = gt_net_write_all(nc, (const uint8_t *)"hello", 5)) < 0)
        return net_fail(nc, rc, role);
    if (cfg->write_different_record_sizes) {
        if ((rc = write_sizes(nc, role))) return rc;
    } else if (!cfg->shim_shuts_down) {
        if ((rc = echo(cfg, nc, role, &peer_closed))) return rc;
    }
    if (cfg->shim_shuts_down) return cfg->check_close_notify ? shut_down_first(nc, role) : 0;
    if (!cfg->check_close_notify) return 0; /* quiet shutdown */
    if (!peer_closed) {
        shim_fail("Unexpected SSL_shutdown result: -1 != 1");
        return SHIM_EXIT_FAIL;
    }
    rc = gt_net_close_notify(nc);
    return rc < 0 ? net_fail(nc, rc, role) : 0;
}

/* Client: offers the session of the previous connection, keeps this
 * one's for the next (-resume-count). */
static int import_session(gt_conn *c, const shim_session *sess)
{
    if (!sess || !sess->len) return 0;
    int err = gt_conn_set_session(c, sess->buf, sess->len);
    if (err) shim_fail("gt_conn_set_session: %s", gt_err_str(err));
    return err ? SHIM_EXIT_FAIL : 0;
}

static void export_session(const gt_conn *c, shim_session *sess)
{
    if (!sess) return;
    if (gt_conn_session_export(c, sess->buf, sizeof sess->buf, &sess->len)) sess->len = 0;
}

int shim_connection(const shim_config *cfg, const gt_config *gc, int is_resume, shim_session *sess)
{
    gt_role role = cfg->is_server ? GT_ROLE_SERVER : GT_ROLE_CLIENT;
    gt_net_conn *nc = calloc(1, sizeof *nc);
    if (nc == NULL) return SHIM_EXIT_FAIL;
    int fd = connect_runner(cfg);
    if (fd < 0) {
        free(nc);
        return SHIM_EXIT_FAIL;
    }
    gt_conn *c = gt_conn_new(gc, role, role == GT_ROLE_CLIENT ? cfg->host_name : NULL);
    int rc = SHIM_EXIT_FAIL;
    if (c == NULL) {
        shim_fail("gt_conn_new failed");
        goto out;
    }
    if (role == GT_ROLE_CLIENT && (rc = import_session(c, sess))) goto out;
    gt_net_conn_init(nc, fd, c, cfg->async ? &async_io : NULL);
    nc->idle_ms = IDLE_MS;
    int r = cfg->implicit_handshake ? 0 : gt_net_handshake(nc);
    rc = r < 0 ? net_fail(nc, r, role) : after_handshake(cfg, nc, is_resume);
    if (rc != 0) (void)gt_net_flush(nc); /* the fatal alert, if one is queued */
    if (rc == 0 && role == GT_ROLE_CLIENT) export_session(c, sess);
out:
    drain_and_close(fd);
    gt_conn_free(c);
    free(nc);
    return rc;
}
