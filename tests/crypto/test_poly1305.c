/* Tests for tls/crypto/poly1305*.c: RFC 8439 §2.5.2 and A.3 vectors
 * (including the limb/carry edge cases near 2^130 - 5) on every back end,
 * incremental updates with random split points equal to one-shot, vector
 * back end equal to portable on random and worst-case inputs, wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/chacha_impl.h"
#include "chacha_kat.h"

static uint32_t sets[3];
static const char *names[3];
static int nsets;

static int setup(void **state)
{
    (void)state;
    nsets = kat_impls(sets, names);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    gt_cpu_reset();
    return 0;
}

static void mac(const uint8_t key[32], const uint8_t *m, size_t n, uint8_t tag[16])
{
    gt_poly1305_ctx c;
    gt_poly1305_init(&c, key);
    gt_poly1305_update(&c, m, n);
    gt_poly1305_final(&c, tag);
}

/* The same MAC fed in pieces whose sizes come from seed. */
static void mac_split(const uint8_t key[32], const uint8_t *m, size_t n, uint64_t seed,
                      uint8_t tag[16])
{
    gt_poly1305_ctx c;
    gt_poly1305_init(&c, key);
    uint8_t r[8];
    size_t off = 0;
    while (off < n) {
        tu_fill(r, sizeof r, seed++);
        /* mostly short pieces, sometimes long ones that reach the vector path */
        size_t k = r[0] < 200 ? r[1] % 40 : (size_t)r[2] * 8 + r[3];
        if (k > n - off) k = n - off;
        gt_poly1305_update(&c, m + off, k);
        off += k;
    }
    gt_poly1305_final(&c, tag);
}

static void kat_one(const kat_case *c, void *arg)
{
    (void)arg;
    size_t kl, ml, tl;
    uint8_t *key = kat_hex(c, "key", &kl), *msg = kat_hex(c, "msg", &ml);
    uint8_t *want = kat_hex(c, "tag", &tl), tag[16];
    assert_int_equal(kl, 32);
    assert_int_equal(tl, 16);
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        mac(key, msg, ml, tag);
        if (memcmp(tag, want, 16) != 0) fail_msg("%s:%u: %s", c->file, c->line, names[i]);
        gt_poly1305_ctx ctx; /* byte by byte */
        gt_poly1305_init(&ctx, key);
        for (size_t j = 0; j < ml; j++)
            gt_poly1305_update(&ctx, msg + j, 1);
        gt_poly1305_final(&ctx, tag);
        if (memcmp(tag, want, 16) != 0) fail_msg("%s:%u: %s bytewise", c->file, c->line, names[i]);
    }
    free(key), free(msg), free(want);
}

static void test_rfc8439(void **state)
{
    (void)state;
    /* §2.5.2, A.3 #1-#11, and the two AEAD MAC inputs */
    assert_int_equal(kat_each("mac/poly1305-rfc8439.txt", "poly1305", kat_one, NULL), 14);
}

static void test_incremental(void **state)
{
    (void)state;
    enum { MAX = 20000 };
    uint8_t *m = malloc(MAX), key[32], one[16], split[16];
    tu_fill(m, MAX, 11);
    static const size_t lens[] = {0,   1,   15,  16,  17,   127,  128,       129,
                                  255, 256, 257, 300, 1000, 4096, 16384 + 5, MAX};
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
            for (uint64_t seed = 0; seed < 8; seed++) {
                tu_fill(key, 32, seed * 31 + l);
                mac(key, m, lens[l], one);
                mac_split(key, m, lens[l], seed * 1000 + l, split);
                if (memcmp(one, split, 16) != 0)
                    fail_msg("%s: len %zu seed %u", names[i], lens[l], (unsigned)seed);
            }
        }
    }
    free(m);
}

static void compare_all(const uint8_t key[32], const uint8_t *m, size_t n)
{
    uint8_t ref[16], tag[16];
    gt_cpu_override(0);
    mac(key, m, n, ref);
    for (int i = 1; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        mac(key, m, n, tag);
        if (memcmp(tag, ref, 16) != 0) fail_msg("%s differs at len %zu", names[i], n);
    }
}

static void test_vector_equals_portable(void **state)
{
    (void)state;
    enum { MAX = 66000 };
    uint8_t *m = malloc(MAX), key[32];
    tu_fill(m, MAX, 12);
    for (size_t n = 0; n <= 1100; n++) {
        tu_fill(key, 32, n);
        compare_all(key, m + n % 7, n);
    }
    /* Worst case for limb bounds: the largest clamped r, all-ones data (the
     * largest limbs each step) and a tag that wraps s. */
    memset(key, 0xff, 32);
    memset(m, 0xff, MAX);
    static const size_t big[] = {128, 256, 384, 1024, 4096 + 16, 16384, MAX};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        compare_all(key, m, big[i]);
    /* Accumulator near p: data that keeps h close to 2^130 - 5 with r = 1. */
    memset(key, 0, 32);
    key[0] = 1;
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        compare_all(key, m, big[i]);
    tu_fill(m, MAX, 13);
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        tu_fill(key, 32, 100 + i);
        compare_all(key, m, big[i] - i);
    }
    free(m);
}

/* A tag changes when any part of the key or message changes. */
static void test_tag_depends_on_inputs(void **state)
{
    (void)state;
    uint8_t key[32], m[300], a[16], b[16];
    tu_fill(key, 32, 14), tu_fill(m, sizeof m, 15);
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        mac(key, m, sizeof m, a);
        static const size_t bits[] = {0, 7, 100, 1000, 2399};
        for (size_t j = 0; j < sizeof bits / sizeof bits[0]; j++) {
            m[bits[j] / 8] ^= (uint8_t)(1u << bits[j] % 8);
            mac(key, m, sizeof m, b);
            assert_memory_not_equal(a, b, 16);
            m[bits[j] / 8] ^= (uint8_t)(1u << bits[j] % 8);
        }
        mac(key, m, sizeof m - 1, b); /* truncation */
        assert_memory_not_equal(a, b, 16);
        key[16] ^= 1; /* s */
        mac(key, m, sizeof m, b);
        key[16] ^= 1;
        assert_int_equal(a[0] ^ b[0], 1);
        key[1] ^= 1; /* r */
        mac(key, m, sizeof m, b);
        key[1] ^= 1;
        assert_memory_not_equal(a, b, 16);
    }
}

static void test_final_wipes(void **state)
{
    (void)state;
    uint8_t key[32], m[500], tag[16], zero[sizeof(gt_poly1305_ctx)] = {0};
    tu_fill(key, 32, 16), tu_fill(m, sizeof m, 17);
    gt_poly1305_ctx c;
    gt_poly1305_init(&c, key);
    gt_poly1305_update(&c, m, sizeof m);
    gt_poly1305_final(&c, tag);
    assert_memory_equal(&c, zero, sizeof c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc8439),
        cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_vector_equals_portable),
        cmocka_unit_test(test_tag_depends_on_inputs),
        cmocka_unit_test(test_final_wipes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
