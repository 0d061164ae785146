/* Constant-time check (ctgrind style) for the RSA private-key paths: the
 * private components (d, p, q, dp, dq, qinv) and the input are marked
 * undefined for valgrind's memcheck, which then reports any branch or
 * memory index that depends on them. Covered: the fixed-window modular
 * exponentiation, the CRT private operation (blinding, recombination,
 * public-key check), PKCS #1 v1.5 decryption and gt_rsa_decrypt_premaster
 * with good and bad padding. n and e are public and stay defined; so does
 * the blinding RNG. Only final outputs are marked defined before use.
 * Runs under valgrind from ctest (tests/CMakeLists.txt). */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/ct.h"
#include "crypto/bn.h"
#include "crypto/rsa_impl.h"
#include "crypto/rsa_testkeys.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static void mark_key(tk_rsa *k)
{
    SECRET(k->d, sizeof k->d);
    SECRET(k->p, sizeof k->p);
    SECRET(k->q, sizeof k->q);
    SECRET(k->dp, sizeof k->dp);
    SECRET(k->dq, sizeof k->dq);
    SECRET(k->qinv, sizeof k->qinv);
}

static void check_exp(tk_rsa *k)
{
    uint64_t m[16], a[16], e[16], r[16];
    gt_bn_decode(m, 16, k->p, k->priv.p_len);
    tu_fill((uint8_t *)a, sizeof a, 3);
    a[15] = 0;
    gt_bn_decode(e, 16, k->dp, k->priv.dp_len);
    SECRET(m, sizeof m);
    SECRET(a, sizeof a);
    SECRET(e, sizeof e);
    gt_bn_mont c;
    gt_bn_mont_init(&c, m, 16);
    gt_bn_mont_exp(&c, r, a, e, 1024);
    PUBLIC(r, sizeof r);
    printf("exp: %016llx\n", (unsigned long long)r[0]);
}

int main(void)
{
    tk_rsa *keys;
    size_t nk = tk_load(&keys);
    tk_rsa *k = tk_find(keys, nk, 2048);
    gt_drbg d;
    gt_drbg_init_seed(&d, (const uint8_t *)"ct_rsa", 6);
    uint8_t x[256], em[256], ct[256], out[256], pm[48];
    size_t out_len;
    static const uint8_t ver[2] = {3, 3};

    mark_key(k);
    check_exp(k);

    /* CRT private operation on a secret input. */
    tu_fill(x, sizeof x, 1);
    x[0] = 0;
    SECRET(x, sizeof x);
    uint32_t ok = gt_rsa_private_op(&k->priv, tk_rng, &d, x, out);
    PUBLIC(&ok, sizeof ok);
    PUBLIC(out, sizeof out);
    printf("private op: ok=%08x\n", ok);

    /* PKCS #1 v1.5 decryption and the premaster helper, good and bad. */
    for (int bad = 0; bad < 2; bad++) {
        em[0] = 0, em[1] = 2;
        memset(em + 2, 0x5a, sizeof em - 2);
        em[256 - 49] = 0;
        em[256 - 48] = 3, em[256 - 47] = 3;
        if (bad) em[1] = 1;
        if (gt_rsa_public_op(&k->pub, 0, em, ct)) return 1;
        SECRET(ct, sizeof ct);
        ok = gt_rsa_pkcs1_decrypt(&k->priv, ct, sizeof ct, tk_rng, &d, out, &out_len);
        PUBLIC(&ok, sizeof ok);
        PUBLIC(&out_len, sizeof out_len);
        int rc = gt_rsa_decrypt_premaster(&k->priv, ct, sizeof ct, ver, tk_rng, &d, pm);
        PUBLIC(&rc, sizeof rc);
        PUBLIC(pm, sizeof pm);
        printf("decrypt(%s): ok=%08x len=%zu premaster rc=%d real=%d\n", bad ? "bad" : "good", ok,
               out_len, rc, memcmp(pm, em + 208, 48) == 0);
    }
    free(keys);
    return 0;
}
