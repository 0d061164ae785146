/* gt-soak (./gauntlet soak): the loopback soak test (soak.h).
 *
 *   gt-soak --server PATH/gt-server --pki vectors/pki [--seconds N]
 *           [--connections N] [--idle-timeout S]
 *
 * Starts gt-server, runs N client threads for the given time (each runs
 * the scenarios round robin, from a different starting point) and two slow
 * loris threads, prints a
 * status line every second (connections, handshakes/s, server VmRSS), then
 * the results per scenario, the failures by cause and the server's memory,
 * and ends with "N passed, M failed". Exit status 1 when a connection did
 * not behave as its scenario expects, when the server died, or when its
 * VmRSS at the end exceeds the level after warm-up by more than 10%. */
#include "soak.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS   64
#define LORIS_THREADS 2 /* slow loris connections open at any time */

static const char *const names[SCN_COUNT] = {"iut-full", "iut-large", "ossl-full", "ossl-resume",
                                             "abort",    "garbage",   "slowloris"};

const char *soak_scn_name(enum soak_scn s)
{
    return s < SCN_COUNT ? names[s] : "?";
}

void soak_fail(soak_stats *st, enum soak_scn s, const char *cause)
{
    char what[96];
    snprintf(what, sizeof what, "%s: %s", soak_scn_name(s), cause);
    for (size_t i = 0; i < st->n_causes; i++) {
        if (strcmp(st->cause[i].what, what) == 0) {
            st->cause[i].n++;
            return;
        }
    }
    if (st->n_causes < SOAK_MAX_CAUSES) {
        snprintf(st->cause[st->n_causes].what, sizeof st->cause[0].what, "%s", what);
        st->cause[st->n_causes++].n = 1;
    }
}

typedef struct {
    soak_target t;
    int idx, loris;
    volatile int *stop;
    soak_stats st;
} worker;

static int run_one(worker *w, enum soak_scn s, void **session)
{
    switch (s) {
    case SCN_IUT_FULL:
        return soak_iut(&w->t, &w->st, 0);
    case SCN_IUT_LARGE:
        return soak_iut(&w->t, &w->st, 1);
    case SCN_OSSL_FULL:
        return soak_ossl(&w->t, &w->st, session, 0);
    case SCN_OSSL_RESUME:
        return soak_ossl(&w->t, &w->st, session, 1);
    case SCN_ABORT:
        return soak_abort(&w->t, &w->st);
    case SCN_GARBAGE:
        return soak_garbage(&w->t, &w->st);
    case SCN_SLOWLORIS:
        return soak_slowloris(&w->t, &w->st, 200);
    default:
        return -1;
    }
}

/* The mix of each client thread: full handshakes most often. Slow loris
 * connections run in threads of their own (each lasts the server's idle
 * timeout, and would otherwise set the pace of the whole mix). */
static const enum soak_scn mix[] = {
    SCN_IUT_FULL,    SCN_OSSL_FULL, SCN_OSSL_RESUME, SCN_IUT_FULL, SCN_ABORT,
    SCN_OSSL_RESUME, SCN_GARBAGE,   SCN_IUT_LARGE,   SCN_IUT_FULL, SCN_OSSL_FULL,
    SCN_OSSL_RESUME, SCN_IUT_FULL,  SCN_OSSL_FULL,   SCN_ABORT,    SCN_GARBAGE,
};
#define MIX_N (sizeof mix / sizeof mix[0])

static void *worker_main(void *arg)
{
    worker *w = arg;
    void *session = NULL;
    for (size_t k = (size_t)w->idx * 5; !*w->stop; k++) {
        enum soak_scn s = w->loris ? SCN_SLOWLORIS : mix[k % MIX_N];
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (run_one(w, s, &session) == 0)
            w->st.passed[s]++;
        else
            w->st.failed[s]++;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (getenv("GT_SOAK_DEBUG"))
            fprintf(stderr, "%d %s %ld ms\n", w->idx, names[s],
                    (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
    }
    soak_ossl_session_free(session);
    soak_iut_thread_done();
    return NULL;
}

typedef struct {
    const char *server, *pki;
    int seconds, conns, idle_s;
} options;

static int parse(options *o, int argc, char **argv)
{
    *o = (options){NULL, "vectors/pki", 20, 8, 2};
    for (int i = 1; i < argc; i += 2) { /* every option takes a value */
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) return -1;
        if (!strcmp(a, "--server"))
            o->server = v;
        else if (!strcmp(a, "--pki"))
            o->pki = v;
        else if (!strcmp(a, "--seconds"))
            o->seconds = atoi(v);
        else if (!strcmp(a, "--connections"))
            o->conns = atoi(v);
        else if (!strcmp(a, "--idle-timeout"))
            o->idle_s = atoi(v);
        else
            return -1;
    }
    if (!o->server || o->seconds < 1 || o->seconds > 86400 || o->conns < 1 ||
        o->conns > MAX_THREADS || o->idle_s < 1 || o->idle_s > 60)
        return -1;
    return 0;
}

static void merge(soak_stats *all, const soak_stats *st)
{
    for (int s = 0; s < SCN_COUNT; s++) {
        all->passed[s] += st->passed[s];
        all->failed[s] += st->failed[s];
    }
    all->handshakes += st->handshakes;
    all->resumed += st->resumed;
    all->resume_tries += st->resume_tries;
    all->bytes += st->bytes;
    for (size_t i = 0; i < st->n_causes; i++)
        for (uint64_t k = 0; k < st->cause[i].n; k++) {
            char what[96];
            const char *colon = strchr(st->cause[i].what, ':');
            snprintf(what, sizeof what, "%s", colon ? colon + 2 : st->cause[i].what);
            int s = 0;
            while (s < SCN_COUNT && strncmp(st->cause[i].what, names[s], strlen(names[s])))
                s++;
            soak_fail(all, (enum soak_scn)s, what);
        }
}

static uint64_t handshakes_now(const worker *w, int n)
{
    uint64_t h = 0;
    for (int i = 0; i < n; i++)
        h += w[i].st.handshakes; /* racy read for the status line only */
    return h;
}

typedef struct {
    long start, warm, end, peak;
} rss_track;

/* One status line per second until the deadline; tracks VmRSS. */
static void monitor(const soak_server *sv, const options *o, const worker *w, rss_track *r)
{
    int warm_s = o->seconds / 4 > 2 ? o->seconds / 4 : 2;
    uint64_t last = 0;
    printf("%6s %10s %8s %10s\n", "time", "handshakes", "hs/s", "rss_kB");
    for (int t = 1; t <= o->seconds && soak_server_alive(sv); t++) {
        sleep(1);
        long kb = soak_server_rss_kb(sv);
        uint64_t h = handshakes_now(w, o->conns);
        printf("%5ds %10llu %8llu %10ld\n", t, (unsigned long long)h,
               (unsigned long long)(h - last), kb);
        fflush(stdout);
        last = h;
        if (kb > r->peak) r->peak = kb;
        if (t <= warm_s && kb > r->warm) r->warm = kb;
    }
}

static int report(const soak_stats *all, const rss_track *r, const options *o, uint64_t srv_ok,
                  uint64_t srv_fail, int alive)
{
    uint64_t passed = 0, failed = 0;
    printf("\n%-12s %8s %8s\n", "scenario", "passed", "failed");
    for (int s = 0; s < SCN_COUNT; s++) {
        printf("%-12s %8llu %8llu\n", names[s], (unsigned long long)all->passed[s],
               (unsigned long long)all->failed[s]);
        passed += all->passed[s];
        failed += all->failed[s];
    }
    printf("\nhandshakes: %llu (%.1f/s); OpenSSL resumptions: %llu of %llu offered; %llu bytes "
           "echoed\n",
           (unsigned long long)all->handshakes, (double)all->handshakes / o->seconds,
           (unsigned long long)all->resumed, (unsigned long long)all->resume_tries,
           (unsigned long long)all->bytes);
    printf("server: %llu connections served (%llu ok, %llu ended by a failure or a fault)\n",
           (unsigned long long)(srv_ok + srv_fail), (unsigned long long)srv_ok,
           (unsigned long long)srv_fail);
    if (all->n_causes) printf("failures by cause:\n");
    for (size_t i = 0; i < all->n_causes; i++)
        printf("  %6llu  %s\n", (unsigned long long)all->cause[i].n, all->cause[i].what);
    double growth = r->warm > 0 ? 100.0 * (double)(r->end - r->warm) / (double)r->warm : 0;
    printf("server VmRSS: start %ld kB, after warm-up %ld kB, peak %ld kB, end %ld kB (%+.1f%%)\n",
           r->start, r->warm, r->peak, r->end, growth);
    int bad = failed > 0 || !alive || r->end < 0 || growth > 10.0;
    if (!alive) printf("FAIL: the server died\n");
    if (growth > 10.0) printf("FAIL: server memory grew by more than 10%% after warm-up\n");
    printf("%llu passed, %llu failed\n", (unsigned long long)passed, (unsigned long long)failed);
    return bad;
}

int main(int argc, char **argv)
{
    options o;
    if (parse(&o, argc, argv)) {
        fprintf(stderr,
                "usage: %s --server GT_SERVER [--pki DIR] [--seconds N (20)] "
                "[--connections N (8, max 64)] [--idle-timeout S (2)]\n",
                argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    soak_server sv;
    soak_target t = {.pki = o.pki, .host = "127.0.0.1", .idle_s = o.idle_s};
    if (soak_server_start(&sv, o.server, o.pki, o.idle_s, t.port, sizeof t.port)) {
        fprintf(stderr, "gt-soak: cannot start %s\n", o.server);
        return 1;
    }
    soak_ossl_global_init(o.pki);
    rss_track r = {.start = soak_server_rss_kb(&sv)};
    printf("gt-soak: gt-server pid %d on 127.0.0.1:%s, %d clients for %d s\n", (int)sv.pid, t.port,
           o.conns, o.seconds);
    static worker w[MAX_THREADS + LORIS_THREADS];
    pthread_t th[MAX_THREADS + LORIS_THREADS];
    volatile int stop = 0;
    int nth = o.conns + LORIS_THREADS;
    for (int i = 0; i < nth; i++) {
        w[i] = (worker){.t = t, .idx = i, .loris = i >= o.conns, .stop = &stop};
        pthread_create(&th[i], NULL, worker_main, &w[i]);
    }
    monitor(&sv, &o, w, &r);
    stop = 1;
    soak_stats all = {0};
    for (int i = 0; i < nth; i++) {
        pthread_join(th[i], NULL);
        merge(&all, &w[i].st);
    }
    sleep(1); /* connections in their linger time end */
    r.end = soak_server_rss_kb(&sv);
    int alive = soak_server_alive(&sv);
    uint64_t ok = 0, fail = 0;
    soak_server_stop(&sv, &ok, &fail);
    int bad = report(&all, &r, &o, ok, fail, alive);
    if (bad)
        fprintf(stderr, "gt-soak: server log kept in %s\n", sv.log);
    else
        unlink(sv.log);
    return bad;
}
