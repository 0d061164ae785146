/* Tests for tls/crypto/ec_scalar.c: arithmetic mod the group orders of
 * P-256 and P-384. Properties on random and edge values (a*b/b == a,
 * commutativity, distributivity, (a+b)-b via n-b), the range check of
 * private scalars, and the one-subtraction reduction of digests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/ec_scalar.h"
#include "util/testutil.h"

static const ec_curve *curves[2];

static int setup(void **state)
{
    (void)state;
    curves[0] = gt_ec_curve_get(GT_EC_P256);
    curves[1] = gt_ec_curve_get(GT_EC_P384);
    return curves[0] && curves[1] ? 0 : -1;
}

/* n - v as bytes (v small). */
static void n_minus(const ec_curve *c, uint8_t *out, unsigned v)
{
    uint64_t n[6];
    memcpy(n, c->n, c->limbs * 8);
    unsigned br = v;
    for (size_t i = 0; i < c->limbs && br; i++) {
        uint64_t o = n[i];
        n[i] -= br;
        br = n[i] > o;
    }
    for (size_t i = 0; i < c->limbs; i++)
        for (int b = 0; b < 8; b++)
            out[c->len - 1 - 8 * i - (size_t)b] = (uint8_t)(n[i] >> (8 * b));
}

static void sc_rand(const ec_curve *c, ec_sc *r, uint64_t seed)
{
    uint8_t b[48];
    do {
        tu_fill(b, c->len, seed++);
    } while (!ec_sc_from_bytes(c, r, b));
}

static void assert_sc_eq(const ec_curve *c, const ec_sc *a, const ec_sc *b)
{
    uint8_t x[48], y[48];
    ec_sc_to_bytes(c, x, a);
    ec_sc_to_bytes(c, y, b);
    assert_memory_equal(x, y, c->len);
}

static void test_range(void **state)
{
    (void)state;
    for (int ci = 0; ci < 2; ci++) {
        const ec_curve *c = curves[ci];
        uint8_t b[48] = {0};
        ec_sc s;
        assert_int_equal(ec_sc_from_bytes(c, &s, b), 0); /* 0 */
        b[c->len - 1] = 1;
        assert_int_equal(ec_sc_from_bytes(c, &s, b), 1); /* 1 */
        n_minus(c, b, 0);
        assert_int_equal(ec_sc_from_bytes(c, &s, b), 0); /* n */
        n_minus(c, b, 1);
        assert_int_equal(ec_sc_from_bytes(c, &s, b), 1); /* n - 1 */
        memset(b, 0xff, c->len);
        assert_int_equal(ec_sc_from_bytes(c, &s, b), 0); /* 2^bits - 1 */
        /* reduction: n -> 0, n - 1 -> n - 1, 2^bits - 1 -> 2^bits - 1 - n */
        n_minus(c, b, 0);
        ec_sc_from_bytes_reduce(c, &s, b);
        assert_int_equal(ec_sc_is_zero(c, &s), 1);
        n_minus(c, b, 1);
        ec_sc_from_bytes_reduce(c, &s, b);
        uint8_t out[48];
        ec_sc_to_bytes(c, out, &s);
        assert_memory_equal(out, b, c->len);
        memset(b, 0xff, c->len);
        ec_sc_from_bytes_reduce(c, &s, b);
        ec_sc one, t;
        memset(b, 0, c->len);
        b[c->len - 1] = 1;
        assert_int_equal(ec_sc_from_bytes(c, &one, b), 1);
        /* (2^bits - 1) mod n + 1 == 2^bits - n (values from tools/ec_consts.py, "R") */
        static const char *r_mod_n[2] = {
            "00000000ffffffff00000000000000004319055258e8617b0c46353d039cdaaf",
            "000000000000000000000000000000000000000000000000389cb27e0bc8d220"
            "a7e5f24db74f58851313e695333ad68d"};
        uint8_t want[48];
        assert_int_equal(tu_unhex(r_mod_n[ci], want, sizeof want), c->len);
        ec_sc_add(c, &t, &s, &one);
        ec_sc_to_bytes(c, out, &t);
        assert_memory_equal(out, want, c->len);
        assert_int_equal(ec_sc_is_zero(c, &s), 0);
    }
}

static void test_identities(void **state)
{
    (void)state;
    for (int ci = 0; ci < 2; ci++) {
        const ec_curve *c = curves[ci];
        uint8_t b[48];
        ec_sc one, nm1;
        memset(b, 0, sizeof b);
        b[c->len - 1] = 1;
        assert_int_equal(ec_sc_from_bytes(c, &one, b), 1);
        n_minus(c, b, 1);
        assert_int_equal(ec_sc_from_bytes(c, &nm1, b), 1);
        for (uint64_t i = 0; i < 200; i++) {
            ec_sc a, x, t, u, v;
            if (i == 0)
                a = nm1;
            else if (i == 1)
                a = one;
            else
                sc_rand(c, &a, 10 * i);
            sc_rand(c, &x, 7777 + 10 * i);
            /* a * x * x^-1 == a */
            ec_sc_inv(c, &t, &x);
            ec_sc_mul(c, &u, &x, &t);
            assert_sc_eq(c, &u, &one);
            ec_sc_mul(c, &u, &a, &x);
            ec_sc_mul(c, &u, &u, &t);
            assert_sc_eq(c, &u, &a);
            /* commutativity, distributivity */
            ec_sc_mul(c, &u, &a, &x);
            ec_sc_mul(c, &v, &x, &a);
            assert_sc_eq(c, &u, &v);
            ec_sc_add(c, &t, &a, &one);
            ec_sc_mul(c, &t, &t, &x); /* (a+1)x */
            ec_sc_add(c, &v, &u, &x); /* ax + x */
            assert_sc_eq(c, &t, &v);
            /* a + (n-1) == a - 1, and (n-1)^2 == 1 */
            ec_sc_add(c, &t, &a, &nm1);
            ec_sc_add(c, &t, &t, &one);
            assert_sc_eq(c, &t, &a);
        }
        ec_sc t;
        ec_sc_mul(c, &t, &nm1, &nm1);
        assert_sc_eq(c, &t, &one);
        ec_sc_inv(c, &t, &nm1); /* (-1)^-1 == -1 */
        assert_sc_eq(c, &t, &nm1);
        ec_sc zero;
        memset(&zero, 0, sizeof zero);
        ec_sc_inv(c, &t, &zero); /* Fermat maps 0 to 0 */
        assert_int_equal(ec_sc_is_zero(c, &t), 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_identities),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
