/* Tests for tls/crypto/aes.c, aes_ct.c and aes_ni.c: FIPS 197 known answers
 * on every available path, the S-box circuit against GF(2^8) inversion,
 * decrypt(encrypt(x)) == x, and AES-NI == portable on random keys and
 * blocks (gt_cpu_override picks the path at key setup). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/cpu.h"
#include "crypto/aes_impl.h"
#include "crypto/aes_kat.h"

#include <unistd.h>

#include "core/ct.h"

/* 0 = portable; the detected features otherwise (may also be 0). */
static uint32_t feature_sets[2];
static int nsets;

static int setup(void **state)
{
    (void)state;
    gt_cpu_reset();
    feature_sets[0] = 0;
    feature_sets[1] = gt_cpu_features();
    nsets = feature_sets[1] != 0 ? 2 : 1;
    return 0;
}

static void init_with(gt_aes_key *k, uint32_t features, const uint8_t *key, size_t n)
{
    gt_cpu_override(features);
    assert_int_equal(gt_aes_init(k, key, n), 0);
    gt_cpu_reset();
}

static void check_ecb(const kat_case *c, void *arg)
{
    const kat_field *key = kat_get(c, "key"), *pt = kat_get(c, "pt"), *ct = kat_get(c, "ct");
    if (!pt) pt = kat_get(c, "plaintext"), ct = kat_get(c, "ciphertext");
    assert_non_null(key);
    assert_non_null(pt);
    assert_non_null(ct);
    assert_int_equal(pt->n, ct->n);
    assert_int_equal(pt->n % 16, 0);
    for (int s = 0; s < nsets; s++) {
        gt_aes_key k;
        uint8_t out[256];
        assert_true(pt->n <= sizeof out);
        init_with(&k, feature_sets[s], key->v, key->n);
        for (size_t i = 0; i < pt->n; i += 16)
            gt_aes_encrypt_block(&k, pt->v + i, out + i);
        if (memcmp(out, ct->v, ct->n) != 0)
            fail_msg("%s:%u: encrypt, path %d", c->file, c->line, s);
        for (size_t i = 0; i < pt->n; i += 16)
            gt_aes_decrypt_block(&k, ct->v + i, out + i);
        if (memcmp(out, pt->v, pt->n) != 0)
            fail_msg("%s:%u: decrypt, path %d", c->file, c->line, s);
        gt_aes_free(&k);
    }
    (*(int *)arg)++;
}

static void test_fips197(void **state)
{
    (void)state;
    int n = 0;
    assert_int_equal(kat_run(kat_src("vectors/cipher/aes-fips197.txt"), check_ecb, &n), 4);
    assert_int_equal(n, 4);
}

/* A few NIST CAVP AESAVS files, read in place when installed. */
static void test_cavp_ecb(void **state)
{
    (void)state;
    static const char *files[] = {"ECBGFSbox128", "ECBKeySbox192", "ECBVarKey256", "ECBVarTxt128",
                                  "ECBMMT256"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/ECB/%s.rsp", KAT_CAVP_AES, files[i]);
        int n = 0;
        if (access(path, R_OK) != 0) skip();
        assert_true(kat_run(path, check_ecb, &n) > 0);
    }
}

/* S(x) = A(x^-1) ^ 0x63 (FIPS 197 §5.1.1), computed the slow way. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    for (int i = 0; i < 8; i++) {
        if (b & 1) r ^= a;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static uint8_t ref_sbox(uint8_t x)
{
    uint8_t inv = 0;
    for (int y = 1; y < 256 && x; y++)
        if (gf_mul(x, (uint8_t)y) == 1) inv = (uint8_t)y;
    uint8_t s = 0x63;
    for (int i = 0; i < 8; i++) {
        int bit = ((inv >> i) ^ (inv >> ((i + 4) & 7)) ^ (inv >> ((i + 5) & 7)) ^
                   (inv >> ((i + 6) & 7)) ^ (inv >> ((i + 7) & 7))) &
                  1;
        s ^= (uint8_t)(bit << i);
    }
    return s;
}

static void test_sbox_circuit(void **state)
{
    (void)state;
    for (unsigned x = 0; x < 256; x++) {
        uint32_t w = x | (x ^ 0x55) << 8 | (255 - x) << 16 | (x * 7 & 255) << 24;
        uint32_t s = gt_aes_ct_subword(w);
        for (int r = 0; r < 4; r++)
            assert_int_equal((s >> (8 * r)) & 255, ref_sbox((uint8_t)(w >> (8 * r))));
    }
}

static void test_key_sizes(void **state)
{
    (void)state;
    gt_aes_key k;
    uint8_t key[33] = {0};
    for (size_t n = 0; n <= 33; n++) {
        int want = (n == 16 || n == 24 || n == 32) ? 0 : GT_ERR_CRYPTO_KEY_SIZE;
        assert_int_equal(gt_aes_init(&k, key, n), want);
    }
    assert_int_equal(gt_aes_init(&k, key, 24), 0);
    assert_int_equal(k.rounds, 12);
    gt_aes_free(&k);
    assert_true(gt_ct_is_zero(&k, sizeof k));
}

/* Random keys, block counts 1..40 (covers the 4-wide bitsliced core's
 * partial groups and the 8-wide AES-NI loop and its tail). */
static void test_paths_agree(void **state)
{
    (void)state;
    uint8_t key[32], in[40 * 16], a[sizeof in], b[sizeof in], back[sizeof in];
    for (unsigned t = 0; t < 60; t++) {
        size_t klen = 16 + 8 * (t % 3), nb = 1 + t % 40;
        tu_fill(key, sizeof key, 1000 + t);
        tu_fill(in, sizeof in, 2000 + t);
        gt_aes_key kp, ka;
        init_with(&kp, 0, key, klen);
        init_with(&ka, feature_sets[nsets - 1], key, klen);
        gt_aes_ct_encrypt(&kp, in, a, nb);
        if (ka.impl == GT_AES_IMPL_NI)
            gt_aesni_encrypt(&ka, in, b, nb);
        else
            gt_aes_ct_encrypt(&ka, in, b, nb);
        assert_memory_equal(a, b, 16 * nb);
        for (size_t i = 0; i < nb; i++) { /* the one-block API agrees too */
            gt_aes_encrypt_block(&ka, in + 16 * i, b + 16 * i);
            gt_aes_decrypt_block(&kp, a + 16 * i, back + 16 * i);
        }
        assert_memory_equal(a, b, 16 * nb);
        assert_memory_equal(back, in, 16 * nb);
        if (ka.impl == GT_AES_IMPL_NI)
            gt_aesni_decrypt(&ka, a, back, nb);
        else
            gt_aes_ct_decrypt(&ka, a, back, nb);
        assert_memory_equal(back, in, 16 * nb);
        gt_aes_ct_decrypt(&kp, a, a, nb); /* in place */
        assert_memory_equal(a, in, 16 * nb);
    }
}

/* A changed key or plaintext bit changes the ciphertext (guards against a
 * core that ignores part of its input). */
static void test_avalanche(void **state)
{
    (void)state;
    uint8_t key[32] = {0}, pt[16] = {0}, c0[16], c1[16];
    for (int s = 0; s < nsets; s++) {
        gt_aes_key k;
        init_with(&k, feature_sets[s], key, 32);
        gt_aes_encrypt_block(&k, pt, c0);
        for (int bit = 0; bit < 256; bit++) {
            key[bit / 8] ^= (uint8_t)(1 << (bit % 8));
            init_with(&k, feature_sets[s], key, 32);
            key[bit / 8] ^= (uint8_t)(1 << (bit % 8));
            gt_aes_encrypt_block(&k, pt, c1);
            assert_memory_not_equal(c0, c1, 16);
        }
        init_with(&k, feature_sets[s], key, 32);
        for (int bit = 0; bit < 128; bit++) {
            pt[bit / 8] ^= (uint8_t)(1 << (bit % 8));
            gt_aes_encrypt_block(&k, pt, c1);
            pt[bit / 8] ^= (uint8_t)(1 << (bit % 8));
            assert_memory_not_equal(c0, c1, 16);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips197),      cmocka_unit_test(test_cavp_ecb),
        cmocka_unit_test(test_sbox_circuit), cmocka_unit_test(test_key_sizes),
        cmocka_unit_test(test_paths_agree),  cmocka_unit_test(test_avalanche),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
