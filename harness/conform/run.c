/*
 * Case instances and their verdicts. A case becomes one instance, or one
 * per suite / group the target supports (issue 9: "A case whose outcome can
 * depend on negotiated parameters runs once for each cipher suite and
 * group the target supports"). Instances run on worker threads, each with
 * its own connection (and process, in the command modes).
 */
#include "runner.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int suite_fits(const gt_sp_suite *s, unsigned f)
{
    if ((f & (GT_CF_CBC | GT_CF_ETM)) && !gt_sp_is_cbc(s)) return 0;
    if ((f & GT_CF_AEAD) && gt_sp_is_cbc(s)) return 0;
    if ((f & GT_CF_RSA_KX) && s->kx != GT_KX_RSA) return 0;
    if ((f & (GT_CF_ECDHE | GT_CF_PER_GROUP)) && s->kx == GT_KX_RSA) return 0;
    if ((f & GT_CF_RSA_AUTH) && s->kx == GT_KX_ECDHE_ECDSA) return 0;
    return 1;
}

/* The reason a case cannot run on this target, or NULL. */
static const char *missing(const gt_cf_env *env, const gt_cf_case *c)
{
    static const unsigned feats[] = {
        GT_CF_CLIENT_AUTH, GT_CF_NO_CLIENT_AUTH, GT_CF_RESUME_ID, GT_CF_TICKET, GT_CF_EMS,
        GT_CF_ETM,         GT_CF_RENEG,          GT_CF_RSL,       GT_CF_MFL};
    const int have[] = {env->client_auth, !env->client_auth, env->resume_id, env->tickets, env->ems,
                        env->etm,         env->reneg,        env->rsl,       env->mfl};
    for (size_t i = 0; i < sizeof(feats) / sizeof(feats[0]); i++)
        if ((c->flags & feats[i]) && !have[i]) return env->why_no[__builtin_ctz(feats[i])];
    if (c->need_group) {
        int any = 0;
        for (size_t j = 0; j < env->n_groups; j++)
            any |= env->groups[j] == c->need_group;
        if (!any) return "the target does not support the group this case needs";
    }
    static const unsigned kinds[] = {GT_CF_CBC, GT_CF_RSA_KX, GT_CF_ECDHE, GT_CF_AEAD,
                                     GT_CF_RSA_AUTH};
    for (size_t i = 0; i < 5; i++) {
        if (!(c->flags & kinds[i])) continue;
        int any = 0;
        for (size_t j = 0; j < env->n_suites; j++)
            any |= suite_fits(gt_sp_suite_by_code(env->suites[j]), kinds[i]);
        if (!any) return env->why_no[__builtin_ctz(kinds[i])];
    }
    return NULL;
}

static int match(const char *filter, const char *name)
{
    if (filter == NULL) return 1;
    if (strpbrk(filter, "*?[") == NULL) return strstr(name, filter) != NULL;
    return fnmatch(filter, name, 0) == 0;
}

static gt_cf_inst *push(gt_cf_inst **v, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 512;
        *v = realloc(*v, *cap * sizeof(**v));
        if (*v == NULL) abort();
    }
    gt_cf_inst *i = &(*v)[(*n)++];
    memset(i, 0, sizeof(*i));
    return i;
}

/* The first supported suite that fits, RSA-signed when there is one, so
 * that the group under test is not constrained by an ECDSA certificate's
 * curve (RFC 8422 §5.3). */
static uint16_t first_suite(const gt_cf_env *env, unsigned f)
{
    if (!(f & GT_CF_RSA_AUTH)) {
        uint16_t s = first_suite(env, f | GT_CF_RSA_AUTH);
        if (s != 0) return s;
    }
    for (size_t j = 0; j < env->n_suites; j++)
        if (suite_fits(gt_sp_suite_by_code(env->suites[j]), f)) return env->suites[j];
    return 0;
}

static void expand_one(const gt_cf_env *env, const gt_cf_case *c, gt_cf_inst **v, size_t *n,
                       size_t *cap)
{
    const char *why = missing(env, c);
    uint16_t g0 = env->n_groups ? env->groups[0] : GT_GROUP_P256;
    if (why != NULL || (!(c->flags & GT_CF_PER_SUITE) && !(c->flags & GT_CF_PER_GROUP))) {
        gt_cf_inst *i = push(v, n, cap);
        i->c = c;
        snprintf(i->name, sizeof(i->name), "%s", c->id);
        i->suite = first_suite(env, c->flags | (c->need_group ? GT_CF_ECDHE : 0));
        if (i->suite == 0) i->suite = first_suite(env, c->flags);
        i->group = c->need_group ? c->need_group : g0;
        if (why != NULL) {
            i->result = GT_R_SKIP;
            snprintf(i->detail, sizeof(i->detail), "not applicable: %s", why);
        }
        return;
    }
    if (c->flags & GT_CF_PER_SUITE) {
        for (size_t j = 0; j < env->n_suites; j++) {
            const gt_sp_suite *s = gt_sp_suite_by_code(env->suites[j]);
            if (!suite_fits(s, c->flags)) continue;
            gt_cf_inst *i = push(v, n, cap);
            i->c = c;
            i->suite = s->code;
            i->group = c->need_group ? c->need_group : g0;
            snprintf(i->name, sizeof(i->name), "%s@%s", c->id, s->name);
        }
        return;
    }
    for (size_t j = 0; j < env->n_groups; j++) {
        gt_cf_inst *i = push(v, n, cap);
        i->c = c;
        i->suite = first_suite(env, c->flags | GT_CF_ECDHE);
        i->group = env->groups[j];
        snprintf(i->name, sizeof(i->name), "%s@%s", c->id, gt_sp_group_name(env->groups[j]));
    }
}

size_t gt_cf_expand(const gt_cf_env *env, const char *filter, gt_cf_inst **out)
{
    gt_cf_inst *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t k = 0; k < gt_cf_count(); k++) {
        const gt_cf_case *c = gt_cf_get(k);
        if (c->target != env->target || !match(filter, c->id)) continue;
        expand_one(env, c, &v, &n, &cap);
    }
    *out = v;
    return n;
}

static void describe_expect(const gt_cf_case *c, char *buf, size_t n)
{
    size_t at = 0;
    switch (c->expect) {
    case GT_X_OK:
        snprintf(buf, n, "completion");
        return;
    case GT_X_RESUMED:
        snprintf(buf, n, "an abbreviated handshake");
        return;
    case GT_X_NOT_RESUMED:
        snprintf(buf, n, "a full handshake or a fatal alert");
        return;
    case GT_X_CLOSED:
        snprintf(buf, n, "the connection closed (close_notify or TCP close)");
        return;
    case GT_X_ENDS:
        snprintf(buf, n, "the connection ended (a close or a fatal alert)");
        return;
    default:
        at += (size_t)snprintf(buf, n,
                               c->expect == GT_X_OK_OR_ALERT ? "completion or fatal " : "fatal ");
        for (int i = 0; i < c->n_alerts && at < n; i++)
            at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? "|" : "",
                                   gt_wire_alert_name(c->alerts[i]));
    }
}

static int alert_ok(const gt_cf_case *c, const gt_sp *sp)
{
    if (sp->obs != GT_OBS_ALERT || (sp->alert_level != 2 && !c->warn_ok)) return 0;
    for (int i = 0; i < c->n_alerts; i++)
        if (c->alerts[i] == sp->alert_desc) return 1;
    return 0;
}

static int verdict(const gt_cf_case *c, const gt_sp *sp, char *why, size_t n)
{
    int done = sp->obs == GT_OBS_COMPLETED;
    why[0] = '\0';
    switch (c->expect) {
    case GT_X_OK:
        if (done && c->check) return c->check(sp, why, n) == 0;
        return done;
    case GT_X_RESUMED:
        return done && sp->resumed;
    case GT_X_NOT_RESUMED:
        return (done && !sp->resumed) || (sp->obs == GT_OBS_ALERT && sp->alert_level == 2);
    case GT_X_OK_OR_ALERT:
        return done || alert_ok(c, sp);
    case GT_X_CLOSED:
        return sp->obs == GT_OBS_CLOSED || (sp->obs == GT_OBS_ALERT && sp->alert_desc == 0);
    case GT_X_ENDS:
        return sp->obs == GT_OBS_CLOSED ||
               (sp->obs == GT_OBS_ALERT && (sp->alert_level == 2 || sp->alert_desc == 0));
    default:
        return alert_ok(c, sp);
    }
}

static void run_inst(const gt_cf_target *tg, const gt_cf_env *env, gt_cf_inst *in)
{
    gt_sp_cfg cfg;
    gt_sp *sp = NULL;
    char err[300], want[160], why[200];
    gt_cf_case local = *in->c;
    const gt_cf_case *c = &local;
    /* RFC 5246 §7.4.6: under an optional policy the server may go on */
    if ((c->flags & GT_CF_POLICY) && env->client_auth_optional) local.expect = GT_X_OK_OR_ALERT;
    gt_cf_base_cfg(env, c->target, &cfg);
    cfg.timeout_ms = tg->timeout_ms;
    if (in->suite) cfg.suites[0] = in->suite, cfg.n_suites = 1;
    if (in->group) cfg.groups[0] = in->group, cfg.n_groups = 1;
    /* RFC 8422 §5.3: an ECDSA certificate's curve must be among the offered
     * groups; offer the NIST curves after the one under test. */
    const gt_sp_suite *su = gt_sp_suite_by_code(in->suite);
    if (su != NULL && su->kx == GT_KX_ECDHE_ECDSA && c->target == GT_TARGET_SERVER)
        for (uint16_t g = GT_GROUP_P256; g <= GT_GROUP_P384; g++)
            if (cfg.groups[0] != g) cfg.groups[cfg.n_groups++] = g;
    if (c->setup) c->setup(&cfg, env, c);
    int obs = gt_cf_play(tg, &cfg, c->steps, (void *)in->c, &sp, err, sizeof(err));
    describe_expect(c, want, sizeof(want));
    if (obs == GT_OBS_NOT_APPLICABLE) {
        in->result = GT_R_SKIP;
        snprintf(in->detail, sizeof(in->detail), "not applicable: %s", err);
    } else if (sp != NULL && verdict(c, sp, why, sizeof(why))) {
        in->result = GT_R_PASS;
        snprintf(in->detail, sizeof(in->detail), "%s", err);
    } else {
        in->result = GT_R_FAIL;
        if (sp != NULL && obs == GT_OBS_COMPLETED && c->expect != GT_X_ALERT)
            snprintf(err, sizeof(err), "%s",
                     why[0]        ? why
                     : sp->resumed ? "resumed"
                                   : "full handshake");
        snprintf(in->detail, sizeof(in->detail), "expected %s; observed %s", want, err);
    }
    gt_sp_free(sp);
}

typedef struct {
    const gt_cf_target *tg;
    const gt_cf_env *env;
    gt_cf_inst *in;
    size_t n, next;
    pthread_mutex_t mu;
} pool;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->n) return NULL;
        if (p->in[i].result == GT_R_SKIP) continue;
        double t0 = now_ms();
        run_inst(p->tg, p->env, &p->in[i]);
        p->in[i].ms = now_ms() - t0;
    }
}

void gt_cf_run_all(const gt_cf_target *tg, const gt_cf_env *env, gt_cf_inst *in, size_t n, int jobs)
{
    pool p = {tg, env, in, n, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t th[64];
    if (jobs < 1) jobs = 1;
    if (jobs > 64) jobs = 64;
    for (int i = 0; i < jobs; i++)
        pthread_create(&th[i], NULL, worker, &p);
    for (int i = 0; i < jobs; i++)
        pthread_join(th[i], NULL);
}
