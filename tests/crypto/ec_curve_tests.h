/* White-box tests shared by test_p256.c and test_p384.c. The including file
 * has #included the curve's .c file (renaming its exported struct), so the
 * static field and point functions are visible here, and defines
 * CURVE_IMPL (that struct), and the curve's constants through the .c file.
 *
 * Field: algebraic identities on random and edge inputs (a*b/b == a,
 * (a+b)^2 == a^2 + 2ab + b^2, sqr == mul, a - b + b == a), encoding limits
 * (values >= p refused), known small products. Points: G on the curve,
 * doubling vs complete addition, infinity rules, and every scalar
 * multiplication against a slow double-and-add reference. */
#include "crypto/ec_scalar.h"

/* Field elements from small integers and from random bytes (< p). */
static void fe_small(uint64_t *r, unsigned v)
{
    uint8_t b[FE_LEN] = {0};
    b[FE_LEN - 1] = (uint8_t)v;
    b[FE_LEN - 2] = (uint8_t)(v >> 8);
    assert_int_equal(fe_from_bytes(r, b), 1);
}

static void fe_rand(uint64_t *r, uint64_t seed)
{
    uint8_t b[FE_LEN];
    do {
        tu_fill(b, sizeof b, seed++);
    } while (!fe_from_bytes(r, b));
}

static void fe_pm(uint64_t *r, unsigned minus) /* p - minus */
{
    uint8_t b[FE_LEN];
    fe t;
    fe_small(t, minus);
    fe_sub(r, (const uint64_t[EC_N]){0}, t);
    fe_to_bytes(b, r);
    (void)b;
}

static void assert_fe_eq(const uint64_t *a, const uint64_t *b)
{
    uint8_t x[FE_LEN], y[FE_LEN];
    fe_to_bytes(x, a);
    fe_to_bytes(y, b);
    assert_memory_equal(x, y, FE_LEN);
}

static void test_field_identities(void **state)
{
    (void)state;
    for (uint64_t i = 0; i < 400; i++) {
        fe a, b, t, u, v, w;
        if (i < 4)
            fe_pm(a, (unsigned)i + 1); /* p-1 .. p-4 */
        else if (i < 8)
            fe_small(a, (unsigned)i - 4); /* 0 .. 3 */
        else
            fe_rand(a, 1000 + i);
        fe_rand(b, 5000 + i);
        if (i % 7 == 0) fe_pm(b, 1);
        /* a * b * b^-1 == a (b != 0 here) */
        fe_mul(t, a, b);
        fe_inv(u, b);
        fe_mul(t, t, u);
        assert_fe_eq(t, a);
        /* (a + b)^2 == a^2 + 2ab + b^2 */
        fe_add(t, a, b);
        fe_sqr(t, t);
        fe_sqr(u, a);
        fe_sqr(v, b);
        fe_mul(w, a, b);
        fe_add(w, w, w);
        fe_add(u, u, v);
        fe_add(u, u, w);
        assert_fe_eq(t, u);
        /* sqr == mul, sub inverts add, a * 1 == a, a + 0 == a */
        fe_sqr(t, a);
        fe_mul(u, a, a);
        assert_fe_eq(t, u);
        fe_sub(t, a, b);
        fe_add(t, t, b);
        assert_fe_eq(t, a);
        fe_mul(t, a, fe_one);
        assert_fe_eq(t, a);
        /* a - a == 0 and the zero test */
        fe_sub(t, a, a);
        assert_true(fe_is_zero(t) == ~(uint64_t)0);
        fe_cneg(t, ~(uint64_t)0);
        assert_true(fe_is_zero(t) == ~(uint64_t)0);
        /* -(-a) == a, a + (-a) == 0 */
        fe_copy(t, a);
        fe_cneg(t, ~(uint64_t)0);
        fe_add(u, a, t);
        assert_true(fe_is_zero(u) == ~(uint64_t)0);
        fe_cneg(t, ~(uint64_t)0);
        assert_fe_eq(t, a);
        fe_cneg(t, 0);
        assert_fe_eq(t, a);
    }
}

static void test_field_known(void **state)
{
    (void)state;
    fe a, b, t, u;
    uint8_t out[FE_LEN], want[FE_LEN] = {0};
    fe_small(a, 300);
    fe_small(b, 200);
    fe_mul(t, a, b); /* 60000 = 0xea60 */
    fe_to_bytes(out, t);
    want[FE_LEN - 2] = 0xea;
    want[FE_LEN - 1] = 0x60;
    assert_memory_equal(out, want, FE_LEN);
    /* (p-1)^2 == 1, (p-1) + 1 == 0, 2 * 2^-1 == 1 */
    fe_pm(a, 1);
    fe_sqr(t, a);
    assert_fe_eq(t, fe_one);
    fe_add(t, a, fe_one);
    assert_true(fe_is_zero(t) == ~(uint64_t)0);
    fe_small(a, 2);
    fe_inv(t, a);
    fe_mul(u, t, a);
    assert_fe_eq(u, fe_one);
    /* 0^-1 == 0 by convention (x/0 is what pt_to_bytes gives infinity). */
    fe_small(a, 0);
    fe_inv(t, a);
    assert_true(fe_is_zero(t) == ~(uint64_t)0);
}

static void test_field_encoding(void **state)
{
    (void)state;
    uint8_t b[FE_LEN], c[FE_LEN];
    fe a;
    mont_to_be(EC_N, b, fe_p); /* p itself: refused */
    assert_int_equal(fe_from_bytes(a, b), 0);
    for (int j = FE_LEN - 1; j >= 0 && ++b[j] == 0; j--) /* p + 1 */
        ;
    assert_int_equal(fe_from_bytes(a, b), 0);
    memset(b, 0xff, sizeof b);
    assert_int_equal(fe_from_bytes(a, b), 0);
    mont_to_be(EC_N, b, fe_p);
    b[FE_LEN - 1]--; /* p - 1: accepted, round trips */
    assert_int_equal(fe_from_bytes(a, b), 1);
    fe_to_bytes(c, a);
    assert_memory_equal(b, c, FE_LEN);
    for (uint64_t i = 0; i < 100; i++) {
        tu_fill(b, sizeof b, i);
        b[0] &= 0x7f;
        assert_int_equal(fe_from_bytes(a, b), 1);
        fe_to_bytes(c, a);
        assert_memory_equal(b, c, FE_LEN);
    }
}

static void jac_of_g(jac *g)
{
    assert_int_equal(fe_from_bytes(g->x, ec_gx), 1);
    assert_int_equal(fe_from_bytes(g->y, ec_gy), 1);
    fe_copy(g->z, fe_one);
}

static void assert_pt_eq(const jac *a, const jac *b)
{
    uint8_t x[2 * FE_LEN], y[2 * FE_LEN];
    assert_true(fe_is_zero(a->z) == fe_is_zero(b->z));
    pt_to_bytes(x, a);
    pt_to_bytes(y, b);
    assert_memory_equal(x, y, sizeof x);
}

/* Slow reference: left-to-right double-and-add over all bits. */
static void ref_mul(jac *r, const uint8_t *k, const jac *p)
{
    jac acc;
    memset(&acc, 0, sizeof acc);
    for (int i = 8 * FE_LEN - 1; i >= 0; i--) {
        pt_dbl(&acc, &acc);
        if ((k[FE_LEN - 1 - i / 8] >> (i % 8)) & 1) pt_add_vartime(&acc, &acc, p);
    }
    *r = acc;
}

static void test_points(void **state)
{
    (void)state;
    jac g, d, s, inf, t, u;
    uint8_t xy[2 * FE_LEN];
    jac_of_g(&g);
    memset(&inf, 0, sizeof inf);
    memcpy(xy, ec_gx, FE_LEN);
    memcpy(xy + FE_LEN, ec_gy, FE_LEN);
    assert_int_equal(ec_on_curve(xy), 1);
    xy[FE_LEN - 1] ^= 1; /* x changed: off the curve */
    assert_int_equal(ec_on_curve(xy), 0);
    /* 2G three ways: doubling, complete addition, vartime addition; the
     * incomplete addition flags the P == Q case. */
    pt_dbl(&d, &g);
    pt_add_ct(&s, &g, &g, 1);
    assert_pt_eq(&s, &d);
    pt_add_vartime(&s, &g, &g);
    assert_pt_eq(&s, &d);
    assert_true(pt_add_core(&s, &g, &g) == ~(uint64_t)0);
    /* 3G: Jacobian + Jacobian, Jacobian + affine; both stay on the curve */
    pt_add_ct(&s, &d, &g, 0);
    aff ga;
    fe_copy(ga.x, g.x);
    fe_copy(ga.y, g.y);
    pt_madd_ct(&t, &d, &ga, 0, 0);
    assert_pt_eq(&s, &t);
    pt_to_bytes(xy, &s);
    assert_int_equal(ec_on_curve(xy), 1);
    /* infinity rules */
    pt_add_ct(&t, &inf, &g, 0);
    assert_pt_eq(&t, &g);
    pt_add_ct(&t, &g, &inf, 0);
    assert_pt_eq(&t, &g);
    pt_madd_ct(&t, &inf, &ga, 0, 1);
    assert_pt_eq(&t, &g);
    pt_madd_ct(&t, &g, &ga, ~(uint64_t)0, 1);
    assert_pt_eq(&t, &g);
    pt_dbl(&t, &inf);
    assert_true(fe_is_zero(t.z) == ~(uint64_t)0);
    u = g; /* G + (-G) = infinity, through every addition */
    fe_cneg(u.y, ~(uint64_t)0);
    pt_add_ct(&t, &g, &u, 1);
    assert_true(fe_is_zero(t.z) == ~(uint64_t)0);
    pt_add_vartime(&t, &g, &u);
    assert_true(fe_is_zero(t.z) == ~(uint64_t)0);
    fe_cneg(ga.y, ~(uint64_t)0);
    pt_madd_ct(&t, &g, &ga, 0, 1);
    assert_true(fe_is_zero(t.z) == ~(uint64_t)0);
    /* a projectively scaled input gives the same point */
    fe lam, l2, l3;
    fe_small(lam, 77);
    fe_sqr(l2, lam);
    fe_mul(l3, l2, lam);
    u = d;
    fe_mul(u.x, u.x, l2);
    fe_mul(u.y, u.y, l3);
    fe_mul(u.z, u.z, lam);
    pt_add_ct(&s, &u, &g, 0);
    pt_add_ct(&t, &d, &g, 0);
    assert_pt_eq(&s, &t);
}

/* Scalars: small, near n, random, and with long runs of set/clear bits
 * (every digit pattern of the signed recoding). */
static void scalar_case(uint8_t *k, int i)
{
    uint8_t n[FE_LEN];
    mont_to_be(EC_N, n, ec_n);
    memset(k, 0, FE_LEN);
    if (i < 40) {
        k[FE_LEN - 1] = (uint8_t)(i + 1); /* 1 .. 40 */
    } else if (i < 80) {
        memcpy(k, n, FE_LEN); /* n - 1 .. n - 40 */
        unsigned br = (unsigned)(i - 39);
        for (int j = FE_LEN - 1; j >= 0 && br; j--) {
            unsigned v = (unsigned)k[j] - br;
            k[j] = (uint8_t)v;
            br = (v >> 8) & 1;
        }
    } else if (i < 90) {
        memset(k, 0xff, FE_LEN); /* runs of ones, below n */
        k[0] = 0x7f;
        k[(i * 5) % FE_LEN] = 0;
    } else {
        tu_fill(k, FE_LEN, (uint64_t)i);
        k[0] &= 0x7f;
    }
}

static void test_scalar_mul(void **state)
{
    (void)state;
    jac g, p, r1, r2, ref;
    uint8_t k[FE_LEN], xy[2 * FE_LEN], pxy[2 * FE_LEN];
    jac_of_g(&g);
    /* A second base point P = 7G for the variable-base path. */
    uint8_t seven[FE_LEN] = {0};
    seven[FE_LEN - 1] = 7;
    ref_mul(&p, seven, &g);
    pt_to_bytes(pxy, &p);
    aff pa;
    assert_int_equal(aff_from_bytes(&pa, pxy), 1);
    for (int i = 0; i < 110; i++) {
        scalar_case(k, i);
        mul_base_jac(&r1, k);
        ref_mul(&ref, k, &g);
        assert_pt_eq(&r1, &ref);
        mul_var_jac(&r2, k, &pa);
        ref_mul(&ref, k, &p);
        assert_pt_eq(&r2, &ref);
        assert_int_equal(ec_mul(xy, k, pxy), 0);
        pt_to_bytes(pxy + 0, &p); /* unchanged input */
        uint8_t want[2 * FE_LEN];
        pt_to_bytes(want, &ref);
        assert_memory_equal(xy, want, sizeof xy);
    }
    /* (n-1)G = -G */
    uint8_t n1[FE_LEN];
    scalar_case(n1, 40);
    assert_int_equal(ec_mul_base(xy, n1), 0);
    assert_memory_equal(xy, ec_gx, FE_LEN);
    fe y;
    assert_int_equal(fe_from_bytes(y, xy + FE_LEN), 1);
    fe_cneg(y, ~(uint64_t)0);
    fe_to_bytes(xy + FE_LEN, y);
    assert_memory_equal(xy + FE_LEN, ec_gy, FE_LEN);
}

/* u1*G + u2*P against the two separate products. */
static void test_mul_add(void **state)
{
    (void)state;
    const ec_curve *c = &CURVE_IMPL;
    uint8_t u1[FE_LEN], u2[FE_LEN], pxy[2 * FE_LEN], x[FE_LEN], a[2 * FE_LEN];
    jac g, p, r1, r2;
    jac_of_g(&g);
    for (int i = 0; i < 30; i++) {
        scalar_case(u1, 100 + i);
        scalar_case(u2, 200 + i);
        scalar_case(a, 300 + i);
        ref_mul(&p, a, &g);
        pt_to_bytes(pxy, &p);
        ref_mul(&r1, u1, &g);
        ref_mul(&r2, u2, &p);
        pt_add_vartime(&r1, &r1, &r2);
        pt_to_bytes(a, &r1);
        assert_int_equal(c->mul_add_vartime(x, u1, u2, pxy), 0);
        assert_memory_equal(x, a, FE_LEN);
    }
    /* u1*G + u2*G with u1 + u2 = n: the point at infinity. */
    memcpy(pxy, ec_gx, FE_LEN);
    memcpy(pxy + FE_LEN, ec_gy, FE_LEN);
    scalar_case(u1, 5);  /* 6 */
    scalar_case(u2, 45); /* n - 6 */
    assert_int_equal(c->mul_add_vartime(x, u1, u2, pxy), -1);
    /* u1 = u2 with P = G: the doubling case of the final addition. */
    scalar_case(u1, 9);
    assert_int_equal(c->mul_add_vartime(x, u1, u1, pxy), 0);
    scalar_case(u2, 19); /* 20 = 2 * 10 */
    assert_int_equal(c->mul_base(a, u2), 0);
    assert_memory_equal(x, a, FE_LEN);
}

/* The fixed-base table rows are j * 32^i * G. */
static void test_base_table(void **state)
{
    (void)state;
    jac g, r;
    uint8_t k[FE_LEN], xy[2 * FE_LEN], want[2 * FE_LEN];
    jac_of_g(&g);
    pthread_once(&base_once, base_tab_init);
    for (int w = 0; w < EC_NW; w += 9) {
        for (int j = 0; j < 16; j += 5) {
            memset(k, 0, sizeof k);
            /* k = (j+1) * 32^w = (j+1) << 5w */
            int bit = 5 * w;
            unsigned v = (unsigned)(j + 1) << (bit % 8);
            for (int b = bit / 8; v && b < FE_LEN; b++, v >>= 8)
                k[FE_LEN - 1 - b] = (uint8_t)v;
            ref_mul(&r, k, &g);
            pt_to_bytes(want, &r);
            fe_to_bytes(xy, base_tab[w][j].x);
            fe_to_bytes(xy + FE_LEN, base_tab[w][j].y);
            assert_memory_equal(xy, want, sizeof xy);
        }
    }
}

#define EC_CURVE_TESTS                                                                             \
    cmocka_unit_test(test_field_identities), cmocka_unit_test(test_field_known),                   \
        cmocka_unit_test(test_field_encoding), cmocka_unit_test(test_points),                      \
        cmocka_unit_test(test_scalar_mul), cmocka_unit_test(test_mul_add),                         \
        cmocka_unit_test(test_base_table)
