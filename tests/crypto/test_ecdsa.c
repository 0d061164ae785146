/* Tests for tls/crypto/ecdsa.c: RFC 6979 A.2.5/A.2.6 deterministic
 * signatures (vectors/ec/rfc6979.txt), hedged signing, sign/verify round
 * trips, strict DER parsing, and the NIST CAVP SigVer cases for P-256 and
 * P-384 with SHA-256/384 (Debian's python3-cryptography-vectors, in place). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gt/gt_crypto.h"
#include "util/kat.h"
#include "crypto/ec_rsp.h"

/* Every RFC 6979 case (vectors/ec/rfc6979.txt, sections "ecdsa-<curve>-
 * <hash>"): public key, deterministic r || s, the DER form, verification of
 * both; a changed digest must be rejected. */
static void test_rfc6979(void **state)
{
    (void)state;
    char path[1024];
    kat_file k;
    int rc, cases = 0;
    if (kat_open(&k, kat_vectors_path(path, sizeof path, "ec/rfc6979.txt"))) fail_msg("%s", k.err);
    while ((rc = kat_next(&k)) == 1) {
        assert_int_equal(strncmp(k.section, "ecdsa-p", 7), 0);
        gt_ec_curve c = !strncmp(k.section + 6, "p256-", 5) ? GT_EC_P256 : GT_EC_P384;
        const gt_hash *h = gt_hash_by_name(k.section + 11);
        assert_non_null(h);
        size_t len = gt_ec_scalar_len(c);
        const kat_kv *x = kat_get(&k, "key"), *msg = kat_get(&k, "msg");
        const kat_kv *want_sig = kat_get(&k, "sig"), *want_pub = kat_get(&k, "pub");
        assert_non_null(x);
        assert_non_null(msg);
        assert_non_null(want_sig);
        assert_non_null(want_pub);
        assert_int_equal(want_sig->len, 2 * len);
        assert_int_equal(want_pub->len, 1 + 2 * len);
        uint8_t dig[64], pub[97], sig[96], der[GT_EC_MAX_SIG_DER];
        size_t der_len;
        gt_hash_digest(h, msg->bin, msg->len, dig);
        assert_int_equal(gt_ec_pub_from_priv(c, x->bin, pub), 0);
        assert_memory_equal(pub, want_pub->bin, 1 + 2 * len);
        assert_int_equal(gt_ecdsa_sign_raw(c, h, x->bin, dig, h->out_len, NULL, NULL, sig), 0);
        assert_memory_equal(sig, want_sig->bin, 2 * len);
        assert_int_equal(gt_ecdsa_verify_raw(c, pub, 1 + 2 * len, dig, h->out_len, sig, 2 * len),
                         0);
        assert_int_equal(
            gt_ecdsa_sign(c, h, x->bin, dig, h->out_len, NULL, NULL, der, sizeof der, &der_len), 0);
        assert_int_equal(gt_ecdsa_verify(c, pub, 1 + 2 * len, dig, h->out_len, der, der_len), 0);
        dig[0] ^= 1;
        assert_int_equal(gt_ecdsa_verify(c, pub, 1 + 2 * len, dig, h->out_len, der, der_len),
                         GT_ERR_CRYPTO_SIGNATURE);
        cases++;
    }
    assert_int_equal(rc, 0);
    kat_close(&k);
    assert_int_equal(cases, 20);
}

static int counter_rng(void *ctx, uint8_t *out, size_t n)
{
    uint64_t *seed = ctx;
    tu_fill(out, n, (*seed)++);
    return 0;
}

static int failing_rng(void *ctx, uint8_t *out, size_t n)
{
    (void)ctx;
    (void)out;
    (void)n;
    return GT_ERR_CRYPTO_RNG;
}

/* Random keys and digests on both curves: hedged signatures verify, differ
 * from each other and from the deterministic one, and any change to the
 * digest, r, s or the key is rejected. */
static void test_round_trip(void **state)
{
    (void)state;
    const gt_ec_curve curves[] = {GT_EC_P256, GT_EC_P384};
    uint64_t seed = 1;
    for (int ci = 0; ci < 2; ci++) {
        gt_ec_curve c = curves[ci];
        size_t len = gt_ec_scalar_len(c), plen = gt_ec_pub_len(c);
        for (int i = 0; i < 20; i++) {
            uint8_t priv[48], pub[97], priv2[48], pub2[97], dig[64], s1[96], s2[96], s3[96];
            assert_int_equal(gt_ec_keygen(c, counter_rng, &seed, priv, pub), 0);
            assert_int_equal(gt_ec_keygen(c, counter_rng, &seed, priv2, pub2), 0);
            tu_fill(dig, sizeof dig, seed++);
            size_t dl = (size_t)(i % 3 == 0 ? 20 : i % 3 == 1 ? 32 : 64); /* short, equal, long */
            assert_int_equal(
                gt_ecdsa_sign_raw(c, &gt_hash_sha256, priv, dig, dl, counter_rng, &seed, s1), 0);
            assert_int_equal(
                gt_ecdsa_sign_raw(c, &gt_hash_sha256, priv, dig, dl, counter_rng, &seed, s2), 0);
            assert_int_equal(gt_ecdsa_sign_raw(c, &gt_hash_sha256, priv, dig, dl, NULL, NULL, s3),
                             0);
            assert_memory_not_equal(s1, s2, len);
            assert_memory_not_equal(s1, s3, len);
            assert_int_equal(gt_ecdsa_verify_raw(c, pub, plen, dig, dl, s1, 2 * len), 0);
            assert_int_equal(gt_ecdsa_verify_raw(c, pub, plen, dig, dl, s2, 2 * len), 0);
            assert_int_equal(gt_ecdsa_verify_raw(c, pub, plen, dig, dl, s3, 2 * len), 0);
            assert_int_equal(gt_ecdsa_verify_raw(c, pub2, plen, dig, dl, s1, 2 * len),
                             GT_ERR_CRYPTO_SIGNATURE);
            uint8_t t[96];
            for (size_t b = 0; b < 2 * len; b += 7) {
                memcpy(t, s1, 2 * len);
                t[b] ^= (uint8_t)(1u << (b % 8));
                assert_int_equal(gt_ecdsa_verify_raw(c, pub, plen, dig, dl, t, 2 * len),
                                 GT_ERR_CRYPTO_SIGNATURE);
            }
            size_t last = dl < len ? dl - 1 : len - 1; /* last byte that counts */
            dig[last] ^= 0x01;
            assert_int_equal(gt_ecdsa_verify_raw(c, pub, plen, dig, dl, s1, 2 * len),
                             GT_ERR_CRYPTO_SIGNATURE);
            dig[last] ^= 0x01;
            /* Digests beyond the order's length are truncated (FIPS 186-4
             * §6.4): bytes past len do not matter. */
            if (dl > len) {
                dig[len] ^= 0xff;
                dig[dl - 1] ^= 0x80;
                assert_int_equal(gt_ecdsa_verify_raw(c, pub, plen, dig, dl, s1, 2 * len), 0);
            }
        }
        uint8_t priv[48], pub[97], sig[96];
        assert_int_equal(gt_ec_keygen(c, failing_rng, NULL, priv, pub), GT_ERR_CRYPTO_RNG);
        assert_int_equal(gt_ec_keygen(c, counter_rng, &seed, priv, pub), 0);
        assert_int_equal(
            gt_ecdsa_sign_raw(c, &gt_hash_sha256, priv, priv, 32, failing_rng, NULL, sig),
            GT_ERR_CRYPTO_RNG);
        memset(priv, 0, sizeof priv);
        assert_int_equal(gt_ecdsa_sign_raw(c, &gt_hash_sha256, priv, priv, 32, NULL, NULL, sig),
                         GT_ERR_CRYPTO_KEY);
    }
}

/* A DER signature built by hand around a known-good P-256 r, s. */
static const char *k_pub = "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
                           "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
/* RFC 6979 A.2.5, SHA-256, "sample": r has its top bit set (needs 0x00). */
static const char *k_r = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
static const char *k_s = "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
static const char *k_n = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

static int verify_hex(const char *der_hex)
{
    uint8_t pub[65], der[200], dig[32];
    size_t n = tu_unhex(der_hex, der, sizeof der);
    assert_int_not_equal(n, (size_t)-1);
    assert_int_equal(tu_unhex(k_pub, pub, sizeof pub), 65);
    gt_hash_digest(&gt_hash_sha256, "sample", 6, dig);
    return gt_ecdsa_verify(GT_EC_P256, pub, sizeof pub, dig, sizeof dig, der, n);
}

static int verify_parts(const char *pre, const char *r_int, const char *mid, const char *s_int,
                        const char *post)
{
    char buf[600];
    snprintf(buf, sizeof buf, "%s%s%s%s%s", pre, r_int, mid, s_int, post);
    return verify_hex(buf);
}

static void test_der_strict(void **state)
{
    (void)state;
    char r[80], s[80], n[80];
    snprintf(r, sizeof r, "022100%s", k_r);
    snprintf(s, sizeof s, "022100%s", k_s);
    snprintf(n, sizeof n, "022100%s", k_n);
    const int bad = GT_ERR_CRYPTO_SIGNATURE;
    assert_int_equal(verify_parts("3046", r, "", s, ""), 0);
    /* Structure. */
    assert_int_equal(verify_parts("3046", r, "", s, "00"), bad);   /* trailing byte */
    assert_int_equal(verify_parts("3047", r, "", s, "00"), bad);   /* trailing in SEQUENCE */
    assert_int_equal(verify_parts("304a", r, "", s, "0500"), bad); /* third element */
    assert_int_equal(verify_parts("308146", r, "", s, ""), bad);   /* long-form length */
    assert_int_equal(verify_parts("3146", r, "", s, ""), bad);     /* SET, not SEQUENCE */
    assert_int_equal(verify_parts("3045", r, "", s, ""), bad);     /* length too short */
    assert_int_equal(verify_parts("3023", r, "", "", ""), bad);    /* s missing */
    assert_int_equal(verify_hex(""), bad);
    assert_int_equal(verify_hex("3000"), bad);
    assert_int_equal(verify_hex("30"), bad);
    /* INTEGER encodings. */
    char t[120];
    snprintf(t, sizeof t, "02220000%s", k_r); /* superfluous leading zero */
    assert_int_equal(verify_parts("3047", t, "", s, ""), bad);
    snprintf(t, sizeof t, "0220%s", k_r); /* top bit set without 00: negative */
    assert_int_equal(verify_parts("3045", t, "", s, ""), bad);
    snprintf(t, sizeof t, "03210%s", k_r + 1); /* BIT STRING tag */
    assert_int_equal(verify_parts("3046", "022100", k_r, s, ""), 0);
    snprintf(t, sizeof t, "028121 00%s", k_r); /* long-form INTEGER length */
    assert_int_equal(verify_parts("3047", t, "", s, ""), bad);
    assert_int_equal(verify_parts("3025", "0200", "", s, ""), bad); /* empty INTEGER */
    /* Range: r = 0, s = 0, s = n, r = n, r = n + small. */
    assert_int_equal(verify_parts("3026", "020100", "", s, ""), bad);
    assert_int_equal(verify_parts("3026", r, "", "020100", ""), bad);
    assert_int_equal(verify_parts("3046", r, "", n, ""), bad);
    assert_int_equal(verify_parts("3046", n, "", s, ""), bad);
    /* 33 value bytes beyond the leading zero: too big for P-256. */
    snprintf(t, sizeof t, "022201%s", k_r);
    assert_int_equal(verify_parts("3047", t, "", s, ""), bad);
    /* s replaced by n - s is a different (valid-looking) signature that
     * must not verify... unless the scheme were malleable; ECDSA accepts
     * (r, n - s) as valid, which this documents. */
    uint8_t nb[32], sb[32], ns[32];
    assert_int_equal(tu_unhex(k_n, nb, 32), 32);
    assert_int_equal(tu_unhex(k_s, sb, 32), 32);
    unsigned br = 0;
    for (int i = 31; i >= 0; i--) {
        unsigned v = (unsigned)nb[i] - sb[i] - br;
        ns[i] = (uint8_t)v;
        br = (v >> 8) & 1;
    }
    char nsh[80] = "0220";
    for (int i = 0; i < 32; i++)
        snprintf(nsh + 4 + 2 * i, 3, "%02x", ns[i]);
    assert_int_equal(verify_parts("3045", r, "", nsh, ""), 0);
}

/* Argument and key errors. */
static void test_api_errors(void **state)
{
    (void)state;
    uint8_t pub[65], sig[64] = {0}, dig[32] = {0}, der[8];
    size_t len = 0;
    assert_int_equal(tu_unhex(k_pub, pub, sizeof pub), 65);
    assert_int_equal(gt_ecdsa_verify_raw(GT_EC_P256, pub, 65, dig, 32, sig, 64),
                     GT_ERR_CRYPTO_SIGNATURE);
    assert_int_equal(gt_ecdsa_verify_raw(GT_EC_P256, pub, 65, dig, 32, sig, 63),
                     GT_ERR_CRYPTO_SIGNATURE);
    assert_int_equal(gt_ecdsa_verify_raw(GT_EC_P256, pub, 64, dig, 32, sig, 64),
                     GT_ERR_CRYPTO_POINT);
    assert_int_equal(gt_ecdsa_verify_raw((gt_ec_curve)25, pub, 65, dig, 32, sig, 64),
                     GT_ERR_UNSUPPORTED);
    uint8_t priv[32];
    memset(priv, 0x11, sizeof priv);
    assert_int_equal(gt_ecdsa_sign(GT_EC_P256, &gt_hash_sha256, priv, dig, 32, NULL, NULL, der,
                                   sizeof der, &len),
                     GT_ERR_ENCODE_OVERFLOW);
    memset(priv, 0xff, sizeof priv); /* >= n */
    assert_int_equal(gt_ecdsa_sign_raw(GT_EC_P256, &gt_hash_sha256, priv, dig, 32, NULL, NULL, sig),
                     GT_ERR_CRYPTO_KEY);
}

/* NIST CAVP SigVer (FIPS 186-3), P-256/P-384 with SHA-256/SHA-384. */
static void test_cavp_sigver(void **state)
{
    (void)state;
    rsp_file f;
    int pass = 0, fail = 0;
    if (rsp_open(&f, CAVP_ECDSA_DIR "/SigVer.rsp")) {
        skip(); /* python3-cryptography-vectors missing: ci/install-deps.sh installs it */
        return;
    }
    while (rsp_next(&f, "Result")) {
        gt_ec_curve c;
        const gt_hash *h;
        if (!strcmp(f.section, "P-256,SHA-256"))
            c = GT_EC_P256, h = &gt_hash_sha256;
        else if (!strcmp(f.section, "P-256,SHA-384"))
            c = GT_EC_P256, h = &gt_hash_sha384;
        else if (!strcmp(f.section, "P-384,SHA-256"))
            c = GT_EC_P384, h = &gt_hash_sha256;
        else if (!strcmp(f.section, "P-384,SHA-384"))
            c = GT_EC_P384, h = &gt_hash_sha384;
        else
            continue;
        size_t len = gt_ec_scalar_len(c);
        uint8_t pub[97], sig[96], dig[64], *msg;
        size_t mlen;
        pub[0] = 4;
        assert_int_equal(hex_fixed(rsp_get(&f, "Qx"), pub + 1, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "Qy"), pub + 1 + len, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "R"), sig, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "S"), sig + len, len), 0);
        msg = tu_unhex_alloc(rsp_get(&f, "Msg"), &mlen);
        assert_non_null(msg);
        gt_hash_digest(h, msg, mlen, dig);
        free(msg);
        int want = rsp_get(&f, "Result")[0] == 'P';
        int got = gt_ecdsa_verify_raw(c, pub, 1 + 2 * len, dig, h->out_len, sig, 2 * len) == 0;
        if (got != want)
            fail_msg("SigVer %s line %d: got %d want %d", f.section, f.line, got, want);
        want ? pass++ : fail++;
    }
    rsp_close(&f);
    assert_int_equal(pass + fail, 60);
    assert_true(pass > 0 && fail > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc6979),     cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_der_strict),  cmocka_unit_test(test_api_errors),
        cmocka_unit_test(test_cavp_sigver),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
