/* Constant-time check (ctgrind style) for P-256 and P-384: private scalars
 * and everything drawn from the RNG are marked undefined for valgrind's
 * memcheck, so any branch or memory index that depends on them is reported
 * (ctest runs this under valgrind with --error-exitcode). Covered: key
 * generation, pub_from_priv, ECDH, ECDSA signing (deterministic and hedged;
 * the digest is public). The library's declassification hook
 * (gt_ec_declassify_hook) is pointed at VALGRIND_MAKE_MEM_DEFINED, so the
 * few values that are public by design (is the key in range, was an RFC
 * 6979 candidate rejected, the signature itself) are allowed to steer
 * control flow; nothing else is. Outputs are made defined only right before
 * this program checks them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "crypto/ec_curve.h"
#include "gt/gt_crypto.h"
#include "util/testutil.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int failures;

static void check(int ok, const char *what, gt_ec_curve c)
{
    if (!ok) {
        fprintf(stderr, "ct_ec: %s failed (curve %d)\n", what, (int)c);
        failures++;
    }
}

static void declassify(const void *p, size_t n)
{
    PUBLIC(p, n);
}

/* Random bytes that valgrind treats as secret. */
static int secret_rng(void *ctx, uint8_t *out, size_t n)
{
    uint64_t *seed = ctx;
    tu_fill(out, n, (*seed)++);
    SECRET(out, n);
    return 0;
}

static void run_curve(gt_ec_curve c, uint64_t seed)
{
    size_t len = gt_ec_scalar_len(c), plen = gt_ec_pub_len(c);
    uint8_t a[48], b[48], A[97], B[97], s1[48], s2[48], dig[48], sig[GT_EC_MAX_SIG_DER];
    size_t sig_len;
    int rc;

    /* keygen: the scalar comes from the RNG, undefined */
    rc = gt_ec_keygen(c, secret_rng, &seed, a, A);
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "keygen", c);
    PUBLIC(A, plen);
    check(gt_ec_check_pub(c, A, plen) == 0, "keygen public key", c);

    /* pub_from_priv on a fixed secret scalar */
    tu_fill(b, len, seed++);
    b[0] &= 0x7f;
    SECRET(b, len);
    rc = gt_ec_pub_from_priv(c, b, B);
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "pub_from_priv", c);
    PUBLIC(B, plen);
    check(gt_ec_check_pub(c, B, plen) == 0, "pub_from_priv public key", c);

    /* ECDH both ways */
    rc = gt_ecdh(c, a, B, plen, s1);
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "ecdh a", c);
    rc = gt_ecdh(c, b, A, plen, s2);
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "ecdh b", c);
    PUBLIC(s1, len);
    PUBLIC(s2, len);
    check(memcmp(s1, s2, len) == 0, "ecdh agreement", c);

    /* ECDSA: deterministic, then hedged with secret RNG bytes */
    tu_fill(dig, sizeof dig, seed++);
    for (int hedged = 0; hedged < 2; hedged++) {
        rc = gt_ecdsa_sign(c, &gt_hash_sha256, a, dig, 32, hedged ? secret_rng : NULL, &seed, sig,
                           sizeof sig, &sig_len);
        PUBLIC(&rc, sizeof rc);
        check(rc == 0, "ecdsa sign", c);
        PUBLIC(&sig_len, sizeof sig_len);
        PUBLIC(sig, sig_len);
        check(gt_ecdsa_verify(c, A, plen, dig, 32, sig, sig_len) == 0, "ecdsa verify", c);
    }
}

int main(void)
{
    gt_ec_declassify_hook = declassify;
    run_curve(GT_EC_P256, 1);
    run_curve(GT_EC_P384, 1000);
    if (failures) return 1;
    printf("ct_ec: ok\n");
    return 0;
}
