/* Constant-time check (ctgrind style) for X25519: the scalar is marked
 * undefined for memcheck, so any branch or memory index that depends on it
 * (in the ladder, the inversion, the encoding or the zero check) is
 * reported; ctest runs this under valgrind --error-exitcode. The output and
 * the return code are marked defined before they are compared with the same
 * computation on a public scalar. */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "gt/crypto/x25519.h"
#include "util/testutil.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED(p, n)
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED(p, n)

int main(void)
{
    int failures = 0;
    uint8_t k[32], u[32], want[32], got[32];
    static const uint8_t small_order[32] = {1}; /* u = 1: all-zero result */

    for (uint64_t i = 0; i < 4; i++) {
        tu_fill(k, sizeof k, i);
        tu_fill(u, sizeof u, i + 100);
        int rc_want = gt_x25519(want, k, u);
        SECRET(k, sizeof k);
        int rc = gt_x25519(got, k, u);
        PUBLIC(&rc, sizeof rc);
        PUBLIC(got, sizeof got);
        PUBLIC(k, sizeof k);
        if (rc != rc_want || memcmp(got, want, sizeof got)) failures++;

        gt_x25519_base(want, k);
        SECRET(k, sizeof k);
        gt_x25519_base(got, k);
        PUBLIC(got, sizeof got);
        PUBLIC(k, sizeof k);
        if (memcmp(got, want, sizeof got)) failures++;

        /* the zero-result path selects its error without branching */
        SECRET(k, sizeof k);
        rc = gt_x25519(got, k, small_order);
        PUBLIC(&rc, sizeof rc);
        PUBLIC(k, sizeof k);
        if (rc != GT_ERR_CRYPTO_ZERO_SECRET) failures++;
    }
    printf("X25519 with a secret scalar (ladder, inversion, zero check): %s\n",
           failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
