/* Constant-time check (ctgrind style) for the server's RSA key-transport
 * path (tls/handshake/kex_rsa.c, RFC 5246 §7.4.7.1): the private key is
 * marked undefined for valgrind's memcheck, so everything the decryption
 * produces — padding bytes, version, the premaster secret itself — is
 * undefined too, and memcheck reports any branch or memory index that
 * depends on it. The path runs as the ClientKeyExchange handler runs it:
 * gt_kex_rsa_premaster, then the master secret (RFC 7627 extended master
 * secret and RFC 5246 §8.1) and the key block from the premaster secret.
 * Ciphertexts with good padding, bad padding, a wrong version and a wrong
 * length must take identical control flow (Bleichenbacher; the ROBOT
 * variants). Only the return codes are made defined. */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/ct.h"
#include "crypto/rsa_testkeys.h"
#include "handshake/hs.h"

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

int main(void)
{
    tk_rsa *keys;
    size_t nk = tk_load(&keys);
    tk_rsa *k = tk_find(keys, nk, 2048);
    gt_drbg d;
    gt_drbg_init_seed(&d, (const uint8_t *)"ct_rsa_kx", 9);
    const gt_suite_info *suite = gt_suite_info_get(0x003C);
    uint8_t pms[48], out[48], ct[256], ms[48], kb[192], cr[32], sr[32], sh[32];
    size_t ct_len;
    memset(cr, 1, 32), memset(sr, 2, 32), memset(sh, 3, 32);
    for (int kind = 0; kind < 4; kind++) {
        memset(pms, 0x5a, 48);
        pms[0] = 3, pms[1] = 3;
        size_t mlen = 48;
        if (kind == 2) pms[1] = 1; /* wrong version */
        if (kind == 3) mlen = 40;  /* wrong length */
        if (gt_rsa_pkcs1_encrypt(&k->pub, 0, pms, mlen, tk_rng, &d, ct, sizeof ct, &ct_len))
            return 1;
        if (kind == 1) ct[7] ^= 0x10; /* bad padding after decryption (whp) */
        mark_key(k);
        int rc = gt_kex_rsa_premaster(&k->priv, ct, ct_len, 0x0303, tk_rng, &d, out);
        PUBLIC(&rc, sizeof rc);
        for (int ems = 0; ems < 2; ems++) {
            int r1 = gt_ks_master(suite->prf_hash, out, 48, ems, sh, 32, cr, sr, ms);
            int r2 = gt_ks_key_block(suite, ms, cr, sr, kb, sizeof kb);
            PUBLIC(&r1, sizeof r1);
            PUBLIC(&r2, sizeof r2);
            if (rc || r1 || r2) return 1;
        }
        PUBLIC(out, sizeof out);
        printf("kind %d: rc=%d real=%d version=%02x%02x\n", kind, rc, memcmp(out, pms, 48) == 0,
               out[0], out[1]);
        if ((kind == 0) != (memcmp(out, pms, 48) == 0) || out[0] != 3 || out[1] != 3) return 1;
    }
    free(keys);
    return 0;
}
