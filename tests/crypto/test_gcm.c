/* Tests for tls/crypto/gcm.c (and the GCM back ends it dispatches to):
 * the GCM specification's test cases and NIST CAVP files on every path,
 * tag failures (zeroed output, every bit flip of AAD, ciphertext and tag),
 * truncated tags, incremental == one-shot at random split points,
 * in-place == out-of-place, every length 0..600 and some large ones:
 * accelerated == portable == a slow reference written from SP 800-38D
 * Algorithms 1-5 (bit by bit), including a counter that wraps mod 2^32. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "core/cpu.h"
#include "core/ct.h"
#include "crypto/aes_impl.h"
#include "crypto/aes_kat.h"

/* Feature sets selecting each GCM back end the CPU offers. */
static uint32_t sets[3];
static int nsets;

static int setup(void **state)
{
    (void)state;
    gt_cpu_reset();
    uint32_t all = gt_cpu_features();
    nsets = 0;
    sets[nsets++] = 0;
    if (gt_cpu_has(GT_CPU_AESNI | GT_CPU_PCLMUL | GT_CPU_SSSE3 | GT_CPU_SSE41))
        sets[nsets++] = all & ~(uint32_t)(GT_CPU_VAES | GT_CPU_VPCLMUL);
    if (gt_gcm_vaes_usable()) sets[nsets++] = all;
    return 0;
}

static void key_with(gt_gcm_key *g, int s, const uint8_t *key, size_t n)
{
    gt_cpu_override(sets[s]);
    assert_int_equal(gt_gcm_init(g, key, n), 0);
    gt_cpu_reset();
    assert_int_equal(g->impl, (unsigned)s);
}

/* ---- slow reference: SP 800-38D Algorithm 1 (bitwise multiply) ---- */
static void ref_mul(uint8_t x[16], const uint8_t y[16])
{
    uint8_t z[16] = {0}, v[16];
    memcpy(v, y, 16);
    for (int i = 0; i < 128; i++) {
        if ((x[i / 8] >> (7 - i % 8)) & 1)
            for (int j = 0; j < 16; j++)
                z[j] ^= v[j];
        int lsb = v[15] & 1;
        for (int j = 15; j > 0; j--)
            v[j] = (uint8_t)((v[j] >> 1) | (v[j - 1] << 7));
        v[0] >>= 1;
        if (lsb) v[0] ^= 0xe1;
    }
    memcpy(x, z, 16);
}

static void ref_ghash(uint8_t y[16], const uint8_t h[16], const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i += 16) {
        for (size_t j = 0; j < 16 && i + j < n; j++)
            y[j] ^= p[i + j];
        ref_mul(y, h);
    }
}

/* GCM-AE (Algorithm 4) with an explicit initial counter block when ctr0
 * is non-NULL (to test inc32 wrap-around). */
static void ref_seal(const uint8_t *key, size_t klen, const uint8_t *iv, size_t ivlen,
                     const uint8_t *ctr0, const uint8_t *aad, size_t alen, const uint8_t *pt,
                     size_t len, uint8_t *ct, uint8_t tag[16])
{
    gt_aes_key k;
    uint8_t h[16] = {0}, j0[16] = {0}, cb[16], ks[16], y[16] = {0}, lens[16] = {0};
    gt_cpu_override(0);
    assert_int_equal(gt_aes_init(&k, key, klen), 0);
    gt_cpu_reset();
    gt_aes_encrypt_block(&k, h, h);
    if (ivlen == 12) {
        memcpy(j0, iv, 12);
        j0[15] = 1;
    } else {
        ref_ghash(j0, h, iv, ivlen);
        for (int i = 0; i < 8; i++)
            lens[15 - i] = (uint8_t)(((uint64_t)ivlen * 8) >> (8 * i));
        ref_ghash(j0, h, lens, 16);
    }
    memcpy(cb, ctr0 ? ctr0 : j0, 16);
    for (size_t i = 0; i < len; i++) {
        if (i % 16 == 0) {
            uint32_t c = (uint32_t)cb[12] << 24 | cb[13] << 16 | cb[14] << 8 | cb[15];
            c++;
            cb[12] = (uint8_t)(c >> 24), cb[13] = (uint8_t)(c >> 16);
            cb[14] = (uint8_t)(c >> 8), cb[15] = (uint8_t)c;
            gt_aes_encrypt_block(&k, cb, ks);
        }
        ct[i] = pt[i] ^ ks[i % 16];
    }
    ref_ghash(y, h, aad, alen);
    ref_ghash(y, h, ct, len);
    for (int i = 0; i < 8; i++) {
        lens[7 - i] = (uint8_t)(((uint64_t)alen * 8) >> (8 * i));
        lens[15 - i] = (uint8_t)(((uint64_t)len * 8) >> (8 * i));
    }
    ref_ghash(y, h, lens, 16);
    gt_aes_encrypt_block(&k, j0, tag);
    for (int i = 0; i < 16; i++)
        tag[i] ^= y[i];
}

/* ---- known answers ---- */
typedef struct {
    int cases, invalid;
} kat_count;

static void check_kat(const kat_case *c, void *arg)
{
    const kat_field *key = kat_get(c, "key"), *iv = kat_get(c, "iv"), *aad = kat_get(c, "aad");
    const kat_field *pt = kat_get(c, "pt"), *ct = kat_get(c, "ct"), *tag = kat_get(c, "tag");
    kat_count *k = arg;
    assert_true(key && iv && aad && ct && tag);
    if (pt)
        assert_int_equal(pt->n, ct->n);
    else
        assert_true(c->fail); /* CAVP omits PT on FAIL cases */
    uint8_t *out = malloc(ct->n + 1), t[16];
    for (int s = 0; s < nsets; s++) {
        gt_gcm_key g;
        key_with(&g, s, key->v, key->n);
        int rc = gt_gcm_open(&g, iv->v, iv->n, aad->v, aad->n, ct->v, ct->n, tag->v, tag->n, out);
        if (c->fail) {
            if (rc != GT_ERR_CRYPTO_TAG)
                fail_msg("%s:%u: open accepted, path %d", c->file, c->line, s);
            assert_true(gt_ct_is_zero(out, ct->n));
            continue;
        }
        if (rc != 0) fail_msg("%s:%u: open failed (%d), path %d", c->file, c->line, rc, s);
        assert_memory_equal(out, pt->v, pt->n);
        assert_int_equal(
            gt_gcm_seal(&g, iv->v, iv->n, aad->v, aad->n, pt->v, pt->n, out, t, tag->n), 0);
        if (memcmp(out, ct->v, ct->n) != 0 || memcmp(t, tag->v, tag->n) != 0)
            fail_msg("%s:%u: seal mismatch, path %d", c->file, c->line, s);
        gt_gcm_free(&g);
    }
    free(out);
    k->cases++;
    k->invalid += c->fail;
}

static void test_spec_vectors(void **state)
{
    (void)state;
    kat_count n = {0, 0};
    assert_int_equal(kat_run(kat_src("vectors/aead/aes-gcm-spec.txt"), check_kat, &n), 21);
    assert_int_equal(n.cases, 21);
    assert_int_equal(n.invalid, 3);
}

/* CAVP GCMVS files (all IV and tag lengths, FAIL cases), read in place.
 * Only the 128- and 256-bit key files, to keep the portable run short. */
static void test_cavp(void **state)
{
    (void)state;
    static const char *files[] = {"gcmEncryptExtIV128", "gcmDecrypt128", "gcmEncryptExtIV256",
                                  "gcmDecrypt256"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/GCM/%s.rsp", KAT_CAVP_AES, files[i]);
        if (access(path, R_OK) != 0) skip();
        kat_count n = {0, 0};
        assert_int_equal(kat_run(path, check_kat, &n), 7875);
        if (strstr(files[i], "Decrypt")) assert_true(n.invalid > 1000);
    }
}

/* ---- tags ---- */
static const uint8_t KEY[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static const uint8_t IV[12] = {0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce,
                               0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88};

static void test_tag_mismatch_zeroes(void **state)
{
    (void)state;
    uint8_t pt[100], ct[100], out[100], tag[16], aad[13];
    tu_fill(pt, sizeof pt, 1);
    tu_fill(aad, sizeof aad, 2);
    for (int s = 0; s < nsets; s++) {
        gt_gcm_key g;
        key_with(&g, s, KEY, 16);
        assert_int_equal(gt_gcm_seal(&g, IV, 12, aad, 13, pt, 100, ct, tag, 16), 0);
        tag[7] ^= 4;
        memset(out, 0xAA, sizeof out);
        assert_int_equal(gt_gcm_open(&g, IV, 12, aad, 13, ct, 100, tag, 16, out),
                         GT_ERR_CRYPTO_TAG);
        assert_true(gt_ct_is_zero(out, sizeof out));
        /* in place: the ciphertext buffer is wiped too */
        assert_int_equal(gt_gcm_open(&g, IV, 12, aad, 13, ct, 100, tag, 16, ct), GT_ERR_CRYPTO_TAG);
        assert_true(gt_ct_is_zero(ct, sizeof ct));
    }
}

static void test_bit_flips(void **state)
{
    (void)state;
    uint8_t pt[37], ct[37], out[37], tag[16], aad[21];
    tu_fill(pt, sizeof pt, 3);
    tu_fill(aad, sizeof aad, 4);
    for (int s = 0; s < nsets; s++) {
        gt_gcm_key g;
        key_with(&g, s, KEY, 32);
        assert_int_equal(gt_gcm_seal(&g, IV, 12, aad, sizeof aad, pt, sizeof pt, ct, tag, 16), 0);
        assert_int_equal(gt_gcm_open(&g, IV, 12, aad, sizeof aad, ct, sizeof ct, tag, 16, out), 0);
        uint8_t *bufs[4] = {aad, ct, tag, (uint8_t *)IV};
        size_t lens[4] = {sizeof aad, sizeof ct, 16, 12};
        for (int b = 0; b < 3; b++) {
            for (size_t bit = 0; bit < 8 * lens[b]; bit++) {
                bufs[b][bit / 8] ^= (uint8_t)(1 << (bit % 8));
                int rc = gt_gcm_open(&g, IV, 12, aad, sizeof aad, ct, sizeof ct, tag, 16, out);
                bufs[b][bit / 8] ^= (uint8_t)(1 << (bit % 8));
                assert_int_equal(rc, GT_ERR_CRYPTO_TAG);
            }
        }
        /* a shorter or longer AAD / ciphertext is another message */
        assert_int_equal(gt_gcm_open(&g, IV, 12, aad, sizeof aad - 1, ct, sizeof ct, tag, 16, out),
                         GT_ERR_CRYPTO_TAG);
        assert_int_equal(gt_gcm_open(&g, IV, 12, aad, sizeof aad, ct, sizeof ct - 1, tag, 16, out),
                         GT_ERR_CRYPTO_TAG);
        assert_int_equal(gt_gcm_open(&g, IV, 11, aad, sizeof aad, ct, sizeof ct, tag, 16, out),
                         GT_ERR_CRYPTO_TAG);
    }
}

static void test_truncated_tags(void **state)
{
    (void)state;
    uint8_t pt[50], ct[50], out[50], full[16], tag[17];
    tu_fill(pt, sizeof pt, 5);
    gt_gcm_key g;
    key_with(&g, nsets - 1, KEY, 24);
    assert_int_equal(gt_gcm_seal(&g, IV, 12, NULL, 0, pt, 50, ct, full, 16), 0);
    for (size_t t = 0; t <= 17; t++) {
        int valid = t == 4 || t == 8 || (t >= 12 && t <= 16);
        int rc = gt_gcm_seal(&g, IV, 12, NULL, 0, pt, 50, out, tag, t);
        assert_int_equal(rc, valid ? 0 : GT_ERR_CRYPTO_IV_SIZE);
        rc = gt_gcm_open(&g, IV, 12, NULL, 0, ct, 50, full, t, out);
        assert_int_equal(rc, valid ? 0 : GT_ERR_CRYPTO_IV_SIZE);
        if (!valid) continue;
        assert_memory_equal(tag, full, t); /* a truncated tag is a prefix */
        tag[t - 1] ^= 1;
        assert_int_equal(gt_gcm_open(&g, IV, 12, NULL, 0, ct, 50, tag, t, out), GT_ERR_CRYPTO_TAG);
    }
}

static void test_bad_args(void **state)
{
    (void)state;
    gt_gcm_key g;
    gt_gcm_ctx c;
    uint8_t buf[32] = {0}, tag[16];
    assert_int_equal(gt_gcm_init(&g, KEY, 20), GT_ERR_CRYPTO_KEY_SIZE);
    key_with(&g, 0, KEY, 16);
    assert_int_equal(gt_gcm_seal(&g, IV, 0, NULL, 0, buf, 16, buf, tag, 16), GT_ERR_CRYPTO_IV_SIZE);
    assert_int_equal(gt_gcm_open(&g, IV, 0, NULL, 0, buf, 16, tag, 16, buf), GT_ERR_CRYPTO_IV_SIZE);
    assert_int_equal(gt_gcm_seal(&g, IV, 12, NULL, 0, buf, (size_t)1 << 36, buf, tag, 16),
                     GT_ERR_CRYPTO_LENGTH);
    /* order of calls */
    assert_int_equal(gt_gcm_start(&c, &g, IV, 12), 0);
    assert_int_equal(gt_gcm_encrypt(&c, buf, buf, 5), 0);
    assert_int_equal(gt_gcm_aad(&c, buf, 1), GT_ERR_STATE);
    assert_int_equal(gt_gcm_decrypt(&c, buf, buf, 1), GT_ERR_STATE);
    gt_gcm_finish(&c, tag);
    assert_int_equal(gt_gcm_encrypt(&c, buf, buf, 1), GT_ERR_STATE); /* finished */
    assert_int_equal(gt_gcm_start(&c, &g, IV, 0), GT_ERR_CRYPTO_IV_SIZE);
    assert_int_equal(gt_gcm_aad(&c, buf, 1), GT_ERR_STATE);
}

/* ---- properties ---- */
static void test_incremental_splits(void **state)
{
    (void)state;
    enum { N = 700 };
    uint8_t *pt = malloc(N), *ct = malloc(N), *o = malloc(N), aad[90], t1[16], t2[16];
    uint8_t rnd[64];
    for (int s = 0; s < nsets; s++) {
        gt_gcm_key g;
        key_with(&g, s, KEY, 16);
        for (unsigned trial = 0; trial < 60; trial++) {
            tu_fill(rnd, sizeof rnd, 77 + trial);
            size_t len = (rnd[0] | rnd[1] << 8) % N, alen = rnd[2] % sizeof aad;
            tu_fill(pt, N, trial);
            tu_fill(aad, sizeof aad, trial + 1000);
            size_t ivlen = trial % 3 == 0 ? 1 + rnd[3] % 40 : 12;
            assert_int_equal(gt_gcm_seal(&g, rnd + 8, ivlen, aad, alen, pt, len, ct, t1, 16), 0);
            for (int dir = 0; dir < 2; dir++) {
                gt_gcm_ctx c;
                size_t i = 0, a = 0, r = 4;
                assert_int_equal(gt_gcm_start(&c, &g, rnd + 8, ivlen), 0);
                while (a < alen) {
                    size_t step = rnd[r++ % 64] % 23;
                    step = step > alen - a ? alen - a : step;
                    assert_int_equal(gt_gcm_aad(&c, aad + a, step), 0);
                    a += step;
                }
                while (i < len) {
                    size_t step = (rnd[r % 64] | rnd[(r + 1) % 64] << 8) % 200;
                    r += 2;
                    step = step > len - i ? len - i : step;
                    int rc = dir == 0 ? gt_gcm_encrypt(&c, pt + i, o + i, step)
                                      : gt_gcm_decrypt(&c, ct + i, o + i, step);
                    assert_int_equal(rc, 0);
                    i += step;
                }
                gt_gcm_finish(&c, t2);
                assert_memory_equal(t1, t2, 16);
                assert_memory_equal(o, dir == 0 ? ct : pt, len);
            }
        }
    }
    free(pt), free(ct), free(o);
}

/* Every length 0..600 (and some large ones): each back end == the
 * reference; in place == out of place; open(seal(x)) == x. */
static void check_len(size_t len, size_t alen, size_t ivlen, uint64_t seed)
{
    uint8_t *pt = malloc(len + 1), *ref = malloc(len + 1), *ct = malloc(len + 1), aad[64], iv[64];
    uint8_t key[32], rtag[16], tag[16];
    tu_fill(pt, len, seed);
    tu_fill(aad, sizeof aad, seed + 1);
    tu_fill(iv, sizeof iv, seed + 2);
    tu_fill(key, sizeof key, seed + 3);
    size_t klen = 16 + 16 * (seed & 1);
    ref_seal(key, klen, iv, ivlen, NULL, aad, alen, pt, len, ref, rtag);
    for (int s = 0; s < nsets; s++) {
        gt_gcm_key g;
        key_with(&g, s, key, klen);
        assert_int_equal(gt_gcm_seal(&g, iv, ivlen, aad, alen, pt, len, ct, tag, 16), 0);
        if (memcmp(ct, ref, len) != 0 || memcmp(tag, rtag, 16) != 0)
            fail_msg("len %zu alen %zu ivlen %zu: path %d != reference", len, alen, ivlen, s);
        memcpy(ct, pt, len); /* in place */
        assert_int_equal(gt_gcm_seal(&g, iv, ivlen, aad, alen, ct, len, ct, tag, 16), 0);
        assert_memory_equal(ct, ref, len);
        assert_int_equal(gt_gcm_open(&g, iv, ivlen, aad, alen, ct, len, tag, 16, ct), 0);
        assert_memory_equal(ct, pt, len);
    }
    free(pt), free(ref), free(ct);
}

static void test_all_lengths(void **state)
{
    (void)state;
    for (size_t len = 0; len <= 600; len++)
        check_len(len, len % 37, len % 5 == 0 ? 1 + len % 61 : 12, len);
    static const size_t big[] = {1024, 4096, 16384, 16384 + 5, 65536 + 13 * 16 + 7};
    for (size_t i = 0; i < sizeof big / sizeof *big; i++)
        check_len(big[i], 13, 12, 900 + i);
}

/* inc32 (SP 800-38D §6.2) wraps the low 32 bits only: start the counter
 * just below 2^32 (white box: the context's counter block). */
static void test_counter_wrap(void **state)
{
    (void)state;
    enum { N = 16 * 40 + 9 };
    uint8_t pt[N], ref[N], ct[N], ctr0[16], rtag[16], tag[16];
    tu_fill(pt, N, 42);
    for (int s = 0; s < nsets; s++) {
        gt_gcm_key g;
        gt_gcm_ctx c;
        key_with(&g, s, KEY, 16);
        assert_int_equal(gt_gcm_start(&c, &g, IV, 12), 0);
        memset(c.ctr + 12, 0xff, 4);
        c.ctr[15] = 0xf3; /* 13 blocks before the wrap */
        memcpy(ctr0, c.ctr, 16);
        ctr0[15]--; /* the reference increments before use */
        ref_seal(KEY, 16, IV, 12, ctr0, NULL, 0, pt, N, ref, rtag);
        assert_int_equal(gt_gcm_encrypt(&c, pt, ct, 5), 0);
        assert_int_equal(gt_gcm_encrypt(&c, pt + 5, ct + 5, N - 5), 0);
        gt_gcm_finish(&c, tag);
        assert_memory_equal(ct, ref, N);
        assert_memory_equal(tag, rtag, 16);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_vectors),        cmocka_unit_test(test_cavp),
        cmocka_unit_test(test_tag_mismatch_zeroes), cmocka_unit_test(test_bit_flips),
        cmocka_unit_test(test_truncated_tags),      cmocka_unit_test(test_bad_args),
        cmocka_unit_test(test_incremental_splits),  cmocka_unit_test(test_all_lengths),
        cmocka_unit_test(test_counter_wrap),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
