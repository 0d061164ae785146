/* Tests for tls/crypto/ec_inv.c (white box: the file is included so the
 * divstep batch itself can be checked). Every inverse is checked by
 * a * r == 1 mod m with Montgomery multiplication from ec_mont.h (an
 * independent kernel), on the four moduli the EC code inverts modulo:
 * the P-256 and P-384 primes and group orders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#define ec_modinv test_ec_modinv
#include "crypto/ec_inv.c"
#include "crypto/ec_mont.h"
#include "util/testutil.h"

/* FIPS 186-4 D.1.2.3 and D.1.2.4: p and n of P-256 and P-384. */
static const uint64_t p256[4] = {0xffffffffffffffffULL, 0x00000000ffffffffULL, 0,
                                 0xffffffff00000001ULL};
static const uint64_t n256[4] = {0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
                                 0xffffffffffffffffULL, 0xffffffff00000000ULL};
static const uint64_t p384[6] = {0x00000000ffffffffULL, 0xffffffff00000000ULL,
                                 0xfffffffffffffffeULL, 0xffffffffffffffffULL,
                                 0xffffffffffffffffULL, 0xffffffffffffffffULL};
static const uint64_t n384[6] = {0xecec196accc52973ULL, 0x581a0db248b0a77aULL,
                                 0xc7634d81f4372ddfULL, 0xffffffffffffffffULL,
                                 0xffffffffffffffffULL, 0xffffffffffffffffULL};

struct modulus {
    size_t n;
    const uint64_t *m;
};
static const struct modulus mods[] = {{4, p256}, {4, n256}, {6, p384}, {6, n384}};

/* Returns 1 if a < m. */
static int below(size_t n, const uint64_t *a, const uint64_t *m)
{
    for (size_t i = n; i-- > 0;)
        if (a[i] != m[i]) return a[i] < m[i];
    return 0;
}

/* a * b == 1 mod m, through a*b/R == 1/R (both sides Montgomery products). */
static void assert_inverse(size_t n, const uint64_t *a, const uint64_t *r, const uint64_t *m)
{
    uint64_t one[6] = {1}, x[6], y[6], n0 = 0 - inv64(m[0]);
    assert_true(below(n, r, m));
    if (n == 4) {
        mont_mul(4, x, a, r, m, n0);
        mont_mul(4, y, one, one, m, n0);
    } else {
        mont_mul(6, x, a, r, m, n0);
        mont_mul(6, y, one, one, m, n0);
    }
    assert_memory_equal(x, y, 8 * n);
}

/* A random value below m (tu_fill bytes, top limb masked until it fits). */
static void rand_below(size_t n, uint64_t *a, const uint64_t *m, uint64_t seed)
{
    do {
        tu_fill((uint8_t *)a, 8 * n, seed++);
    } while (!below(n, a, m));
}

static void test_random(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof mods / sizeof mods[0]; k++) {
        size_t n = mods[k].n;
        const uint64_t *m = mods[k].m;
        for (uint64_t i = 0; i < 300; i++) {
            uint64_t a[6], r[6], r2[6];
            rand_below(n, a, m, 1000 * k + 7 * i);
            if (i % 3 == 0) a[n - 1] >>= 20 * (i % 4); /* shorter values too */
            if (!a[0] && !a[1]) a[0] = 1;
            ec_modinv(n, r, a, m);
            assert_inverse(n, a, r, m);
            /* in place, and the inverse of the inverse */
            memcpy(r2, r, 8 * n);
            ec_modinv(n, r2, r2, m);
            assert_memory_equal(r2, a, 8 * n);
        }
    }
}

static void test_edges(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof mods / sizeof mods[0]; k++) {
        size_t n = mods[k].n;
        const uint64_t *m = mods[k].m;
        uint64_t a[6] = {0}, r[6], want[6];
        /* 0 -> 0 by convention */
        memset(r, 0xaa, sizeof r);
        ec_modinv(n, r, a, m);
        assert_memory_equal(r, a, 8 * n);
        /* 1 -> 1 */
        a[0] = 1;
        ec_modinv(n, r, a, m);
        assert_memory_equal(r, a, 8 * n);
        /* m - 1 -> m - 1 (it is -1) */
        memcpy(a, m, 8 * n);
        a[0]--;
        ec_modinv(n, r, a, m);
        assert_memory_equal(r, a, 8 * n);
        /* 2 -> (m + 1) / 2 */
        memset(a, 0, sizeof a);
        a[0] = 2;
        ec_modinv(n, r, a, m);
        for (size_t i = 0; i < n; i++) /* m odd: (m + 1) / 2 = (m >> 1) + 1 */
            want[i] = (m[i] >> 1) | (i + 1 < n ? m[i + 1] << 63 : 0);
        for (size_t i = 0; i < n && ++want[i] == 0; i++) /* + 1, carried */
            ;
        assert_memory_equal(r, want, 8 * n);
        /* powers of two and all-ones patterns: long runs of even steps */
        for (int b = 1; b < 64 * (int)n - 1; b += 13) {
            memset(a, 0, sizeof a);
            a[b / 64] = (uint64_t)1 << (b % 64);
            ec_modinv(n, r, a, m);
            assert_inverse(n, a, r, m);
            for (size_t i = 0; i < n; i++)
                a[i] = (m[i] >> 1) ^ (i & 1 ? 0 : ~(uint64_t)0 >> 40);
            a[n - 1] &= m[n - 1] >> 1;
            ec_modinv(n, r, a, m);
            assert_inverse(n, a, r, m);
        }
    }
}

/* The divstep of the paper with branches, on the low 64 bits, tracking the
 * matrix: the model the branch-free, packed loop must match. */
static int64_t ref_divsteps(int n, int64_t delta, uint64_t f, uint64_t g, trans *t)
{
    int64_t u = 1, v = 0, q = 0, r = 1;
    for (int i = 0; i < n; i++) {
        if (delta > 0 && (g & 1)) {
            uint64_t of = f;
            int64_t ou = u, ov = v;
            delta = 1 - delta;
            f = g;
            g = (g - of) >> 1;
            u = 2 * q;
            v = 2 * r;
            q -= ou;
            r -= ov;
        } else if (g & 1) {
            delta++;
            g = (g + f) >> 1;
            q += u;
            r += v;
            u *= 2;
            v *= 2;
        } else {
            delta++;
            g >>= 1;
            u *= 2;
            v *= 2;
        }
    }
    *t = (trans){u, v, q, r};
    return delta;
}

static void test_divsteps_model(void **state)
{
    (void)state;
    for (uint64_t i = 0; i < 3000; i++) {
        uint64_t fg[2];
        tu_fill((uint8_t *)fg, sizeof fg, 9000 + i);
        uint64_t f = fg[0] | 1, g = i % 3 ? fg[1] : fg[1] << (i % 50);
        int64_t delta = (int64_t)(i % 11) - 5;
        trans want, got;
        int64_t d30 = ref_divsteps(30, delta, f, g, &want);
        uint64_t z = divsteps30((uint64_t)-delta, f, g, &got);
        assert_true((int64_t)z == -d30);
        assert_memory_equal(&got, &want, sizeof want);
        int64_t d60 = ref_divsteps(60, delta, f, g, &want);
        z = divsteps60((uint64_t)-delta, f, g, &got);
        assert_true((int64_t)z == -d60);
        assert_memory_equal(&got, &want, sizeof want);
    }
}

/* One batch: 2^60 (f', g') = T (f, g) on the low bits, with every row of
 * T bounded by |u| + |v| <= 2^60; likewise each packed half-batch. */
static void test_divsteps(void **state)
{
    (void)state;
    for (uint64_t i = 0; i < 2000; i++) {
        uint64_t fg[2];
        tu_fill((uint8_t *)fg, sizeof fg, 77 + i);
        uint64_t f = fg[0] | 1, g = i % 5 ? fg[1] : fg[1] << (i % 64);
        trans t;
        uint64_t zeta = (uint64_t)(i % 7) - 3;
        (void)divsteps60(zeta, f, g, &t);
        assert_true((uint64_t)((t.u * (i128)f + t.v * (i128)g)) % ((uint64_t)1 << LB) == 0);
        assert_true((uint64_t)((t.q * (i128)f + t.r * (i128)g)) % ((uint64_t)1 << LB) == 0);
        i128 lim = (i128)1 << LB;
        assert_true((t.u < 0 ? -(i128)t.u : t.u) + (t.v < 0 ? -(i128)t.v : t.v) <= lim);
        assert_true((t.q < 0 ? -(i128)t.q : t.q) + (t.r < 0 ? -(i128)t.r : t.r) <= lim);
    }
}

/* The batch loop of ec_modinv, replayed with its invariants checked after
 * every batch: d, e in (-2m, m) (update_de's bound, which lets it skip
 * reductions), f odd; and g == 0 once all batches ran. */
static void test_batch_invariants(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof mods / sizeof mods[0]; k++) {
        size_t n = mods[k].n, L = n == 4 ? 5 : 7;
        int batches = n == 4 ? 13 : 19;
        const uint64_t *m64 = mods[k].m;
        for (uint64_t i = 0; i < 100; i++) {
            int64_t f[L_MAX], g[L_MAX], d[L_MAX] = {0}, e[L_MAX] = {0}, m[L_MAX], x[L_MAX];
            int64_t neg_m[L_MAX];
            uint64_t a[6], minv = inv64(m64[0]) & LMASK, zeta = (uint64_t)-1;
            trans t;
            rand_below(n, a, m64, 40000 + 1000 * k + i);
            to60(L, m, m64, n);
            to60(L, f, m64, n);
            to60(L, g, a, n);
            for (size_t j = 0; j < L; j++)
                neg_m[j] = -m[j];
            e[0] = 1;
            for (int b = 0; b < batches; b++) {
                zeta = divsteps60(zeta, (uint64_t)f[0] | ((uint64_t)f[1] << LB),
                                  (uint64_t)g[0] | ((uint64_t)g[1] << LB), &t);
                update_fg(L, f, g, &t);
                update_de(L, d, e, &t, m, minv);
                assert_true(f[0] & 1);
                for (int which = 0; which < 2; which++) {
                    const int64_t *v = which ? e : d;
                    memcpy(x, v, sizeof x); /* v + 2m > 0 */
                    add_masked(L, x, m, -1);
                    add_masked(L, x, m, -1);
                    assert_true(x[L - 1] >= 0);
                    memcpy(x, v, sizeof x); /* v - m < 0 */
                    add_masked(L, x, neg_m, -1);
                    assert_true(x[L - 1] < 0);
                }
            }
            for (size_t j = 0; j < L; j++)
                assert_true(g[j] == 0);
        }
    }
}

/* The limb conversions round trip, including the top bits. */
static void test_limbs(void **state)
{
    (void)state;
    for (uint64_t i = 0; i < 200; i++) {
        uint64_t a[6], b[6];
        int64_t x[L_MAX];
        size_t n = i & 1 ? 6 : 4, L = n == 4 ? 5 : 7;
        tu_fill((uint8_t *)a, sizeof a, i);
        to60(L, x, a, n);
        for (size_t j = 0; j < L; j++)
            assert_true(x[j] >= 0 && (uint64_t)x[j] <= LMASK);
        from60(n, b, x, L);
        assert_memory_equal(a, b, 8 * n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random),           cmocka_unit_test(test_edges),
        cmocka_unit_test(test_divsteps),         cmocka_unit_test(test_divsteps_model),
        cmocka_unit_test(test_batch_invariants), cmocka_unit_test(test_limbs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
