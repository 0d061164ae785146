/*
 * Reaching the target for one case: a TCP connection to --server, a fresh
 * server process per case for --server-cmd (it prints "READY port=<P>",
 * peers/README.md), or a fresh client process per case for --client-cmd
 * (connecting to the port we listen on, substituted for {port}).
 * Processes run in their own process group and are killed after the case.
 */
#define _GNU_SOURCE
#include "runner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t spawn(const char *cmd, int *out_fd)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return -1;
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        setpgid(0, 0);
        dup2(p[1], 1);
        int dn = open("/dev/null", O_RDWR);
        if (dn >= 0) dup2(dn, 0), dup2(dn, 2);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    close(p[1]);
    *out_fd = p[0];
    return pid;
}

static void reap(pid_t pid)
{
    if (pid <= 0) return;
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
}

/* Reads stdout until "READY port=<P>" (peer contract), with a deadline. */
static int ready_port(int fd, int timeout_ms)
{
    char buf[512];
    size_t n = 0;
    while (n < sizeof(buf) - 1) {
        struct pollfd pf = {fd, POLLIN, 0};
        if (poll(&pf, 1, timeout_ms) <= 0) return -1;
        ssize_t k = read(fd, buf + n, sizeof(buf) - 1 - n);
        if (k <= 0) return -1;
        n += (size_t)k;
        buf[n] = '\0';
        char *r = strstr(buf, "READY port=");
        if (r != NULL && strchr(r, '\n') != NULL) return atoi(r + 11);
    }
    return -1;
}

static int cmd_substitute(const char *cmd, int port, char *out, size_t n)
{
    const char *at = strstr(cmd, "{port}");
    if (at == NULL) return -1;
    snprintf(out, n, "%.*s%d%s", (int)(at - cmd), cmd, port, at + 6);
    return 0;
}

static int open_client_cmd(const gt_cf_target *tg, gt_cf_conn *c, char *err, size_t n)
{
    char cmd[4096];
    int port, out;
    c->lfd = gt_tcp_listen(&port);
    if (c->lfd < 0) return snprintf(err, n, "listen: %s", strerror(errno)), -1;
    if (cmd_substitute(tg->cmd, port, cmd, sizeof(cmd)) != 0)
        return snprintf(err, n, "--client-cmd has no {port}"), -1;
    c->pid = spawn(cmd, &out);
    if (c->pid < 0) return snprintf(err, n, "spawn failed"), -1;
    close(out);
    c->fd = gt_tcp_accept(c->lfd, tg->timeout_ms + 2000);
    if (c->fd < 0) return snprintf(err, n, "the client did not connect"), -1;
    gt_tcp_wrap(&c->t, c->fd);
    return 0;
}

int gt_cf_open(const gt_cf_target *tg, gt_cf_conn *c, char *err, size_t n)
{
    memset(c, 0, sizeof(*c));
    c->pid = -1;
    c->lfd = c->fd = -1;
    c->timeout_ms = tg->timeout_ms;
    if (tg->mode == GT_MODE_CLIENT_CMD) return open_client_cmd(tg, c, err, n);
#ifdef GT_CONFORM_INPROC
    if (tg->mode == GT_MODE_INPROC)
        return gt_cf_inproc_open(tg->iut_role, tg->iut_client_auth, &c->t) == 0
                   ? 0
                   : (snprintf(err, n, "gt_conn_new failed"), -1);
#endif
    int port = tg->port;
    if (tg->mode == GT_MODE_SERVER_CMD) {
        int out;
        c->pid = spawn(tg->cmd, &out);
        if (c->pid < 0) return snprintf(err, n, "spawn failed"), -1;
        port = ready_port(out, 5000);
        close(out);
        if (port <= 0) return snprintf(err, n, "the server command printed no READY line"), -1;
    }
    if (gt_tcp_connect(&c->t, tg->host, port, tg->timeout_ms) != 0)
        return snprintf(err, n, "connect to %s:%d failed: %s", tg->host, port, strerror(errno)), -1;
    return 0;
}

void gt_cf_close(gt_cf_conn *c)
{
    if (c->t.close != NULL) c->t.close(c->t.ctx);
    c->t.close = NULL;
    if (c->lfd >= 0) close(c->lfd);
    c->lfd = -1;
    reap(c->pid);
    c->pid = -1;
}

/* For --client-cmd the second connection is the client's own doing (e.g.
 * a peer with --resume); we accept it. */
static int accept_again(void *ctx)
{
    gt_cf_conn *c = ctx;
    int fd = gt_tcp_accept(c->lfd, c->timeout_ms);
    if (fd < 0) return -1;
    c->t.close(c->t.ctx);
    gt_tcp_wrap(&c->t, fd);
    return 0;
}

/* Wraps a conn's transport so that reconnect works in every mode; the
 * wrapper forwards to whatever the conn currently holds. */
static int w_send(void *ctx, const uint8_t *p, size_t n)
{
    gt_cf_conn *c = ctx;
    return c->t.send(c->t.ctx, p, n);
}
static long w_recv(void *ctx, uint8_t *p, size_t cap, int ms)
{
    gt_cf_conn *c = ctx;
    return c->t.recv(c->t.ctx, p, cap, ms);
}
static void w_close(void *ctx)
{
    (void)ctx;
}
static void w_shutdown(void *ctx)
{
    gt_cf_conn *c = ctx;
    if (c->t.shutdown) c->t.shutdown(c->t.ctx);
}
static int w_reconnect(void *ctx)
{
    gt_cf_conn *c = ctx;
    if (c->lfd >= 0) return accept_again(c);
    return c->t.reconnect ? c->t.reconnect(c->t.ctx) : -1;
}

int gt_cf_play(const gt_cf_target *tg, const gt_sp_cfg *cfg, const gt_sp_step *steps, void *user,
               gt_sp **out, char *err, size_t n)
{
    gt_cf_conn c;
    gt_conform_transport w = {0};
    if (out) *out = NULL;
    if (gt_cf_open(tg, &c, err, n) != 0) {
        gt_cf_close(&c);
        return GT_OBS_HARNESS;
    }
    w.ctx = &c;
    w.send = w_send;
    w.recv = w_recv;
    w.close = w_close;
    w.reconnect = w_reconnect;
    w.shutdown = w_shutdown;
    gt_sp *sp = gt_sp_new(cfg, &w);
    sp->user = user;
    int obs = gt_sp_run(sp, steps);
    snprintf(err, n, "%s", sp->text);
    gt_cf_close(&c);
    sp->t = NULL;
    if (out)
        *out = sp;
    else
        gt_sp_free(sp);
    return obs;
}
