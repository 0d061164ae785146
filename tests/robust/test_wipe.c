/* Hardening (issue 11 §6): secrets are wiped on every exit path. The
 * connections and configs allocate through robust.h's allocator, which
 * scans each block it frees for the session's secrets:
 *   - the master secret (as the keylog callback gives it out),
 *   - the key block derived from it (RFC 5246 §6.3: MAC keys, write keys,
 *     IVs), computed here from the key log and the randoms on the wire,
 *   - both sides' ECDHE private values: every output of the RNG callback
 *     that does not appear on the wire (the randoms do) is private,
 *   - the server's long-term private key (on gt_config_free).
 * Exit paths: clean close, a fatal alert during the handshake and after it
 * (a tampered record), and gt_conn_free at every point of an unfinished
 * handshake. After a fatal error the live connection must already be free
 * of the keys (gt.h: the engine wipes them on failure), not only at free. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gt/gt_x509.h"
#include "handshake/hs.h"
#include "robust/robust.h"
#include "util/pipe.h"
#include "util/testutil.h"

typedef struct sess sess;

typedef struct {
    gt_drbg d;
    sess *s;
} rec_rng;

struct sess {
    rb_alloc ca, sa; /* client and server allocators */
    rec_rng rc, rs;
    rb_keylog kl;
    gt_config *cc, *sc;
    gt_conn *client, *server;
    tu_pipe p;
    int tamper_at; /* client record number to corrupt (0: none) */
    int tamper_n;  /* client output chunks seen */
    struct {
        uint8_t b[64];
        size_t n;
    } rnd[64]; /* RNG outputs of both sides */
    size_t n_rnd;
};

/* The RNG callback: the seeded DRBG, with every output remembered. */
static int rng(void *ctx, uint8_t *out, size_t n)
{
    rec_rng *r = ctx;
    if (gt_rng_drbg(&r->d, out, n)) return -1;
    sess *s = r->s;
    if (n >= 16 && n <= sizeof s->rnd[0].b && s->n_rnd < sizeof s->rnd / sizeof s->rnd[0]) {
        memcpy(s->rnd[s->n_rnd].b, out, n);
        s->rnd[s->n_rnd++].n = n;
    }
    return 0;
}

static uint64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return TU_FIXED_TIME;
}

static gt_config *config(sess *s, rb_alloc *a, rec_rng *r, uint8_t seed)
{
    rb_init(a, 0);
    gt_drbg_init_seed(&r->d, &seed, 1);
    r->s = s;
    gt_config *cfg = gt_config_new(&a->al);
    assert_non_null(cfg);
    gt_config_set_rng(cfg, rng, r);
    gt_config_set_clock(cfg, fixed_clock, NULL);
    gt_config_set_keylog(cfg, rb_keylog_fn, &s->kl);
    return cfg;
}

/* Flips one bit in the tamper_at-th chunk of client output: its last byte
 * is in the last record's tag or MAC. */
static void tamper(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    sess *s = ctx;
    (void)cap;
    if (from != 0 || *n == 0) return;
    if (++s->tamper_n == s->tamper_at) buf[*n - 1] ^= 0x01;
}

/* The server's private key, registered with the server config's allocator. */
static void add_key_secrets(rb_alloc *a, const char *leaf)
{
    char name[128];
    size_t n;
    snprintf(name, sizeof name, "%s.key", leaf);
    uint8_t *pem = tu_read_file(tu_pki(name), &n), buf[8192];
    gt_x509_privkey k;
    assert_int_equal(gt_x509_privkey_load(&k, pem, n, buf, sizeof buf), 0);
    if (k.type == GT_X509_KEY_EC) {
        rb_add_secret(a, k.ec_priv.p, k.ec_priv.len, "EC private key");
    } else {
        rb_add_secret(a, k.d.p, k.d.len, "RSA d");
        rb_add_secret(a, k.p.p, k.p.len, "RSA p");
        rb_add_secret(a, k.q.p, k.q.len, "RSA q");
    }
    free(pem);
}

static void start(sess *s, const char *suite, const char *leaf)
{
    memset(s, 0, sizeof *s);
    s->cc = config(s, &s->ca, &s->rc, 1);
    s->sc = config(s, &s->sa, &s->rs, 2);
    uint16_t id = gt_suite_by_name(suite);
    assert_int_equal(gt_config_set_suites(s->cc, &id, 1), 0);
    assert_int_equal(tu_add_trust(s->cc), 0);
    assert_int_equal(tu_add_chain(s->sc, leaf), 0);
    add_key_secrets(&s->sa, leaf);
    s->client = gt_conn_new(s->cc, GT_ROLE_CLIENT, "localhost");
    s->server = gt_conn_new(s->sc, GT_ROLE_SERVER, NULL);
    assert_non_null(s->client);
    assert_non_null(s->server);
    tu_pipe_init(&s->p, s->client, s->server);
    s->p.keep_wire = 1;
    s->p.tamper = tamper;
    s->p.tamper_ctx = s;
}

static void add_both(sess *s, const uint8_t *p, size_t n, const char *what)
{
    rb_add_secret(&s->ca, p, n, what);
    rb_add_secret(&s->sa, p, n, what);
}

static int on_wire(const sess *s, const uint8_t *p, size_t n)
{
    for (int i = 0; i < 2; i++)
        if (rb_contains(s->p.wire[i].p, s->p.wire[i].len, p, n)) return 1;
    return 0;
}

/* RNG outputs that never went on the wire: private values (ECDHE keys).
 * Returns how many. */
static size_t add_private_randoms(sess *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n_rnd; i++) {
        if (on_wire(s, s->rnd[i].b, s->rnd[i].n)) continue;
        add_both(s, s->rnd[i].b, s->rnd[i].n, "private RNG output (ECDHE key)");
        k++;
    }
    return k;
}

static size_t run(sess *s, size_t max_rounds)
{
    return tu_pipe_run(&s->p, max_rounds);
}

/* The master secret from the key log, and the key block it expands to with
 * the randoms from the wire (ServerHello.random at offset 5 + 4 + 2). */
static void add_session_secrets(sess *s)
{
    if (!s->kl.have) return;
    add_both(s, s->kl.master, 48, "master secret");
    gt_conn_info info;
    if (gt_conn_info_get(s->client, &info) || !info.suite || s->p.wire[1].len < 43) return;
    const gt_suite_info *si = gt_suite_info_get(info.suite);
    assert_non_null(si);
    uint8_t kb[256];
    size_t n = gt_ks_key_block_len(si);
    assert_true(n <= sizeof kb);
    assert_int_equal(
        gt_ks_key_block(si, s->kl.master, s->kl.client_random, s->p.wire[1].p + 11, kb, sizeof kb),
        0);
    add_both(s, kb, n, "key block");
}

/* A failed connection, still allocated, holds no keys any more. */
static void check_live_wiped(sess *s, gt_conn *c)
{
    if (gt_conn_state(c) != GT_STATE_FAILED) return;
    /* scan a copy: parts of a live block were never written (MSan) */
    uint8_t *copy = malloc(c->mem_size);
    assert_non_null(copy);
    memcpy(copy, c->raw, c->mem_size);
    RB_UNPOISON(copy, c->mem_size);
    const char *what = rb_scan(&s->ca, copy, c->mem_size);
    free(copy);
    if (what) print_message("failed connection still holds the %s\n", what);
    assert_null(what);
}

static void finish(sess *s)
{
    add_session_secrets(s);
    add_private_randoms(s);
    check_live_wiped(s, s->client);
    check_live_wiped(s, s->server);
    tu_pipe_free(&s->p);
    gt_conn_free(s->client);
    gt_conn_free(s->server);
    gt_config_free(s->cc);
    gt_config_free(s->sc);
    if (s->ca.found || s->sa.found)
        print_message("freed memory held the %s%s\n", s->ca.found_what, s->sa.found_what);
    assert_int_equal(s->ca.found + s->sa.found, 0);
    assert_true(rb_clean(&s->ca));
    assert_true(rb_clean(&s->sa));
}

static const char *const suites[][2] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "server-p256"},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "server-rsa2048"},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "server-p384"},
};
#define N_SUITES (sizeof suites / sizeof suites[0])

static void test_clean_close(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SUITES; i++) {
        sess s;
        start(&s, suites[i][0], suites[i][1]);
        run(&s, 100);
        assert_int_equal(gt_conn_state(s.client), GT_STATE_OPEN);
        size_t taken;
        assert_int_equal(gt_conn_write(s.client, (const uint8_t *)"hello", 5, &taken), 0);
        assert_int_equal(gt_conn_close(s.client), 0);
        run(&s, 100);
        assert_int_equal(gt_conn_close(s.server), 0);
        run(&s, 100);
        assert_true(s.p.got_closed[0] && s.p.got_closed[1]);
        assert_true(s.kl.have);
        assert_true(add_private_randoms(&s) >= 2); /* both ECDHE keys */
        finish(&s);
    }
}

/* The client's second flight (its Finished) or, after the handshake, an
 * application record is corrupted: the server fails with a fatal alert. */
static void test_fatal_alert(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SUITES; i++) {
        for (int at = 2; at <= 3; at++) {
            sess s;
            start(&s, suites[i][0], suites[i][1]);
            s.tamper_at = at;
            run(&s, 100);
            if (at == 3) {
                size_t taken;
                assert_int_equal(gt_conn_state(s.client), GT_STATE_OPEN);
                assert_int_equal(gt_conn_write(s.client, (const uint8_t *)"data", 4, &taken), 0);
                run(&s, 100);
            }
            assert_int_equal(gt_conn_state(s.server), GT_STATE_FAILED);
            assert_int_equal(gt_conn_state(s.client), GT_STATE_FAILED); /* got the alert */
            assert_true(s.kl.have);
            finish(&s);
        }
    }
}

/* The server's session cache and ticket keys live in its config: after a
 * full handshake and a resumption (by ticket, then by ID), gt_config_free
 * must leave no master secret behind, nor may the client connections. */
static void test_sessions_wiped(void **state)
{
    (void)state;
    for (int tickets = 0; tickets < 2; tickets++) {
        sess s;
        start(&s, suites[0][0], suites[0][1]);
        /* start() made the connections; sessions must be set before any
         * connection exists, so build a fresh pair of configs' conns */
        tu_pipe_free(&s.p);
        gt_conn_free(s.client);
        gt_conn_free(s.server);
        gt_session_opts so = {.cache_slots = 4, .tickets = tickets};
        assert_int_equal(gt_config_set_sessions(s.sc, &so), 0);
        assert_int_equal(gt_config_set_sessions(s.cc, &so), 0);
        uint8_t blob[GT_SESSION_EXPORT_MAX];
        size_t blen = 0;
        for (int round = 0; round < 2; round++) {
            s.client = gt_conn_new(s.cc, GT_ROLE_CLIENT, "localhost");
            s.server = gt_conn_new(s.sc, GT_ROLE_SERVER, NULL);
            if (round) assert_int_equal(gt_conn_set_session(s.client, blob, blen), 0);
            tu_pipe_init(&s.p, s.client, s.server);
            s.p.keep_wire = 1;
            run(&s, 100);
            gt_conn_info info;
            assert_int_equal(gt_conn_info_get(s.client, &info), 0);
            assert_int_equal(info.resumed, round);
            if (!round) {
                assert_int_equal(gt_conn_session_export(s.client, blob, sizeof blob, &blen), 0);
                add_session_secrets(&s);
                tu_pipe_free(&s.p);
                gt_conn_free(s.client);
                gt_conn_free(s.server);
            }
        }
        memset(blob, 0, sizeof blob); /* the exported session is ours to wipe */
        finish(&s);
    }
}

/* gt_conn_free in the middle of the handshake, after each round. */
static void test_free_mid_handshake(void **state)
{
    (void)state;
    size_t points = 0;
    for (size_t i = 0; i < N_SUITES; i++) {
        for (size_t k = 0;; k++) {
            sess s;
            start(&s, suites[i][0], suites[i][1]);
            size_t r = run(&s, k);
            int open = gt_conn_state(s.client) == GT_STATE_OPEN &&
                       gt_conn_state(s.server) == GT_STATE_OPEN;
            finish(&s);
            points++;
            if (open || r < k) break;
        }
    }
    print_message("wipe: freed at %zu points of unfinished handshakes\n", points);
    assert_true(points >= 3 * N_SUITES);
}

/* The check can fail: a connection block that still held the master secret
 * at free would be reported. */
static void test_detects_unwiped(void **state)
{
    (void)state;
    sess s;
    start(&s, suites[0][0], suites[0][1]);
    run(&s, 100);
    assert_true(s.kl.have);
    add_session_secrets(&s);
    /* copy the master secret into an engine-allocated block (the server
     * connection's input buffer), then free a copy of the block ourselves
     * as if the engine forgot to wipe */
    uint8_t *blk = s.sa.al.alloc(s.sa.al.ctx, 256);
    memcpy(blk + 100, s.kl.master, 48);
    s.sa.al.free(s.sa.al.ctx, blk, 256);
    assert_int_equal(s.sa.found, 1);
    s.sa.found = 0;
    tu_pipe_free(&s.p);
    gt_conn_free(s.client);
    gt_conn_free(s.server);
    gt_config_free(s.cc);
    gt_config_free(s.sc);
    assert_int_equal(s.ca.found + s.sa.found, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detects_unwiped), cmocka_unit_test(test_clean_close),
        cmocka_unit_test(test_fatal_alert),     cmocka_unit_test(test_free_mid_handshake),
        cmocka_unit_test(test_sessions_wiped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
