/* Constant-time check (ctgrind style) for AEAD record protection through
 * the record layer (tls/record/record.c, rec_aead.c; RFC 5246 §6.2.3.3):
 * the traffic key and the plaintext are marked undefined for Valgrind's
 * memcheck, records are sealed and opened with gt_rec_seal / gt_rec_open
 * (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305, lengths 0..2^14), and
 * tampered records are refused. Any branch or memory index on the key or
 * the plaintext is reported.
 *
 * The one decision that is public by design is the tag verdict: a record
 * that fails is answered with bad_record_mac for all to see. The record
 * layer branches on it right where the primitive returns (gcm_open,
 * chacha_open, gt_rec_open), and it cannot be declassified from here, so
 * ct_record.supp names exactly those three functions, for conditional
 * jumps only (never for memory indexes). The primitives' own open paths
 * are checked without any suppression by ct_aes and ct_chacha. */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/ct.h"
#include "record/record.h"
#include "util/testutil.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int failures;

static void check(int ok, const char *what, const char *cipher, size_t len)
{
    if (!ok) {
        fprintf(stderr, "ct_record: %s: %s (len %zu)\n", cipher, what, len);
        failures++;
    }
}

static const size_t lens[] = {0, 1, 16, 255, 1000, 4096, 16384};
#define NLENS (sizeof lens / sizeof lens[0])

static uint8_t rec[GT_REC_HDR + GT_REC_MAX_CIPHER], data[GT_REC_MAX_PLAIN];

static void states(gt_rec_state *w, gt_rec_state *r, gt_cipher_type t, size_t klen)
{
    uint8_t key[32], iv[12];
    size_t ivlen = t == GT_CIPHER_AES_GCM ? 4 : 12;
    tu_fill(key, sizeof key, klen);
    tu_fill(iv, sizeof iv, 99);
    SECRET(key, sizeof key);
    SECRET(iv, sizeof iv);
    int e1 = gt_rec_state_init(w, t, key, klen, iv, ivlen);
    int e2 = gt_rec_state_init(r, t, key, klen, iv, ivlen);
    PUBLIC(&e1, sizeof e1);
    PUBLIC(&e2, sizeof e2);
    check(e1 == 0 && e2 == 0, "state init", "-", klen);
}

static void run(gt_cipher_type t, size_t klen, const char *name)
{
    gt_rec_state w, r;
    states(&w, &r, t, klen);
    for (size_t i = 0; i < NLENS; i++) {
        size_t n = lens[i], rlen = 0, plen = 0;
        uint8_t *plain = NULL;
        for (int tamper = 0; tamper < 2; tamper++) {
            tu_fill(data, n, n + 1);
            memcpy(rec + GT_REC_HDR + w.ops->prefix, data, n);
            SECRET(rec + GT_REC_HDR + w.ops->prefix, n);
            int e = gt_rec_seal(&w, GT_CT_APPLICATION_DATA, 0x0303, rec, n, &rlen);
            PUBLIC(&e, sizeof e);
            check(e == 0, "seal", name, n);
            /* the record goes on the wire: it is public */
            PUBLIC(rec, rlen);
            if (tamper) rec[rlen - 1 - (n % 7)] ^= 0x20;
            e = gt_rec_open(&r, rec, rlen, &plain, &plen);
            PUBLIC(&e, sizeof e);
            if (tamper) {
                check(e == GT_ERR_BAD_RECORD_MAC, "tampered record accepted", name, n);
                /* the reader's sequence number did not advance: resync */
                w.seq = r.seq;
                continue;
            }
            check(e == 0 && plen == n, "open", name, n);
            if (e == 0) {
                int same = gt_ct_memeq(plain, data, n);
                PUBLIC(&same, sizeof same);
                check(same, "plaintext differs", name, n);
            }
        }
    }
    gt_rec_state_wipe(&w);
    gt_rec_state_wipe(&r);
}

int main(void)
{
    run(GT_CIPHER_AES_GCM, 16, "AES-128-GCM");
    run(GT_CIPHER_AES_GCM, 32, "AES-256-GCM");
    run(GT_CIPHER_CHACHA_POLY, 32, "ChaCha20-Poly1305");
    if (failures) fprintf(stderr, "ct_record: %d failures\n", failures);
    return failures ? 1 : 0;
}
