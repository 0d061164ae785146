/* The TLS 1.2 PRF (RFC 5246 §5):
 *   P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 *   A(0) = seed, A(i) = HMAC(secret, A(i-1))
 *   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
 * The keyed HMAC state is computed once and copied for every HMAC, so the
 * secret is hashed into the pads only once per call. */
#include "gt/crypto/hash.h"

#include <string.h>

#include "core/ct.h"

/* HMAC(secret, a || label || seed1 || seed2) from the keyed state. */
static void hmac_seeded(const gt_hmac_ctx *keyed, const uint8_t *a, size_t alen, const char *label,
                        size_t llen, const uint8_t *s1, size_t n1, const uint8_t *s2, size_t n2,
                        uint8_t *out)
{
    gt_hmac_ctx c = *keyed;
    if (alen) gt_hmac_update(&c, a, alen);
    if (llen) gt_hmac_update(&c, label, llen);
    if (n1) gt_hmac_update(&c, s1, n1);
    if (n2) gt_hmac_update(&c, s2, n2);
    gt_hmac_final(&c, out);
}

int gt_tls12_prf(const gt_hash *h, const uint8_t *secret, size_t secret_len, const char *label,
                 const uint8_t *seed1, size_t seed1_len, const uint8_t *seed2, size_t seed2_len,
                 uint8_t *out, size_t out_len)
{
    if (!h || !label || (!secret && secret_len) || (!seed1 && seed1_len) || (!seed2 && seed2_len) ||
        (!out && out_len))
        return GT_ERR_ARG;

    size_t llen = strlen(label), hl = h->out_len;
    uint8_t a[GT_HASH_MAX_LEN], block[GT_HASH_MAX_LEN];
    gt_hmac_ctx keyed;
    gt_hmac_init(&keyed, h, secret, secret_len);

    /* A(1) = HMAC(secret, A(0)) with A(0) = label + seed. */
    hmac_seeded(&keyed, NULL, 0, label, llen, seed1, seed1_len, seed2, seed2_len, a);
    while (out_len) {
        size_t take = out_len < hl ? out_len : hl;
        hmac_seeded(&keyed, a, hl, label, llen, seed1, seed1_len, seed2, seed2_len, block);
        memcpy(out, block, take);
        out += take;
        out_len -= take;
        if (out_len) {
            gt_hmac_ctx c = keyed;
            gt_hmac_update(&c, a, hl);
            gt_hmac_final(&c, a); /* A(i+1) = HMAC(secret, A(i)) */
        }
    }
    gt_wipe(a, sizeof a);
    gt_wipe(block, sizeof block);
    gt_wipe(&keyed, sizeof keyed);
    return 0;
}
