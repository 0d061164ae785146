/* Constant-time check (ctgrind style) for the hashes, HMAC, the TLS 1.2
 * PRF and the DRBG. Secrets are marked undefined for memcheck; any branch
 * or memory index that depends on them is reported, and ctest runs this
 * under valgrind --error-exitcode. Outputs are marked defined again before
 * they are compared with the same computation on public inputs.
 *
 * Valgrind 3.19 hides SHA-NI in the CPUID it emulates and cannot execute
 * those instructions, so under valgrind only the portable SHA-1/SHA-256
 * code is checked; the SHA-NI path is used when the (emulated) CPU reports
 * it, e.g. with a newer valgrind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/cpu.h"
#include "gt/crypto/drbg.h"
#include "gt/crypto/hash.h"
#include "util/testutil.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED(p, n)
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED(p, n)

static int failures;

static void check(const char *what, const uint8_t *got, const uint8_t *want, size_t n)
{
    PUBLIC(got, n);
    if (memcmp(got, want, n)) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

/* Hash of secret data, every length 0..200 (all padding cases). */
static void hashes(const char *path)
{
    static const gt_hash *const hs[] = {&gt_hash_sha1, &gt_hash_sha224, &gt_hash_sha256,
                                        &gt_hash_sha384, &gt_hash_sha512};
    uint8_t msg[200], want[GT_HASH_MAX_LEN], got[GT_HASH_MAX_LEN];
    for (size_t i = 0; i < 5; i++) {
        for (size_t n = 0; n <= sizeof msg; n += 3) {
            tu_fill(msg, n, n);
            gt_hash_digest(hs[i], msg, n, want);
            SECRET(msg, n);
            gt_hash_digest(hs[i], msg, n, got);
            PUBLIC(msg, n);
            check(hs[i]->name, got, want, hs[i]->out_len);
        }
    }
    printf("hashes over secret data (%s path): checked\n", path);
}

/* HMAC with a secret key (short and longer than the block) and message. */
static void hmacs(void)
{
    static const gt_hash *const hs[] = {&gt_hash_sha256, &gt_hash_sha384, &gt_hash_sha1};
    uint8_t key[200], msg[300], want[GT_HASH_MAX_LEN], got[GT_HASH_MAX_LEN];
    static const size_t klen[] = {0, 16, 32, 48, 64, 128, 129, 200};
    tu_fill(key, sizeof key, 1);
    tu_fill(msg, sizeof msg, 2);
    for (size_t i = 0; i < 3; i++) {
        for (size_t k = 0; k < sizeof klen / sizeof klen[0]; k++) {
            size_t n = 37 * k;
            gt_hmac(hs[i], key, klen[k], msg, n, want);
            SECRET(key, sizeof key);
            SECRET(msg, sizeof msg);
            gt_hmac(hs[i], key, klen[k], msg, n, got);
            PUBLIC(key, sizeof key);
            PUBLIC(msg, sizeof msg);
            check("HMAC", got, want, hs[i]->out_len);
        }
    }
    printf("HMAC-SHA-256/384/1 with secret key and message: checked\n");
}

/* PRF with a secret (master secret derivation and key expansion shapes). */
static void prf(void)
{
    uint8_t secret[48], seed[64], want[136], got[136];
    tu_fill(secret, sizeof secret, 3);
    tu_fill(seed, sizeof seed, 4);
    const gt_hash *hs[] = {&gt_hash_sha256, &gt_hash_sha384};
    for (size_t i = 0; i < 2; i++) {
        if (gt_tls12_prf(hs[i], secret, sizeof secret, "key expansion", seed, 32, seed + 32, 32,
                         want, sizeof want))
            failures++;
        SECRET(secret, sizeof secret);
        if (gt_tls12_prf(hs[i], secret, sizeof secret, "key expansion", seed, 32, seed + 32, 32,
                         got, sizeof got))
            failures++;
        PUBLIC(secret, sizeof secret);
        check("PRF", got, want, sizeof want);
    }
    printf("TLS 1.2 PRF (SHA-256, SHA-384) with a secret: checked\n");
}

/* DRBG generate with a secret internal state and secret additional input. */
static void drbg(void)
{
    gt_drbg a, b;
    uint8_t seed[48], add[32], want[100], got[100];
    tu_fill(seed, sizeof seed, 5);
    tu_fill(add, sizeof add, 6);
    gt_drbg_init_seed(&a, seed, sizeof seed);
    gt_drbg_init_seed(&b, seed, sizeof seed);
    SECRET(b.k, sizeof b.k);
    SECRET(b.v, sizeof b.v);
    for (int i = 0; i < 3; i++) {
        if (gt_drbg_generate(&a, want, sizeof want, add, sizeof add)) failures++;
        SECRET(add, sizeof add);
        if (gt_drbg_generate(&b, got, sizeof got, add, sizeof add)) failures++;
        PUBLIC(add, sizeof add);
        check("DRBG generate", got, want, sizeof want);
    }
    /* Instantiate from a secret seed too. */
    SECRET(seed, sizeof seed);
    gt_drbg_init_seed(&b, seed, sizeof seed);
    PUBLIC(seed, sizeof seed);
    gt_drbg_init_seed(&a, seed, sizeof seed);
    if (gt_drbg_generate(&a, want, 32, NULL, 0) || gt_drbg_generate(&b, got, 32, NULL, 0))
        failures++;
    check("DRBG instantiate", got, want, 32);
    gt_drbg_free(&a);
    gt_drbg_free(&b);
    printf("HMAC_DRBG instantiate/generate with secret state: checked\n");
}

int main(void)
{
    int shani = gt_cpu_has(GT_CPU_SHA | GT_CPU_SSSE3 | GT_CPU_SSE41);
    gt_cpu_override(0);
    hashes("portable");
    gt_cpu_reset();
    if (shani)
        hashes("SHA-NI");
    else
        printf("SHA-NI path: not available here (valgrind hides it or GT_FORCE_PORTABLE)\n");
    hmacs();
    prf();
    drbg();
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
