/* Fixed-width big integers for RSA (internal to libgt).
 *
 * A number is an array of 64-bit limbs, least significant first, with an
 * explicit limb count. The limb count is public (it follows from the key
 * size); the limb values may be secret. Unless a name ends in _vartime, a
 * function's branches and memory accesses depend on the limb count only,
 * never on limb values (BearSSL's i31/i62 code is the model). The _vartime
 * functions are for public values (modulus, public exponent, signatures
 * under verification) or for values blinded by a fresh random factor.
 *
 * Limits: moduli up to GT_BN_MAX_LIMBS limbs (4096 bits). */
#ifndef GT_CRYPTO_BN_H
#define GT_CRYPTO_BN_H

#include <stddef.h>
#include <stdint.h>

#define GT_BN_MAX_LIMBS 64 /* 4096 bits */
#define GT_BN_WINDOW    5  /* fixed window of the constant-time exponentiation */

/* ---- plain arithmetic (bn.c) ---- */

/* x (n limbs) = the big-endian bytes src[0..len). Returns 1 if the value fit
 * in n limbs, 0 if a non-zero byte had to be dropped (x then holds the low
 * part). Constant time in the byte values. */
uint32_t gt_bn_decode(uint64_t *x, size_t n, const uint8_t *src, size_t len);
/* dst[0..len) = big-endian x mod 256^len (zero-padded on the left). */
void gt_bn_encode(uint8_t *dst, size_t len, const uint64_t *x, size_t n);

void gt_bn_zero(uint64_t *x, size_t n);
void gt_bn_copy(uint64_t *r, const uint64_t *a, size_t n);
/* r = a + b, returns the carry (0/1). r may alias a or b. */
uint64_t gt_bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* r = a - b, returns the borrow (0/1). r may alias a or b. */
uint64_t gt_bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* r = bit ? a : b (bit is 0 or 1). */
void gt_bn_select(uint32_t bit, uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* 1 if a < b, 1 if a == b, 1 if a == 0, else 0. */
uint32_t gt_bn_lt(const uint64_t *a, const uint64_t *b, size_t n);
uint32_t gt_bn_eq(const uint64_t *a, const uint64_t *b, size_t n);
uint32_t gt_bn_is_zero(const uint64_t *a, size_t n);
/* r (2n limbs) = a * b; r must not alias a or b. */
void gt_bn_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* r = (a + b) mod m and (a - b) mod m, for a, b < m. */
void gt_bn_mod_add(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n);
void gt_bn_mod_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n);
/* r = w^-1 mod m for a word 1 <= w < 2^64 and odd m > w with gcd(w, m) = 1:
 * one division of m by w, then the extended Euclid on words. Returns 1, or
 * 0 if w is not invertible. Variable time in w (see rsa.c for why that is
 * acceptable for blinding factors) and in m. */
uint32_t gt_bn_inv_word_vartime(uint64_t *r, uint64_t w, const uint64_t *m, size_t n);
/* Bit length of x (0 for x == 0). Variable time: public values only. */
size_t gt_bn_bitlen_vartime(const uint64_t *x, size_t n);
/* r = a^-1 mod m for odd m > 1 and a < m (binary extended Euclid).
 * Returns 1, or 0 if a is not invertible. Variable time: use it only on a
 * value masked by an independent random factor (see rsa.c). */
uint32_t gt_bn_modinv_vartime(uint64_t *r, const uint64_t *a, const uint64_t *m, size_t n);

/* ---- Montgomery arithmetic (bn_mont.c) ---- */

typedef struct gt_bn_mont gt_bn_mont;
typedef void (*gt_bn_mont_mul_fn)(const gt_bn_mont *c, uint64_t *r, const uint64_t *a,
                                  const uint64_t *b);
typedef void (*gt_bn_mont_sqr_fn)(const gt_bn_mont *c, uint64_t *r, const uint64_t *a);

/* Montgomery context for an odd modulus m of n limbs, R = 2^(64n). */
struct gt_bn_mont {
    size_t n;
    uint64_t m0i; /* -m^-1 mod 2^64 */
    uint64_t m[GT_BN_MAX_LIMBS];
    uint64_t rr[GT_BN_MAX_LIMBS];  /* R^2 mod m */
    uint64_t one[GT_BN_MAX_LIMBS]; /* R mod m: 1 in Montgomery form */
    gt_bn_mont_mul_fn mul;
    gt_bn_mont_sqr_fn sqr;
    int ifma; /* exponentiations take the AVX-512 IFMA code (bn_mont_ifma.c) */
};

/* Sets up c for the odd modulus m (n limbs, 1 <= n <= GT_BN_MAX_LIMBS).
 * Constant time in m's value (m may be a secret prime); the caller makes
 * sure m is odd and > 1 (an even m gives wrong results, which RSA's final
 * public-key check catches). Picks the MULX/ADX code when the CPU has it,
 * and the AVX-512 IFMA exponentiation for 4..51 limbs when it has that. */
void gt_bn_mont_init(gt_bn_mont *c, const uint64_t *m, size_t n);
/* As gt_bn_mont_init, but variable time in the bit length of m (a public
 * modulus): far fewer doublings to find R mod m. */
void gt_bn_mont_init_pub(gt_bn_mont *c, const uint64_t *m, size_t n);
/* Sets up c for a secret prime factor p (n limbs) of the modulus of N,
 * deriving R^2 mod p from N in constant time in p. Needs N->n <= 2n and
 * N's modulus / p < 2^(64n) (true for RSA moduli split into two halves
 * of at most n limbs each). */
void gt_bn_mont_init_factor(gt_bn_mont *c, const uint64_t *p, size_t n, const gt_bn_mont *N);
/* As gt_bn_mont_init, but always the portable code (tests compare both). */
void gt_bn_mont_init_portable(gt_bn_mont *c, const uint64_t *m, size_t n);
void gt_bn_mont_wipe(gt_bn_mont *c);

/* r = a * b / R mod m, for a < R and b < m (or a < m and b < R); r < m.
 * r may alias a or b. */
static inline void gt_bn_mont_mul(const gt_bn_mont *c, uint64_t *r, const uint64_t *a,
                                  const uint64_t *b)
{
    c->mul(c, r, a, b);
}
/* r = a^2 / R mod m, for a < m. */
static inline void gt_bn_mont_sqr(const gt_bn_mont *c, uint64_t *r, const uint64_t *a)
{
    c->sqr(c, r, a);
}
/* r = a * R mod m for any a < R (a need not be reduced). */
void gt_bn_mont_to(const gt_bn_mont *c, uint64_t *r, const uint64_t *a);
/* r = a / R mod m. */
void gt_bn_mont_from(const gt_bn_mont *c, uint64_t *r, const uint64_t *a);
/* r (n limbs) = a mod m, for a (2n limbs) < m * R: reduces a wide value
 * (e.g. an RSA input mod p). */
void gt_bn_mont_reduce_wide(const gt_bn_mont *c, uint64_t *r, const uint64_t *a);

/* r = a^e mod m in constant time: a < m (plain, not Montgomery form), e is
 * ebits bits in little-endian limbs (ebits public, the bits secret). Fixed
 * GT_BN_WINDOW-bit windows; every table entry is read for every window. */
void gt_bn_mont_exp(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *e,
                    size_t ebits);
/* The two exponentiations r1 = a1^e1 mod m1 and r2 = a2^e2 mod m2 (same
 * contract as gt_bn_mont_exp, both exponents ebits bits), e.g. the CRT
 * halves of RSA. Moduli of the same limb count run side by side on the
 * IFMA back end; otherwise one after the other. */
void gt_bn_mont_exp2(const gt_bn_mont *c1, uint64_t *r1, const uint64_t *a1, const uint64_t *e1,
                     const gt_bn_mont *c2, uint64_t *r2, const uint64_t *a2, const uint64_t *e2,
                     size_t ebits);
/* r = a^e mod m for a public exponent given as big-endian bytes; variable
 * time in e only (constant time in a). e == 0 gives 1. */
void gt_bn_mont_exp_pub(const gt_bn_mont *c, uint64_t *r, const uint64_t *a, const uint8_t *e,
                        size_t elen);

#endif
