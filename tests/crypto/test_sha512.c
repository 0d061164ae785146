/* Tests for tls/crypto/sha512.c (SHA-384, SHA-512): FIPS 180-4 examples,
 * NIST CAVP messages (read in place), incremental == one-shot across the
 * 128-byte block and the 112-byte padding boundary, context wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/hash_check.h"

static void test_fips_examples(void **state)
{
    (void)state;
    assert_true(hc_run_fips(&gt_hash_sha512, "sha512") >= 5);
    assert_true(hc_run_fips(&gt_hash_sha384, "sha384") >= 5);
}

static void test_cavp_messages(void **state)
{
    (void)state;
    assert_int_equal(hc_run_cavp(&gt_hash_sha512, "SHA2/SHA512ShortMsg.rsp"), 129);
    assert_int_equal(hc_run_cavp(&gt_hash_sha512, "SHA2/SHA512LongMsg.rsp"), 128);
    assert_int_equal(hc_run_cavp(&gt_hash_sha384, "SHA2/SHA384ShortMsg.rsp"), 129);
    assert_int_equal(hc_run_cavp(&gt_hash_sha384, "SHA2/SHA384LongMsg.rsp"), 128);
}

static void test_direct_api(void **state)
{
    (void)state;
    /* FIPS 180-4 example "abc" for SHA-384. */
    uint8_t exp[48], out[48];
    gt_sha512_ctx c;
    tu_unhex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
             "8086072ba1e7cc2358baeca134c825a7",
             exp, sizeof exp);
    gt_sha384_init(&c);
    gt_sha512_update(&c, "abc", 3);
    gt_sha384_final(&c, out);
    assert_memory_equal(out, exp, 48);
    /* SHA-384 is not a truncated SHA-512 (different IV, §5.3.4). */
    uint8_t out512[64];
    gt_sha512_init(&c);
    gt_sha512_update(&c, "abc", 3);
    gt_sha512_final(&c, out512);
    assert_memory_not_equal(out512, exp, 48);
}

static void test_incremental(void **state)
{
    (void)state;
    hc_check_incremental(&gt_hash_sha512, 700, 4);
    hc_check_incremental(&gt_hash_sha384, 300, 5);
}

static void test_bitflips(void **state)
{
    (void)state;
    hc_check_bitflips(&gt_hash_sha512, 260);
    hc_check_bitflips(&gt_hash_sha384, 128);
}

static void test_context_wiped(void **state)
{
    (void)state;
    hc_check_wiped(&gt_hash_sha512);
    hc_check_wiped(&gt_hash_sha384);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_examples), cmocka_unit_test(test_cavp_messages),
        cmocka_unit_test(test_direct_api),    cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_bitflips),      cmocka_unit_test(test_context_wiped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
