/* Tests for tls/crypto/sha1.c and the SHA-1 half of sha_ni.c: FIPS 180-4
 * examples, NIST CAVP messages (read in place), incremental == one-shot,
 * SHA-NI == portable, context wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/hash_check.h"
#include "crypto/sha_impl.h"

static void test_fips_examples(void **state)
{
    (void)state;
    assert_true(hc_run_fips(&gt_hash_sha1, "sha1") >= 5);
}

static void test_cavp_messages(void **state)
{
    (void)state;
    assert_int_equal(hc_run_cavp(&gt_hash_sha1, "SHA1/SHA1ShortMsg.rsp"), 65);
    assert_int_equal(hc_run_cavp(&gt_hash_sha1, "SHA1/SHA1LongMsg.rsp"), 64);
}

static void test_direct_api(void **state)
{
    (void)state;
    /* FIPS 180-4 example "abc". */
    uint8_t exp[20], out[20];
    gt_sha1_ctx c;
    tu_unhex("a9993e364706816aba3e25717850c26c9cd0d89d", exp, sizeof exp);
    gt_sha1_init(&c);
    gt_sha1_update(&c, "a", 1);
    gt_sha1_update(&c, "", 0);
    gt_sha1_update(&c, "bc", 2);
    gt_sha1_final(&c, out);
    assert_memory_equal(out, exp, 20);
}

static void test_incremental(void **state)
{
    (void)state;
    hc_check_incremental(&gt_hash_sha1, 600, 3);
}

static void test_bitflips(void **state)
{
    (void)state;
    hc_check_bitflips(&gt_hash_sha1, 130);
}

static void test_shani_matches_portable(void **state)
{
    (void)state;
    if (!hc_cpu_has_shani()) skip();
    hc_check_paths_agree(&gt_hash_sha1);
    hc_check_blocks_agree(5, 7, gt_sha1_blocks_portable, gt_sha1_blocks_shani);
}

static void test_context_wiped(void **state)
{
    (void)state;
    hc_check_wiped(&gt_hash_sha1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_examples), cmocka_unit_test(test_cavp_messages),
        cmocka_unit_test(test_direct_api),    cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_bitflips),      cmocka_unit_test(test_shani_matches_portable),
        cmocka_unit_test(test_context_wiped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
