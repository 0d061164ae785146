/* Tests for tls/handshake/session_cache.c: the bounded session-ID cache
 * (store, find, replace by ID, lifetime, the oldest evicted when full),
 * and gt_config_set_sessions (once only, through the config's allocator,
 * everything given back and wiped at gt_config_free). */
#include "util/sess_pair.h"

#include <stdlib.h>

static void make(gt_session *s, uint8_t id, uint64_t created, uint32_t lifetime)
{
    memset(s, 0, sizeof *s);
    s->suite = 0xC02F;
    s->ems = 1;
    s->id_len = 32;
    memset(s->id, id, 32);
    tu_fill(s->master, 48, id);
    s->created = created;
    s->lifetime = lifetime;
}

static void test_put_get(void **state)
{
    (void)state;
    gt_drbg d;
    gt_config *cfg = tu_config(&d, 1);
    gt_sess_cache *sc = gt_sess_cache_new(cfg, 4);
    gt_session s, got;
    uint64_t t0 = 1000;
    assert_non_null(sc);
    assert_null(gt_sess_cache_new(cfg, 0));
    make(&s, 1, t0, 100);
    gt_sess_cache_put(sc, &s, t0);
    assert_int_equal(gt_sess_cache_get(sc, s.id, 32, t0, &got), 1);
    assert_memory_equal(&s, &got, sizeof s);
    /* Another ID, a prefix of the ID, an empty ID: not found. */
    uint8_t other[32];
    memset(other, 2, 32);
    assert_int_equal(gt_sess_cache_get(sc, other, 32, t0, &got), 0);
    assert_int_equal(gt_sess_cache_get(sc, s.id, 31, t0, &got), 0);
    assert_int_equal(gt_sess_cache_get(sc, s.id, 0, t0, &got), 0);
    /* The same ID again replaces the entry. */
    s.master[0] ^= 1;
    gt_sess_cache_put(sc, &s, t0);
    assert_int_equal(gt_sess_cache_count(sc, t0), 1);
    assert_int_equal(gt_sess_cache_get(sc, s.id, 32, t0, &got), 1);
    assert_int_equal(got.master[0], s.master[0]);
    /* Lifetime: fresh up to and including created + lifetime. */
    assert_int_equal(gt_sess_cache_get(sc, s.id, 32, t0 + 100, &got), 1);
    assert_int_equal(gt_sess_cache_get(sc, s.id, 32, t0 + 101, &got), 0);
    /* ...and an expired entry is dropped when found. */
    assert_int_equal(gt_sess_cache_count(sc, t0), 0);
    /* A creation time in the future is not trusted. */
    make(&s, 3, t0 + 50, 100);
    gt_sess_cache_put(sc, &s, t0);
    assert_int_equal(gt_sess_cache_get(sc, s.id, 32, t0, &got), 0);
    gt_sess_cache_free(cfg, sc);
    gt_config_free(cfg);
}

static void test_bounded(void **state)
{
    (void)state;
    gt_drbg d;
    gt_config *cfg = tu_config(&d, 1);
    gt_sess_cache *sc = gt_sess_cache_new(cfg, 3);
    gt_session s, got;
    for (uint8_t i = 1; i <= 10; i++) {
        make(&s, i, 1000 + i, 1000);
        gt_sess_cache_put(sc, &s, 1000 + i);
        assert_true(gt_sess_cache_count(sc, 1000 + i) <= 3);
    }
    /* The three newest remain. */
    for (uint8_t i = 1; i <= 10; i++) {
        make(&s, i, 0, 0);
        assert_int_equal(gt_sess_cache_get(sc, s.id, 32, 1010, &got), i >= 8);
    }
    /* An expired slot is reused before the oldest fresh one: 9 gets a
     * 1 s lifetime, so at 1011 its slot goes to 21 and 8 stays. */
    make(&s, 9, 1009, 1);
    gt_sess_cache_put(sc, &s, 1010);
    make(&s, 21, 1011, 1000);
    gt_sess_cache_put(sc, &s, 1011);
    uint8_t stay[] = {8, 10, 21};
    for (size_t i = 0; i < 3; i++) {
        make(&s, stay[i], 0, 0);
        assert_int_equal(gt_sess_cache_get(sc, s.id, 32, 1011, &got), 1);
    }
    gt_sess_cache_free(cfg, sc);
    gt_config_free(cfg);
}

/* A counting allocator: every byte comes back, and secrets are wiped. */
typedef struct {
    size_t live, calls;
    int fail_at; /* 0: never */
} counter;

static void *c_alloc(void *ctx, size_t n)
{
    counter *c = ctx;
    if (c->fail_at && ++c->calls == (size_t)c->fail_at) return NULL;
    c->live += n;
    return malloc(n);
}

static void c_free(void *ctx, void *p, size_t n)
{
    counter *c = ctx;
    c->live -= n;
    for (size_t i = 0; i < n; i++)
        if (((uint8_t *)p)[i] != 0) fail_msg("freed block not wiped at byte %zu", i);
    free(p);
}

static void test_config(void **state)
{
    (void)state;
    counter k = {0, 0, 0};
    gt_allocator a = {c_alloc, c_free, &k};
    gt_config *cfg = gt_config_new(&a);
    size_t base = k.live;
    gt_session_opts o = {100, 1, 60, 30};
    assert_int_equal(gt_config_set_sessions(NULL, &o), GT_ERR_ARG);
    assert_int_equal(gt_config_set_sessions(cfg, NULL), GT_ERR_ARG);
    assert_int_equal(gt_config_set_sessions(cfg, &o), 0);
    assert_true(k.live >= base + 100 * sizeof(gt_session));
    assert_int_equal(cfg->sess_lifetime, 60);
    assert_int_equal(cfg->ticket_keys->rotate, 30);
    assert_int_equal(gt_config_set_sessions(cfg, &o), GT_ERR_STATE); /* once */
    gt_config_free(cfg);
    assert_int_equal(k.live, 0);
    /* Defaults, and allocation failure of either part. */
    for (int fail = 1; fail <= 3; fail++) {
        counter f = {0, 0, 0};
        gt_allocator fa = {c_alloc, c_free, &f};
        gt_config *c2 = gt_config_new(&fa);
        gt_session_opts d = {4, 1, 0, 0};
        f.calls = 0;
        f.fail_at = fail;
        int err = gt_config_set_sessions(c2, &d);
        if (fail <= 2)
            assert_int_equal(err, GT_ERR_ALLOC);
        else {
            assert_int_equal(err, 0);
            assert_int_equal(c2->sess_lifetime, GT_SESSION_LIFETIME);
            assert_int_equal(c2->ticket_keys->rotate, GT_TICKET_ROTATE);
        }
        gt_config_free(c2);
        assert_int_equal(f.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
