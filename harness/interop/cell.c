/* One cell, as the peers see it and as the runner judges it: the command
 * line of each side (peers/README.md contract), and the verdict drawn from
 * both RESULT lines and both exit statuses.
 *
 * The verdict names the side and the most telling fact first: a signal
 * beats a timeout, which beats a RESULT fail, which beats a missing RESULT
 * line or an odd exit status. A side that exits 3 with `RESULT skip` turns
 * the whole cell into a SKIP (the library cannot do that combination). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "interop.h"

static int push(gt_iop_argv *a, const char *s)
{
    size_t n = strlen(s);
    if (a->argc >= GT_IOP_MAX_ARGS - 1 || n + 1 > sizeof a->store - a->used) return -1;
    memcpy(a->store + a->used, s, n + 1);
    a->argv[a->argc++] = a->store + a->used;
    a->argv[a->argc] = NULL;
    a->used += n + 1;
    return 0;
}

static int push_pki(gt_iop_argv *a, const gt_iop_ctx *ctx, const char *opt, const char *file)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", ctx->pki, file);
    return push(a, opt) | push(a, path);
}

int gt_iop_peer_argv(const gt_iop_ctx *ctx, const gt_iop_cell *c, bool server, int port,
                     const char *keylog, gt_iop_argv *a)
{
    const gt_iop_feature *f = c->feature;
    char num[32];
    int rc = 0;
    a->argc = 0;
    a->used = 0;
    rc |= push(a, ctx->impls[server ? c->server : c->client].bin);
    rc |= push(a, "--role") | push(a, server ? "server" : "client");
    snprintf(num, sizeof num, "%d", server ? 0 : port);
    rc |= push(a, "--port") | push(a, num);
    rc |= push_pki(a, ctx, "--ca", "ca-bundle.pem");
    if (server) {
        rc |= push_pki(a, ctx, "--cert", c->cert->chain) | push_pki(a, ctx, "--key", c->cert->key);
    } else if (f->client_auth) {
        const gt_iop_cert *cc = gt_iop_client_cert(c);
        rc |= push_pki(a, ctx, "--cert", cc->chain) | push_pki(a, ctx, "--key", cc->key);
    }
    rc |= push(a, "--suite") | push(a, c->suite->name);
    if (c->group) rc |= push(a, "--group") | push(a, c->group);
    /* The peer gives up a little before the runner kills it, so a hang
     * usually surfaces as the peer's own RESULT line. */
    snprintf(num, sizeof num, "%d", ctx->timeout > 3 ? ctx->timeout - 2 : 1);
    rc |= push(a, "--timeout") | push(a, num);
    if (keylog) rc |= push(a, "--keylog") | push(a, keylog);
    if (!server && f->send_bytes > 0) {
        snprintf(num, sizeof num, "%ld", f->send_bytes);
        rc |= push(a, "--send-bytes") | push(a, num);
    }
    const char *const *extra = server ? f->server_args : f->client_args;
    for (size_t i = 0; i < 10 && extra[i]; i++)
        rc |= push(a, extra[i]);
    return rc ? -1 : 0;
}

/* Extracts key=value (or key="quoted value") from a RESULT line. */
int gt_iop_result_field(const char *line, const char *key, char *out, size_t cap)
{
    size_t kl = strlen(key);
    for (const char *p = line; (p = strstr(p, key)) != NULL; p += kl) {
        if ((p != line && p[-1] != ' ') || p[kl] != '=') continue;
        const char *v = p + kl + 1;
        size_t n;
        if (*v == '"') {
            v++;
            const char *e = strrchr(v, '"');
            n = e && e >= v ? (size_t)(e - v) : strlen(v);
        } else {
            n = strcspn(v, " ");
        }
        if (n >= cap) n = cap - 1;
        memcpy(out, v, n);
        out[n] = 0;
        return 0;
    }
    return -1;
}

static const char *verdict_word(const char *result)
{
    if (strncmp(result, "RESULT ok", 9) == 0) return "ok";
    if (strncmp(result, "RESULT skip", 11) == 0) return "skip";
    if (strncmp(result, "RESULT fail", 11) == 0) return "fail";
    return "";
}

/* Describes why one side failed; returns false when it is fine. */
static bool side_failed(const gt_iop_outcome *o, char *why, size_t cap)
{
    const char *w = verdict_word(o->result);
    char reason[400] = "";
    /* Our own SIGKILL (timeout, grace period) is not the peer's crash. */
    if (o->lingered) {
        snprintf(why, cap, "%s still running %s after the client exited (killed)", o->side, "3s");
        return true;
    }
    if (o->exited && WIFSIGNALED(o->status) && !o->killed) {
        int sig = WTERMSIG(o->status);
        snprintf(why, cap, "%s killed by signal %d (SIG%s)", o->side, sig, sigabbrev_np(sig));
        return true;
    }
    if (o->killed) return false; /* reported as the timeout */
    int code = o->exited && WIFEXITED(o->status) ? WEXITSTATUS(o->status) : -1;
    if (strcmp(w, "fail") == 0) {
        gt_iop_result_field(o->result, "reason", reason, sizeof reason);
        snprintf(why, cap, "%s RESULT fail: %s (exit %d)", o->side, reason, code);
        return true;
    }
    if (!*w) {
        snprintf(why, cap, "%s printed no RESULT line (exit %d)", o->side, code);
        return true;
    }
    if (strcmp(w, "ok") == 0 && code != 0) {
        snprintf(why, cap, "%s said RESULT ok but exited %d", o->side, code);
        return true;
    }
    return false;
}

static bool side_skipped(const gt_iop_outcome *o, char *why, size_t cap)
{
    if (!o->exited || !WIFEXITED(o->status) || WEXITSTATUS(o->status) != 3) return false;
    char reason[400] = "unsupported combination";
    gt_iop_result_field(o->result, "reason", reason, sizeof reason);
    snprintf(why, cap, "%s: %s", o->side, reason);
    return true;
}

/* Field checks on two RESULT ok lines. */
static bool check_field(gt_iop_cell *c, const gt_iop_outcome *o, const char *key, const char *want)
{
    char got[256] = "";
    if (gt_iop_result_field(o->result, key, got, sizeof got) != 0 || strcmp(got, want) != 0) {
        snprintf(c->reason, sizeof c->reason, "%s reported %s=%s, expected %s", o->side, key,
                 *got ? got : "(missing)", want);
        c->result = GT_IOP_FAIL;
        return false;
    }
    return true;
}

static void check_ok(gt_iop_cell *c, const gt_iop_ctx *ctx, const gt_iop_outcome *o, bool client)
{
    const gt_iop_feature *f = c->feature;
    char num[32];
    if (!check_field(c, o, "version", "TLSv1.2") || !check_field(c, o, "suite", c->suite->name))
        return;
    if (c->group && !check_field(c, o, "group", c->group)) return;
    if (f->expect_resumed >= 0 && !check_field(c, o, "resumed", f->expect_resumed ? "1" : "0"))
        return;
    if (!check_field(c, o, "alpn", f->expect_alpn ? f->expect_alpn : "-")) return;
    int ems = f->expect_ems;
    if (ems < 0 && gt_iop_caps_has(&ctx->impls[c->server], "features", "ems") &&
        gt_iop_caps_has(&ctx->impls[c->client], "features", "ems"))
        ems = 1;
    if (ems >= 0 && !check_field(c, o, "ems", ems ? "1" : "0")) return;
    /* Only the client's count is defined as "what came back". After a
     * refused renegotiation the client's library may end the connection
     * itself (OpenSSL's client answers the no_renegotiation warning with a
     * fatal handshake_failure), so an empty echo is accepted there. */
    char reneg[8] = "", got[32] = "";
    if (client && strcmp(f->name, "renegotiate") == 0) {
        gt_iop_result_field(o->result, "renegotiated", reneg, sizeof reneg);
        gt_iop_result_field(o->result, "bytes", got, sizeof got);
    }
    bool refused_empty = strcmp(reneg, "0") == 0 && strcmp(got, "0") == 0;
    if (client && f->send_bytes > 0 && !refused_empty) {
        snprintf(num, sizeof num, "%ld", f->send_bytes);
        check_field(c, o, "bytes", num);
    }
}

void gt_iop_judge(gt_iop_cell *c, const gt_iop_ctx *ctx, const gt_iop_outcome *srv,
                  const gt_iop_outcome *cli)
{
    char why[2][GT_IOP_REASON_LEN / 2];
    const gt_iop_outcome *o[2] = {srv, cli};
    bool failed[2];
    for (int k = 0; k < 2; k++)
        failed[k] = side_failed(o[k], why[k], sizeof why[k]);
    /* A signal is the loudest fact of all. */
    for (int k = 0; k < 2; k++) {
        if (failed[k] && strstr(why[k], "killed by signal")) {
            c->result = GT_IOP_FAIL;
            snprintf(c->reason, sizeof c->reason, "%s", why[k]);
            return;
        }
    }
    if (srv->killed || cli->killed) {
        c->result = GT_IOP_FAIL;
        snprintf(c->reason, sizeof c->reason, "timeout after %ds (%s still running)", ctx->timeout,
                 srv->killed && cli->killed ? "server and client"
                 : srv->killed              ? "server"
                                            : "client");
        return;
    }
    for (int k = 0; k < 2; k++) {
        if (side_skipped(o[k], why[k], sizeof why[k])) {
            c->result = GT_IOP_SKIP;
            snprintf(c->reason, sizeof c->reason, "%s", why[k]);
            return;
        }
    }
    if (failed[0] || failed[1]) {
        /* A lingering server is usually the consequence of the client's
         * failure: name the client first then. */
        int first = failed[1] && srv->lingered ? 1 : 0;
        c->result = GT_IOP_FAIL;
        snprintf(c->reason, sizeof c->reason, "%s%s%s", failed[first] ? why[first] : "",
                 failed[0] && failed[1] ? "; " : "", failed[!first] ? why[!first] : "");
        return;
    }
    c->result = GT_IOP_PASS;
    c->reason[0] = 0;
    check_ok(c, ctx, srv, false);
    if (c->result == GT_IOP_PASS) check_ok(c, ctx, cli, true);
    if (c->result == GT_IOP_PASS && strcmp(c->feature->name, "renegotiate") == 0) {
        char r[8] = "?";
        gt_iop_result_field(cli->result, "renegotiated", r, sizeof r);
        snprintf(c->reason, sizeof c->reason, "renegotiated=%s", r);
        /* The IUT refuses renegotiation in both roles (RFC 5746 is sent and
         * checked, but no second handshake is ever allowed). */
        bool iut = strcmp(ctx->impls[c->server].name, "gt") == 0 ||
                   strcmp(ctx->impls[c->client].name, "gt") == 0;
        if (iut && strcmp(r, "0") != 0) {
            c->result = GT_IOP_FAIL;
            snprintf(c->reason, sizeof c->reason,
                     "the IUT allowed a renegotiation (renegotiated=%s)", r);
        }
    }
}
