/* Tests for tls/core/drbg.c (HMAC_DRBG-SHA256, SP 800-90A §10.1.2): NIST
 * CAVP known answers from vectors/drbg/, determinism of the seeded mode,
 * reseeding, the request limit, the automatic reseed, and wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "gt/crypto/drbg.h"
#include "util/kat.h"
#include "util/testutil.h"

static const uint8_t *bin_or_empty(const kat_kv *kv, size_t *len)
{
    *len = kv ? kv->len : 0;
    return kv ? kv->bin : NULL;
}

static void test_cavp(void **state)
{
    (void)state;
    char path[1024];
    kat_file k;
    int rc, ran = 0, reseeded = 0, with_add = 0, with_pers = 0;
    if (kat_open(&k, kat_vectors_path(path, sizeof path, "drbg/hmac-drbg-sha256-cavp.txt")))
        fail_msg("%s", k.err);
    while ((rc = kat_next(&k)) == 1) {
        assert_string_equal(k.section, "hmac-drbg-sha256");
        if (!kat_keys_ok(&k, "entropy nonce pers entropy_reseed add_reseed add1 add2 out"))
            fail_msg("%s", k.err);
        size_t el, nl, pl, rl, ral, a1l, a2l;
        const uint8_t *e = bin_or_empty(kat_get(&k, "entropy"), &el);
        const uint8_t *n = bin_or_empty(kat_get(&k, "nonce"), &nl);
        const uint8_t *p = bin_or_empty(kat_get(&k, "pers"), &pl);
        const uint8_t *r = bin_or_empty(kat_get(&k, "entropy_reseed"), &rl);
        const uint8_t *ra = bin_or_empty(kat_get(&k, "add_reseed"), &ral);
        const uint8_t *a1 = bin_or_empty(kat_get(&k, "add1"), &a1l);
        const uint8_t *a2 = bin_or_empty(kat_get(&k, "add2"), &a2l);
        const kat_kv *want = kat_get(&k, "out");
        if (!e || !want || want->len > 512) fail_msg("%s:%d: entropy, out", k.path, k.case_line);
        uint8_t out[512];
        gt_drbg d;
        gt_drbg_instantiate(&d, e, el, n, nl, p, pl);
        if (kat_get(&k, "entropy_reseed")) {
            gt_drbg_reseed_with(&d, r, rl, ra, ral);
            reseeded++;
        }
        assert_int_equal(gt_drbg_generate(&d, out, want->len, a1, a1l), 0);
        assert_int_equal(gt_drbg_generate(&d, out, want->len, a2, a2l), 0);
        if (memcmp(out, want->bin, want->len))
            fail_msg("%s:%d: HMAC_DRBG output mismatch", k.path, k.case_line);
        with_add += a1l > 0;
        with_pers += pl > 0;
        gt_drbg_free(&d);
        ran++;
    }
    if (rc < 0) fail_msg("%s", k.err);
    kat_close(&k);
    assert_true(ran >= 5);
    assert_true(reseeded >= 2 && with_add >= 1 && with_pers >= 1);
}

static void test_deterministic(void **state)
{
    (void)state;
    gt_drbg a, b, c;
    uint8_t x[100], y[100], z[100];
    gt_drbg_init_seed(&a, (const uint8_t *)"seed", 4);
    gt_drbg_init_seed(&b, (const uint8_t *)"seed", 4);
    gt_drbg_init_seed(&c, (const uint8_t *)"seeD", 4);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(gt_drbg_generate(&a, x, sizeof x, NULL, 0), 0);
        assert_int_equal(gt_drbg_generate(&b, y, sizeof y, NULL, 0), 0);
        assert_int_equal(gt_drbg_generate(&c, z, sizeof z, NULL, 0), 0);
        assert_memory_equal(x, y, sizeof x);
        assert_memory_not_equal(x, z, sizeof x);
    }
    /* Additional input changes the output and the state after it. */
    assert_int_equal(gt_drbg_generate(&a, x, 32, (const uint8_t *)"add", 3), 0);
    assert_int_equal(gt_drbg_generate(&b, y, 32, NULL, 0), 0);
    assert_memory_not_equal(x, y, 32);
    assert_int_equal(gt_drbg_generate(&a, x, 32, NULL, 0), 0);
    assert_int_equal(gt_drbg_generate(&b, y, 32, NULL, 0), 0);
    assert_memory_not_equal(x, y, 32);
    /* Consecutive outputs differ. */
    assert_int_equal(gt_drbg_generate(&a, y, 32, NULL, 0), 0);
    assert_memory_not_equal(x, y, 32);
    gt_drbg_free(&a);
    gt_drbg_free(&b);
    gt_drbg_free(&c);
}

static void test_reseed(void **state)
{
    (void)state;
    gt_drbg a, b;
    uint8_t x[32], y[32];
    /* A deterministic reseed stays deterministic and changes the stream. */
    gt_drbg_init_seed(&a, (const uint8_t *)"s", 1);
    gt_drbg_init_seed(&b, (const uint8_t *)"s", 1);
    assert_int_equal(gt_drbg_reseed(&a, (const uint8_t *)"x", 1), 0);
    assert_int_equal(gt_drbg_reseed(&b, (const uint8_t *)"x", 1), 0);
    assert_int_equal(gt_drbg_generate(&a, x, sizeof x, NULL, 0), 0);
    assert_int_equal(gt_drbg_generate(&b, y, sizeof y, NULL, 0), 0);
    assert_memory_equal(x, y, sizeof x);
    gt_drbg_init_seed(&b, (const uint8_t *)"s", 1);
    assert_int_equal(gt_drbg_generate(&b, y, sizeof y, NULL, 0), 0);
    assert_memory_not_equal(x, y, sizeof x);
    assert_int_equal(a.reseed_counter, 2);

    /* An OS-seeded DRBG reseeds from getrandom: two instances differ. */
    assert_int_equal(gt_drbg_init(&a, (const uint8_t *)"pers", 4), 0);
    assert_int_equal(gt_drbg_init(&b, (const uint8_t *)"pers", 4), 0);
    assert_false(a.deterministic);
    assert_int_equal(gt_drbg_generate(&a, x, sizeof x, NULL, 0), 0);
    assert_int_equal(gt_drbg_generate(&b, y, sizeof y, NULL, 0), 0);
    assert_memory_not_equal(x, y, sizeof x);
    assert_int_equal(gt_drbg_reseed(&a, NULL, 0), 0);
    assert_int_equal(a.reseed_counter, 1);
    assert_int_equal(gt_drbg_generate(&a, x, sizeof x, NULL, 0), 0);
    gt_drbg_free(&a);
    gt_drbg_free(&b);
}

/* SP 800-90A §9.3.1: a request above the maximum fails; at the maximum it
 * works; zero bytes is fine. */
static void test_request_limits(void **state)
{
    (void)state;
    static uint8_t big[GT_DRBG_MAX_REQUEST + 1];
    gt_drbg d;
    gt_drbg_init_seed(&d, (const uint8_t *)"lim", 3);
    assert_int_equal(gt_drbg_generate(&d, big, sizeof big, NULL, 0), GT_ERR_ARG);
    assert_int_equal(d.reseed_counter, 1); /* refused before touching the state */
    assert_int_equal(gt_drbg_generate(&d, big, GT_DRBG_MAX_REQUEST, NULL, 0), 0);
    assert_int_equal(gt_drbg_generate(&d, NULL, 0, NULL, 0), 0);
    assert_int_equal(gt_drbg_generate(&d, NULL, 5, NULL, 0), GT_ERR_ARG);
    /* odd lengths: output is the prefix of the same request rounded up */
    gt_drbg a, b;
    uint8_t x[33], y[64];
    gt_drbg_init_seed(&a, (const uint8_t *)"p", 1);
    gt_drbg_init_seed(&b, (const uint8_t *)"p", 1);
    assert_int_equal(gt_drbg_generate(&a, x, sizeof x, NULL, 0), 0);
    assert_int_equal(gt_drbg_generate(&b, y, sizeof y, NULL, 0), 0);
    assert_memory_equal(x, y, sizeof x);
    gt_drbg_free(&d);
}

/* Past GT_DRBG_RESEED_INTERVAL requests the DRBG reseeds by itself (§9.3.1
 * step 6); the deterministic mode does so without the OS, reproducibly. */
static void test_automatic_reseed(void **state)
{
    (void)state;
    gt_drbg a, b;
    uint8_t x[32], y[32], z[32];
    gt_drbg_init_seed(&a, (const uint8_t *)"auto", 4);
    gt_drbg_init_seed(&b, (const uint8_t *)"auto", 4);
    a.reseed_counter = b.reseed_counter = GT_DRBG_RESEED_INTERVAL + 1;
    assert_int_equal(gt_drbg_generate(&a, x, sizeof x, NULL, 0), 0);
    assert_int_equal(gt_drbg_generate(&b, y, sizeof y, NULL, 0), 0);
    assert_memory_equal(x, y, sizeof x);
    assert_int_equal(a.reseed_counter, 2);
    /* and it differs from the stream without the reseed */
    gt_drbg_init_seed(&b, (const uint8_t *)"auto", 4);
    assert_int_equal(gt_drbg_generate(&b, z, sizeof z, NULL, 0), 0);
    assert_memory_not_equal(x, z, sizeof x);
    gt_drbg_free(&a);
    gt_drbg_free(&b);
}

static void test_free_wipes(void **state)
{
    (void)state;
    gt_drbg d, zero;
    memset(&zero, 0, sizeof zero);
    gt_drbg_init_seed(&d, (const uint8_t *)"w", 1);
    gt_drbg_free(&d);
    assert_memory_equal(&d, &zero, sizeof d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cavp),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_reseed),
        cmocka_unit_test(test_request_limits),
        cmocka_unit_test(test_automatic_reseed),
        cmocka_unit_test(test_free_wipes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
