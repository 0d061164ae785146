/* Tests for tls/crypto/cbc.c: SP 800-38A F.2 and CAVP MMT known answers on
 * every path, chaining across calls == one call, in place == out of place,
 * AES-NI == portable, and lengths that are not whole blocks rejected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "core/cpu.h"
#include "crypto/aes_impl.h"
#include "crypto/aes_kat.h"

static uint32_t sets[2];
static int nsets;

static int setup(void **state)
{
    (void)state;
    gt_cpu_reset();
    sets[0] = 0;
    sets[1] = gt_cpu_features();
    nsets = sets[1] != 0 ? 2 : 1;
    return 0;
}

static void key_with(gt_aes_key *k, int s, const uint8_t *key, size_t n)
{
    gt_cpu_override(sets[s]);
    assert_int_equal(gt_aes_init(k, key, n), 0);
    gt_cpu_reset();
}

static void check_cbc(const kat_case *c, void *arg)
{
    const kat_field *key = kat_get(c, "key"), *iv = kat_get(c, "iv");
    const kat_field *pt = kat_get(c, "pt"), *ct = kat_get(c, "ct");
    if (!pt) pt = kat_get(c, "plaintext"), ct = kat_get(c, "ciphertext");
    assert_true(key && iv && pt && ct);
    assert_int_equal(iv->n, 16);
    assert_int_equal(pt->n, ct->n);
    uint8_t *out = malloc(pt->n + 1), v[16];
    for (int s = 0; s < nsets; s++) {
        gt_aes_key k;
        key_with(&k, s, key->v, key->n);
        memcpy(v, iv->v, 16);
        assert_int_equal(gt_aes_cbc_encrypt(&k, v, pt->v, out, pt->n), 0);
        if (memcmp(out, ct->v, ct->n) != 0)
            fail_msg("%s:%u: encrypt, path %d", c->file, c->line, s);
        assert_memory_equal(v, ct->v + ct->n - 16, 16); /* iv = last ciphertext block */
        memcpy(v, iv->v, 16);
        assert_int_equal(gt_aes_cbc_decrypt(&k, v, ct->v, out, ct->n), 0);
        if (memcmp(out, pt->v, pt->n) != 0)
            fail_msg("%s:%u: decrypt, path %d", c->file, c->line, s);
        assert_memory_equal(v, ct->v + ct->n - 16, 16);
    }
    free(out);
    (*(int *)arg)++;
}

static void test_sp800_38a(void **state)
{
    (void)state;
    int n = 0;
    assert_int_equal(kat_run(kat_src("vectors/cipher/aes-cbc-sp800-38a.txt"), check_cbc, &n), 3);
    assert_int_equal(n, 3);
}

static void test_cavp_mmt(void **state)
{
    (void)state;
    static const char *files[] = {"CBCMMT128", "CBCMMT192", "CBCMMT256"};
    for (size_t i = 0; i < 3; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/CBC/%s.rsp", KAT_CAVP_AES, files[i]);
        if (access(path, R_OK) != 0) skip();
        int n = 0;
        assert_int_equal(kat_run(path, check_cbc, &n), 20); /* 10 encrypt + 10 decrypt */
    }
}

static void test_length_rejected(void **state)
{
    (void)state;
    uint8_t key[16] = {0}, iv[16] = {0}, buf[64] = {0};
    for (int s = 0; s < nsets; s++) {
        gt_aes_key k;
        key_with(&k, s, key, 16);
        for (size_t len = 0; len <= 64; len++) {
            int want = len % 16 == 0 ? 0 : GT_ERR_CRYPTO_LENGTH;
            assert_int_equal(gt_aes_cbc_encrypt(&k, iv, buf, buf, len), want);
            assert_int_equal(gt_aes_cbc_decrypt(&k, iv, buf, buf, len), want);
        }
    }
}

/* Split points at every block boundary; the iv carries the chain. Also in
 * place, and the two paths against each other. */
static void test_chaining_inplace_paths(void **state)
{
    (void)state;
    enum { NB = 37 };
    uint8_t key[32], iv0[16], pt[NB * 16], one[NB * 16], part[NB * 16], tmp[NB * 16], v[16];
    for (unsigned t = 0; t < 6; t++) {
        size_t klen = 16 + 8 * (t % 3);
        tu_fill(key, sizeof key, t);
        tu_fill(iv0, sizeof iv0, t + 100);
        tu_fill(pt, sizeof pt, t + 200);
        uint8_t ref[NB * 16];
        for (int s = 0; s < nsets; s++) {
            gt_aes_key k;
            key_with(&k, s, key, klen);
            memcpy(v, iv0, 16);
            assert_int_equal(gt_aes_cbc_encrypt(&k, v, pt, one, sizeof pt), 0);
            if (s == 0) memcpy(ref, one, sizeof one);
            assert_memory_equal(one, ref, sizeof one); /* AES-NI == portable */
            for (size_t cut = 0; cut <= NB; cut++) {
                memcpy(v, iv0, 16);
                assert_int_equal(gt_aes_cbc_encrypt(&k, v, pt, part, 16 * cut), 0);
                assert_int_equal(
                    gt_aes_cbc_encrypt(&k, v, pt + 16 * cut, part + 16 * cut, 16 * (NB - cut)), 0);
                assert_memory_equal(part, one, sizeof one);
                memcpy(v, iv0, 16);
                assert_int_equal(gt_aes_cbc_decrypt(&k, v, one, part, 16 * cut), 0);
                assert_int_equal(
                    gt_aes_cbc_decrypt(&k, v, one + 16 * cut, part + 16 * cut, 16 * (NB - cut)), 0);
                assert_memory_equal(part, pt, sizeof pt);
            }
            memcpy(tmp, pt, sizeof pt);
            memcpy(v, iv0, 16);
            assert_int_equal(gt_aes_cbc_encrypt(&k, v, tmp, tmp, sizeof tmp), 0);
            assert_memory_equal(tmp, one, sizeof one);
            memcpy(v, iv0, 16);
            assert_int_equal(gt_aes_cbc_decrypt(&k, v, tmp, tmp, sizeof tmp), 0);
            assert_memory_equal(tmp, pt, sizeof pt);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sp800_38a),
        cmocka_unit_test(test_cavp_mmt),
        cmocka_unit_test(test_length_rejected),
        cmocka_unit_test(test_chaining_inplace_paths),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
