/* gt-client (./gauntlet client): the IUT as an s_client-style TLS client.
 *
 * Connects, lets the engine verify the server's chain and name (--ca, else
 * the system trust store; a failure ends the handshake with the engine's
 * alert), prints the negotiated parameters to stderr, then relays stdin to
 * the server and the server to stdout until both have ended:
 *   - stdin at EOF: send close_notify (unless --ign-eof), keep reading the
 *     server — as with s_client, a server that takes close_notify with the
 *     request may not answer (RFC 5246 §7.2.1), hence --ign-eof;
 *   - the server's close_notify: answer it (RFC 5246 §7.2.1) and stop;
 *   - end of stream without close_notify: truncation, an error.
 * Exit status: 0 clean, 1 TLS/verification/transport failure, 2 usage. */
#include "tools.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONNECT_MS 10000

static int write_out(const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

typedef struct {
    gt_net_conn nc;
    int stdin_open, server_done, ign_eof;
} relay;

/* Everything the engine has for us goes to stdout. */
static int drain(relay *r)
{
    static uint8_t buf[16384];
    for (;;) {
        size_t got = 0;
        int rc = gt_net_recv(&r->nc, buf, sizeof(buf), &got);
        if (rc == GT_NET_CLOSED) {
            r->server_done = 1;
            if (r->stdin_open) return gt_net_close_notify(&r->nc);
            return GT_NET_OK;
        }
        if (rc < 0) return rc;
        if (got == 0) return GT_NET_OK;
        if (write_out(buf, got) != 0) {
            fprintf(stderr, "gt-client: stdout: %s\n", strerror(errno));
            return GT_NET_ERR_IO;
        }
    }
}

static int from_stdin(relay *r)
{
    static uint8_t buf[16384];
    ssize_t k = read(STDIN_FILENO, buf, sizeof(buf));
    if (k < 0 && (errno == EINTR || errno == EAGAIN)) return GT_NET_OK;
    if (k > 0) return gt_net_write_all(&r->nc, buf, (size_t)k);
    r->stdin_open = 0;                /* EOF (or an unreadable stdin): our side is done */
    if (r->ign_eof) return GT_NET_OK; /* the server decides when it ends */
    return gt_net_close_notify(&r->nc);
}

static int run_relay(relay *r)
{
    int rc = drain(r); /* data that came with the server's last flight */
    while (rc >= 0 && !r->server_done) {
        struct pollfd pf[2] = {{.fd = r->nc.fd, .events = gt_net_events(&r->nc)},
                               {.fd = STDIN_FILENO, .events = POLLIN}};
        nfds_t n = r->stdin_open && !gt_conn_want_output(r->nc.tls) ? 2 : 1;
        int p = poll(pf, n, r->nc.idle_ms > 0 ? r->nc.idle_ms : -1);
        if (p < 0 && errno == EINTR) continue;
        if (p < 0) return GT_NET_ERR_IO;
        if (p == 0) { /* --idle-timeout: end like any session, with close_notify */
            fprintf(stderr, "gt-client: idle for %d s: sending close_notify\n",
                    r->nc.idle_ms / 1000);
            r->stdin_open = 0;
            r->ign_eof = 0;
            rc = gt_net_close_notify(&r->nc);
            if (rc >= 0) rc = drain(r);
            return rc < 0 ? rc : GT_NET_OK;
        }
        if (pf[0].revents != 0) {
            rc = gt_net_step(&r->nc, pf[0].revents);
            if (rc >= 0) rc = drain(r);
        }
        if (rc >= 0 && n == 2 && pf[1].revents != 0) rc = from_stdin(r);
        if (rc >= 0 && pf[0].events == 0 && !gt_conn_want_output(r->nc.tls)) rc = drain(r);
    }
    return rc;
}

static int fail(const char *what, int rc, const gt_net_conn *nc)
{
    char why[512];
    gt_tool_describe(why, sizeof(why), rc, nc);
    fprintf(stderr, "gt-client: %s failed: %s\n", what, why);
    return 1;
}

int main(int argc, char **argv)
{
    gt_tool_opts o;
    char host[256], port[8], err[512], params[512];
    int prc = gt_tool_parse(&o, GT_TOOL_CLIENT, argc, argv);
    if (prc != 0) return prc > 0 ? 0 : 2;
    if (gt_net_split_hostport(o.target, host, sizeof(host), port, sizeof(port)) != 0) {
        fprintf(stderr, "gt-client: '%s' is not HOST:PORT\n", o.target);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    gt_config *cfg = gt_tool_config(&o, err, sizeof(err));
    if (cfg == NULL) {
        fprintf(stderr, "gt-client: %s\n", err);
        return 1;
    }
    int fd = gt_net_connect(host, port, CONNECT_MS, err, sizeof(err));
    if (fd < 0) {
        fprintf(stderr, "gt-client: %s\n", err);
        gt_config_free(cfg);
        return 1;
    }
    /* The name the certificate must match and the SNI (an IP literal is
     * matched against iPAddress and not sent, RFC 6066 §3). */
    const char *name = o.servername != NULL ? o.servername : host;
    relay r = {.stdin_open = 1, .ign_eof = o.ign_eof};
    gt_conn *tls = gt_conn_new(cfg, GT_ROLE_CLIENT, name);
    int status = 1;
    if (tls == NULL) {
        fprintf(stderr, "gt-client: out of memory\n");
        goto out;
    }
    /* A session that does not load is reported, then a full handshake. */
    if (o.sess_in != NULL && gt_tool_session_load(tls, o.sess_in, err, sizeof(err)) != 0)
        fprintf(stderr, "gt-client: --sess-in: %s\n", err);
    gt_net_conn_init(&r.nc, fd, tls, NULL);
    r.nc.idle_ms = (o.idle_timeout > 0 ? o.idle_timeout : 30) * 1000;
    int rc = gt_net_handshake(&r.nc);
    if (rc != GT_NET_OK) {
        status = fail("handshake", rc, &r.nc);
        goto out;
    }
    gt_tool_params(params, sizeof(params), tls);
    fprintf(stderr, "gt-client: connected to %s:%s (name %s)\ngt-client: %s\n", host, port, name,
            params);
    if (o.sess_out != NULL && gt_tool_session_save(tls, o.sess_out, err, sizeof(err)) != 0)
        fprintf(stderr, "gt-client: --sess-out: %s\n", err);
    r.nc.idle_ms = o.idle_timeout * 1000; /* relaying may idle as long as the user likes */
    rc = run_relay(&r);
    status = rc < 0 ? fail("connection", rc, &r.nc) : 0;
out:
    close(fd);
    gt_conn_free(tls);
    gt_config_free(cfg);
    return status;
}
