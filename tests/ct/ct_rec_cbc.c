/* Constant-time check (ctgrind style) for the MAC-then-encrypt CBC record
 * check (tls/record/rec_cbc.c, gt_rec_cbc_check): the decrypted record —
 * content, MAC and padding — and the MAC key are marked undefined for
 * valgrind's memcheck, which then reports any branch or memory index that
 * depends on them. Only the final ok bit and the length are made defined,
 * as the record layer's single `if (!good)` does. Run over good records,
 * every padding length class, bad padding, a bad MAC and a padding_length
 * past the record, for SHA-1, SHA-256 and SHA-384: the Lucky13 property
 * (AlFardan & Paterson 2013) is that none of these differ in control flow.
 * Runs under valgrind from ctest (tests/CMakeLists.txt). */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/cursor.h"
#include "record/record.h"
#include "util/testutil.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static void make_record(const gt_hash *h, const uint8_t *key, uint8_t *d, size_t n, size_t pad,
                        int spoil)
{
    size_t m = h->out_len, len = n - 1 - pad - m;
    uint8_t hdr[13] = {0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3, 0, 0};
    hdr[11] = (uint8_t)(len >> 8), hdr[12] = (uint8_t)len;
    tu_fill(d, len, (uint32_t)(n + pad));
    gt_hmac_ctx c;
    gt_hmac_init(&c, h, key, m);
    gt_hmac_update(&c, hdr, 13);
    gt_hmac_update(&c, d, len);
    gt_hmac_final(&c, d + len);
    memset(d + len + m, (int)pad, pad + 1);
    if (spoil == 1) d[n - 2] ^= 1;  /* bad padding (or MAC when pad is 0) */
    if (spoil == 2) d[len] ^= 1;    /* bad MAC */
    if (spoil == 3) d[n - 1] = 255; /* padding_length past the record */
}

int main(void)
{
    static const gt_hash *const hashes[] = {&gt_hash_sha1, &gt_hash_sha256, &gt_hash_sha384};
    static uint8_t d[1024], key[48];
    int bad = 0;
    for (size_t hi = 0; hi < 3; hi++) {
        const gt_hash *h = hashes[hi];
        size_t m = h->out_len;
        for (size_t pad = 0; pad < 256; pad += 85) {
            for (int spoil = 0; spoil < 4; spoil++) {
                size_t n = (m + pad + 1 + 20 + 15) / 16 * 16; /* whole blocks */
                tu_fill(key, sizeof key, 7);
                make_record(h, key, d, n, pad, spoil);
                uint8_t aad[13] = {0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3, 0, 0};
                size_t len = 0;
                SECRET(d, n);
                SECRET(key, sizeof key);
                uint32_t ok = gt_rec_cbc_check(h, key, m, aad, d, n, &len);
                PUBLIC(&ok, sizeof ok);
                PUBLIC(&len, sizeof len);
                PUBLIC(d, n);
                PUBLIC(key, sizeof key);
                int want = spoil == 0 || (spoil == 3 && pad == 255); /* 255 is 255 */
                printf("%s pad=%3zu spoil=%d: ok=%u len=%zu\n", h->name, pad, spoil, ok, len);
                if ((int)ok != want) bad = 1;
            }
        }
    }
    return bad;
}
