/* Tests of harness/peer/kx.c: ECDHE agreement both ways on each group,
 * invalid and all-zero shares refused, signatures per scheme (and a flipped
 * bit refused), raw RSA key transport. Keys from vectors/pki. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "peer.h"

static void test_ecdhe_agreement(void **state)
{
    (void)state;
    static const uint16_t groups[] = {GT_GROUP_X25519, GT_GROUP_P256, GT_GROUP_P384};
    for (size_t i = 0; i < 3; i++) {
        EVP_PKEY *a = gt_sp_ecdhe_new(groups[i]), *b = gt_sp_ecdhe_new(groups[i]);
        uint8_t pa[133], pb[133], sa[66], sb[66];
        size_t na, nb, la, lb;
        assert_int_equal(gt_sp_ecdhe_public(a, pa, &na), 0);
        assert_int_equal(gt_sp_ecdhe_public(b, pb, &nb), 0);
        assert_int_equal(gt_sp_ecdhe_derive(a, groups[i], pb, nb, sa, &la), 0);
        assert_int_equal(gt_sp_ecdhe_derive(b, groups[i], pa, na, sb, &lb), 0);
        assert_int_equal(la, lb);
        assert_memory_equal(sa, sb, la);
        if (groups[i] != GT_GROUP_X25519) {
            pb[nb - 1] ^= 1; /* off the curve */
            assert_int_not_equal(gt_sp_ecdhe_derive(a, groups[i], pb, nb, sa, &la), 0);
            pb[nb - 1] ^= 1;
            pb[0] = 2; /* compressed form is refused */
            assert_int_not_equal(gt_sp_ecdhe_derive(a, groups[i], pb, nb, sa, &la), 0);
        } else {
            memset(pb, 0, 32); /* RFC 7748 §6.1: all-zero result */
            assert_int_not_equal(gt_sp_ecdhe_derive(a, groups[i], pb, 32, sa, &la), 0);
            assert_int_not_equal(gt_sp_ecdhe_derive(a, groups[i], pa, 31, sa, &la), 0);
        }
        EVP_PKEY_free(a);
        EVP_PKEY_free(b);
    }
}

static void test_signatures(void **state)
{
    (void)state;
    gt_sp_chain rsa, ec;
    assert_int_equal(gt_sp_chain_load(&rsa, GT_SOURCE_DIR "/vectors/pki/server-rsa2048.chain.pem",
                                      GT_SOURCE_DIR "/vectors/pki/server-rsa2048.key"),
                     0);
    assert_int_equal(gt_sp_chain_load(&ec, GT_SOURCE_DIR "/vectors/pki/server-p256.chain.pem",
                                      GT_SOURCE_DIR "/vectors/pki/server-p256.key"),
                     0);
    assert_int_equal(rsa.n, 2);
    EVP_PKEY *rsa_pub = gt_sp_cert_pubkey(rsa.der[0], rsa.len[0]);
    EVP_PKEY *ec_pub = gt_sp_cert_pubkey(ec.der[0], ec.len[0]);
    static const uint16_t rsa_algs[] = {0x0401, 0x0501, 0x0601, 0x0201, 0x0804, 0x0805, 0x0806};
    static const uint16_t ec_algs[] = {0x0403, 0x0503, 0x0203};
    uint8_t sig[512];
    const uint8_t msg[] = "client_random + server_random + params";
    for (int pass = 0; pass < 2; pass++) {
        const uint16_t *algs = pass ? ec_algs : rsa_algs;
        size_t n = pass ? 3 : 7;
        EVP_PKEY *k = pass ? ec.key : rsa.key, *pub = pass ? ec_pub : rsa_pub;
        for (size_t i = 0; i < n; i++) {
            size_t sl = sizeof(sig);
            assert_int_equal(gt_sp_sign(k, algs[i], msg, sizeof(msg), sig, &sl), 0);
            assert_int_equal(gt_sp_verify(pub, algs[i], msg, sizeof(msg), sig, sl), 0);
            sig[sl / 2] ^= 1;
            assert_int_not_equal(gt_sp_verify(pub, algs[i], msg, sizeof(msg), sig, sl), 0);
        }
    }
    /* raw RSA transport: what the server decrypts is what the client built */
    uint8_t blk[256], enc[256], dec[256];
    size_t el = sizeof(enc), dl = sizeof(dec);
    memset(blk, 0x5a, sizeof(blk));
    blk[0] = 0, blk[1] = 2;
    assert_int_equal(gt_sp_rsa_encrypt(rsa_pub, blk, 256, 1, enc, &el), 0);
    assert_int_equal(gt_sp_rsa_decrypt(rsa.key, enc, el, dec, &dl), 0);
    assert_int_equal(dl, 256);
    assert_memory_equal(dec, blk, 256);
    EVP_PKEY_free(rsa_pub);
    EVP_PKEY_free(ec_pub);
    gt_sp_chain_free(&rsa);
    gt_sp_chain_free(&ec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ecdhe_agreement),
        cmocka_unit_test(test_signatures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
