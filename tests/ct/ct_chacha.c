/* Constant-time check (ctgrind style) for ChaCha20, Poly1305 and the
 * ChaCha20-Poly1305 AEAD: the key, the Poly1305 key and the plaintext are
 * marked undefined for Valgrind's memcheck, so any branch or memory index
 * that depends on them is reported (ctest runs this under valgrind with
 * --error-exitcode). Each primitive runs on the portable path and on the
 * vector path the CPU offers. Valgrind's virtual CPU has no AVX-512, so the
 * vector path checked here is AVX2; the AVX-512 ChaCha20 uses the same
 * branch-free structure. Only results that are public by design (the
 * return value of open) are marked defined, just before they are tested. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/cpu.h"
#include "crypto/chacha_impl.h"
#include "util/testutil.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED(p, n)
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED(p, n)

enum { MAXLEN = 3000 };

static const size_t lens[] = {0, 1, 15, 16, 63, 64, 65, 255, 256, 300, 513, 1031, MAXLEN};
#define NLENS (sizeof lens / sizeof lens[0])

static int failures;

static void check(int cond, const char *what, size_t len)
{
    if (!cond) {
        fprintf(stderr, "ct_chacha: %s (len %zu)\n", what, len);
        failures++;
    }
}

static void run_chacha(uint8_t *key, const uint8_t nonce[12], uint8_t *pt, uint8_t *out)
{
    for (size_t i = 0; i < NLENS; i++) {
        SECRET(key, 32);
        SECRET(pt, lens[i]);
        gt_chacha20(key, nonce, 7, pt, out, lens[i]);
        gt_chacha20(key, nonce, 0xfffffffe, out, out, lens[i]); /* in place, counter wrap */
    }
}

static void run_poly(uint8_t *key, uint8_t *msg)
{
    uint8_t tag[16];
    for (size_t i = 0; i < NLENS; i++) {
        SECRET(key, 32);
        SECRET(msg, lens[i]);
        gt_poly1305_ctx c;
        gt_poly1305_init(&c, key);
        gt_poly1305_update(&c, msg, lens[i] / 3);
        gt_poly1305_update(&c, msg + lens[i] / 3, lens[i] - lens[i] / 3);
        gt_poly1305_final(&c, tag);
    }
}

static void run_aead(uint8_t *key, const uint8_t nonce[12], uint8_t *aad, uint8_t *pt, uint8_t *ct,
                     uint8_t *back)
{
    for (size_t i = 0; i < NLENS; i++) {
        size_t n = lens[i];
        uint8_t tag[16];
        SECRET(key, 32);
        SECRET(pt, n);
        SECRET(aad, 13);
        int rc = gt_chacha20poly1305_seal(key, nonce, aad, 13, pt, n, ct, tag);
        check(rc == 0, "seal failed", n);

        /* a valid open: the tag is what seal produced (secret-derived) */
        rc = gt_chacha20poly1305_open(key, nonce, aad, 13, ct, n, tag, back);
        PUBLIC(&rc, sizeof rc);
        check(rc == 0, "open of a valid message failed", n);

        /* a failing open: one tag bit flipped */
        tag[5] ^= 0x10;
        rc = gt_chacha20poly1305_open(key, nonce, aad, 13, ct, n, tag, back);
        PUBLIC(&rc, sizeof rc);
        check(rc == GT_ERR_CRYPTO_TAG, "open of a forged message did not fail", n);
    }
}

int main(void)
{
    uint8_t key[32], nonce[12], aad[13];
    uint8_t *pt = malloc(MAXLEN), *ct = malloc(MAXLEN), *back = malloc(MAXLEN);
    if (!pt || !ct || !back) return 2;
    tu_fill(key, 32, 1), tu_fill(nonce, 12, 2), tu_fill(aad, 13, 3), tu_fill(pt, MAXLEN, 4);

    uint32_t native = gt_cpu_features(); /* 0 under GT_FORCE_PORTABLE=1 */
    const uint32_t modes[2] = {native, 0};
    for (int m = 0; m < (native ? 2 : 1); m++) {
        gt_cpu_override(modes[m]);
        run_chacha(key, nonce, pt, ct);
        run_poly(key, pt);
        run_aead(key, nonce, aad, pt, ct, back);
    }
    printf("ct_chacha: features %#x%s, %d failure(s)\n", native, native ? " and portable" : "",
           failures);
    free(pt), free(ct), free(back);
    return failures ? 1 : 0;
}
