/* Tests for tls/crypto/rsa_pkcs1.c: PKCS #1 v1.5 sign/verify round trips
 * for every key size and hash, rejected malformations (length, s >= n,
 * flipped bits, wrong DigestInfo, wrong hash), the NIST CAVP SigVer15
 * file, encryption round trips, every malformed type-2 padding failing
 * through the mask, and the TLS premaster helper choosing the random
 * premaster in exactly those cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/rsa_impl.h"
#include "crypto/rsa_testkeys.h"

static tk_rsa *keys;
static size_t nkeys;
static gt_drbg rng;
static const gt_hash *hashes[5];

static int setup(void **state)
{
    (void)state;
    nkeys = tk_load(&keys);
    gt_drbg_init_seed(&rng, (const uint8_t *)"test_rsa_pkcs1", 14);
    hashes[0] = &gt_hash_sha1, hashes[1] = &gt_hash_sha224, hashes[2] = &gt_hash_sha256;
    hashes[3] = &gt_hash_sha384, hashes[4] = &gt_hash_sha512;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(keys);
    return 0;
}

static void test_sign_verify_roundtrip(void **state)
{
    (void)state;
    static const unsigned sizes[] = {2048, 3072, 4096};
    for (int s = 0; s < 3; s++) {
        tk_rsa *k = tk_find(keys, nkeys, sizes[s]);
        for (int i = 0; i < 5; i++) {
            const gt_hash *h = hashes[i];
            uint8_t dig[64], sig[512];
            size_t len;
            gt_hash_digest(h, "abc", 3, dig);
            assert_int_equal(
                gt_rsa_pkcs1_sign(&k->priv, h, dig, tk_rng, &rng, sig, sizeof sig, &len), 0);
            assert_int_equal(len, sizes[s] / 8);
            assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, sig, len), 0);
            /* wrong hash algorithm, wrong digest */
            const gt_hash *other = hashes[(i + 1) % 5];
            assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, other, dig, sig, len),
                             GT_ERR_CRYPTO_SIGNATURE);
            dig[0] ^= 1;
            assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, sig, len),
                             GT_ERR_CRYPTO_SIGNATURE);
        }
    }
}

static void test_verify_rejects(void **state)
{
    (void)state;
    tk_rsa *k = tk_find(keys, nkeys, 2048);
    const gt_hash *h = &gt_hash_sha256;
    uint8_t dig[32], sig[257], bad[257], em[256];
    size_t len;
    gt_hash_digest(h, "msg", 3, dig);
    assert_int_equal(gt_rsa_pkcs1_sign(&k->priv, h, dig, tk_rng, &rng, sig, sizeof sig, &len), 0);
    /* wrong lengths: one short, one long (leading zero), empty */
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, sig, 255), GT_ERR_CRYPTO_SIGNATURE);
    bad[0] = 0;
    memcpy(bad + 1, sig, 256);
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, bad, 257), GT_ERR_CRYPTO_SIGNATURE);
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, sig, 0), GT_ERR_CRYPTO_SIGNATURE);
    /* s >= n: n itself and s + n (when it fits) */
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, k->n, 256), GT_ERR_CRYPTO_SIGNATURE);
    memset(bad, 0xff, 256);
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, bad, 256), GT_ERR_CRYPTO_SIGNATURE);
    /* every single-bit flip in a few positions */
    for (size_t i = 0; i < 256; i += 17) {
        memcpy(bad, sig, 256);
        bad[i] ^= (uint8_t)(1u << (i % 8));
        assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, bad, 256),
                         GT_ERR_CRYPTO_SIGNATURE);
    }
    /* Encodings that are not THE encoding, signed with the raw private
     * operation: DigestInfo without NULL, a short PS, block type 02. */
    uint8_t s2[256];
    static const uint8_t di_nonull[] = {0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48,
                                        0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04, 0x20};
    size_t t = sizeof di_nonull + 32;
    memset(em, 0xff, 256);
    em[0] = 0, em[1] = 1, em[256 - t - 1] = 0;
    memcpy(em + 256 - t, di_nonull, sizeof di_nonull);
    memcpy(em + 256 - 32, dig, 32);
    assert_int_equal(gt_rsa_private_op(&k->priv, tk_rng, &rng, em, s2), 0xffffffffu);
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, s2, 256), GT_ERR_CRYPTO_SIGNATURE);
    assert_int_equal(gt_rsa_public_op(&k->pub, 0, sig, em), 0); /* the valid EM */
    em[1] = 2;
    assert_int_equal(gt_rsa_private_op(&k->priv, tk_rng, &rng, em, s2), 0xffffffffu);
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, h, dig, s2, 256), GT_ERR_CRYPTO_SIGNATURE);
    /* unknown hash descriptor */
    gt_hash fake = gt_hash_sha256;
    assert_int_equal(gt_rsa_pkcs1_verify(&k->pub, 0, &fake, dig, sig, 256), GT_ERR_ARG);
    /* a 1024-bit key verifies only with GT_RSA_ALLOW_LEGACY and never signs */
    tk_rsa *small = tk_find(keys, nkeys, 1024);
    assert_int_equal(gt_rsa_pkcs1_sign(&small->priv, h, dig, tk_rng, &rng, sig, 256, &len),
                     GT_ERR_CRYPTO_KEY_SIZE);
    assert_int_equal(gt_rsa_pkcs1_verify(&small->pub, 0, h, dig, sig, 128), GT_ERR_CRYPTO_KEY_SIZE);
}

static int verify15(const gt_rsa_public_key *k, const gt_hash *h, const uint8_t *msg,
                    size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t dig[64];
    gt_hash_digest(h, msg, msg_len, dig);
    return gt_rsa_pkcs1_verify(k, GT_RSA_ALLOW_LEGACY, h, dig, sig, sig_len);
}

static void test_cavp_sigver15(void **state)
{
    (void)state;
    size_t bad, n = tk_cavp_sigver("SigVer15_186-3.rsp", verify15, &bad);
    if (!n) skip(); /* python3-cryptography-vectors not installed */
    assert_int_equal(n, 450);
    assert_int_equal(bad, 0);
}

static void test_encrypt_decrypt(void **state)
{
    (void)state;
    static const unsigned sizes[] = {2048, 3072, 4096};
    for (int s = 0; s < 3; s++) {
        tk_rsa *k = tk_find(keys, nkeys, sizes[s]);
        size_t kl = sizes[s] / 8, len, out_len;
        uint8_t msg[512], ct[512], out[512];
        static const size_t lens[] = {0, 1, 48, 100};
        for (int i = 0; i < 5; i++) {
            size_t ml = i < 4 ? lens[i] : kl - 11;
            tu_fill(msg, ml, (uint64_t)(s * 10 + i));
            assert_int_equal(
                gt_rsa_pkcs1_encrypt(&k->pub, 0, msg, ml, tk_rng, &rng, ct, sizeof ct, &len), 0);
            assert_int_equal(gt_rsa_pkcs1_decrypt(&k->priv, ct, len, tk_rng, &rng, out, &out_len),
                             0xffffffffu);
            assert_int_equal(out_len, ml);
            assert_memory_equal(out, msg, ml);
        }
        assert_int_equal(
            gt_rsa_pkcs1_encrypt(&k->pub, 0, msg, kl - 10, tk_rng, &rng, ct, sizeof ct, &len),
            GT_ERR_CRYPTO_LENGTH);
    }
}

/* Encrypts an arbitrary EM with the raw public operation. */
static void raw_encrypt(const tk_rsa *k, const uint8_t *em, uint8_t *ct)
{
    assert_int_equal(gt_rsa_public_op(&k->pub, 0, em, ct), 0);
}

/* A well-formed EM carrying a 48-byte premaster with version 03 03. */
static void good_em(uint8_t *em, size_t kl)
{
    em[0] = 0, em[1] = 2;
    for (size_t i = 2; i < kl - 49; i++)
        em[i] = (uint8_t)(i | 1);
    em[kl - 49] = 0;
    em[kl - 48] = 3, em[kl - 47] = 3;
    tu_fill(em + kl - 46, 46, 1234);
}

enum {
    BAD_TYPE0,
    BAD_TYPE1,
    BAD_LEADING,
    BAD_NO_ZERO,
    BAD_SHORT_PS,
    BAD_ZERO_AT_2,
    BAD_LEN47,
    BAD_LEN49,
    BAD_VERSION,
    BAD_COUNT
};

static void make_bad(uint8_t *em, size_t kl, int kind)
{
    good_em(em, kl);
    switch (kind) {
    case BAD_TYPE0:
        em[1] = 0;
        break;
    case BAD_TYPE1:
        em[1] = 1;
        break;
    case BAD_LEADING:
        em[0] = 1;
        break;
    case BAD_NO_ZERO:
        em[kl - 49] = 0x55;
        break;
    case BAD_SHORT_PS:
        em[9] = 0;
        break; /* PS of 7 bytes */
    case BAD_ZERO_AT_2:
        em[2] = 0;
        break; /* empty PS */
    case BAD_LEN47:
        em[kl - 49] = 1, em[kl - 48] = 0;
        break;
    case BAD_LEN49:
        em[kl - 50] = 0;
        break;
    case BAD_VERSION:
        em[kl - 47] = 1;
        break;
    default:
        break;
    }
}

static void test_decrypt_bad_padding(void **state)
{
    (void)state;
    tk_rsa *k = tk_find(keys, nkeys, 2048);
    const size_t kl = 256;
    uint8_t em[256], ct[256], out[256], pm[48], pm2[48];
    size_t out_len;
    static const uint8_t ver[2] = {3, 3};
    /* The good case: decrypt and premaster both give the real value. */
    good_em(em, kl);
    raw_encrypt(k, em, ct);
    assert_int_equal(gt_rsa_pkcs1_decrypt(&k->priv, ct, kl, tk_rng, &rng, out, &out_len),
                     0xffffffffu);
    assert_int_equal(out_len, 48);
    assert_int_equal(gt_rsa_decrypt_premaster(&k->priv, ct, kl, ver, tk_rng, &rng, pm), 0);
    assert_memory_equal(pm, em + kl - 48, 48);
    for (int kind = 0; kind < BAD_COUNT; kind++) {
        make_bad(em, kl, kind);
        raw_encrypt(k, em, ct);
        uint32_t ok = gt_rsa_pkcs1_decrypt(&k->priv, ct, kl, tk_rng, &rng, out, &out_len);
        /* Only the version and the 47/49-byte lengths are valid PKCS #1. */
        int pkcs1_valid = kind == BAD_LEN47 || kind == BAD_LEN49 || kind == BAD_VERSION;
        assert_int_equal(ok, pkcs1_valid ? 0xffffffffu : 0);
        if (!pkcs1_valid) assert_int_equal(out_len, 0);
        /* The premaster helper returns 0 and a random premaster starting
         * with the client version, different on every call. */
        assert_int_equal(gt_rsa_decrypt_premaster(&k->priv, ct, kl, ver, tk_rng, &rng, pm), 0);
        assert_int_equal(gt_rsa_decrypt_premaster(&k->priv, ct, kl, ver, tk_rng, &rng, pm2), 0);
        assert_memory_equal(pm, ver, 2);
        assert_memory_not_equal(pm + 2, em + kl - 46, 46);
        assert_memory_not_equal(pm, pm2, 48);
    }
    /* wrong ciphertext length and c >= n: failure mask, random premaster */
    assert_int_equal(gt_rsa_pkcs1_decrypt(&k->priv, ct, kl - 1, tk_rng, &rng, out, &out_len), 0);
    assert_int_equal(gt_rsa_decrypt_premaster(&k->priv, ct, kl - 1, ver, tk_rng, &rng, pm), 0);
    assert_memory_equal(pm, ver, 2);
    assert_int_equal(gt_rsa_pkcs1_decrypt(&k->priv, k->n, kl, tk_rng, &rng, out, &out_len), 0);
    assert_int_equal(gt_rsa_decrypt_premaster(&k->priv, k->n, kl, ver, tk_rng, &rng, pm), 0);
    /* an RNG failure is reported (it does not depend on the ciphertext) */
    assert_int_equal(gt_rsa_decrypt_premaster(&k->priv, ct, kl, ver, tk_rng_fail, NULL, pm),
                     GT_ERR_CRYPTO_RNG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_verify_roundtrip), cmocka_unit_test(test_verify_rejects),
        cmocka_unit_test(test_cavp_sigver15),         cmocka_unit_test(test_encrypt_decrypt),
        cmocka_unit_test(test_decrypt_bad_padding),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
