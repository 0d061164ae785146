/* Tests for tls/core/rng.c: the DRBG adapter is deterministic for a fixed
 * seed, handles requests longer than one DRBG request, and matches direct
 * generation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gt/crypto/drbg.h"
#include "gt/crypto/rng.h"

static void test_matches_generate(void **state)
{
    (void)state;
    gt_drbg a, b;
    uint8_t x[100], y[100];
    gt_drbg_init_seed(&a, (const uint8_t *)"seed", 4);
    gt_drbg_init_seed(&b, (const uint8_t *)"seed", 4);
    assert_int_equal(gt_rng_drbg(&a, x, sizeof x), 0);
    assert_int_equal(gt_drbg_generate(&b, y, sizeof y, NULL, 0), 0);
    assert_memory_equal(x, y, sizeof x);
    gt_drbg_free(&a);
    gt_drbg_free(&b);
}

static void test_long_request(void **state)
{
    (void)state;
    size_t n = 3 * GT_DRBG_MAX_REQUEST + 17;
    uint8_t *p = calloc(1, n), *q = calloc(1, n);
    assert_non_null(p);
    assert_non_null(q);
    gt_drbg a, b;
    gt_drbg_init_seed(&a, (const uint8_t *)"s", 1);
    gt_drbg_init_seed(&b, (const uint8_t *)"t", 1);
    assert_int_equal(gt_rng_drbg(&a, p, n), 0);
    assert_int_equal(gt_rng_drbg(&b, q, n), 0);
    /* the tail was written, and different seeds give different streams */
    assert_memory_not_equal(p + n - 32, q + n - 32, 32);
    gt_drbg_free(&a);
    gt_drbg_free(&b);
    free(p);
    free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_generate),
        cmocka_unit_test(test_long_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
