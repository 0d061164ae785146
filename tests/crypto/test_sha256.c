/* Tests for tls/crypto/sha256.c and the SHA-256 half of sha_ni.c:
 * FIPS 180-4 examples, NIST CAVP short/long messages (read in place),
 * incremental == one-shot, SHA-NI == portable, context wiping. */
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
    assert_true(hc_run_fips(&gt_hash_sha256, "sha256") >= 5);
    assert_true(hc_run_fips(&gt_hash_sha224, "sha224") >= 5);
}

static void test_cavp_messages(void **state)
{
    (void)state;
    assert_int_equal(hc_run_cavp(&gt_hash_sha256, "SHA2/SHA256ShortMsg.rsp"), 65);
    assert_int_equal(hc_run_cavp(&gt_hash_sha256, "SHA2/SHA256LongMsg.rsp"), 64);
    assert_int_equal(hc_run_cavp(&gt_hash_sha224, "SHA2/SHA224ShortMsg.rsp"), 65);
    assert_int_equal(hc_run_cavp(&gt_hash_sha224, "SHA2/SHA224LongMsg.rsp"), 64);
}

static void test_direct_api(void **state)
{
    (void)state;
    /* FIPS 180-4 example "abc", through the typed API rather than gt_hash. */
    static const char want[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    uint8_t exp[32], out[32];
    gt_sha256_ctx c;
    tu_unhex(want, exp, sizeof exp);
    gt_sha256_init(&c);
    gt_sha256_update(&c, "ab", 2);
    gt_sha256_update(&c, "c", 1);
    gt_sha256_final(&c, out);
    assert_memory_equal(out, exp, 32);
    /* SHA-224 is not a truncated SHA-256 (different IV, §5.3.2). */
    uint8_t out224[28];
    gt_sha224_init(&c);
    gt_sha256_update(&c, "abc", 3);
    gt_sha224_final(&c, out224);
    assert_memory_not_equal(out224, exp, 28);
}

static void test_incremental(void **state)
{
    (void)state;
    hc_check_incremental(&gt_hash_sha256, 600, 1);
    hc_check_incremental(&gt_hash_sha224, 200, 2);
}

static void test_bitflips(void **state)
{
    (void)state;
    hc_check_bitflips(&gt_hash_sha256, 130);
    hc_check_bitflips(&gt_hash_sha224, 64);
}

static void test_shani_matches_portable(void **state)
{
    (void)state;
    if (!hc_cpu_has_shani()) skip();
    hc_check_paths_agree(&gt_hash_sha256);
    hc_check_paths_agree(&gt_hash_sha224);
    hc_check_blocks_agree(8, 99, gt_sha256_blocks_portable, gt_sha256_blocks_shani);
}

static void test_context_wiped(void **state)
{
    (void)state;
    hc_check_wiped(&gt_hash_sha256);
    hc_check_wiped(&gt_hash_sha224);
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
