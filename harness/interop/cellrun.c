/* The life of one cell: start the server on an ephemeral port, wait for
 * READY, start the client (through the recording proxy with --record),
 * pump both outputs until both are done or the cell's deadline passes,
 * reap or kill, judge, then check the key logs.
 *
 * Logs of both sides stay in OUT/cells/<cell>/; key logs are kept only for
 * failed cells (enough to decrypt a capture of a failure, without leaving
 * a thousand secrets behind for passing cells). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interop.h"

/* Once the client has exited, a healthy server finishes at once; waiting
 * the whole cell timeout for one that does not would only slow the run. */
#define SERVER_GRACE_MS 3000

void gt_iop_cell_dirname(const gt_iop_cell *c, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = c->id; *p && k + 4 < cap; p++) {
        if (*p == '>') {
            memcpy(out + k, "--", 2);
            k += 2;
        } else {
            out[k++] = *p == '/' ? '_' : *p;
        }
    }
    out[k] = 0;
}

static bool until_ready(gt_iop_proc *p, size_t n)
{
    (void)n;
    return p->ready_port != 0 || p->out_fd < 0;
}

static bool until_client_done(gt_iop_proc *p, size_t n)
{
    (void)n;
    return p[1].out_fd < 0;
}

static bool until_eof(gt_iop_proc *p, size_t n)
{
    (void)n;
    return p->out_fd < 0;
}

static void outcome(gt_iop_outcome *o, const char *side, const gt_iop_proc *p)
{
    memset(o, 0, sizeof *o);
    o->side = side;
    o->exited = p->exited;
    o->killed = p->killed;
    o->status = p->status;
    snprintf(o->result, sizeof o->result, "%s", p->result);
}

static void fail(gt_iop_cell *c, const char *what, const char *detail)
{
    c->result = GT_IOP_FAIL;
    snprintf(c->reason, sizeof c->reason, "%s: %s", what, detail);
}

/* The server died, hung or declined before it listened. */
static void server_not_ready(const gt_iop_ctx *ctx, gt_iop_cell *c, gt_iop_proc *sp,
                             int64_t deadline)
{
    gt_iop_outcome so, co;
    gt_iop_reap(sp, sp->out_fd < 0 ? deadline : 0);
    outcome(&so, "server", sp);
    memset(&co, 0, sizeof co);
    co.side = "client";
    co.exited = true; /* never started: judged as fine */
    snprintf(co.result, sizeof co.result, "RESULT ok");
    gt_iop_judge(c, ctx, &so, &co);
    if (c->result == GT_IOP_PASS) {
        c->result = GT_IOP_FAIL;
        snprintf(c->reason, sizeof c->reason, "server exited before READY (%s)",
                 *sp->result ? sp->result : "no RESULT line");
    } else if (c->result == GT_IOP_FAIL && !strstr(c->reason, "timeout")) {
        char r[GT_IOP_REASON_LEN];
        snprintf(r, sizeof r, "before READY: %s", c->reason);
        snprintf(c->reason, sizeof c->reason, "%s", r);
    }
}

static void check_keylogs(gt_iop_cell *c, const char *skl, const char *ckl)
{
    char why[300];
    if (c->result != GT_IOP_PASS) return;
    if (gt_iop_keylog_compare(skl, ckl, why, sizeof why) != 0) fail(c, "keylog check", why);
}

static void record(const gt_iop_ctx *ctx, gt_iop_cell *c, gt_iop_proxy *px, const char *ckl,
                   const char *client_result)
{
    const gt_iop_record *recs;
    size_t n;
    char path[PATH_MAX], name[256], why[256];
    if (gt_iop_proxy_finish(px, &recs, &n) != 0) {
        if (c->result == GT_IOP_PASS) fail(c, "record", "proxy did not relay a complete session");
        return;
    }
    if (c->result != GT_IOP_PASS) return;
    gt_iop_cell_dirname(c, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s.txt", ctx->record_dir, name);
    if (gt_iop_write_transcript(ctx, c, path, recs, n, ckl, client_result, why, sizeof why) != 0)
        fail(c, "record", why);
}

static void run_pair(const gt_iop_ctx *ctx, gt_iop_cell *c, const char *dir, bool keylog,
                     int64_t deadline)
{
    char so_log[PATH_MAX + 16], se_log[PATH_MAX + 16], co_log[PATH_MAX + 16], ce_log[PATH_MAX + 16],
        skl[PATH_MAX + 16], ckl[PATH_MAX + 16];
    snprintf(so_log, sizeof so_log, "%s/server.out", dir);
    snprintf(se_log, sizeof se_log, "%s/server.err", dir);
    snprintf(co_log, sizeof co_log, "%s/client.out", dir);
    snprintf(ce_log, sizeof ce_log, "%s/client.err", dir);
    snprintf(skl, sizeof skl, "%s/server.keylog", dir);
    snprintf(ckl, sizeof ckl, "%s/client.keylog", dir);

    gt_iop_proc p[2];
    gt_iop_argv a;
    memset(p, 0, sizeof p);
    if (gt_iop_peer_argv(ctx, c, true, 0, keylog ? skl : NULL, &a) != 0)
        return fail(c, "server", "command line too long");
    if (gt_iop_spawn(&p[0], a.argv, so_log, se_log) != 0)
        return fail(c, "cannot start server", strerror(errno));
    if (!gt_iop_pump(&p[0], 1, deadline, until_ready) || !p[0].ready_port)
        return server_not_ready(ctx, c, &p[0], deadline);

    int port = p[0].ready_port;
    gt_iop_proxy *px = NULL;
    if (c->record) {
        px = gt_iop_proxy_start(port, (int)(deadline - gt_iop_now_ms()), &port);
        if (!px) {
            gt_iop_kill(&p[0]);
            gt_iop_reap(&p[0], 0);
            return fail(c, "record", "cannot start the recording proxy");
        }
    }
    if (gt_iop_peer_argv(ctx, c, false, port, keylog ? ckl : NULL, &a) != 0 ||
        gt_iop_spawn(&p[1], a.argv, co_log, ce_log) != 0) {
        gt_iop_kill(&p[0]);
        gt_iop_reap(&p[0], 0);
        gt_iop_proxy_free(px);
        return fail(c, "cannot start client", strerror(errno));
    }
    /* Phase 1: until the client is done (or the cell's deadline). */
    bool client_done = gt_iop_pump(p, 2, deadline, until_client_done);
    gt_iop_reap(&p[1], client_done ? deadline : 0);
    /* Phase 2: the server's last words, within the grace period. */
    int64_t grace = gt_iop_now_ms() + SERVER_GRACE_MS;
    int64_t until = grace < deadline ? grace : deadline;
    gt_iop_pump(&p[0], 1, until, until_eof);
    gt_iop_reap(&p[0], until);

    gt_iop_outcome so, co;
    outcome(&so, "server", &p[0]);
    outcome(&co, "client", &p[1]);
    if (p[0].killed && until < deadline) {
        so.killed = false;
        so.lingered = true;
    }
    gt_iop_judge(c, ctx, &so, &co);
    if (keylog) check_keylogs(c, skl, ckl);
    if (px) {
        record(ctx, c, px, ckl, p[1].result);
        gt_iop_proxy_free(px);
    }
    if (c->result != GT_IOP_FAIL) {
        unlink(skl);
        unlink(ckl);
    }
}

void gt_iop_run_cell(const gt_iop_ctx *ctx, gt_iop_cell *c)
{
    char name[256], dir[PATH_MAX];
    int64_t t0 = gt_iop_now_ms();
    gt_iop_cell_dirname(c, name, sizeof name);
    snprintf(dir, sizeof dir, "%s/cells/%.*s", ctx->out, (int)(sizeof dir - 64), name);
    if (gt_iop_mkdirs(dir) != 0) {
        fail(c, "cannot create", dir);
        return;
    }
    bool keylog = gt_iop_caps_has(&ctx->impls[c->server], "features", "keylog") &&
                  gt_iop_caps_has(&ctx->impls[c->client], "features", "keylog");
    run_pair(ctx, c, dir, keylog, t0 + (int64_t)ctx->timeout * 1000);
    c->seconds = (double)(gt_iop_now_ms() - t0) / 1000.0;
}
