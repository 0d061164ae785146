/*
 * gt-conform: runs the conformance cases against a target.
 *
 *   gt-conform --server HOST:PORT          a running server (many connections)
 *   gt-conform --server-cmd 'CMD'          a fresh server per case; CMD prints READY port=<P>
 *   gt-conform --client-cmd 'CMD {port}'   a fresh client per case, connecting to {port}
 *   (no target)                            the IUT in-process (needs the engine)
 *
 * Options: --filter PATTERN (glob, or substring), --junit FILE, --json FILE,
 * --jobs N, --timeout MS, --pki DIR, --conform-dir DIR, --list, --verbose,
 * --expect-failures FILE (exit 0 iff exactly the listed instances fail).
 * Ends with the line "N passed, M failed, K skipped".
 */
#include "runner.h"

#include <getopt.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef GT_SOURCE_DIR
#define GT_SOURCE_DIR "."
#endif

static void usage(void)
{
    fprintf(
        stderr,
        "usage: gt-conform [--server HOST:PORT | --server-cmd CMD | --client-cmd 'CMD {port}']\n"
        "                  [--filter PATTERN] [--junit FILE] [--json FILE] [--jobs N]\n"
        "                  [--timeout MS] [--pki DIR] [--conform-dir DIR] [--list]\n"
        "                  [--expect-failures FILE] [--client-auth require|request] [--verbose]\n");
    exit(2);
}

/* --suites NAME,NAME,...: IANA names. */
static int parse_suites(gt_cf_env *env, const char *list)
{
    char buf[2048], *save = NULL;
    snprintf(buf, sizeof(buf), "%s", list);
    for (char *t = strtok_r(buf, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
        const gt_sp_suite *s = gt_sp_suite_by_name(t);
        if (s == NULL || env->n_only >= 32) {
            fprintf(stderr, "gt-conform: --suites: unknown suite %s\n", t);
            return -1;
        }
        env->only[env->n_only++] = s->code;
    }
    return 0;
}

static void register_all(void)
{
    gt_cf_cases_hello();
    gt_cf_cases_ext();
    gt_cf_cases_state();
    gt_cf_cases_record();
    gt_cf_cases_kx();
    gt_cf_cases_cert();
    gt_cf_cases_session();
    gt_cf_cases_alert();
    gt_cf_cases_client();
}

static void list_cases(void)
{
    static const char *const ex[] = {"alert",       "ok",     "not-resumed", "resumed",
                                     "ok-or-alert", "closed", "ends"};
    for (size_t i = 0; i < gt_cf_count(); i++) {
        const gt_cf_case *c = gt_cf_get(i);
        printf("%-48s %-6s %-9s %-12s %s\n", c->id,
               c->target == GT_TARGET_SERVER ? "server" : "client",
               c->flags & GT_CF_PER_SUITE   ? "per-suite"
               : c->flags & GT_CF_PER_GROUP ? "per-group"
                                            : "once",
               ex[c->expect], c->rfc);
    }
    printf("%zu case definitions\n", gt_cf_count());
}

static int load_pki(gt_cf_env *env, const char *dir)
{
    static const char *const names[] = {"server-rsa2048", "server-p256", "client-rsa2048",
                                        "client-p256"};
    gt_sp_chain *dst[] = {&env->rsa, &env->ecdsa, &env->client_rsa, &env->client_p256};
    char a[1024], b[1024];
    for (int i = 0; i < 4; i++) {
        snprintf(a, sizeof(a), "%s/%s.chain.pem", dir, names[i]);
        snprintf(b, sizeof(b), "%s/%s.key", dir, names[i]);
        if (gt_sp_chain_load(dst[i], a, b) != 0) {
            fprintf(stderr, "gt-conform: cannot load %s / %s\n", a, b);
            return -1;
        }
    }
    return 0;
}

/* The reviewed list of instances expected to fail (ctest). */
static int check_expected(const char *path, const gt_cf_inst *in, size_t n)
{
    FILE *f = fopen(path, "r");
    char line[256];
    int bad = 0;
    if (f == NULL) return fprintf(stderr, "gt-conform: cannot read %s\n", path), 1;
    static char want[512][160];
    size_t nw = 0;
    while (fgets(line, sizeof(line), f) && nw < 512) {
        line[strcspn(line, "\r\n")] = '\0';
        char *s = line;
        while (*s == ' ')
            s++;
        if (*s == '\0' || *s == '#') continue;
        snprintf(want[nw++], sizeof(want[0]), "%s", s);
    }
    fclose(f);
    for (size_t i = 0; i < n; i++) {
        int listed = 0;
        for (size_t j = 0; j < nw; j++)
            listed |= strcmp(want[j], in[i].name) == 0;
        if (in[i].result == GT_R_FAIL && !listed)
            bad = 1, printf("UNEXPECTED FAILURE %s\n", in[i].name);
        if (in[i].result != GT_R_FAIL && listed)
            bad = 1, printf("EXPECTED TO FAIL but %s: %s\n",
                            in[i].result == GT_R_PASS ? "passed" : "skipped", in[i].name);
    }
    printf("expected failures (%s): %s\n", path, bad ? "MISMATCH" : "exactly as recorded");
    return bad;
}

static void print_results(const gt_cf_inst *in, size_t n, int verbose, size_t c[3])
{
    static const char *const tag[] = {"PASS", "FAIL", "SKIP"};
    c[0] = c[1] = c[2] = 0;
    for (size_t i = 0; i < n; i++) {
        c[in[i].result]++;
        if (in[i].result == GT_R_PASS && !verbose)
            printf("%s  %s\n", tag[0], in[i].name);
        else
            printf("%s  %s  [%s]: %s\n", tag[in[i].result], in[i].name, in[i].c->rfc, in[i].detail);
    }
}

static void print_probe(const gt_cf_env *env)
{
    printf("probe (%s): %zu suites, %zu groups; resume-id=%d tickets=%d ems=%d etm=%d reneg=%d "
           "client-auth=%d rsl=%d mfl=%d\n",
           env->target == GT_TARGET_SERVER ? "server" : "client", env->n_suites, env->n_groups,
           env->resume_id, env->tickets, env->ems, env->etm, env->reneg, env->client_auth, env->rsl,
           env->mfl);
}

/* Probe, expand and run one target; the instances are appended to *in. */
static int run_target(const gt_cf_target *tg, gt_cf_env *env, const char *filter, int jobs,
                      gt_cf_inst **in, size_t *n)
{
    gt_cf_inst *more = NULL;
    if (gt_cf_probe(tg, env) != 0) return -1;
    print_probe(env);
    size_t k = gt_cf_expand(env, filter, &more);
    gt_cf_run_all(tg, env, more, k, jobs);
    *in = realloc(*in, (*n + k + 1) * sizeof(**in));
    if (*in == NULL) abort();
    memcpy(*in + *n, more, k * sizeof(*more));
    *n += k;
    free(more);
    return 0;
}

static int finish(gt_cf_inst *in, size_t n, const gt_cf_env *env, int verbose, const char *junit,
                  const char *json, const char *expect)
{
    size_t c[3];
    print_results(in, n, verbose, c);
    if (junit && gt_cf_write_junit(junit, in, n) != 0) fprintf(stderr, "cannot write %s\n", junit);
    if (json && gt_cf_write_json(json, in, n, env) != 0) fprintf(stderr, "cannot write %s\n", json);
    int rc = expect ? check_expected(expect, in, n) : c[GT_R_FAIL] > 0;
    printf("%zu passed, %zu failed, %zu skipped\n", c[0], c[1], c[2]);
    free(in);
    return rc;
}

/* No target: the IUT in-process, as a server and as a client, one case at
 * a time (the engine config and its session cache are shared). */
static int run_inproc(gt_cf_target *tg, gt_cf_env *env, const char *filter, const char *junit,
                      const char *json, const char *expect)
{
#ifdef GT_CONFORM_INPROC
    static gt_cf_env client_env, auth_env;
    char err[200];
    gt_cf_inst *in = NULL;
    size_t n = 0;
    if (load_pki(env, env->pki_dir) != 0) return 2;
    client_env = auth_env = *env;
    if (gt_cf_inproc_init(env->pki_dir, err, sizeof(err)) != 0) {
        fprintf(stderr, "gt-conform: in-process IUT: %s\n", err);
        return 2;
    }
    tg->mode = GT_MODE_INPROC;
    tg->iut_role = env->target = GT_TARGET_SERVER;
    if (run_target(tg, env, filter, 1, &in, &n) != 0) return 2;
    /* the client-authentication cases, against a server that requires it;
     * they replace the first pass's "not applicable" instances */
    size_t first = n;
    tg->iut_client_auth = 1;
    if (run_target(tg, &auth_env, filter ? filter : "cert.client.*", 1, &in, &n) != 0) return 2;
    tg->iut_client_auth = 0;
    size_t keep = 0;
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t j = first; i < first && j < n && !dup; j++)
            dup = (in[j].c->flags & GT_CF_CLIENT_AUTH) && in[j].result != GT_R_SKIP &&
                  strcmp(in[i].name, in[j].name) == 0;
        if (i >= first && (in[i].c->flags & GT_CF_CLIENT_AUTH) == 0) continue;
        if (!dup) in[keep++] = in[i];
    }
    n = keep;
    tg->iut_role = client_env.target = GT_TARGET_CLIENT;
    if (run_target(tg, &client_env, filter, 1, &in, &n) != 0) return 2;
    return finish(in, n, env, tg->verbose, junit, json, expect);
#else
    (void)tg, (void)env, (void)filter, (void)junit, (void)json, (void)expect;
    fprintf(stderr, "gt-conform: IUT engine not built yet: the in-process run needs the engine "
                    "(tls/include/gt/gt.h, gt_conn_*).\n"
                    "Use --server HOST:PORT, --server-cmd CMD or --client-cmd 'CMD {port}'.\n");
    return 2;
#endif
}

int main(int argc, char **argv)
{
    enum {
        O_SERVER = 256,
        O_SCMD,
        O_CCMD,
        O_FILTER,
        O_JUNIT,
        O_JSON,
        O_JOBS,
        O_TIMEOUT,
        O_PKI,
        O_CDIR,
        O_LIST,
        O_EXPECT,
        O_VERBOSE,
        O_CAUTH,
        O_SUITES
    };
    static const struct option opts[] = {
        {"server", 1, 0, O_SERVER},   {"server-cmd", 1, 0, O_SCMD},
        {"client-cmd", 1, 0, O_CCMD}, {"filter", 1, 0, O_FILTER},
        {"junit", 1, 0, O_JUNIT},     {"json", 1, 0, O_JSON},
        {"jobs", 1, 0, O_JOBS},       {"timeout", 1, 0, O_TIMEOUT},
        {"pki", 1, 0, O_PKI},         {"conform-dir", 1, 0, O_CDIR},
        {"list", 0, 0, O_LIST},       {"expect-failures", 1, 0, O_EXPECT},
        {"verbose", 0, 0, O_VERBOSE}, {"client-auth", 1, 0, O_CAUTH},
        {"suites", 1, 0, O_SUITES},   {0, 0, 0, 0}};
    gt_cf_target tg = {.mode = -1, .host = "127.0.0.1", .timeout_ms = 2000};
    const char *filter = NULL, *junit = NULL, *json = NULL, *expect = NULL;
    const char *pki = GT_SOURCE_DIR "/vectors/pki", *cdir = GT_SOURCE_DIR "/vectors/conform";
    int jobs = 4, list = 0, o;
    static gt_cf_env env;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_SERVER: {
            char *colon = strrchr(optarg, ':');
            if (colon == NULL) usage();
            snprintf(tg.host, sizeof(tg.host), "%.*s", (int)(colon - optarg), optarg);
            tg.port = atoi(colon + 1);
            tg.mode = GT_MODE_SERVER;
            break;
        }
        case O_SCMD:
            tg.mode = GT_MODE_SERVER_CMD, tg.cmd = optarg;
            break;
        case O_CCMD:
            tg.mode = GT_MODE_CLIENT_CMD, tg.cmd = optarg;
            break;
        case O_FILTER:
            filter = optarg;
            break;
        case O_JUNIT:
            junit = optarg;
            break;
        case O_JSON:
            json = optarg;
            break;
        case O_JOBS:
            jobs = atoi(optarg);
            break;
        case O_TIMEOUT:
            tg.timeout_ms = atoi(optarg);
            break;
        case O_PKI:
            pki = optarg;
            break;
        case O_CDIR:
            cdir = optarg;
            break;
        case O_LIST:
            list = 1;
            break;
        case O_EXPECT:
            expect = optarg;
            break;
        case O_VERBOSE:
            tg.verbose = 1;
            break;
        case O_SUITES:
            if (parse_suites(&env, optarg) != 0) usage();
            break;
        case O_CAUTH: /* the server's policy: require (default) or request */
            env.client_auth_optional = strcmp(optarg, "request") == 0;
            break;
        default:
            usage();
        }
    }
    if (optind != argc) usage();
    signal(SIGPIPE, SIG_IGN);
    register_all();
    if (list) return list_cases(), 0;
    env.pki_dir = pki;
    env.conform_dir = cdir;
    if (tg.mode < 0) return run_inproc(&tg, &env, filter, junit, json, expect);
    env.target = tg.mode == GT_MODE_CLIENT_CMD ? GT_TARGET_CLIENT : GT_TARGET_SERVER;
    if (load_pki(&env, pki) != 0) return 2;
    gt_cf_inst *in = NULL;
    size_t n = 0;
    if (run_target(&tg, &env, filter, jobs, &in, &n) != 0) return 2;
    return finish(in, n, &env, tg.verbose, junit, json, expect);
}
