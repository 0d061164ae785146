/* gt-server (./gauntlet server): the IUT as an s_server-style TLS server.
 *
 * One process, one poll() loop over many connections, each a gt_conn
 * driven by the event-style half of harness/net (gt_net_events/step/recv).
 * No fork: a connection that misbehaves only ever fails itself, and the
 * engine's state never has to cross a process boundary. Listens on
 * 127.0.0.1 only. One line per connection on stdout: peer, negotiated
 * parameters and result, or the alert / transport error on failure. */
#include "tools.h"
#include "www.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 256
#define LINGER_MS 2000

enum phase { P_HANDSHAKE, P_APP, P_CLOSING, P_LINGER, P_DONE };

typedef struct {
    gt_net_conn nc;
    gt_conn *tls;
    char peer[64];
    enum phase phase;
    int64_t last_ms, linger_until;
    int64_t accepted_ms; /* the whole handshake must fit in the idle timeout */
    int peer_notify;     /* the client sent close_notify */
    int close_after;     /* send close_notify once `out` is written */
    int dropped;         /* an answer was discarded: the client had closed */
    char params[512];
    uint8_t req[4096];
    size_t req_len;
    uint8_t out[16384 + 2048];
    size_t out_len, out_off;
    uint64_t app_in, app_out;
} sconn;

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Writes `out` into the engine as far as it takes it, then the engine's
 * records onto the socket as far as it takes them. */
static int push(sconn *s)
{
    while (s->out_off < s->out_len) {
        size_t taken = 0;
        int rc = gt_conn_write(s->tls, s->out + s->out_off, s->out_len - s->out_off, &taken);
        s->out_off += taken;
        s->app_out += taken;
        if (rc == GT_ERR_CLOSED) {
            /* The client's close_notify came with its request: RFC 5246
             * §7.2.1 lets us only answer it, discarding pending writes. */
            s->dropped = 1;
            break;
        }
        if (rc != 0 && rc != GT_ERR_WANT_OUTPUT) return gt_net_flush(&s->nc), GT_NET_ERR_TLS;
        int f = gt_net_flush(&s->nc);
        if (f < 0) return f;
        if (taken == 0 && f == GT_NET_PENDING) return GT_NET_OK; /* resume on POLLOUT */
    }
    s->out_len = s->out_off = 0;
    if (s->close_after && s->phase == P_APP) {
        int rc = gt_conn_close(s->tls);
        if (rc != 0 && rc != GT_ERR_CLOSED && rc != GT_ERR_WANT_OUTPUT) return GT_NET_ERR_TLS;
        s->phase = P_CLOSING;
        int f = gt_net_flush(&s->nc);
        if (f < 0) return f;
    }
    return GT_NET_OK;
}

static void on_data(sconn *s, enum gt_tool_app app, const uint8_t *p, size_t n)
{
    if (app == GT_APP_ECHO) {
        memcpy(s->out, p, n);
        s->out_len = n;
        s->out_off = 0;
        return;
    }
    if (app != GT_APP_WWW || s->close_after) return; /* sink: count and drop */
    size_t k = n < sizeof(s->req) - s->req_len ? n : sizeof(s->req) - s->req_len;
    memcpy(s->req + s->req_len, p, k);
    s->req_len += k;
    /* a head that fills the buffer gets its answer anyway */
    if (!gt_www_request_done(s->req, s->req_len) && s->req_len < sizeof(s->req)) return;
    s->out_len = gt_www_response((char *)s->out, sizeof(s->out), s->req, s->req_len, s->params);
    s->out_off = 0;
    s->close_after = 1;
}

/* Application phase: read what the engine has, answer per --www/--echo. */
static int app_step(sconn *s, enum gt_tool_app app)
{
    static uint8_t buf[16384];
    for (;;) {
        int rc = push(s);
        if (rc < 0) return rc;
        if (s->out_off < s->out_len || s->phase != P_APP) return GT_NET_OK;
        size_t got = 0;
        rc = gt_net_recv(&s->nc, buf, sizeof(buf), &got);
        if (rc == GT_NET_CLOSED) {
            /* RFC 5246 §7.2.1: answer close_notify with close_notify */
            s->peer_notify = 1;
            s->close_after = 1;
            s->out_len = s->out_off = 0;
            return push(s);
        }
        if (rc < 0) return rc;
        if (got == 0) return GT_NET_OK;
        s->app_in += got;
        on_data(s, app, buf, got);
    }
}

static void report(const sconn *s, int rc)
{
    char why[512];
    if (rc >= 0) {
        printf("%s ok %s in=%llu out=%llu close=%s%s\n", s->peer, s->params,
               (unsigned long long)s->app_in, (unsigned long long)s->app_out,
               s->peer_notify ? "client" : "server",
               s->dropped ? " (answer dropped: the client closed first)" : "");
        return;
    }
    gt_tool_describe(why, sizeof(why), rc, &s->nc);
    printf("%s fail %s: %s\n", s->peer, s->phase == P_HANDSHAKE ? "handshake" : "connection", why);
}

/* Returns 1 when the connection is finished (reported, to be freed). */
static int service(sconn *s, short revents, enum gt_tool_app app, int *failed)
{
    int rc = GT_NET_OK;
    if (s->phase == P_LINGER) {
        /* after our close_notify: drain until the client closes, so that
         * unread bytes do not turn our FIN into a reset */
        uint8_t sink[4096];
        ssize_t k = s->nc.io->read(s->nc.io->ctx, s->nc.fd, sink, sizeof(sink));
        return k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR);
    }
    if (revents != 0) rc = gt_net_step(&s->nc, revents);
    if (rc >= 0 && s->phase == P_HANDSHAKE && gt_conn_state(s->tls) != GT_STATE_HANDSHAKING) {
        s->phase = P_APP;
        gt_tool_params(s->params, sizeof(s->params), s->tls);
    }
    if (rc >= 0 && s->phase >= P_APP) rc = app_step(s, app);
    if (rc < 0) {
        report(s, rc);
        *failed = 1;
        return 1;
    }
    if (s->phase == P_CLOSING && !gt_conn_want_output(s->tls)) {
        report(s, GT_NET_OK);
        if (s->peer_notify) return 1;
        shutdown(s->nc.fd, SHUT_WR);
        s->phase = P_LINGER;
        s->linger_until = now_ms() + LINGER_MS;
    }
    return 0;
}

static sconn *open_conn(int fd, const char *peer, const gt_config *cfg, int idle_s)
{
    sconn *s = calloc(1, sizeof(*s));
    gt_conn *tls = s != NULL ? gt_conn_new(cfg, GT_ROLE_SERVER, NULL) : NULL;
    if (tls == NULL) {
        fprintf(stderr, "gt-server: %s: out of memory\n", peer);
        free(s);
        close(fd);
        return NULL;
    }
    gt_net_conn_init(&s->nc, fd, tls, NULL);
    s->nc.idle_ms = idle_s * 1000;
    s->tls = tls;
    s->last_ms = s->accepted_ms = now_ms();
    snprintf(s->peer, sizeof(s->peer), "%s", peer);
    return s;
}

static void close_conn(sconn *s)
{
    close(s->nc.fd);
    gt_conn_free(s->tls);
    free(s);
}

typedef struct {
    const gt_tool_opts *o;
    const gt_config *cfg;
    int lfd;
    sconn *c[MAX_CONNS];
    size_t n;
    long accepted, finished;
    int failed;
} server;

static void accept_all(server *sv)
{
    while (sv->n < MAX_CONNS && (sv->o->connections == 0 || sv->accepted < sv->o->connections)) {
        char peer[64];
        int fd = gt_net_accept(sv->lfd, peer, sizeof(peer));
        if (fd < 0) return;
        sconn *s = open_conn(fd, peer, sv->cfg, sv->o->idle_timeout);
        sv->accepted++;
        if (s == NULL) {
            sv->finished++;
            sv->failed = 1;
            continue;
        }
        sv->c[sv->n++] = s;
    }
}

/* Idle and linger deadlines; returns the poll timeout to the nearest. */
static int deadlines(server *sv, int64_t now)
{
    int64_t next = now + 1000;
    for (size_t i = 0; i < sv->n; i++) {
        sconn *s = sv->c[i];
        int64_t d = s->phase == P_LINGER ? s->linger_until : s->last_ms + s->nc.idle_ms;
        if (s->phase != P_LINGER && s->nc.idle_ms == 0) continue;
        if (d < next) next = d;
    }
    return next > now ? (int)(next - now) : 0;
}

/* --idle-timeout on an open session: it ends as cleanly as any other,
 * with our close_notify (RFC 5246 §7.2.1), then a linger for the client's;
 * it is reported, not counted as a failure. */
static void idle_close(sconn *s, int64_t now)
{
    int rc = gt_conn_close(s->tls);
    if (rc == 0 || rc == GT_ERR_WANT_OUTPUT) (void)gt_net_flush(&s->nc);
    printf("%s idle for %d s: close_notify sent\n", s->peer, (int)(s->nc.idle_ms / 1000));
    report(s, GT_NET_OK);
    shutdown(s->nc.fd, SHUT_WR);
    s->phase = P_LINGER;
    s->linger_until = now + LINGER_MS;
}

static void expire(server *sv, size_t i, int64_t now)
{
    sconn *s = sv->c[i];
    if (s->phase == P_LINGER && now >= s->linger_until) {
        s->phase = P_DONE; /* done */
    } else if (s->phase == P_APP && s->nc.idle_ms > 0 && now - s->last_ms >= s->nc.idle_ms &&
               s->out_off >= s->out_len) {
        idle_close(s, now);
    } else if (s->phase != P_LINGER && s->nc.idle_ms > 0 &&
               (now - s->last_ms >= s->nc.idle_ms ||
                (s->phase == P_HANDSHAKE && now - s->accepted_ms >= s->nc.idle_ms))) {
        /* A client that trickles its ClientHello a byte at a time is never
         * idle; the handshake deadline drops it all the same (slow loris). */
        report(s, GT_NET_ERR_TIMEOUT);
        sv->failed = 1;
        s->phase = P_DONE;
    }
}

static void loop_once(server *sv)
{
    struct pollfd pf[MAX_CONNS + 1];
    int64_t now = now_ms();
    pf[0] = (struct pollfd){.fd = sv->lfd, .events = POLLIN};
    for (size_t i = 0; i < sv->n; i++) {
        sconn *s = sv->c[i];
        short ev = s->phase == P_LINGER ? POLLIN : gt_net_events(&s->nc);
        pf[i + 1] = (struct pollfd){.fd = s->nc.fd, .events = ev};
    }
    int r = poll(pf, sv->n + 1, deadlines(sv, now));
    if (r < 0 && errno != EINTR) {
        perror("gt-server: poll");
        stop = 1;
        return;
    }
    now = now_ms();
    size_t n0 = sv->n;
    for (size_t i = 0; i < n0; i++) {
        sconn *s = sv->c[i];
        short re = r > 0 ? pf[i + 1].revents : 0;
        if (re != 0) s->last_ms = now;
        int done = re != 0 && service(s, re, sv->o->app, &sv->failed);
        if (!done) expire(sv, i, now);
        if (done || s->phase == P_DONE) {
            close_conn(s);
            sv->c[i] = NULL;
            sv->finished++;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < sv->n; i++)
        if (sv->c[i] != NULL) sv->c[k++] = sv->c[i];
    sv->n = k;
    if (r > 0 && (pf[0].revents & POLLIN)) accept_all(sv);
}

int main(int argc, char **argv)
{
    gt_tool_opts o;
    char err[512];
    int port = 0;
    int prc = gt_tool_parse(&o, GT_TOOL_SERVER, argc, argv);
    if (prc != 0) return prc > 0 ? 0 : 2;
    if (o.idle_timeout == 0) o.idle_timeout = 60;
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    gt_config *cfg = gt_tool_config(&o, err, sizeof(err));
    if (cfg == NULL) {
        fprintf(stderr, "gt-server: %s\n", err);
        return 1;
    }
    server sv = {.o = &o, .cfg = cfg, .lfd = gt_net_listen_lo(o.port, &port)};
    if (sv.lfd < 0) {
        fprintf(stderr, "gt-server: cannot listen on 127.0.0.1:%d: %s\n", o.port, strerror(errno));
        gt_config_free(cfg);
        return 1;
    }
    printf("gt-server: listening on 127.0.0.1:%d\n", port);
    while (!stop && (o.connections == 0 || sv.finished < o.connections))
        loop_once(&sv);
    for (size_t i = 0; i < sv.n; i++)
        close_conn(sv.c[i]);
    close(sv.lfd);
    gt_config_free(cfg);
    return sv.failed && o.connections != 0 ? 1 : 0;
}
