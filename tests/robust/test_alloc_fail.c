/* Allocation-failure injection (issue 11 §1). For each scenario (a full
 * handshake per suite family, then data both ways and close_notify both
 * ways) and each role, the Nth allocation of that role's gt_config is made
 * to fail, for N = 1, 2, ... until a run completes without a failure. Each
 * run must end either complete (data intact, both sides CLOSED) or in a
 * clean failure:
 *   - every call that reported an error reported GT_ERR_ALLOC, and
 *     constructors returned NULL;
 *   - a connection that exists but is not OPEN accepts no application
 *     data: write takes nothing, and a FAILED one returns its sticky error
 *     from write, read and feed;
 *   - after everything is freed, no block is live (no leak), no free was of
 *     an unknown block or with a wrong size, and no freed block held the
 *     session's secrets (robust.h).
 * A setup step that failed does not stop the run: the half-configured
 * config (no chain, no trust anchors) is used anyway, which is how a caller
 * that ignores the error would use it, and must fail the handshake cleanly.
 * The suites the engine does not offer yet are skipped (and said so). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gt/gt.h"
#include "robust/robust.h"
#include "util/pipe.h"
#include "util/testutil.h"

enum feature { F_FULL, F_RESUME_ID, F_RESUME_TICKET, F_CLIENT_AUTH };

typedef struct {
    const char *suite; /* IANA name */
    const char *leaf;  /* server chain in vectors/pki */
    enum feature f;
} scenario;

/* One per suite family (key exchange x authentication x record
 * protection), then the session features: resumption by session ID and by
 * ticket (a second connection offers the first one's session and must be
 * resumed), and client authentication (required, with a client chain). */
static const scenario scenarios[] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "server-p256", F_FULL},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "server-rsa2048", F_FULL},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "server-p384", F_FULL},
    {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "server-rsa2048", F_FULL},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "server-p256", F_FULL},
    {"TLS_RSA_WITH_AES_128_GCM_SHA256", "server-rsa2048", F_FULL},
    {"TLS_RSA_WITH_AES_256_CBC_SHA256", "server-rsa2048", F_FULL},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "server-p256", F_RESUME_ID},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "server-rsa2048", F_RESUME_TICKET},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "server-p256", F_CLIENT_AUTH},
};
static const char *const feature_names[] = {"full", "resume-id", "resume-ticket", "client-auth"};
#define N_SCENARIOS (sizeof scenarios / sizeof scenarios[0])

enum { DATA_LEN = 40000 };

typedef struct {
    size_t runs, completed, clean_failures, sites;
} tally;

static uint64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return TU_FIXED_TIME;
}

/* 1 when the engine offers the suite (parts of it are still being
 * written: CBC and RSA key exchange). */
static int suite_supported(uint16_t id)
{
    if (id == 0) return 0;
    gt_config *cfg = gt_config_new(NULL);
    assert_non_null(cfg);
    if (gt_config_set_option(cfg, GT_OPT_RSA_KX, 1)) fail(); /* static RSA is opt-in */
    int ok = gt_config_set_suites(cfg, &id, 1) == 0;
    gt_config_free(cfg);
    return ok;
}

/* A setup call either worked or ran out of memory: nothing else. */
static void setup_rc(int rc, const rb_alloc *a)
{
    if (rc == 0) return;
    assert_int_equal(rc, GT_ERR_ALLOC);
    assert_true(a->fails > 0);
}

static gt_config *make_config(rb_alloc *a, gt_drbg *d, uint64_t seed, uint16_t suite,
                              const char *leaf, rb_keylog *kl, enum feature f)
{
    uint8_t s[8];
    for (int i = 0; i < 8; i++)
        s[i] = (uint8_t)(seed >> (8 * i));
    gt_drbg_init_seed(d, s, sizeof s);
    gt_config *cfg = gt_config_new(&a->al);
    if (!cfg) return NULL;
    gt_config_set_rng(cfg, gt_rng_drbg, d);
    gt_config_set_clock(cfg, fixed_clock, NULL);
    gt_config_set_keylog(cfg, rb_keylog_fn, kl);
    setup_rc(gt_config_set_option(cfg, GT_OPT_RSA_KX, 1), a);
    setup_rc(gt_config_set_suites(cfg, &suite, 1), a);
    setup_rc(leaf ? tu_add_chain(cfg, leaf) : tu_add_trust(cfg), a);
    if (f == F_RESUME_ID || f == F_RESUME_TICKET) {
        gt_session_opts so = {.cache_slots = f == F_RESUME_ID ? 8 : 0,
                              .tickets = f == F_RESUME_TICKET};
        setup_rc(gt_config_set_sessions(cfg, &so), a);
    }
    if (f == F_CLIENT_AUTH && leaf) {
        setup_rc(tu_add_trust(cfg), a);
        setup_rc(gt_config_set_client_auth(cfg, GT_CLIENT_AUTH_REQUIRE), a);
    }
    if (f == F_CLIENT_AUTH && !leaf) setup_rc(tu_add_chain(cfg, "client-p256"), a);
    return cfg;
}

/* A connection that is not OPEN takes no application data; a FAILED one
 * answers every call with its sticky error. */
static void check_not_half_open(gt_conn *c)
{
    if (!c || gt_conn_state(c) == GT_STATE_OPEN || gt_conn_state(c) == GT_STATE_CLOSED) return;
    uint8_t buf[64] = {0};
    size_t n = 99;
    int w = gt_conn_write(c, buf, sizeof buf, &n);
    assert_true(w < 0);
    assert_int_equal(n, 0);
    if (gt_conn_state(c) != GT_STATE_FAILED) return;
    int err = gt_conn_error(c, NULL);
    assert_true(err < 0);
    assert_int_equal(w, err);
    n = 99;
    assert_int_equal(gt_conn_read(c, buf, sizeof buf, &n), err);
    assert_int_equal(n, 0);
    n = 99;
    assert_int_equal(gt_conn_feed(c, buf, 5, &n), err);
}

/* Data both ways, checked by hash, then close_notify both ways. */
static void exchange_and_close(tu_pipe *p)
{
    static uint8_t data[DATA_LEN];
    uint8_t want[32], got[32];
    tu_fill(data, sizeof data, 11);
    for (int side = 0; side < 2; side++) {
        size_t off = 0, taken, rounds = 0;
        while (off < sizeof data && rounds++ < 1000) {
            int rc = gt_conn_write(p->c[side], data + off, sizeof data - off, &taken);
            assert_true(rc == 0 || rc == GT_ERR_WANT_OUTPUT);
            off += taken;
            tu_pipe_run(p, 100);
        }
        tu_pipe_run(p, 100);
        assert_int_equal(p->got_total[1 - side], sizeof data);
        gt_sha256_ctx h;
        gt_sha256_init(&h);
        gt_sha256_update(&h, data, sizeof data);
        gt_sha256_final(&h, want);
        tu_pipe_digest(p, 1 - side, got);
        assert_memory_equal(want, got, 32);
        p->got_total[1 - side] = 0;
    }
    assert_int_equal(gt_conn_close(p->c[0]), 0);
    tu_pipe_run(p, 100);
    assert_int_equal(gt_conn_close(p->c[1]), 0);
    tu_pipe_run(p, 100);
    assert_true(p->got_closed[0] && p->got_closed[1]);
}

/* The session's master secret (from the key log), for the scan of freed
 * blocks; test_wipe.c looks for the other secrets on every exit path. */
static void add_session_secrets(rb_alloc *a, const rb_keylog *kl)
{
    if (kl->have) rb_add_secret(a, kl->master, 48, "master secret");
}

/* Distinct allocation call sites seen in complete runs, over all
 * scenarios and roles. */
static void *all_sites[RB_MAX_SITES * 4][2];
static size_t n_all_sites;

static void merge_sites(const rb_alloc *a)
{
    for (size_t i = 0; i < a->n_sites; i++) {
        size_t j = 0;
        while (j < n_all_sites &&
               (all_sites[j][0] != a->site[i][0] || all_sites[j][1] != a->site[i][1]))
            j++;
        if (j == n_all_sites && n_all_sites < RB_MAX_SITES * 4) {
            all_sites[n_all_sites][0] = a->site[i][0];
            all_sites[n_all_sites++][1] = a->site[i][1];
        }
    }
}

/* One connection between the two configs; the client offers `session`
 * (when given) and, when `out` is given, exports its session into it.
 * Returns 1 when the connection completed (data and close_notify). */
static int one_conn(gt_config *cc, gt_config *sc, const rb_alloc *fa, const scenario *s,
                    tu_bytes *session, tu_bytes *out)
{
    gt_conn *c = cc ? gt_conn_new(cc, GT_ROLE_CLIENT, "localhost") : NULL;
    gt_conn *v = sc ? gt_conn_new(sc, GT_ROLE_SERVER, NULL) : NULL;
    if ((cc && !c) || (sc && !v) || !cc || !sc) assert_true(fa->fails > 0);
    if (c && session && session->len)
        assert_int_equal(gt_conn_set_session(c, session->p, session->len), 0);
    int complete = 0;
    if (c && v) {
        tu_pipe p;
        tu_pipe_init(&p, c, v);
        if (tu_pipe_handshake(&p, 200) == 0) {
            gt_conn_info ic, iv;
            assert_int_equal(gt_conn_info_get(c, &ic), 0);
            assert_int_equal(gt_conn_info_get(v, &iv), 0);
            if (s->f == F_CLIENT_AUTH) assert_true(iv.client_cert);
            /* a resumption may fall back to a full handshake only when an
             * allocation failed (a cache or ticket key that is missing) */
            if (session && fa->fails == 0) assert_true(ic.resumed && iv.resumed);
            if (out) {
                uint8_t buf[GT_SESSION_EXPORT_MAX];
                size_t n = 0;
                int rc = gt_conn_session_export(c, buf, sizeof buf, &n);
                /* no session to resume: only when the server's cache or
                 * ticket key could not be allocated */
                if (rc) assert_true(rc == GT_ERR_STATE && fa->fails > 0);
                if (!rc) tu_bytes_append(out, buf, n);
                memset(buf, 0, sizeof buf);
            }
            exchange_and_close(&p);
            complete = 1;
        } else {
            /* the side that is left waiting learns of the end of stream */
            for (int i = 0; i < 2; i++)
                if (gt_conn_state(p.c[i]) == GT_STATE_HANDSHAKING)
                    assert_int_equal(gt_conn_eof(p.c[i]), GT_ERR_TRUNCATED);
        }
        tu_pipe_free(&p);
    } else if (c) {
        assert_int_equal(gt_conn_eof(c), GT_ERR_TRUNCATED);
    }
    check_not_half_open(c);
    check_not_half_open(v);
    gt_conn_free(c);
    gt_conn_free(v);
    return complete;
}

/* One run with the Nth allocation of side `role` failing. Returns 1 when
 * the run completed without a failure, 0 when it failed cleanly. */
static int run_once(const scenario *s, uint16_t suite, gt_role role, size_t fail_at, size_t *allocs)
{
    rb_alloc fa, ok;
    rb_init(&fa, fail_at);
    rb_init(&ok, 0);
    rb_alloc *ca = role == GT_ROLE_CLIENT ? &fa : &ok, *sa = role == GT_ROLE_SERVER ? &fa : &ok;
    gt_drbg dc, ds;
    rb_keylog kl = {0};
    gt_config *cc = make_config(ca, &dc, 1, suite, NULL, &kl, s->f);
    gt_config *sc = make_config(sa, &ds, 2, suite, s->leaf, &kl, s->f);
    int resume = s->f == F_RESUME_ID || s->f == F_RESUME_TICKET;
    tu_bytes session = {0};
    int complete = one_conn(cc, sc, &fa, s, NULL, resume ? &session : NULL);
    if (complete && resume) complete = one_conn(cc, sc, &fa, s, &session, NULL);
    if (session.p) memset(session.p, 0, session.cap);
    tu_bytes_free(&session);
    add_session_secrets(&fa, &kl);
    add_session_secrets(&ok, &kl);
    if (fa.fails == 0) assert_true(complete); /* the baseline must work */
    gt_config_free(cc);
    gt_config_free(sc);
    if (!rb_clean(&fa) || !rb_clean(&ok) || fa.found || ok.found)
        print_message("%s %s %s fail_at=%zu: live %zu blocks %zu bytes, bad free %d, found %s%s\n",
                      s->suite, feature_names[s->f], role == GT_ROLE_CLIENT ? "client" : "server",
                      fail_at, fa.live_blocks, fa.live_bytes, fa.bad_free, fa.found_what,
                      ok.found_what);
    assert_true(rb_clean(&fa));
    assert_true(rb_clean(&ok));
    assert_int_equal(fa.found + ok.found, 0);
    *allocs = fa.calls;
    if (fa.fails == 0) merge_sites(&fa);
    return complete && fa.fails == 0;
}

static void sweep(const scenario *s, gt_role role, tally *t)
{
    uint16_t suite = gt_suite_by_name(s->suite);
    size_t n, allocs = 0;
    for (n = 1; n < 10000; n++) {
        t->runs++;
        if (run_once(s, suite, role, n, &allocs)) break;
        t->clean_failures++;
    }
    assert_true(n < 10000);
    t->completed++;
    /* the complete run made n - 1 allocations: each failed once */
    assert_int_equal(allocs, n - 1);
    print_message("alloc-fail: %-46s %-13s %s: %zu allocations, each failed once\n", s->suite,
                  feature_names[s->f], role == GT_ROLE_CLIENT ? "client" : "server", n - 1);
    t->sites += n - 1;
}

static void test_every_allocation_fails_cleanly(void **state)
{
    (void)state;
    tally t = {0};
    size_t skipped = 0;
    for (size_t i = 0; i < N_SCENARIOS; i++) {
        uint16_t id = gt_suite_by_name(scenarios[i].suite);
        if (!suite_supported(id)) {
            print_message("alloc-fail: %s not offered by the engine yet: skipped\n",
                          scenarios[i].suite);
            skipped++;
            continue;
        }
        sweep(&scenarios[i], GT_ROLE_CLIENT, &t);
        sweep(&scenarios[i], GT_ROLE_SERVER, &t);
    }
    print_message("alloc-fail: %zu distinct allocation call sites exercised\n", n_all_sites);
    print_message("alloc-fail: %zu runs, %zu complete, %zu clean failures, %zu allocation calls "
                  "failed one at a time; %zu suites skipped\n",
                  t.runs, t.completed, t.clean_failures, t.sites, skipped);
    assert_true(t.completed >= 6); /* at least the AEAD ECDHE families x 2 roles */
    assert_true(n_all_sites >= 3);
}

/* Distinct call sites (by return addresses) of one complete run per role. */
static void test_sites_reported(void **state)
{
    (void)state;
    for (int role = 0; role < 2; role++) {
        rb_alloc a;
        rb_init(&a, 0);
        gt_drbg d;
        rb_keylog kl = {0};
        uint16_t suite = gt_suite_by_name(scenarios[0].suite);
        gt_config *cfg =
            make_config(&a, &d, 3, suite, role ? scenarios[0].leaf : NULL, &kl, F_FULL);
        assert_non_null(cfg);
        gt_conn *c = gt_conn_new(cfg, (gt_role)role, role ? NULL : "localhost");
        assert_non_null(c);
        print_message("alloc-fail: %s: %zu allocation calls from %zu distinct call sites\n",
                      role ? "server" : "client", a.calls, a.n_sites);
        assert_true(a.n_sites >= 2);
        gt_conn_free(c);
        gt_config_free(cfg);
        assert_true(rb_clean(&a));
    }
}

/* The checker itself: a leak, a double free, a wrong size and a secret left
 * in a freed block are all seen (a test that cannot fail is a defect). */
static void test_checker_catches(void **state)
{
    (void)state;
    rb_alloc a;
    rb_init(&a, 0);
    uint8_t secret[48];
    tu_fill(secret, sizeof secret, 5);
    rb_add_secret(&a, secret, sizeof secret, "test secret");
    uint8_t *p = a.al.alloc(a.al.ctx, 100), *q = a.al.alloc(a.al.ctx, 10);
    assert_false(rb_clean(&a)); /* two live blocks */
    memcpy(p + 30, secret + 16, 16);
    a.al.free(a.al.ctx, p, 100);
    assert_int_equal(a.found, 1);
    a.al.free(a.al.ctx, q, 11); /* wrong size */
    assert_true(a.bad_free);
    rb_init(&a, 2);
    p = a.al.alloc(a.al.ctx, 8);
    assert_non_null(p);
    assert_null(a.al.alloc(a.al.ctx, 8)); /* the second call fails */
    a.al.free(a.al.ctx, p, 8);
    assert_true(rb_clean(&a));
    a.al.free(a.al.ctx, p, 8); /* double free */
    assert_true(a.bad_free);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checker_catches),
        cmocka_unit_test(test_sites_reported),
        cmocka_unit_test(test_every_allocation_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
