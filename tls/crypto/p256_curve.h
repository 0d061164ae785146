/* Everything of P-256 above the field multiplication: the point
 * arithmetic (ec_point_tmpl.h), the inversion and the scalar
 * multiplications (ec_mul_tmpl.h). Included once by p256.c (portable
 * fe_mul/fe_sqr) and once by p256_adx.c (MULX/ADX fe_mul/fe_sqr), after
 * p256_consts.h and the two field functions; all names are static. */
#define EC_FE_MUL_CUSTOM
#define EC_FE_INV_CUSTOM
#include "crypto/ec_inv.h"
#include "crypto/ec_point_tmpl.h"

/* R^3 mod p (computed with Python from p and R = 2^256). */
static const uint64_t fe_rrr[EC_N] = {0xfffffffd0000000aULL, 0xffffffedfffffff7ULL,
                                      0x00000005fffffffcULL, 0x0000001800000001ULL};

/* r = 1/a (0 for 0). The divsteps of ec_inv.c invert the representative
 * x = aR, giving a^-1 R^-1; one Montgomery multiplication by R^3 brings that
 * to a^-1 R. Constant time; about 20% faster here than the Fermat addition
 * chain for p - 2 (255 squarings, 12 multiplications) it replaced. */
static void fe_inv(uint64_t *r, const uint64_t *a)
{
    fe t;
    ec_modinv(EC_N, t, a, fe_p);
    fe_mul(r, t, fe_rrr);
    gt_wipe(t, sizeof t);
}

#include "crypto/ec_mul_tmpl.h"
