/* Process handling for the interop runner: spawn a peer with its stdout on a
 * pipe and its stderr in a log file, pump the pipes with poll(), enforce a
 * deadline, kill hung or runaway peers with SIGKILL, reap them, and run
 * cells on a pool of worker threads.
 *
 * Every peer gets its own process group so a timeout also kills whatever it
 * started (a fake peer that is a shell script running `sleep`). Pipes and
 * log files are opened O_CLOEXEC: with cells running in parallel, a pipe end
 * leaking into another cell's child would keep EOF from ever arriving. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "interop.h"

extern char **environ;

int64_t gt_iop_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int gt_iop_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
    return 0;
}

int gt_iop_spawn(gt_iop_proc *p, char *const argv[], const char *out_log, const char *err_log)
{
    int fds[2];
    p->pid = -1;
    p->out_fd = -1;
    p->log_fd = -1;
    if (pipe2(fds, O_CLOEXEC) != 0) return -1;
    int err_fd =
        open(err_log ? err_log : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out_log) p->log_fd = open(out_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    if (err_fd >= 0) posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    /* The runner ignores SIGPIPE (the proxy writes to sockets); ignored
     * signals survive exec, so give the peers their default back. */
    sigset_t def, none;
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &def);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                        POSIX_SPAWN_SETSIGMASK);
    int rc = posix_spawn(&p->pid, argv[0], &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    if (err_fd >= 0) close(err_fd);
    if (rc != 0) {
        close(fds[0]);
        if (p->log_fd >= 0) close(p->log_fd);
        p->log_fd = -1;
        p->pid = -1;
        errno = rc;
        return -1;
    }
    p->out_fd = fds[0];
    return 0;
}

static void take_line(gt_iop_proc *p)
{
    p->line[p->linelen] = 0;
    if (strncmp(p->line, "RESULT ", 7) == 0)
        snprintf(p->result, sizeof p->result, "%s", p->line);
    else if (p->ready_port == 0)
        (void)gt_iop_parse_ready(p->line, &p->ready_port);
    p->linelen = 0;
}

static void capture(gt_iop_proc *p, const char *buf, size_t n)
{
    if (p->caplen + n + 1 > p->capcap) {
        size_t cap = (p->caplen + n + 1) * 2;
        char *q = realloc(p->capture, cap);
        if (!q) return;
        p->capture = q;
        p->capcap = cap;
    }
    memcpy(p->capture + p->caplen, buf, n);
    p->caplen += n;
    p->capture[p->caplen] = 0;
}

/* Reads what is there; splits lines; closes the pipe at EOF. */
static void drain(gt_iop_proc *p)
{
    char buf[4096];
    ssize_t n = read(p->out_fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
        if (p->linelen) take_line(p);
        close(p->out_fd);
        p->out_fd = -1;
        return;
    }
    if (p->log_fd >= 0 && write(p->log_fd, buf, (size_t)n) < 0) {
        close(p->log_fd);
        p->log_fd = -1;
    }
    if (p->capture) capture(p, buf, (size_t)n);
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] == '\n') {
            take_line(p);
            continue;
        }
        /* Overlong lines are cut, not overflowed. */
        if (p->linelen < sizeof p->line - 1 && buf[i] != '\r') p->line[p->linelen++] = buf[i];
    }
}

int gt_iop_pump(gt_iop_proc *procs, size_t n, int64_t deadline_ms, gt_iop_until until)
{
    struct pollfd pfd[4];
    gt_iop_proc *who[4];
    for (;;) {
        if (until(procs, n)) return 1;
        size_t k = 0;
        for (size_t i = 0; i < n && k < 4; i++) {
            if (procs[i].out_fd < 0) continue;
            pfd[k].fd = procs[i].out_fd;
            pfd[k].events = POLLIN;
            who[k++] = &procs[i];
        }
        int64_t left = deadline_ms - gt_iop_now_ms();
        if (left <= 0) return 0;
        if (k == 0) {
            /* Nothing to read but the condition is not met yet (waiting
             * for an exit): poll again soon. */
            struct timespec ts = {0, 5 * 1000 * 1000};
            nanosleep(&ts, NULL);
            continue;
        }
        int rc = poll(pfd, k, (int)(left > 100 ? 100 : left));
        if (rc < 0 && errno != EINTR) return 0;
        for (size_t i = 0; rc > 0 && i < k; i++) {
            if (pfd[i].revents) drain(who[i]);
        }
    }
}

void gt_iop_kill(gt_iop_proc *p)
{
    if (p->pid <= 0 || p->exited) return;
    kill(-p->pid, SIGKILL);
    kill(p->pid, SIGKILL);
    p->killed = true;
}

/* Waits for the exit until the deadline, then kills it and waits for
 * good (a SIGKILLed process always goes away). */
void gt_iop_reap(gt_iop_proc *p, int64_t deadline_ms)
{
    if (p->pid <= 0 || p->exited) return;
    for (;;) {
        pid_t r = waitpid(p->pid, &p->status, WNOHANG);
        if (r == p->pid || (r < 0 && errno != EINTR)) {
            p->exited = r == p->pid;
            break;
        }
        if (gt_iop_now_ms() >= deadline_ms) {
            gt_iop_kill(p);
            while (waitpid(p->pid, &p->status, 0) < 0 && errno == EINTR) {
            }
            p->exited = true;
            break;
        }
        struct timespec ts = {0, 2 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    /* Whatever it left running in its group goes too. */
    kill(-p->pid, SIGKILL);
    if (p->out_fd >= 0) {
        close(p->out_fd);
        p->out_fd = -1;
    }
    if (p->log_fd >= 0) {
        close(p->log_fd);
        p->log_fd = -1;
    }
}

/* ---- the worker pool ---- */

typedef struct {
    gt_iop_ctx *ctx;
    atomic_size_t next;
    size_t done;
    pthread_mutex_t lock;
    bool tty;
} pool;

static void progress(pool *pl, const gt_iop_cell *c)
{
    pthread_mutex_lock(&pl->lock);
    pl->done++;
    /* Without a terminal the closing table lists failures once; with one,
     * they show as they happen, above the progress line. */
    if (c->result == GT_IOP_FAIL && pl->tty)
        fprintf(stderr, "\r\033[KFAIL %s: %s\n", c->id, c->reason);
    else if (pl->ctx->verbose)
        fprintf(stderr, "%s %s %s\n", c->result == GT_IOP_PASS ? "pass" : "skip", c->id, c->reason);
    if (pl->tty) fprintf(stderr, "\r\033[K[%zu/%zu] %s", pl->done, pl->ctx->ncells, c->id);
    pthread_mutex_unlock(&pl->lock);
}

static void *worker(void *arg)
{
    pool *pl = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&pl->next, 1);
        if (i >= pl->ctx->ncells) return NULL;
        gt_iop_cell *c = &pl->ctx->cells[i];
        if (c->result == GT_IOP_PENDING) gt_iop_run_cell(pl->ctx, c);
        progress(pl, c);
    }
}

void gt_iop_run_all(gt_iop_ctx *ctx)
{
    pool pl = {.ctx = ctx, .tty = isatty(2) && !getenv("CI")};
    atomic_init(&pl.next, 0);
    pthread_mutex_init(&pl.lock, NULL);
    int n = ctx->jobs < 1 ? 1 : ctx->jobs;
    pthread_t th[256];
    if (n > 256) n = 256;
    int started = 0;
    for (; started < n; started++) {
        if (pthread_create(&th[started], NULL, worker, &pl) != 0) break;
    }
    if (started == 0) worker(&pl);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    if (pl.tty) fprintf(stderr, "\r\033[K");
    pthread_mutex_destroy(&pl.lock);
}
