/* Tests for tls/crypto/chacha20poly1305.c: RFC 8439 §2.8.2 and A.5 on every
 * back end, tampering with aad / ciphertext / tag / nonce gives
 * GT_ERR_CRYPTO_TAG and a zeroed output, in-place equals out-of-place,
 * vector equals portable, the RFC's length limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/ct.h"
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

/* open must fail with the tag error and leave len zero bytes in out. */
static void expect_reject(const uint8_t *key, const uint8_t *nonce, const uint8_t *aad, size_t al,
                          const uint8_t *ct, size_t len, const uint8_t *tag, const char *what)
{
    uint8_t *out = malloc(len + 1), *inplace = malloc(len + 1);
    memset(out, 0xAA, len + 1);
    int rc = gt_chacha20poly1305_open(key, nonce, aad, al, ct, len, tag, out);
    if (rc != GT_ERR_CRYPTO_TAG) fail_msg("%s: open returned %d", what, rc);
    for (size_t i = 0; i < len; i++)
        if (out[i] != 0) fail_msg("%s: output byte %zu not zeroed", what, i);
    assert_int_equal(out[len], 0xAA);
    memcpy(inplace, ct, len);
    rc = gt_chacha20poly1305_open(key, nonce, aad, al, inplace, len, tag, inplace);
    assert_int_equal(rc, GT_ERR_CRYPTO_TAG);
    assert_true(gt_ct_is_zero(inplace, len));
    free(out), free(inplace);
}

static void kat_one(const kat_case *c, void *arg)
{
    (void)arg;
    size_t kl, nl, al, pl, cl, tl;
    uint8_t *key = kat_hex(c, "key", &kl), *nonce = kat_hex(c, "nonce", &nl);
    uint8_t *aad = kat_hex(c, "aad", &al), *pt = kat_hex(c, "pt", &pl);
    uint8_t *ct = kat_hex(c, "ct", &cl), *want = kat_hex(c, "tag", &tl);
    const char *res = kat_str(c, "result");
    int valid = !res || strcmp(res, "valid") == 0;
    assert_true(valid || strcmp(res, "invalid") == 0);
    assert_int_equal(kl, 32), assert_int_equal(nl, 12), assert_int_equal(tl, 16);
    assert_int_equal(pl, cl);
    uint8_t *out = malloc(pl + 1), tag[16];
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        if (!valid) {
            expect_reject(key, nonce, aad, al, ct, cl, want, names[i]);
            continue;
        }
        assert_int_equal(gt_chacha20poly1305_seal(key, nonce, aad, al, pt, pl, out, tag), 0);
        if (memcmp(out, ct, cl) || memcmp(tag, want, 16))
            fail_msg("%s:%u: %s seal", c->file, c->line, names[i]);
        memset(out, 0, pl);
        assert_int_equal(gt_chacha20poly1305_open(key, nonce, aad, al, ct, cl, want, out), 0);
        if (memcmp(out, pt, pl)) fail_msg("%s:%u: %s open", c->file, c->line, names[i]);
    }
    free(out), free(key), free(nonce), free(aad), free(pt), free(ct), free(want);
}

static void test_rfc8439(void **state)
{
    (void)state;
    int n = kat_each("aead/chacha20poly1305-rfc8439.txt", "chacha20-poly1305", kat_one, NULL);
    assert_int_equal(n, 7); /* §2.8.2, A.5, five derived forgeries */
}

/* Every single-bit change of aad, ciphertext, tag or nonce is rejected. */
static void test_tamper(void **state)
{
    (void)state;
    enum { LEN = 300, AL = 13 };
    uint8_t key[32], nonce[12], aad[AL], pt[LEN], ct[LEN], tag[16];
    tu_fill(key, 32, 20), tu_fill(nonce, 12, 21), tu_fill(aad, AL, 22), tu_fill(pt, LEN, 23);
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        assert_int_equal(gt_chacha20poly1305_seal(key, nonce, aad, AL, pt, LEN, ct, tag), 0);
        for (int bit = 0; bit < 16 * 8; bit++) {
            tag[bit / 8] ^= (uint8_t)(1u << bit % 8);
            expect_reject(key, nonce, aad, AL, ct, LEN, tag, "tag bit");
            tag[bit / 8] ^= (uint8_t)(1u << bit % 8);
        }
        for (int bit = 0; bit < AL * 8; bit += 5) {
            aad[bit / 8] ^= (uint8_t)(1u << bit % 8);
            expect_reject(key, nonce, aad, AL, ct, LEN, tag, "aad bit");
            aad[bit / 8] ^= (uint8_t)(1u << bit % 8);
        }
        for (int bit = 0; bit < LEN * 8; bit += 37) {
            ct[bit / 8] ^= (uint8_t)(1u << bit % 8);
            expect_reject(key, nonce, aad, AL, ct, LEN, tag, "ct bit");
            ct[bit / 8] ^= (uint8_t)(1u << bit % 8);
        }
        nonce[11] ^= 0x80;
        expect_reject(key, nonce, aad, AL, ct, LEN, tag, "nonce bit");
        nonce[11] ^= 0x80;
        expect_reject(key, nonce, aad, AL - 1, ct, LEN, tag, "shorter aad");
        expect_reject(key, nonce, aad, AL, ct, LEN - 1, tag, "shorter ct");
        /* moving a byte from the aad to the ciphertext changes the lengths */
        expect_reject(key, nonce, NULL, 0, ct, LEN, tag, "no aad");
        uint8_t out[LEN];
        assert_int_equal(gt_chacha20poly1305_open(key, nonce, aad, AL, ct, LEN, tag, out), 0);
        assert_memory_equal(out, pt, LEN);
    }
}

/* Seals with every back end, out of place and in place, and opens both
 * ways; all must agree with the portable result. */
static void roundtrip(const uint8_t *key, const uint8_t *nonce, const uint8_t *aad, size_t al,
                      const uint8_t *pt, size_t len, uint8_t *ref, uint8_t *buf)
{
    uint8_t rtag[16], tag[16];
    gt_cpu_override(0);
    assert_int_equal(gt_chacha20poly1305_seal(key, nonce, aad, al, pt, len, ref, rtag), 0);
    for (int i = 0; i < nsets; i++) {
        gt_cpu_override(sets[i]);
        assert_int_equal(gt_chacha20poly1305_seal(key, nonce, aad, al, pt, len, buf, tag), 0);
        if (memcmp(buf, ref, len) || memcmp(tag, rtag, 16)) fail_msg("%s len %zu", names[i], len);
        memcpy(buf, pt, len);
        assert_int_equal(gt_chacha20poly1305_seal(key, nonce, aad, al, buf, len, buf, tag), 0);
        if (memcmp(buf, ref, len) || memcmp(tag, rtag, 16))
            fail_msg("%s in place len %zu", names[i], len);
        assert_int_equal(gt_chacha20poly1305_open(key, nonce, aad, al, buf, len, tag, buf), 0);
        if (memcmp(buf, pt, len)) fail_msg("%s open in place len %zu", names[i], len);
    }
}

static void test_vector_equals_portable(void **state)
{
    (void)state;
    enum { MAX = 40000 };
    uint8_t *pt = malloc(MAX), *ref = malloc(MAX), *buf = malloc(MAX), kn[44], aad[64];
    tu_fill(pt, MAX, 24);
    for (size_t len = 0; len <= 1100; len++) {
        tu_fill(kn, sizeof kn, len + 50), tu_fill(aad, sizeof aad, len);
        roundtrip(kn, kn + 32, aad, len % 41, pt, len, ref, buf);
    }
    static const size_t big[] = {4096, 16384, 16384 + 256 + 3, MAX};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        tu_fill(kn, sizeof kn, 900 + i);
        roundtrip(kn, kn + 32, aad, 13, pt, big[i], ref, buf);
        roundtrip(kn, kn + 32, pt, big[i], aad, 13, ref, buf); /* long aad */
    }
    free(pt), free(ref), free(buf);
}

static void test_empty(void **state)
{
    (void)state;
    uint8_t key[32], nonce[12], tag[16], tag2[16];
    tu_fill(key, 32, 25), tu_fill(nonce, 12, 26);
    assert_int_equal(gt_chacha20poly1305_seal(key, nonce, NULL, 0, NULL, 0, NULL, tag), 0);
    assert_int_equal(gt_chacha20poly1305_open(key, nonce, NULL, 0, NULL, 0, tag, NULL), 0);
    nonce[0] ^= 1;
    assert_int_equal(gt_chacha20poly1305_seal(key, nonce, NULL, 0, NULL, 0, NULL, tag2), 0);
    assert_memory_not_equal(tag, tag2, 16);
    assert_int_equal(gt_chacha20poly1305_open(key, nonce, NULL, 0, NULL, 0, tag, NULL),
                     GT_ERR_CRYPTO_TAG);
}

/* RFC 8439 §2.8: at most 2^38 - 64 bytes of plaintext. The length is
 * checked before any byte is touched, so small buffers are safe here. */
static void test_length_limit(void **state)
{
    (void)state;
    if (sizeof(size_t) < 8) skip();
    uint8_t key[32] = {0}, nonce[12] = {0}, b[16] = {0}, tag[16] = {0};
    size_t over = (size_t)0xffffffff * 64 + 1;
    assert_int_equal(gt_chacha20poly1305_seal(key, nonce, NULL, 0, b, over, b, tag),
                     GT_ERR_CRYPTO_LENGTH);
    assert_int_equal(gt_chacha20poly1305_open(key, nonce, NULL, 0, b, over, tag, b),
                     GT_ERR_CRYPTO_LENGTH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc8439),
        cmocka_unit_test(test_tamper),
        cmocka_unit_test(test_vector_equals_portable),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_length_limit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
