/* Tests for tls/crypto/ec.c and ecdh.c: curve dispatch, public-point
 * validation (every way an encoding can be wrong), key generation,
 * ECDH agreement and its error cases, and the NIST CAVP known answers
 * (KeyPair B.4.2, PKV, KAS ECC static unified ZZ-only) for P-256 and P-384,
 * read in place from Debian's python3-cryptography-vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gt/gt_crypto.h"
#include "util/testutil.h"
#include "crypto/ec_rsp.h"

#define CAVP_ECDH_DIR "/usr/lib/python3/dist-packages/cryptography_vectors/asymmetric/ECDH"

static int seq_rng(void *ctx, uint8_t *out, size_t n)
{
    uint64_t *s = ctx;
    tu_fill(out, n, (*s)++);
    return 0;
}

/* An RNG whose first draws are out of range (all-ones, then zero): keygen
 * must reject them and keep drawing. */
static int bad_then_good_rng(void *ctx, uint8_t *out, size_t n)
{
    int *calls = ctx;
    if (*calls == 0)
        memset(out, 0xff, n);
    else if (*calls == 1)
        memset(out, 0, n);
    else
        tu_fill(out, n, (uint64_t)*calls);
    (*calls)++;
    return 0;
}

static void test_dispatch(void **state)
{
    (void)state;
    assert_int_equal(gt_ec_scalar_len(GT_EC_P256), 32);
    assert_int_equal(gt_ec_scalar_len(GT_EC_P384), 48);
    assert_int_equal(gt_ec_pub_len(GT_EC_P256), 65);
    assert_int_equal(gt_ec_pub_len(GT_EC_P384), 97);
    assert_int_equal(gt_ec_scalar_len((gt_ec_curve)29), 0);
    assert_int_equal(gt_ec_pub_len((gt_ec_curve)0), 0);
    uint8_t k[32] = {1}, pub[65];
    assert_int_equal(gt_ec_pub_from_priv((gt_ec_curve)29, k, pub), GT_ERR_UNSUPPORTED);
    assert_int_equal(gt_ecdh((gt_ec_curve)29, k, pub, 65, k), GT_ERR_UNSUPPORTED);
}

static void test_keygen(void **state)
{
    (void)state;
    const gt_ec_curve cs[2] = {GT_EC_P256, GT_EC_P384};
    for (int ci = 0; ci < 2; ci++) {
        uint8_t priv[48], pub[97], pub2[97];
        size_t plen = gt_ec_pub_len(cs[ci]);
        int calls = 0;
        assert_int_equal(gt_ec_keygen(cs[ci], bad_then_good_rng, &calls, priv, pub), 0);
        assert_int_equal(calls, 3);
        assert_int_equal(gt_ec_check_pub(cs[ci], pub, plen), 0);
        assert_int_equal(gt_ec_pub_from_priv(cs[ci], priv, pub2), 0);
        assert_memory_equal(pub, pub2, plen);
        assert_int_equal(gt_ec_keygen(cs[ci], NULL, NULL, priv, pub), GT_ERR_ARG);
        /* out-of-range private keys: 0, n (and above) */
        memset(priv, 0, sizeof priv);
        assert_int_equal(gt_ec_pub_from_priv(cs[ci], priv, pub), GT_ERR_CRYPTO_KEY);
        memset(priv, 0xff, sizeof priv);
        assert_int_equal(gt_ec_pub_from_priv(cs[ci], priv, pub), GT_ERR_CRYPTO_KEY);
    }
}

/* Every malformed encoding of a public point is GT_ERR_CRYPTO_POINT. */
static void test_check_pub(void **state)
{
    (void)state;
    const gt_ec_curve cs[2] = {GT_EC_P256, GT_EC_P384};
    /* p for each curve (FIPS 186-4 D.1.2.3/4) */
    static const char *ps[2] = {
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000"
        "ffffffff"};
    uint64_t seed = 9;
    for (int ci = 0; ci < 2; ci++) {
        gt_ec_curve c = cs[ci];
        size_t len = gt_ec_scalar_len(c), plen = gt_ec_pub_len(c);
        uint8_t priv[48], pub[97], bad[98], p[48];
        const int E = GT_ERR_CRYPTO_POINT;
        assert_int_equal(gt_ec_keygen(c, seq_rng, &seed, priv, pub), 0);
        assert_int_equal(gt_ec_check_pub(c, pub, plen), 0);
        assert_int_equal(gt_ec_check_pub(c, pub, plen - 1), E); /* short */
        memcpy(bad, pub, plen);
        bad[plen] = 0;
        assert_int_equal(gt_ec_check_pub(c, bad, plen + 1), E); /* trailing byte */
        assert_int_equal(gt_ec_check_pub(c, pub, 1 + len), E);  /* x only */
        assert_int_equal(gt_ec_check_pub(c, NULL, plen), E);
        for (unsigned pre = 0; pre < 256; pre++) { /* compressed, hybrid, junk prefixes */
            if (pre == 4) continue;
            memcpy(bad, pub, plen);
            bad[0] = (uint8_t)pre;
            assert_int_equal(gt_ec_check_pub(c, bad, plen), E);
        }
        bad[0] = 2; /* a well-formed compressed point is still refused */
        assert_int_equal(gt_ec_check_pub(c, bad, 1 + len), E);
        uint8_t inf = 0; /* SEC 1 infinity */
        assert_int_equal(gt_ec_check_pub(c, &inf, 1), E);
        memset(bad, 0, plen); /* 04 || 0 || 0 is not on the curve */
        bad[0] = 4;
        assert_int_equal(gt_ec_check_pub(c, bad, plen), E);
        memcpy(bad, pub, plen); /* off the curve: y + 1 */
        bad[plen - 1] ^= 1;
        assert_int_equal(gt_ec_check_pub(c, bad, plen), E);
        assert_int_equal(tu_unhex(ps[ci], p, sizeof p), len);
        memcpy(bad, pub, plen); /* x = p, x = 2^bits - 1 */
        memcpy(bad + 1, p, len);
        assert_int_equal(gt_ec_check_pub(c, bad, plen), E);
        memset(bad + 1, 0xff, len);
        assert_int_equal(gt_ec_check_pub(c, bad, plen), E);
        memcpy(bad, pub, plen); /* y = p */
        memcpy(bad + 1 + len, p, len);
        assert_int_equal(gt_ec_check_pub(c, bad, plen), E);
        /* ECDH validates the same way before any arithmetic. */
        assert_int_equal(gt_ecdh(c, priv, bad, plen, p), E);
    }
}

static void test_ecdh_agree(void **state)
{
    (void)state;
    const gt_ec_curve cs[2] = {GT_EC_P256, GT_EC_P384};
    uint64_t seed = 100;
    for (int ci = 0; ci < 2; ci++) {
        gt_ec_curve c = cs[ci];
        size_t len = gt_ec_scalar_len(c), plen = gt_ec_pub_len(c);
        for (int i = 0; i < 10; i++) {
            uint8_t a[48], A[97], b[48], B[97], s1[48], s2[48];
            assert_int_equal(gt_ec_keygen(c, seq_rng, &seed, a, A), 0);
            assert_int_equal(gt_ec_keygen(c, seq_rng, &seed, b, B), 0);
            assert_int_equal(gt_ecdh(c, a, B, plen, s1), 0);
            assert_int_equal(gt_ecdh(c, b, A, plen, s2), 0);
            assert_memory_equal(s1, s2, len);
            assert_int_equal(gt_ecdh(c, a, A, plen, s2), 0);
            assert_memory_not_equal(s1, s2, len);
            /* a bad private key */
            memset(a, 0, sizeof a);
            assert_int_equal(gt_ecdh(c, a, B, plen, s1), GT_ERR_CRYPTO_KEY);
            /* the other curve's point length */
            assert_int_equal(gt_ecdh(c, b, A, ci ? 65 : 97, s1), GT_ERR_CRYPTO_POINT);
        }
    }
}

static int cavp_curve(const char *section, gt_ec_curve *c)
{
    if (!strcmp(section, "P-256") || !strcmp(section, "EC - SHA256"))
        *c = GT_EC_P256;
    else if (!strcmp(section, "P-384") || !strcmp(section, "ED - SHA384"))
        *c = GT_EC_P384;
    else
        return 0;
    return 1;
}

static void test_cavp_keypair(void **state)
{
    (void)state;
    rsp_file f;
    int n = 0;
    if (rsp_open(&f, CAVP_ECDSA_DIR "/KeyPair.rsp")) {
        skip();
        return;
    }
    while (rsp_next(&f, "Qy")) {
        gt_ec_curve c;
        if (!cavp_curve(f.section, &c)) continue;
        size_t len = gt_ec_scalar_len(c);
        uint8_t d[48], want[97], pub[97];
        want[0] = 4;
        assert_int_equal(hex_fixed(rsp_get(&f, "d"), d, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "Qx"), want + 1, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "Qy"), want + 1 + len, len), 0);
        assert_int_equal(gt_ec_pub_from_priv(c, d, pub), 0);
        assert_memory_equal(pub, want, 1 + 2 * len);
        n++;
    }
    rsp_close(&f);
    assert_int_equal(n, 20);
}

static void test_cavp_pkv(void **state)
{
    (void)state;
    rsp_file f;
    int pass = 0, fail = 0;
    if (rsp_open(&f, CAVP_ECDSA_DIR "/PKV.rsp")) {
        skip();
        return;
    }
    while (rsp_next(&f, "Result")) {
        gt_ec_curve c;
        if (!cavp_curve(f.section, &c)) continue;
        size_t len = gt_ec_scalar_len(c);
        uint8_t pub[97];
        pub[0] = 4;
        int enc = hex_fixed(rsp_get(&f, "Qx"), pub + 1, len) == 0 &&
                  hex_fixed(rsp_get(&f, "Qy"), pub + 1 + len, len) == 0;
        int got = enc && gt_ec_check_pub(c, pub, 1 + 2 * len) == 0;
        int want = rsp_get(&f, "Result")[0] == 'P';
        if (got != want) fail_msg("PKV %s line %d: got %d want %d", f.section, f.line, got, want);
        want ? pass++ : fail++;
    }
    rsp_close(&f);
    assert_int_equal(pass + fail, 24);
    assert_true(pass > 0 && fail > 0);
}

/* KAS ECC static unified, ZZ only: Z = x(dsIUT * QsCAVS). A case passes
 * when both parties' key pairs are consistent and Z matches. */
static void test_cavp_kas(void **state)
{
    (void)state;
    rsp_file f;
    int pass = 0, fail = 0;
    if (rsp_open(&f, CAVP_ECDH_DIR "/KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_init.fax")) {
        skip();
        return;
    }
    while (rsp_next(&f, "Result")) {
        gt_ec_curve c;
        if (!cavp_curve(f.section, &c)) continue;
        size_t len = gt_ec_scalar_len(c), plen = 1 + 2 * len;
        uint8_t dc[48], qc[97], di[48], qi[97], z[48], got_z[48], pub[97];
        qc[0] = qi[0] = 4;
        assert_int_equal(hex_fixed(rsp_get(&f, "dsCAVS"), dc, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "QsCAVSx"), qc + 1, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "QsCAVSy"), qc + 1 + len, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "dsIUT"), di, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "QsIUTx"), qi + 1, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "QsIUTy"), qi + 1 + len, len), 0);
        assert_int_equal(hex_fixed(rsp_get(&f, "Z"), z, len), 0);
        int ok = gt_ecdh(c, di, qc, plen, got_z) == 0 && !memcmp(got_z, z, len);
        /* the same Z from the other side, when that side's key is sound */
        if (ok) ok = gt_ecdh(c, dc, qi, plen, got_z) == 0 && !memcmp(got_z, z, len);
        if (ok) ok = gt_ec_pub_from_priv(c, di, pub) == 0 && !memcmp(pub, qi, plen);
        if (ok) ok = gt_ec_pub_from_priv(c, dc, pub) == 0 && !memcmp(pub, qc, plen);
        int want = rsp_get(&f, "Result")[0] == 'P';
        if (ok != want) fail_msg("KAS %s line %d: got %d want %d", f.section, f.line, ok, want);
        want ? pass++ : fail++;
    }
    rsp_close(&f);
    assert_int_equal(pass + fail, 60); /* 30 per curve */
    assert_true(pass >= 10 && fail >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dispatch),     cmocka_unit_test(test_keygen),
        cmocka_unit_test(test_check_pub),    cmocka_unit_test(test_ecdh_agree),
        cmocka_unit_test(test_cavp_keypair), cmocka_unit_test(test_cavp_pkv),
        cmocka_unit_test(test_cavp_kas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
