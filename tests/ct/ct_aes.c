/* Constant-time check (ctgrind style) for AES, CBC and GCM: the key, the
 * plaintext and the AAD are marked undefined for valgrind's memcheck, so
 * any branch or memory index that depends on them is reported (and the run
 * fails with --error-exitcode). Each operation runs on the portable path
 * (gt_cpu_override(0)) and on every accelerated path the CPU offers. A
 * result is made defined only right before it is checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/cpu.h"
#include "crypto/aes_impl.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int failures;

static void check(int ok, const char *what, uint32_t features)
{
    if (!ok) {
        fprintf(stderr, "ct_aes: %s failed (features %#x)\n", what, (unsigned)features);
        failures++;
    }
}

static void run_aes_cbc(uint32_t features, size_t klen)
{
    uint8_t key[32], pt[16 * 11], ct[sizeof pt], back[sizeof pt], iv[16], iv2[16];
    gt_aes_key k;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 13 + klen);
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(i * 7 + 1);
    memset(iv, 0x5a, sizeof iv);
    SECRET(key, sizeof key);
    SECRET(pt, sizeof pt);

    gt_cpu_override(features);
    int rc = gt_aes_init(&k, key, klen); /* key length is public */
    gt_cpu_reset();
    check(rc == 0, "aes init", features);
    gt_aes_encrypt_block(&k, pt, ct);
    gt_aes_decrypt_block(&k, ct, back);
    PUBLIC(back, 16);
    PUBLIC(pt, 16);
    check(memcmp(back, pt, 16) == 0, "block round trip", features);

    memcpy(iv2, iv, 16);
    rc = gt_aes_cbc_encrypt(&k, iv2, pt, ct, sizeof pt);
    check(rc == 0, "cbc encrypt", features);
    memcpy(iv2, iv, 16);
    rc = gt_aes_cbc_decrypt(&k, iv2, ct, back, sizeof pt);
    check(rc == 0, "cbc decrypt", features);
    PUBLIC(back, sizeof back);
    PUBLIC(pt, sizeof pt);
    check(memcmp(back, pt, sizeof pt) == 0, "cbc round trip", features);
    gt_aes_free(&k);
}

static void run_gcm(uint32_t features, size_t klen, size_t len, size_t ivlen)
{
    uint8_t key[32], iv[60], aad[29], tag[16];
    uint8_t *pt = malloc(len + 1), *ct = malloc(len + 1), *back = malloc(len + 1);
    gt_gcm_key g;
    gt_gcm_ctx c;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 29 + 3);
    for (size_t i = 0; i < len; i++)
        pt[i] = (uint8_t)(i * 11 + 5);
    memset(iv, 0xc3, sizeof iv);
    memset(aad, 0x17, sizeof aad);
    SECRET(key, sizeof key);
    SECRET(pt, len);
    SECRET(aad, sizeof aad);

    gt_cpu_override(features);
    int rc = gt_gcm_init(&g, key, klen);
    gt_cpu_reset();
    check(rc == 0, "gcm init", features);
    rc = gt_gcm_seal(&g, iv, ivlen, aad, sizeof aad, pt, len, ct, tag, 16);
    check(rc == 0, "gcm seal", features);

    /* Open with the right tag: the return value depends on secrets. */
    rc = gt_gcm_open(&g, iv, ivlen, aad, sizeof aad, ct, len, tag, 16, back);
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "gcm open", features);
    PUBLIC(back, len);
    PUBLIC(pt, len);
    check(memcmp(back, pt, len) == 0, "gcm round trip", features);

    /* A failing tag: same code path, plaintext masked to zero. */
    tag[3] ^= 1;
    rc = gt_gcm_open(&g, iv, ivlen, aad, sizeof aad, ct, len, tag, 16, back);
    PUBLIC(&rc, sizeof rc);
    check(rc == GT_ERR_CRYPTO_TAG, "gcm open with a bad tag", features);
    PUBLIC(back, len);
    for (size_t i = 0; i < len; i++)
        check(back[i] == 0, "gcm zeroed output", features);

    /* Incremental, with partial blocks. */
    rc = gt_gcm_start(&c, &g, iv, ivlen);
    rc |= gt_gcm_aad(&c, aad, 7);
    rc |= gt_gcm_aad(&c, aad + 7, sizeof aad - 7);
    rc |= gt_gcm_decrypt(&c, ct, back, len / 3);
    rc |= gt_gcm_decrypt(&c, ct + len / 3, back + len / 3, len - len / 3);
    check(rc == 0, "gcm incremental", features);
    gt_gcm_finish(&c, tag);
    gt_gcm_free(&g);
    free(pt), free(ct), free(back);
}

int main(void)
{
    gt_cpu_reset();
    uint32_t all = gt_cpu_features();
    uint32_t sets[3] = {0, all & ~(uint32_t)(GT_CPU_VAES | GT_CPU_VPCLMUL), all};
    int nsets = all == 0 ? 1 : (sets[1] == all ? 2 : 3);
    for (int s = 0; s < nsets; s++) {
        for (size_t klen = 16; klen <= 32; klen += 8)
            run_aes_cbc(sets[s], klen);
        run_gcm(sets[s], 16, 16 * 40 + 5, 12);
        run_gcm(sets[s], 32, 300, 60);
    }
    printf("ct_aes: %d path(s), %d failure(s)\n", nsets, failures);
    return failures != 0;
}
