/* Tests for tls/crypto/chacha20*.c: RFC 8439 known answers on every back
 * end, vector back ends equal to the portable code on random inputs of
 * every length up to 1100 bytes (and a few large ones), block-counter
 * handling including the 2^32 wrap, in-place use. */
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

static void kat_one(const kat_case *c, void *arg)
{
    (void)arg;
    size_t kl, nl, pl, cl;
    uint8_t *key = kat_hex(c, "key", &kl), *nonce = kat_hex(c, "nonce", &nl);
    uint8_t *pt = kat_hex(c, "pt", &pl), *ct = kat_hex(c, "ct", &cl);
    const char *cs = kat_str(c, "counter");
    assert_non_null(cs);
    uint32_t counter = (uint32_t)strtoul(cs, NULL, 10);
    assert_int_equal(kl, 32);
    assert_int_equal(nl, 12);
    assert_int_equal(pl, cl);
    uint8_t *out = malloc(pl + 1);
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        gt_chacha20(key, nonce, counter, pt, out, pl);
        if (memcmp(out, ct, pl) != 0) fail_msg("%s:%u: %s mismatch", c->file, c->line, names[i]);
        memcpy(out, ct, pl); /* decryption, in place */
        gt_chacha20(key, nonce, counter, out, out, pl);
        if (memcmp(out, pt, pl) != 0) fail_msg("%s:%u: %s in-place", c->file, c->line, names[i]);
    }
    free(out), free(key), free(nonce), free(pt), free(ct);
}

static void test_rfc8439(void **state)
{
    (void)state;
    int n = kat_each("cipher/chacha20-rfc8439.txt", "chacha20", kat_one, NULL);
    assert_int_equal(n, 16); /* 2.3.2, 2.4.2, 2.6.2, A.1 x5, A.2 x3, A.4 x3, 2 wraps */
}

/* Encrypts with every back end and checks them against the portable one. */
static void compare_all(const uint8_t key[32], const uint8_t nonce[12], uint32_t ctr,
                        const uint8_t *in, size_t len, uint8_t *ref, uint8_t *out)
{
    gt_cpu_override(0);
    gt_chacha20(key, nonce, ctr, in, ref, len);
    for (int i = 1; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        memset(out, 0xA5, len + 64);
        gt_chacha20(key, nonce, ctr, in, out, len);
        if (memcmp(out, ref, len) != 0)
            fail_msg("%s differs at len %zu ctr %u", names[i], len, ctr);
        for (size_t j = len; j < len + 64; j++) /* nothing written past the end */
            assert_int_equal(out[j], 0xA5);
    }
}

static void test_vector_equals_portable(void **state)
{
    (void)state;
    enum { MAX = 70000 };
    uint8_t *in = malloc(MAX), *ref = malloc(MAX), *out = malloc(MAX + 64), kn[44];
    tu_fill(in, MAX, 1);
    for (size_t len = 0; len <= 1100; len++) {
        tu_fill(kn, sizeof kn, len + 7);
        uint32_t ctr;
        memcpy(&ctr, kn + 40, 4);
        compare_all(kn, kn + 32, ctr, in + (len % 13), len, ref, out);
    }
    static const size_t big[] = {4096, 16384, 16384 + 13, 16 * 1024 + 256 + 17, 65536 + 7};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        tu_fill(kn, sizeof kn, 1000 + i);
        compare_all(kn, kn + 32, (uint32_t)i, in, big[i], ref, out);
        /* and across the counter wrap */
        compare_all(kn, kn + 32, 0xffffffffu - (uint32_t)i * 5, in, big[i], ref, out);
    }
    free(in), free(ref), free(out);
}

/* Block j of a call starting at counter c is keystream block c + j (mod
 * 2^32): so a long call equals 64-byte calls with increasing counters, and
 * after 0xffffffff comes 0 with the nonce unchanged. */
static void test_counter(void **state)
{
    (void)state;
    enum { BLOCKS = 40 };
    uint8_t key[32], nonce[12], zero[64 * BLOCKS] = {0}, whole[64 * BLOCKS], one[64];
    tu_fill(key, 32, 3);
    tu_fill(nonce, 12, 4);
    static const uint32_t starts[] = {0, 1, 0xffffffffu, 0xfffffff0u, 0xffffffe5u, 0x7fffffffu};
    for (int s = 0; s < (int)(sizeof starts / sizeof starts[0]); s++) {
        for (int i = 0; i < nsets; i++) {
            gt_cpu_override(sets[i]);
            gt_chacha20(key, nonce, starts[s], zero, whole, sizeof whole);
            gt_cpu_override(0);
            for (uint32_t b = 0; b < BLOCKS; b++) {
                gt_chacha20(key, nonce, starts[s] + b, zero, one, 64);
                if (memcmp(one, whole + 64 * b, 64) != 0)
                    fail_msg("%s: start %08x block %u", names[i], starts[s], b);
            }
        }
    }
    /* Different counters really give different keystream. */
    gt_chacha20(key, nonce, 0, zero, whole, 64);
    gt_chacha20(key, nonce, 1, zero, one, 64);
    assert_memory_not_equal(whole, one, 64);
}

/* Streaming by whole blocks: consecutive calls with the counter advanced by
 * the blocks used equal one call. */
static void test_split_calls(void **state)
{
    (void)state;
    enum { LEN = 3000 };
    uint8_t key[32], nonce[12], in[LEN], whole[LEN], parts[LEN];
    tu_fill(key, 32, 5), tu_fill(nonce, 12, 6), tu_fill(in, LEN, 7);
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        gt_chacha20(key, nonce, 9, in, whole, LEN);
        size_t off = 0;
        uint32_t ctr = 9;
        static const size_t steps[] = {64, 256, 1024, 192, 0, 512, 128, 640};
        for (int k = 0; off < LEN; k = (k + 1) % 8) {
            size_t n = steps[k] < LEN - off ? steps[k] : LEN - off;
            gt_chacha20(key, nonce, ctr, in + off, parts + off, n);
            off += n;
            ctr += (uint32_t)(n / 64);
        }
        assert_memory_equal(whole, parts, LEN);
    }
}

/* Each input bit matters: key, nonce and counter changes alter the output. */
static void test_inputs_matter(void **state)
{
    (void)state;
    uint8_t key[32], nonce[12], zero[64] = {0}, a[64], b[64];
    tu_fill(key, 32, 8), tu_fill(nonce, 12, 9);
    gt_chacha20(key, nonce, 5, zero, a, 64);
    key[31] ^= 0x80;
    gt_chacha20(key, nonce, 5, zero, b, 64);
    assert_memory_not_equal(a, b, 64);
    key[31] ^= 0x80;
    nonce[0] ^= 1;
    gt_chacha20(key, nonce, 5, zero, b, 64);
    assert_memory_not_equal(a, b, 64);
    nonce[0] ^= 1;
    gt_chacha20(key, nonce, 5, zero, b, 64);
    assert_memory_equal(a, b, 64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc8439),       cmocka_unit_test(test_vector_equals_portable),
        cmocka_unit_test(test_counter),       cmocka_unit_test(test_split_calls),
        cmocka_unit_test(test_inputs_matter),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
