/* Tests for tls/crypto/hash.c: the gt_hash descriptors, lookup by name and
 * the one-shot helper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "gt/crypto/hash.h"
#include "util/testutil.h"

static const gt_hash *const all[] = {&gt_hash_sha1, &gt_hash_sha224, &gt_hash_sha256,
                                     &gt_hash_sha384, &gt_hash_sha512};

static void test_descriptors(void **state)
{
    (void)state;
    static const size_t out[] = {20, 28, 32, 48, 64}, block[] = {64, 64, 64, 128, 128};
    static const char *const names[] = {"SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"};
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(all[i]->name, names[i]);
        assert_int_equal(all[i]->out_len, out[i]);
        assert_int_equal(all[i]->block_len, block[i]);
        assert_true(all[i]->out_len <= GT_HASH_MAX_LEN);
        assert_true(all[i]->block_len <= GT_HASH_MAX_BLOCK);
    }
}

static void test_by_name(void **state)
{
    (void)state;
    assert_ptr_equal(gt_hash_by_name("SHA-256"), &gt_hash_sha256);
    assert_ptr_equal(gt_hash_by_name("SHA256"), &gt_hash_sha256);
    assert_ptr_equal(gt_hash_by_name("sha256"), &gt_hash_sha256);
    assert_ptr_equal(gt_hash_by_name("sha-384"), &gt_hash_sha384);
    assert_ptr_equal(gt_hash_by_name("SHA1"), &gt_hash_sha1);
    assert_ptr_equal(gt_hash_by_name("sha-1"), &gt_hash_sha1);
    assert_ptr_equal(gt_hash_by_name("Sha224"), &gt_hash_sha224);
    assert_ptr_equal(gt_hash_by_name("SHA_512"), &gt_hash_sha512);
    /* negative: unknown, prefixes, extensions, empty, NULL */
    assert_null(gt_hash_by_name(NULL));
    assert_null(gt_hash_by_name(""));
    assert_null(gt_hash_by_name("SHA"));
    assert_null(gt_hash_by_name("SHA-25"));
    assert_null(gt_hash_by_name("SHA-2566"));
    assert_null(gt_hash_by_name("SHA-512/256"));
    assert_null(gt_hash_by_name("MD5"));
    assert_null(gt_hash_by_name("SHA3-256"));
}

/* gt_hash_digest == init/update/final through the descriptor == the typed
 * API, for every hash: the descriptors are wired to the right functions. */
static void test_digest_matches_typed_api(void **state)
{
    (void)state;
    uint8_t msg[200], a[64], b[64];
    tu_fill(msg, sizeof msg, 42);
    gt_sha1_ctx c1;
    gt_sha256_ctx c2;
    gt_sha512_ctx c5;

    gt_sha1_init(&c1);
    gt_sha1_update(&c1, msg, sizeof msg);
    gt_sha1_final(&c1, a);
    gt_hash_digest(&gt_hash_sha1, msg, sizeof msg, b);
    assert_memory_equal(a, b, 20);

    gt_sha224_init(&c2);
    gt_sha256_update(&c2, msg, sizeof msg);
    gt_sha224_final(&c2, a);
    gt_hash_digest(&gt_hash_sha224, msg, sizeof msg, b);
    assert_memory_equal(a, b, 28);

    gt_sha256_init(&c2);
    gt_sha256_update(&c2, msg, sizeof msg);
    gt_sha256_final(&c2, a);
    gt_hash_digest(&gt_hash_sha256, msg, sizeof msg, b);
    assert_memory_equal(a, b, 32);

    gt_sha384_init(&c5);
    gt_sha512_update(&c5, msg, sizeof msg);
    gt_sha384_final(&c5, a);
    gt_hash_digest(&gt_hash_sha384, msg, sizeof msg, b);
    assert_memory_equal(a, b, 48);

    gt_sha512_init(&c5);
    gt_sha512_update(&c5, msg, sizeof msg);
    gt_sha512_final(&c5, a);
    gt_hash_digest(&gt_hash_sha512, msg, sizeof msg, b);
    assert_memory_equal(a, b, 64);
}

/* Every pair of hashes gives different digests of the same input, and the
 * digest writes exactly out_len bytes. */
static void test_distinct_and_bounded(void **state)
{
    (void)state;
    uint8_t d[5][GT_HASH_MAX_LEN + 8];
    for (size_t i = 0; i < 5; i++) {
        memset(d[i], 0xEE, sizeof d[i]);
        gt_hash_digest(all[i], "abc", 3, d[i]);
        for (size_t j = all[i]->out_len; j < sizeof d[i]; j++)
            assert_int_equal(d[i][j], 0xEE);
    }
    for (size_t i = 0; i < 5; i++)
        for (size_t j = i + 1; j < 5; j++)
            assert_memory_not_equal(d[i], d[j], 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptors),
        cmocka_unit_test(test_by_name),
        cmocka_unit_test(test_digest_matches_typed_api),
        cmocka_unit_test(test_distinct_and_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
