/* Tests for tls/crypto/x25519.c: RFC 7748 §5.2 (both single vectors, the
 * iterated vector after 1 and 1,000 rounds; 1,000,000 with GT_SLOW_TESTS=1),
 * §6.1 Diffie-Hellman, all-zero rejection for the small-order points, and
 * properties: DH agreement on random keys, clamping, masking of bit 255,
 * reduction of non-canonical u. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "gt/crypto/x25519.h"
#include "util/testutil.h"

static void unhex32(const char *hex, uint8_t out[32])
{
    assert_int_equal(tu_unhex(hex, out, 32), 32);
}

/* RFC 7748 §5.2, "Input scalar" / "Input u-coordinate" / "Output u-coordinate". */
static void test_rfc7748_vectors(void **state)
{
    (void)state;
    static const char *const v[2][3] = {
        {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
         "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
         "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
        {"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
         "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
         "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
    };
    for (int i = 0; i < 2; i++) {
        uint8_t k[32], u[32], want[32], out[32];
        unhex32(v[i][0], k);
        unhex32(v[i][1], u);
        unhex32(v[i][2], want);
        assert_int_equal(gt_x25519(out, k, u), 0);
        assert_memory_equal(out, want, 32);
    }
}

/* RFC 7748 §5.2 iterated test: k = u = 9; each round k, u = X25519(k, u), k. */
static void iterate(long rounds, const char *want_hex)
{
    uint8_t k[32] = {9}, u[32] = {9}, out[32], want[32];
    unhex32(want_hex, want);
    for (long i = 0; i < rounds; i++) {
        assert_int_equal(gt_x25519(out, k, u), 0);
        memcpy(u, k, 32);
        memcpy(k, out, 32);
    }
    assert_memory_equal(k, want, 32);
}

static void test_rfc7748_iterated(void **state)
{
    (void)state;
    iterate(1, "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    iterate(1000, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    const char *slow = getenv("GT_SLOW_TESTS");
    if (slow && *slow && strcmp(slow, "0"))
        iterate(1000000, "7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424");
}

/* RFC 7748 §6.1 test vector. */
static void test_rfc7748_dh(void **state)
{
    (void)state;
    uint8_t a[32], b[32], ka[32], kb[32], want_ka[32], want_kb[32], want_k[32], k1[32], k2[32];
    unhex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a);
    unhex32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", want_ka);
    unhex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b);
    unhex32("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", want_kb);
    unhex32("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", want_k);
    gt_x25519_base(ka, a);
    gt_x25519_base(kb, b);
    assert_memory_equal(ka, want_ka, 32);
    assert_memory_equal(kb, want_kb, 32);
    assert_int_equal(gt_x25519(k1, a, kb), 0);
    assert_int_equal(gt_x25519(k2, b, ka), 0);
    assert_memory_equal(k1, want_k, 32);
    assert_memory_equal(k2, want_k, 32);
}

/* Points of order 1, 2, 4 and 8 (and their non-canonical encodings: p,
 * p+1, p-1 and the same with bit 255 set) give an all-zero secret for every
 * scalar, which must be reported (RFC 7748 §6.1, §7). The list is the usual
 * one (e.g. libsodium's and Wycheproof's); each was re-checked to be
 * rejected by OpenSSL through python3-cryptography. */
static void test_small_order_rejected(void **state)
{
    (void)state;
    static const char *const pts[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    };
    uint8_t k[32], u[32], out[32], zero[32] = {0};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        unhex32(pts[i], u);
        for (uint64_t s = 0; s < 4; s++) {
            tu_fill(k, sizeof k, s + 10 * i);
            memset(out, 0xAA, sizeof out);
            assert_int_equal(gt_x25519(out, k, u), GT_ERR_CRYPTO_ZERO_SECRET);
            assert_memory_equal(out, zero, 32);
        }
    }
}

/* Property: X25519(a, X25519(b, 9)) == X25519(b, X25519(a, 9)). */
static void test_dh_agreement(void **state)
{
    (void)state;
    uint8_t a[32], b[32], pa[32], pb[32], s1[32], s2[32];
    for (uint64_t i = 0; i < 32; i++) {
        tu_fill(a, 32, 2 * i + 100);
        tu_fill(b, 32, 2 * i + 101);
        gt_x25519_base(pa, a);
        gt_x25519_base(pb, b);
        assert_int_equal(gt_x25519(s1, a, pb), 0);
        assert_int_equal(gt_x25519(s2, b, pa), 0);
        assert_memory_equal(s1, s2, 32);
        assert_memory_not_equal(pa, pb, 32);
    }
}

/* §5: the three low bits and bit 255 of the scalar are ignored, bit 254
 * is forced; bit 255 of u is ignored; u >= p is reduced mod p. */
static void test_clamping_and_encoding(void **state)
{
    (void)state;
    uint8_t k[32], k2[32], u[32], u2[32], a[32], b[32];
    tu_fill(k, 32, 7);
    tu_fill(u, 32, 8);
    u[31] &= 0x7f;
    assert_int_equal(gt_x25519(a, k, u), 0);

    memcpy(k2, k, 32);
    k2[0] ^= 7;
    k2[31] ^= 0x80;
    k2[31] ^= 0x40;
    assert_int_equal(gt_x25519(b, k2, u), 0);
    assert_memory_equal(a, b, 32);
    k2[0] ^= 8; /* bit 3 matters */
    assert_int_equal(gt_x25519(b, k2, u), 0);
    assert_memory_not_equal(a, b, 32);

    memcpy(u2, u, 32);
    u2[31] |= 0x80;
    assert_int_equal(gt_x25519(b, k, u2), 0);
    assert_memory_equal(a, b, 32);

    /* u = p + 9 (non-canonical) behaves as u = 9. */
    static const uint8_t nine[32] = {9};
    unhex32("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", u2);
    assert_int_equal(gt_x25519(a, k, nine), 0);
    assert_int_equal(gt_x25519(b, k, u2), 0);
    assert_memory_equal(a, b, 32);
    gt_x25519_base(b, k);
    assert_memory_equal(a, b, 32);
}

/* The output is always canonical (< p): over many random inputs the top
 * bit is clear and the value is not in [p, 2^255). */
static void test_output_canonical(void **state)
{
    (void)state;
    uint8_t k[32], u[32], out[32];
    for (uint64_t i = 0; i < 200; i++) {
        tu_fill(k, 32, i);
        tu_fill(u, 32, i + 5000);
        if (gt_x25519(out, k, u)) continue;
        assert_int_equal(out[31] & 0x80, 0);
        int ge_p = out[0] >= 0xed && out[31] == 0x7f;
        for (int j = 1; j < 31; j++)
            ge_p &= out[j] == 0xff;
        assert_false(ge_p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc7748_vectors),  cmocka_unit_test(test_rfc7748_iterated),
        cmocka_unit_test(test_rfc7748_dh),       cmocka_unit_test(test_small_order_rejected),
        cmocka_unit_test(test_dh_agreement),     cmocka_unit_test(test_clamping_and_encoding),
        cmocka_unit_test(test_output_canonical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
