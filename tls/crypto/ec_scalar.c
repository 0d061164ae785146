/* Scalars modulo the group order n (FIPS 186-4 D.1.2.3/D.1.2.4): the ECDSA
 * arithmetic s = k^-1 (z + r d) and u1, u2 = (z, r) / s. Montgomery
 * multiplication (ec_mont.h) specialised per limb count; inversion by
 * constant-time divsteps (ec_inv.c). Constants derived by
 * tools/ec_consts.py. */
#include "crypto/ec_scalar.h"

#include <string.h>

#include "crypto/ec_inv.h"
#include "crypto/ec_mont.h"

typedef struct {
    const uint64_t *n, *rr;
    uint64_t n0;
} sc_params;

static const uint64_t n256[4] = {0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
                                 0xffffffffffffffffULL, 0xffffffff00000000ULL};
static const uint64_t rr256[4] = {0x83244c95be79eea2ULL, 0x4699799c49bd6fa6ULL,
                                  0x2845b2392b6bec59ULL, 0x66e12d94f3d95620ULL};
static const sc_params sc256 = {n256, rr256, 0xccd1c8aaee00bc4fULL};

static const uint64_t n384[6] = {0xecec196accc52973ULL, 0x581a0db248b0a77aULL,
                                 0xc7634d81f4372ddfULL, 0xffffffffffffffffULL,
                                 0xffffffffffffffffULL, 0xffffffffffffffffULL};
static const uint64_t rr384[6] = {0x2d319b2419b409a9ULL, 0xff3d81e5df1aa419ULL,
                                  0xbc3e483afcb82947ULL, 0xd40d49174aab1cc5ULL,
                                  0x3fb05b7a28266895ULL, 0x0c84ee012b39bf21ULL};
static const sc_params sc384 = {n384, rr384, 0x6ed46089e88fdc45ULL};

static const sc_params *params(const ec_curve *c)
{
    return c->limbs == 4 ? &sc256 : &sc384;
}

/* r = a if a < n, else a - n (a < 2n). */
MONT_INLINE void cond_sub_n(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *n)
{
    uint64_t t[MONT_MAXN], br = 0;
    for (size_t i = 0; i < N; i++) {
        mont_u128 z = (mont_u128)a[i] - n[i] - br;
        t[i] = (uint64_t)z;
        br = (uint64_t)(z >> 64) & 1;
    }
    mont_cmov(N, r, a, gt_ct_mask64(br));
    mont_cmov(N, r, t, gt_ct_mask64(br ^ 1));
}

uint32_t ec_sc_from_bytes(const ec_curve *c, ec_sc *r, const uint8_t *b)
{
    const sc_params *p = params(c);
    memset(r, 0, sizeof *r);
    uint32_t lt = c->limbs == 4 ? mont_from_be(4, r->v, b, p->n) : mont_from_be(6, r->v, b, p->n);
    uint32_t z = (uint32_t)(mont_is_zero(c->limbs == 4 ? 4 : 6, r->v) & 1);
    return lt & (z ^ 1);
}

void ec_sc_from_bytes_reduce(const ec_curve *c, ec_sc *r, const uint8_t *b)
{
    const sc_params *p = params(c);
    memset(r, 0, sizeof *r);
    if (c->limbs == 4) {
        (void)mont_from_be(4, r->v, b, p->n);
        cond_sub_n(4, r->v, r->v, p->n);
    } else {
        (void)mont_from_be(6, r->v, b, p->n);
        cond_sub_n(6, r->v, r->v, p->n);
    }
}

void ec_sc_to_bytes(const ec_curve *c, uint8_t *b, const ec_sc *a)
{
    if (c->limbs == 4)
        mont_to_be(4, b, a->v);
    else
        mont_to_be(6, b, a->v);
}

uint32_t ec_sc_is_zero(const ec_curve *c, const ec_sc *a)
{
    return (uint32_t)(mont_is_zero(c->limbs, a->v) & 1);
}

void ec_sc_add(const ec_curve *c, ec_sc *r, const ec_sc *a, const ec_sc *b)
{
    const sc_params *p = params(c);
    if (c->limbs == 4)
        mont_add(4, r->v, a->v, b->v, p->n);
    else
        mont_add(6, r->v, a->v, b->v, p->n);
}

/* (a*b/R) * R^2 / R = a*b. */
MONT_INLINE void mul_plain(size_t N, uint64_t *r, const uint64_t *a, const uint64_t *b,
                           const sc_params *p)
{
    uint64_t t[MONT_MAXN];
    mont_mul(N, t, a, b, p->n, p->n0);
    mont_mul(N, r, t, p->rr, p->n, p->n0);
}

void ec_sc_mul(const ec_curve *c, ec_sc *r, const ec_sc *a, const ec_sc *b)
{
    if (c->limbs == 4)
        mul_plain(4, r->v, a->v, b->v, params(c));
    else
        mul_plain(6, r->v, a->v, b->v, params(c));
}

/* Bernstein-Yang divsteps (ec_inv.c): constant time like the Fermat
 * exponentiation it replaces, and several times faster; the inverse is the
 * costliest step of signing after k*G. */
void ec_sc_inv(const ec_curve *c, ec_sc *r, const ec_sc *a)
{
    ec_modinv(c->limbs == 4 ? 4 : 6, r->v, a->v, params(c)->n);
}
