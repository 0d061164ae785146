/* The ChaCha20-Poly1305 AEAD (RFC 8439 §2.6-2.8). */
#include "core/ct.h"
#include "core/cursor.h"
#include "crypto/chacha_impl.h"

/* RFC 8439 §2.8: at most 2^32 - 1 blocks of 64 bytes after block 0. */
#define MAX_LEN ((uint64_t)0xffffffff * 64)

/* RFC 8439 §2.6: the one-time Poly1305 key is the first 32 bytes of
 * keystream block 0. */
static void poly_key(const uint8_t key[32], const uint8_t nonce[12], uint8_t otk[32])
{
    uint8_t zero[32] = {0};
    gt_chacha20(key, nonce, 0, zero, otk, 32);
}

static void pad16(gt_poly1305_ctx *pc, size_t len)
{
    static const uint8_t zero[16];
    if (len % 16) gt_poly1305_update(pc, zero, 16 - len % 16);
}

/* RFC 8439 §2.8: Poly1305 over aad || pad16 || ct || pad16 || le64(aad_len)
 * || le64(ct_len). */
static void compute_tag(const uint8_t otk[32], const uint8_t *aad, size_t aad_len,
                        const uint8_t *ct, size_t len, uint8_t tag[16])
{
    gt_poly1305_ctx pc;
    uint8_t lens[16];
    gt_poly1305_init(&pc, otk);
    gt_poly1305_update(&pc, aad, aad_len);
    pad16(&pc, aad_len);
    gt_poly1305_update(&pc, ct, len);
    pad16(&pc, len);
    gt_store64_le(lens, (uint64_t)aad_len);
    gt_store64_le(lens + 8, (uint64_t)len);
    gt_poly1305_update(&pc, lens, 16);
    gt_poly1305_final(&pc, tag);
}

int gt_chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                             size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                             uint8_t tag[16])
{
    if ((uint64_t)len > MAX_LEN) return GT_ERR_CRYPTO_LENGTH;
    uint8_t otk[32];
    poly_key(key, nonce, otk);
    gt_chacha20(key, nonce, 1, in, out, len);
    compute_tag(otk, aad, aad_len, out, len, tag);
    gt_wipe(otk, sizeof otk);
    return 0;
}

int gt_chacha20poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                             size_t aad_len, const uint8_t *in, size_t len, const uint8_t tag[16],
                             uint8_t *out)
{
    if ((uint64_t)len > MAX_LEN) return GT_ERR_CRYPTO_LENGTH;
    uint8_t otk[32], want[16];
    poly_key(key, nonce, otk);
    /* The tag covers the ciphertext, so it is computed before in == out is
     * overwritten. The outcome is then applied without a branch (decrypt,
     * then keep the plaintext or zeroes under a mask), so nothing but the
     * returned value depends on whether the tag matched. */
    compute_tag(otk, aad, aad_len, in, len, want);
    uint32_t ok = gt_ct_memeq(want, tag, 16);
    gt_wipe(otk, sizeof otk);
    gt_wipe(want, sizeof want);
    gt_chacha20(key, nonce, 1, in, out, len);
    uint8_t keep = (uint8_t)gt_ct_mask32(ok);
    for (size_t i = 0; i < len; i++)
        out[i] &= keep;
    return (int)gt_ct_select32(ok, 0, (uint32_t)GT_ERR_CRYPTO_TAG);
}
